using System.Collections.Generic;

namespace DaemonLint.Syntax;

/// <summary>
/// The Kubernetes name and label syntax checks, with the upstream messages
/// (k8s.io/apimachinery/pkg/util/validation, content/kube.go). Each returns the list of failed messages (empty: valid).
/// </summary>
public static class K8sNames
{
    /// <summary>The regex Kubernetes shows for a qualified name part.</summary>
    public const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

    /// <summary>The regex Kubernetes shows for a label value.</summary>
    public const string LabelValueFmt = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

    /// <summary>The regex Kubernetes shows for a DNS-1123 label.</summary>
    public const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    /// <summary>The regex Kubernetes shows for a DNS-1123 subdomain.</summary>
    public const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";

    private const string QualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string Dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    /// <summary>The answer of a check that found nothing: one shared empty list, never added to.</summary>
    internal static readonly List<string> NoErrors = new(0);

    /// <summary>Builds the upstream "must consist of ... (e.g. 'a',  or 'b', regex used for validation is '...')" text.</summary>
    /// <param name="msg">The leading message.</param>
    /// <param name="fmt">The regex.</param>
    /// <param name="examples">Examples.</param>
    /// <returns>The message.</returns>
    public static string RegexError(string msg, string fmt, params string[] examples)
    {
        var s = msg;
        if (examples.Length > 0)
        {
            s += " (e.g. ";
            for (var i = 0; i < examples.Length; i++)
            {
                if (i > 0)
                {
                    s += " or ";
                }

                s += "'" + examples[i] + "', ";
            }

            s += "regex used for validation is '" + fmt + "')";
        }
        else
        {
            s += " (regex used for validation is '" + fmt + "')";
        }

        return s;
    }

    /// <summary>Gets the upstream max-length message.</summary>
    /// <param name="length">The limit.</param>
    /// <returns>The message.</returns>
    public static string MaxLenError(int length) => $"must be no more than {length} characters";

    /// <summary>Checks a label key (a qualified name: optional DNS subdomain prefix, '/', name of at most 63 characters).</summary>
    /// <param name="value">The key.</param>
    /// <returns>The messages.</returns>
    public static List<string> IsLabelKey(string value) => IsQualifiedNameCore(value, "a valid label key ");

    /// <summary>Checks a qualified name (annotation keys, after lower-casing).</summary>
    /// <param name="value">The name.</param>
    /// <returns>The messages.</returns>
    public static List<string> IsQualifiedName(string value) => IsQualifiedNameCore(value, "a qualified name ");

    /// <summary>Checks a label value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The messages.</returns>
    public static List<string> IsLabelValue(string value)
    {
        if (value.Length == 0 || (value.Length <= 63 && MatchesQualifiedPart(value)))
        {
            return NoErrors;
        }

        var errs = new List<string>(2);
        if (value.Length > 63)
        {
            errs.Add(MaxLenError(63));
        }

        if (!MatchesQualifiedPart(value))
        {
            errs.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        }

        return errs;
    }

    /// <summary>Checks a DNS-1123 label (container, volume and port-less names).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The messages.</returns>
    public static List<string> IsDns1123Label(string value)
    {
        if (value.Length <= 63 && MatchesDnsLabel(value, 0, value.Length))
        {
            return NoErrors;
        }

        var errs = new List<string>(2);
        if (value.Length > 63)
        {
            errs.Add(MaxLenError(63));
        }

        if (!MatchesDnsLabel(value, 0, value.Length))
        {
            errs.Add(MatchesDnsSubdomain(value) ? "must not contain dots" : RegexError(Dns1123LabelErrMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        }

        return errs;
    }

    /// <summary>Checks a DNS-1123 subdomain (object names, node names).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The messages.</returns>
    public static List<string> IsDns1123Subdomain(string value)
    {
        if (value.Length <= 253 && MatchesDnsSubdomain(value))
        {
            return NoErrors;
        }

        var errs = new List<string>(2);
        if (value.Length > 253)
        {
            errs.Add(MaxLenError(253));
        }

        if (!MatchesDnsSubdomain(value))
        {
            errs.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        }

        return errs;
    }

    /// <summary>Checks an object name (or, with <paramref name="prefix"/>, a generateName, which may end in '-').</summary>
    /// <param name="value">The name.</param>
    /// <param name="prefix">Whether the value is a generateName prefix.</param>
    /// <returns>The messages.</returns>
    public static List<string> NameIsDnsSubdomain(string value, bool prefix)
    {
        // maskTrailingDash, quirk included: it drops the last two characters and appends one.
        if (prefix && value.Length > 1 && value[value.Length - 1] == '-')
        {
            value = value.Substring(0, value.Length - 2) + "a";
        }

        return IsDns1123Subdomain(value);
    }

    /// <summary>Checks a ConfigMap or Secret key (<c>IsConfigMapKey</c>): at most 253 characters of <c>[-._a-zA-Z0-9]</c>, not <c>.</c>, <c>..</c> or <c>..</c>-prefixed.</summary>
    /// <param name="value">The key.</param>
    /// <returns>The messages.</returns>
    public static List<string> IsConfigMapKey(string value)
    {
        var matches = value.Length > 0;
        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '.' or '_'))
            {
                matches = false;
                break;
            }
        }

