using System.Collections.Generic;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1327: windowsOptions gmsaCredentialSpecName, gmsaCredentialSpec and runAsUserName, at pod level and in every
/// container (CV validateWindowsSecurityContextOptions). Lengths are in bytes, as Go's len counts them.
/// </summary>
internal sealed class DS1327WindowsOptionsMustBeValid : Rule
{
    private const int MaxGmsaCredentialSpecLengthInKiB = 64;
    private const int MaxRunAsUserNameDomainLength = 256;
    private const int MaxRunAsUserNameUserLength = 104;

    // invalidUserNameCharsRegex: ["/\\:;|=,\+\*\?<>@\[\]]
    private static readonly char[] InvalidUserNameChars = { '"', '/', '\\', ':', ';', '|', '=', ',', '+', '*', '?', '<', '>', '@', '[', ']' };

    /// <summary>Initializes a new instance of the <see cref="DS1327WindowsOptionsMustBeValid"/> class.</summary>
    public DS1327WindowsOptionsMustBeValid()
        : base(RuleCatalog.DS1327_WindowsOptionsMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        CheckOptions(context, context.PodSpec.Map("securityContext").Map("windowsOptions"), Paths.PodSpec.Child("securityContext", "windowsOptions"));
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            CheckOptions(context, c.Node.Map("securityContext").Map("windowsOptions"), c.Path.Child("securityContext", "windowsOptions"));
        }
    }

    private static void CheckOptions(RuleContext context, MappingNode? options, FieldPath path)
    {
        if (options is null)
        {
            return;
        }

        if (PodFields.TryString(options, "gmsaCredentialSpecName", out var specName) && specName is not null)
        {
            foreach (var msg in K8sNames.IsDns1123Subdomain(specName))
            {
                context.Report(FindingKind.Invalid, path.Child("gmsaCredentialSpecName"), msg, Nodes.Quote(specName), "name the GMSACredentialSpec resource: a lower-case DNS subdomain");
            }
        }

        if (PodFields.TryString(options, "gmsaCredentialSpec", out var spec) && spec is not null)
        {
            if (spec.Length == 0)
            {
                context.Report(FindingKind.Invalid, path.Child("gmsaCredentialSpec"), "gmsaCredentialSpec cannot be an empty string", Nodes.Quote(spec), "remove gmsaCredentialSpec or give the credential spec JSON (usually through gmsaCredentialSpecName)");
            }
            else if (Encoding.UTF8.GetByteCount(spec) > MaxGmsaCredentialSpecLengthInKiB * 1024)
            {
                context.Report(FindingKind.Invalid, path.Child("gmsaCredentialSpec"), $"gmsaCredentialSpec size must be under {MaxGmsaCredentialSpecLengthInKiB} KiB", Nodes.Quote(Shorten(spec)));
            }
        }

        if (PodFields.TryString(options, "runAsUserName", out var userName) && userName is not null)
        {
            foreach (var msg in RunAsUserNameErrors(userName))
            {
                context.Report(FindingKind.Invalid, path.Child("runAsUserName"), msg, Nodes.Quote(userName), "write USER or DOMAIN\\USER");
            }
        }
    }

    private static string Shorten(string s) => s.Length <= 64 ? s : s.Substring(0, 64) + "...";

    private static List<string> RunAsUserNameErrors(string value)
    {
        var errs = new List<string>(2);
        if (value.Length == 0)
        {
            errs.Add("runAsUserName cannot be an empty string");
            return errs;
        }

        if (HasControlCharacter(value))
        {
            errs.Add("runAsUserName cannot contain control characters");
            return errs;
        }

        var backslash = value.IndexOf('\\');
        if (backslash >= 0 && value.IndexOf('\\', backslash + 1) >= 0)
        {
            errs.Add("runAsUserName cannot contain more than one backslash");
            return errs;
        }

        var hasDomain = backslash >= 0;
        var domain = hasDomain ? value.Substring(0, backslash) : string.Empty;
        var user = hasDomain ? value.Substring(backslash + 1) : value;
        if (Encoding.UTF8.GetByteCount(domain) >= MaxRunAsUserNameDomainLength)
        {
            errs.Add($"runAsUserName's Domain length must be under {MaxRunAsUserNameDomainLength} characters");
        }

        if (hasDomain && !(IsNetBiosDomain(domain) || IsDnsDomain(domain)))
        {
            errs.Add("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
        }

        var userLength = Encoding.UTF8.GetByteCount(user);
        if (userLength == 0)
        {
            errs.Add("runAsUserName's User cannot be empty");
        }
        else if (userLength > MaxRunAsUserNameUserLength)
        {
            errs.Add($"runAsUserName's User length must not be longer than {MaxRunAsUserNameUserLength} characters");
        }

        if (user.Length > 0 && user.Trim('.', ' ').Length == 0)
        {
            errs.Add("runAsUserName's User cannot contain only periods or spaces");
        }

        if (user.IndexOfAny(InvalidUserNameChars) >= 0)
        {
            errs.Add("runAsUserName's User cannot contain the following characters: \"/\\:;|=,+*?<>@[]");
        }

        return errs;
    }

    // [[:cntrl:]]: ASCII control characters.
    private static bool HasControlCharacter(string s)
    {
        foreach (var c in s)
        {
            if (c < 0x20 || c == 0x7F)
            {
                return true;
            }
        }

        return false;
    }

    // ^[^\\/:\*\?"<>|\.][^\\/:\*\?"<>|]{0,14}$ : 1 to 15 runes, none of \ / : * ? " < > |, not starting with a dot.
    private static bool IsNetBiosDomain(string domain)
    {
        var runes = 0;
        for (var i = 0; i < domain.Length; i++)
        {
            var c = domain[i];
            if (c is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || (i == 0 && c == '.'))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < domain.Length && char.IsLowSurrogate(domain[i + 1]))
            {
                i++;
            }

            runes++;
        }

        return runes is >= 1 and <= 15;
    }

    // ^label(\.label)*$ with label [a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?
    private static bool IsDnsDomain(string domain)
    {
        var start = 0;
        for (var i = 0; i <= domain.Length; i++)
        {
            if (i < domain.Length && domain[i] != '.')
            {
                continue;
            }

            var len = i - start;
            if (len is < 1 or > 63 || !IsAlnum(domain[start]) || !IsAlnum(domain[i - 1]))
            {
                return false;
            }

            for (var j = start; j < i; j++)
            {
                if (!(IsAlnum(domain[j]) || domain[j] == '-'))
                {
                    return false;
                }
            }

            start = i + 1;
        }

        return true;
    }

    private static bool IsAlnum(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';
}
