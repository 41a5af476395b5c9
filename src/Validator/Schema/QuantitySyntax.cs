namespace DaemonLint.Schema;

/// <summary>
/// The syntax check of <c>resource.ParseQuantity</c> (k8s.io/apimachinery/pkg/api/resource/quantity.go), which the
/// decoder runs on every quantity: <c>&lt;sign&gt;&lt;digits&gt;[.&lt;digits&gt;]&lt;suffix&gt;</c> with a binary
/// (Ki..Ei), decimal (n, u, m, k, M..E) or exponent (e3, E-2) suffix. Range and precision are not checked.
/// </summary>
public static class QuantitySyntax
{
    /// <summary>The upstream ErrFormatWrong text.</summary>
    public const string FormatWrong = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>The upstream ErrSuffix text.</summary>
    public const string SuffixWrong = "unable to parse quantity's suffix";

    /// <summary>Checks a quantity string the way <c>ParseQuantity</c> does after trimming spaces.</summary>
    /// <param name="text">The text (already without JSON quotes).</param>
    /// <returns>Null when it parses, otherwise the upstream error text.</returns>
    public static string? Check(string text)
    {
        var s = text.Trim();
        if (s.Length == 0)
        {
            return FormatWrong;
        }

        var pos = 0;
        var end = s.Length;
        if (s[0] is '+' or '-')
        {
            pos++;
        }

        // numerator digits (leading zeros included), then an optional '.' and denominator digits
        while (pos < end && s[pos] is >= '0' and <= '9')
        {
            pos++;
        }

        if (pos < end && s[pos] == '.')
        {
            pos++;
            while (pos < end && s[pos] is >= '0' and <= '9')
            {
                pos++;
            }
        }

        var suffixStart = pos;
        while (pos < end && "eEinumkKMGTP".IndexOf(s[pos]) >= 0)
        {
            pos++;
        }

        if (pos < end && s[pos] is '-' or '+')
        {
            pos++;
        }

        while (pos < end && s[pos] is >= '0' and <= '9')
        {
            pos++;
        }

        if (pos < end)
        {
            return FormatWrong;
        }

        return IsValidSuffix(s.Substring(suffixStart)) ? null : SuffixWrong;
    }

    private static bool IsValidSuffix(string suffix)
    {
        switch (suffix)
        {
            case "":
            case "Ki":
            case "Mi":
            case "Gi":
            case "Ti":
            case "Pi":
            case "Ei":
            case "n":
            case "u":
            case "m":
            case "k":
            case "M":
            case "G":
            case "T":
            case "P":
            case "E":
                return true;
        }

        if (suffix.Length > 1 && suffix[0] is 'e' or 'E')
        {
            var i = 1;
            if (suffix[i] is '+' or '-')
            {
                i++;
            }

            if (i >= suffix.Length)
            {
                return false;
            }

            for (; i < suffix.Length; i++)
            {
                if (suffix[i] is < '0' or > '9')
                {
                    return false;
                }
            }

            return true;
        }

        return false;
    }
}