        var chDir = value == "." ? "must not be '.'" : value == ".." ? "must not be '..'" : value.StartsWith("..", System.StringComparison.Ordinal) ? "must not start with '..'" : null;
        if (matches && value.Length <= 253 && chDir is null)
        {
            return NoErrors;
        }

        var errs = new List<string>(3);
        if (value.Length > 253)
        {
            errs.Add(MaxLenError(253));
        }

        if (!matches)
        {
            errs.Add(RegexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name"));
        }

        if (chDir is not null)
        {
            errs.Add(chDir);
        }

        return errs;
    }

    /// <summary>Checks an HTTP header name (<c>IsHTTPHeaderName</c>): one or more of <c>[-A-Za-z0-9]</c>.</summary>
    /// <param name="value">The name.</param>
    /// <returns>The messages.</returns>
    public static List<string> IsHttpHeaderName(string value)
    {
        var matches = value.Length > 0;
        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-'))
            {
                matches = false;
                break;
            }
        }

        return matches ? NoErrors : new List<string> { RegexError("a valid HTTP header must consist of alphanumeric characters or '-'", "[-A-Za-z0-9]+", "X-Header-Name") };
    }

    /// <summary>Checks a percent string (<c>[0-9]+%</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The messages.</returns>
    public static List<string> IsValidPercent(string value)
    {
        if (TryParsePercent(value, out _))
        {
            return NoErrors;
        }

        return new List<string> { RegexError("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%") };
    }

    /// <summary>Parses <c>[0-9]+%</c>.</summary>
    /// <param name="value">The text.</param>
    /// <param name="percent">The number (saturated at int.MaxValue).</param>
    /// <returns>Whether the text is a valid percent string.</returns>
    public static bool TryParsePercent(string value, out int percent)
    {
        percent = 0;
        if (value.Length < 2 || value[value.Length - 1] != '%')
        {
            return false;
        }

        long n = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            n = n > int.MaxValue ? n : (n * 10) + (c - '0');
        }

        percent = n > int.MaxValue ? int.MaxValue : (int)n;
        return true;
    }

    private static List<string> IsQualifiedNameCore(string value, string wholePrefix)
    {
        var slash = value.IndexOf('/');
        if (slash < 0 && value.Length is > 0 and <= 63 && MatchesQualifiedPart(value, 0, value.Length))
        {
            return NoErrors;
        }

        // The common valid prefixed key (app.kubernetes.io/name), checked without substrings or lists.
        if (slash is > 0 and <= 253 && value.Length - slash - 1 is > 0 and <= 63 && value.IndexOf('/', slash + 1) < 0
            && MatchesDnsSubdomain(value, 0, slash) && MatchesQualifiedPart(value, slash + 1, value.Length))
        {
            return NoErrors;
        }

        var errs = new List<string>(2);
        string name;
        if (slash < 0)
        {
            name = value;
        }
        else if (value.IndexOf('/', slash + 1) >= 0)
        {
            errs.Add(wholePrefix + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        else
        {
            var prefix = value.Substring(0, slash);
            name = value.Substring(slash + 1);
            if (prefix.Length == 0)
            {
                errs.Add("prefix part must be non-empty");
            }
            else
            {
                foreach (var m in IsDns1123Subdomain(prefix))
                {
                    errs.Add("prefix part " + m);
                }
            }
        }

        if (name.Length == 0)
        {
            errs.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            errs.Add("name part " + MaxLenError(63));
        }

        if (!MatchesQualifiedPart(name))
        {
            errs.Add("name part " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        }

        return errs;
    }

    private static bool IsAlnum(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    private static bool IsLowerAlnum(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

    private static bool MatchesQualifiedPart(string s) => MatchesQualifiedPart(s, 0, s.Length);

    // ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
    private static bool MatchesQualifiedPart(string s, int start, int end)
    {
        if (end <= start || !IsAlnum(s[start]) || !IsAlnum(s[end - 1]))
        {
            return false;
        }

        for (var i = start + 1; i < end - 1; i++)
        {
            var c = s[i];
            if (!IsAlnum(c) && c != '-' && c != '_' && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    // [a-z0-9]([-a-z0-9]*[a-z0-9])?
    private static bool MatchesDnsLabel(string s, int start, int end)
    {
        if (end <= start || !IsLowerAlnum(s[start]) || !IsLowerAlnum(s[end - 1]))
        {
            return false;
        }

        for (var i = start + 1; i < end - 1; i++)
        {
            if (!IsLowerAlnum(s[i]) && s[i] != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesDnsSubdomain(string s) => MatchesDnsSubdomain(s, 0, s.Length);

    private static bool MatchesDnsSubdomain(string s, int from, int to)
    {
        var start = from;
        for (var i = from; i <= to; i++)
        {
            if (i == to || s[i] == '.')
            {
                if (!MatchesDnsLabel(s, start, i))
                {
                    return false;
                }

                start = i + 1;
            }
        }

        return true;
    }
}
