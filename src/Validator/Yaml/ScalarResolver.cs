using System;
using System.Globalization;
using DaemonLint.Model;

namespace DaemonLint.Yaml;

/// <summary>
/// Resolves plain YAML scalars the way the Kubernetes decoder does: sigs.k8s.io/yaml over go-yaml v2, i.e. YAML 1.1
/// (<c>yes/no/on/off/y/n</c> are booleans, <c>0640</c> is octal 416, <c>1.10</c> is the float 1.1).
/// </summary>
public static class ScalarResolver
{
    /// <summary>Resolves a plain (unquoted) scalar.</summary>
    /// <param name="text">The scalar text.</param>
    /// <param name="number">The numeric value (1/0 for booleans).</param>
    /// <param name="integer">The exact integer for <see cref="ScalarType.Int"/>.</param>
    /// <returns>The type.</returns>
    public static ScalarType ResolvePlain(string text, out double number, out long integer)
    {
        number = 0;
        integer = 0;
        if (text.Length == 0)
        {
            return ScalarType.Null;
        }

        // Most scalars are plain strings: every null, bool, int or float form starts with one of these characters,
        // so anything else is a string without hashing it for the switch below.
        if (!(text[0] is >= '0' and <= '9' or '+' or '-' or '.' or '~' or 'n' or 'N' or 'y' or 'Y' or 'o' or 'O' or 't' or 'T' or 'f' or 'F'))
        {
            return ScalarType.String;
        }

        switch (text)
        {
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return ScalarType.Null;
            case "y":
            case "Y":
            case "yes":
            case "Yes":
            case "YES":
            case "on":
            case "On":
            case "ON":
            case "true":
            case "True":
            case "TRUE":
                number = 1;
                return ScalarType.Bool;
            case "n":
            case "N":
            case "no":
            case "No":
            case "NO":
            case "off":
            case "Off":
            case "OFF":
            case "false":
            case "False":
            case "FALSE":
                return ScalarType.Bool;
            case ".nan":
            case ".NaN":
            case ".NAN":
                number = double.NaN;
                return ScalarType.Float;
            case ".inf":
            case ".Inf":
            case ".INF":
            case "+.inf":
            case "+.Inf":
            case "+.INF":
                number = double.PositiveInfinity;
                return ScalarType.Float;
            case "-.inf":
            case "-.Inf":
            case "-.INF":
                number = double.NegativeInfinity;
                return ScalarType.Float;
        }

        var c = text[0];
        if (!(c is >= '0' and <= '9' or '+' or '-' or '.'))
        {
            return ScalarType.String;
        }

        // go-yaml strips underscores only on its integer path (first character a digit or sign); after a leading dot
        // it calls ParseFloat on the text as written, which takes an underscore only between two digits (.5_0).
        if (c == '.' && !UnderscoresBetweenDigits(text))
        {
            return ScalarType.String;
        }

        var plain = text.IndexOf('_') >= 0 ? text.Replace("_", string.Empty) : text;
        if (TryParseGoInt(plain, out integer))
        {
            number = integer;
            return ScalarType.Int;
        }

        if (TryParseGoUint(plain, out var big))
        {
            number = big;
            return ScalarType.Float;
        }

        // Go's ParseFloat fails with ErrRange beyond the largest double (1e400), and go-yaml then keeps the text as a
        // string; .NET returns infinity instead. An underflow (1e-400) is 0 in both.
        if (IsGoFloatSyntax(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && !double.IsInfinity(number))
        {
            return ScalarType.Float;
        }

        number = 0;
        return ScalarType.String;
    }

    /// <summary>Parses like Go's <c>strconv.ParseInt(s, 0, 64)</c>: sign, then <c>0x</c>, <c>0o</c>, <c>0b</c> or a leading-zero octal.</summary>
    /// <param name="s">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether it parsed without overflow.</returns>
    public static bool TryParseGoInt(string s, out long value)
    {
        value = 0;
        var neg = false;
        var i = 0;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            neg = s[0] == '-';
            i = 1;
        }

        if (!TryParseMagnitude(s, i, out var mag))
        {
            return false;
        }

        if (neg)
        {
            if (mag > 9223372036854775808UL)
            {
                return false;
            }

            value = mag == 9223372036854775808UL ? long.MinValue : -(long)mag;
            return true;
        }

        if (mag > long.MaxValue)
        {
            return false;
        }

        value = (long)mag;
        return true;
    }

    /// <summary>Parses a base-10 signed 64-bit integer like Go's <c>strconv.ParseInt(s, 10, 64)</c> (leading zeros allowed).</summary>
    /// <param name="s">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseDecimalInt64(string s, out long value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var i = s[0] is '+' or '-' ? 1 : 0;
        if (i == s.Length)
        {
            return false;
        }

        for (var j = i; j < s.Length; j++)
        {
            if (s[j] is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseGoUint(string s, out ulong value)
    {
        value = 0;
        return s.Length > 0 && s[0] != '-' && TryParseMagnitude(s, s[0] == '+' ? 1 : 0, out value);
    }

    private static bool TryParseMagnitude(string s, int i, out ulong mag)
    {
        mag = 0;
        if (i >= s.Length)
        {
            return false;
        }

        var radix = 10;
        if (s[i] == '0' && i + 1 < s.Length)
        {
            switch (s[i + 1])
            {
                case 'x':
                case 'X':
                    radix = 16;
                    i += 2;
                    break;
                case 'b':
                case 'B':
                    radix = 2;
                    i += 2;
                    break;
                case 'o':
                case 'O':
                    radix = 8;
                    i += 2;
                    break;
                default:
                    radix = 8;
                    i += 1;
                    break;
            }

            if (i >= s.Length)
            {
                return false;
            }
        }

        for (; i < s.Length; i++)
        {
            var d = s[i] switch
            {
                >= '0' and <= '9' => s[i] - '0',
                >= 'a' and <= 'f' => s[i] - 'a' + 10,
                >= 'A' and <= 'F' => s[i] - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }

            if (mag > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                return false;
            }

            mag = (mag * (ulong)radix) + (ulong)d;
        }

        return true;
    }

    private static bool UnderscoresBetweenDigits(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '_' && (i == 0 || i == s.Length - 1 || s[i - 1] is < '0' or > '9' || s[i + 1] is < '0' or > '9'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsGoFloatSyntax(string s)
    {
        // go-yaml v2 only calls ParseFloat when its yamlStyleFloat regex matches: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        // ("+Inf" and "-Infinity" stay strings; .inf and friends are handled by the table above). .NET's parser is looser,
        // so reject stray characters here.
        foreach (var ch in s)
        {
            if (!(ch is >= '0' and <= '9' or '+' or '-' or '.' or 'e' or 'E'))
            {
                return false;
            }
        }

        return true;
    }
}
