using System;
using System.Globalization;
using System.Numerics;
using DaemonLint.Model;

namespace DaemonLint.Syntax;

/// <summary>How a quantity is written and re-emitted (<c>resource.Format</c>).</summary>
public enum QuantityFormat
{
    /// <summary><c>12e6</c>.</summary>
    DecimalExponent,

    /// <summary><c>12Mi</c> (powers of 1024).</summary>
    BinarySI,

    /// <summary><c>12M</c> (powers of 1000), also plain numbers.</summary>
    DecimalSI,
}

/// <summary>
/// A Kubernetes <c>resource.Quantity</c>: an exact fixed-point number (never a double), parsed, rounded, compared and
/// printed the way k8s.io/apimachinery/pkg/api/resource/quantity.go does. The value is <see cref="Mantissa"/> × 10^<see cref="Exponent"/>.
/// </summary>
public sealed class Quantity : IComparable<Quantity>
{
    /// <summary>The regular expression upstream quotes in its format error.</summary>
    public const string SplitRegex = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

    /// <summary>The upstream <c>ErrFormatWrong</c> text.</summary>
    public const string ErrFormatWrong = "quantities must match the regular expression '" + SplitRegex + "'";

    /// <summary>The upstream <c>ErrNumeric</c> text.</summary>
    public const string ErrNumeric = "unable to parse numeric part of quantity";

    /// <summary>The upstream <c>ErrSuffix</c> text.</summary>
    public const string ErrSuffix = "unable to parse quantity's suffix";

    private const int NanoScale = -9;
    private const int MaxInt64Factors = 18;
    private static readonly BigInteger MaxAllowed = new(long.MaxValue);

    // Go's strings.TrimSpace set as UnmarshalJSON trims it, and the others searched: arrays made once, not per call.
    private static readonly char[] JsonSpace = { ' ', '\t', '\n', '\r', '\v', '\f' };
    private static readonly char[] ExponentMarks = { 'E', 'e' };
    private static readonly char[] TrailingZeros = { '0' };

    private readonly string? cached;

    private Quantity(BigInteger mantissa, int exponent, QuantityFormat format, string? cached)
    {
        (this.Mantissa, this.Exponent) = Normalize(mantissa, exponent);
        this.Format = format;
        this.cached = cached;
    }

    /// <summary>Gets the zero quantity (an omitted value).</summary>
    public static Quantity Zero { get; } = new(BigInteger.Zero, 0, QuantityFormat.DecimalSI, null);

    /// <summary>Gets the significant digits, without trailing zeros.</summary>
    public BigInteger Mantissa { get; }

    /// <summary>Gets the power of ten.</summary>
    public int Exponent { get; }

    /// <summary>Gets the format the quantity was written in.</summary>
    public QuantityFormat Format { get; }

    /// <summary>Gets -1, 0 or 1.</summary>
    public int Sign => this.Mantissa.Sign;

    /// <summary>Gets a value indicating whether the quantity is a whole number.</summary>
    public bool IsInteger => this.Mantissa.IsZero || this.Exponent >= 0;

    /// <summary>Parses a quantity like <c>resource.ParseQuantity</c>.</summary>
    /// <param name="text">The text (already trimmed).</param>
    /// <param name="quantity">The quantity.</param>
    /// <param name="error">The upstream error text on failure.</param>
    /// <returns>Whether the text parsed.</returns>
    public static bool TryParse(string text, out Quantity quantity, out string? error)
    {
        quantity = Zero;
        error = null;
        if (text.Length == 0)
        {
            error = ErrFormatWrong;
            return false;
        }

        if (text == "0")
        {
            quantity = new Quantity(BigInteger.Zero, 0, QuantityFormat.DecimalSI, "0");
            return true;
        }

        if (!Scan(text, out var positive, out var num, out var denom, out var suffix))
        {
            error = ErrFormatWrong;
            return false;
        }

        if (!Interpret(suffix, out var baseNumber, out var exponent, out var format))
        {
            error = ErrSuffix;
            return false;
        }

        var digits = num + denom;
        var mantissa = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        int scale;
        if (baseNumber == 10)
        {
            scale = exponent - denom.Length;
        }
        else
        {
            mantissa *= BigInteger.Pow(2, exponent);
            scale = -denom.Length;
        }

        // Upstream keeps the original text when it is already canonical (the int64 fast path).
        string? keep = null;
        var precision = format == QuantityFormat.BinarySI
            ? (denom.Length == 0 ? 15 - num.Length - (int)(exponent * 3f / 10) - 1 : -1)
            : MaxInt64Factors - digits.Length;
        if (precision >= 0 && scale >= NanoScale && mantissa <= MaxAllowed)
        {
            var digitsValue = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            if (format == QuantityFormat.BinarySI)
            {
                if (exponent % 10 == 0 && (digitsValue & 7) != 0)
                {
                    keep = text;
                }
            }
            else if (scale % 3 == 0 && !digits.EndsWith("000", StringComparison.Ordinal) && digits[0] != '0')
            {
                keep = text;
            }
        }

        if (!positive)
        {
            mantissa = -mantissa;
        }

        // Round non-zero values up (away from zero) to nano units.
        if (!mantissa.IsZero && scale < NanoScale)
        {
            mantissa = RoundAwayFromZero(mantissa, scale, NanoScale);
            scale = NanoScale;
        }

        if (format == QuantityFormat.BinarySI)
        {
            var abs = BigInteger.Abs(mantissa);
            var absValue = new Quantity(abs, scale, format, null);
            if (absValue.CompareTo(new Quantity(MaxAllowed, 0, format, null)) > 0)
            {
                mantissa = mantissa.Sign < 0 ? -MaxAllowed : MaxAllowed;
                scale = 0;
                keep = null;
            }
            else if (!abs.IsZero && absValue.CompareTo(new Quantity(BigInteger.One, 0, format, null)) < 0)
            {
                format = QuantityFormat.DecimalSI;
            }
        }

        quantity = new Quantity(mantissa, scale, format, keep);
        return true;
    }

    /// <summary>Parses the value of a manifest node: a string (trimmed, as UnmarshalJSON does) or a YAML number.</summary>
    /// <param name="node">The node.</param>
    /// <param name="quantity">The quantity.</param>
    /// <param name="error">The upstream error on failure.</param>
    /// <returns>True when parsed; false with an error when invalid; false without an error when the node is not a quantity the rules should judge (wrong type, null, unknown).</returns>
    public static bool TryParse(ManifestNode? node, out Quantity quantity, out string? error)
    {
        quantity = Zero;
        error = null;
        var text = JsonText(node);
        return text is not null && TryParse(text, out quantity, out error);
    }

    /// <summary>Gets the text <c>UnmarshalJSON</c> would parse for a node: trimmed strings, and numbers as Go's JSON encoder writes them.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The text, or null when the node is no string or finite number.</returns>
    public static string? JsonText(ManifestNode? node)
    {
        switch (node)
        {
            case ScalarNode { Type: ScalarType.String } s:
                return s.Raw.Trim(JsonSpace);
            case ScalarNode { Type: ScalarType.Int } i when i.IntValue is { } v:
                return v.ToString(CultureInfo.InvariantCulture);
            case ScalarNode { Type: ScalarType.Float } f when !double.IsNaN(f.Number) && !double.IsInfinity(f.Number):
                return GoJsonFloat(f.Number);
            default:
                return null;
        }
    }

    /// <summary>Formats a double as Go's <c>encoding/json</c> does (shortest round-trip, plain between 1e-6 and 1e21).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string GoJsonFloat(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var abs = Math.Abs(value);
        if (abs < 1e21 && abs >= 1e-6)
        {
            return PlainDecimal(value);
        }

        // Go: strconv 'e' format, exponent without padding ("1e-07" is written "1e-7" by encoding/json).
        Decompose(abs, out var digits, out var point);
        var rest = digits.Substring(1);
        var exp10 = point - 1;
        var text = digits.Substring(0, 1) + (rest.Length > 0 ? "." + rest : string.Empty) + "e" + (exp10 < 0 ? "-" : "+") + Math.Abs(exp10).ToString(CultureInfo.InvariantCulture);
        return value < 0 ? "-" + text : text;
    }

    /// <summary>Compares two quantities exactly (<c>Quantity.Cmp</c>).</summary>
    /// <param name="other">The other quantity.</param>
    /// <returns>-1, 0 or 1.</returns>
    public int CompareTo(Quantity? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (this.Sign != other.Sign)
        {
            return this.Sign.CompareTo(other.Sign);
        }

        if (this.Sign == 0)
        {
            return 0;
        }

        // Same sign, both non-zero: compare magnitudes by their order of magnitude first, so huge exponents never get expanded.
        var ma = Magnitude(this);
        var mb = Magnitude(other);
        int magnitudeOrder;
        if (ma != mb)
        {
            magnitudeOrder = ma.CompareTo(mb);
        }
        else
        {
            var common = Math.Min(this.Exponent, other.Exponent);
            var a = BigInteger.Abs(this.Mantissa) * BigInteger.Pow(10, this.Exponent - common);
            var b = BigInteger.Abs(other.Mantissa) * BigInteger.Pow(10, other.Exponent - common);
            magnitudeOrder = a.CompareTo(b);
        }

        return this.Sign > 0 ? magnitudeOrder : -magnitudeOrder;
    }

    /// <summary>
    /// Adds exactly, as <c>Quantity.Add</c> does: the sum keeps this quantity's format, or takes the other's when this
    /// one is zero, and forgets the text it was written as (it prints in canonical form).
    /// </summary>
    /// <param name="other">The quantity to add.</param>
    /// <param name="maxExponentGap">The largest difference of exponents to align.</param>
    /// <returns>The sum, or null when the two differ by more than <paramref name="maxExponentGap"/> powers of ten (an exact sum would take that many digits).</returns>
    public Quantity? Add(Quantity other, int maxExponentGap = 1000)
    {
        var format = this.Mantissa.IsZero ? other.Format : this.Format;
        if (other.Mantissa.IsZero)
        {
            return new Quantity(this.Mantissa, this.Exponent, format, null);
        }

        if (this.Mantissa.IsZero)
        {
            return new Quantity(other.Mantissa, other.Exponent, format, null);
        }

        var common = Math.Min(this.Exponent, other.Exponent);
        var gap = Math.Max(this.Exponent, other.Exponent) - common;
        if (gap > maxExponentGap)
        {
            return null;
        }

        var a = this.Mantissa * BigInteger.Pow(10, this.Exponent - common);
        var b = other.Mantissa * BigInteger.Pow(10, other.Exponent - common);
        return new Quantity(a + b, common, format, null);
    }

    /// <summary>Rounds up (away from zero) to a power of ten, as <c>Quantity.RoundUp</c> does (defaulting uses milli, -3).</summary>
    /// <param name="exponent">The smallest power of ten to keep.</param>
    /// <returns>The rounded quantity.</returns>
    public Quantity RoundUp(int exponent)
    {
        if (this.Mantissa.IsZero || this.Exponent >= exponent)
        {
            return this;
        }

        return new Quantity(RoundAwayFromZero(this.Mantissa, this.Exponent, exponent), exponent, this.Format, null); // upstream clears the cached text
    }

    /// <summary>Gets the value rounded up to a whole number (<c>Quantity.Value</c>), as a big integer.</summary>
    /// <returns>The value.</returns>
    public BigInteger CeilingValue()
    {
        if (this.Exponent >= 0)
        {
            return this.Mantissa * BigInteger.Pow(10, Math.Min(this.Exponent, 4000));
        }

        return RoundAwayFromZero(this.Mantissa, this.Exponent, 0);
    }

    /// <summary>Prints the quantity as <c>Quantity.String()</c> does: the original text when it was canonical, else the canonical form.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => this.cached ?? this.Canonical();

    /// <summary>Prints the canonical form (<c>CanonicalizeBytes</c>): largest suffix, no fraction, no precision lost.</summary>
    /// <returns>The text.</returns>
    public string Canonical()
    {
        if (this.Mantissa.IsZero)
        {
            return "0";
        }

        var format = this.Format;
        if (format == QuantityFormat.BinarySI)
        {
            var lo = new Quantity(new BigInteger(-1024), 0, format, null);
            var hi = new Quantity(new BigInteger(1024), 0, format, null);
            if (this.CompareTo(lo) > 0 && this.CompareTo(hi) < 0)
            {
                format = QuantityFormat.DecimalSI;
            }
            else if (!this.IsInteger)
            {
                format = QuantityFormat.DecimalSI;
            }
        }

        if (format == QuantityFormat.BinarySI)
        {
            var v = this.CeilingValue();
            var times = 0;
            var abs = BigInteger.Abs(v);
            while (abs >= 1024 && abs % 1024 == 0)
            {
                abs /= 1024;
                times++;
            }

            var suffix = times switch
            {
                1 => "Ki",
                2 => "Mi",
                3 => "Gi",
                4 => "Ti",
                5 => "Pi",
                6 => "Ei",
                _ => string.Empty,
            };
            return (v.Sign < 0 ? "-" : string.Empty) + abs.ToString(CultureInfo.InvariantCulture) + suffix;
        }

        var m = this.Mantissa; // already without trailing zeros
        var e = this.Exponent;
        while (e % 3 != 0)
        {
            m *= 10;
            e--;
        }

        var number = m.ToString(CultureInfo.InvariantCulture);
        if (format == QuantityFormat.DecimalExponent)
        {
            return e == 0 ? number : number + "e" + e.ToString(CultureInfo.InvariantCulture);
        }

        return number + e switch
        {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            18 => "E",
            _ => string.Empty, // upstream finds no suffix and prints none
        };
    }

    private static int Magnitude(Quantity q) => BigInteger.Abs(q.Mantissa).ToString(CultureInfo.InvariantCulture).Length + q.Exponent;

    private static (BigInteger Mantissa, int Exponent) Normalize(BigInteger mantissa, int exponent)
    {
        if (mantissa.IsZero)
        {
            return (BigInteger.Zero, 0);
        }

        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }

        return (mantissa, exponent);
    }

    private static BigInteger RoundAwayFromZero(BigInteger mantissa, int exponent, int target)
    {
        var shift = target - exponent; // > 0
        var abs = BigInteger.Abs(mantissa);
        var digits = abs.ToString(CultureInfo.InvariantCulture).Length;
        BigInteger result;
        if (shift > digits + 1)
        {
            result = BigInteger.One; // smaller than one unit of the target: rounds up to one unit
        }
        else
        {
            var div = BigInteger.Pow(10, shift);
            result = BigInteger.DivRem(abs, div, out var rem);
            if (!rem.IsZero)
            {
                result += 1;
            }
        }

        return mantissa.Sign < 0 ? -result : result;
    }

    private static bool Scan(string str, out bool positive, out string num, out string denom, out string suffix)
    {
        positive = true;
        num = "0";
        denom = string.Empty;
        suffix = string.Empty;
        var pos = 0;
        var end = str.Length;
        if (str[0] == '-')
        {
            positive = false;
            pos++;
        }
        else if (str[0] == '+')
        {
            pos++;
        }

        while (pos < end && str[pos] == '0')
        {
            pos++;
        }

        if (pos >= end)
        {
            return true;
        }

        var start = pos;
        while (pos < end && str[pos] >= '0' && str[pos] <= '9')
        {
            pos++;
        }

        num = pos > start ? str.Substring(start, pos - start) : "0";
        if (pos >= end)
        {
            return true;
        }

        if (str[pos] == '.')
        {
            pos++;
            start = pos;
            while (pos < end && str[pos] >= '0' && str[pos] <= '9')
            {
                pos++;
            }

            denom = str.Substring(start, pos - start);
            if (pos >= end)
            {
                return true;
            }
        }

        var suffixStart = pos;
        while (pos < end && "eEinumkKMGTP".IndexOf(str[pos]) >= 0)
        {
            pos++;
        }

        if (pos < end && (str[pos] == '-' || str[pos] == '+'))
        {
            pos++;
        }

        while (pos < end && str[pos] >= '0' && str[pos] <= '9')
        {
            pos++;
        }

        if (pos < end)
        {
            return false;
        }

        suffix = str.Substring(suffixStart);
        return true;
    }

    private static bool Interpret(string suffix, out int baseNumber, out int exponent, out QuantityFormat format)
    {
        baseNumber = 10;
        format = QuantityFormat.DecimalSI;
        switch (suffix)
        {
            case "": exponent = 0; return true;
            case "n": exponent = -9; return true;
            case "u": exponent = -6; return true;
            case "m": exponent = -3; return true;
            case "k": exponent = 3; return true;
            case "M": exponent = 6; return true;
            case "G": exponent = 9; return true;
            case "T": exponent = 12; return true;
            case "P": exponent = 15; return true;
            case "E": exponent = 18; return true;
        }

        baseNumber = 2;
        format = QuantityFormat.BinarySI;
        switch (suffix)
        {
            case "Ki": exponent = 10; return true;
            case "Mi": exponent = 20; return true;
            case "Gi": exponent = 30; return true;
            case "Ti": exponent = 40; return true;
            case "Pi": exponent = 50; return true;
            case "Ei": exponent = 60; return true;
        }

        baseNumber = 10;
        format = QuantityFormat.DecimalExponent;
        exponent = 0;
        if (suffix.Length > 1 && (suffix[0] == 'e' || suffix[0] == 'E')
            && long.TryParse(suffix.Substring(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            && IsGoSignedDigits(suffix.Substring(1)))
        {
            exponent = unchecked((int)parsed); // Go truncates to int32
            return true;
        }

        return false;
    }

    private static bool IsGoSignedDigits(string s)
    {
        var i = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
        if (i >= s.Length)
        {
            return false;
        }

        for (; i < s.Length; i++)
        {
            if (s[i] < '0' || s[i] > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static string PlainDecimal(double value)
    {
        Decompose(Math.Abs(value), out var digits, out var point);
        string text;
        if (point <= 0)
        {
            text = "0." + new string('0', -point) + digits;
        }
        else if (point >= digits.Length)
        {
            text = digits + new string('0', point - digits.Length);
        }
        else
        {
            text = digits.Substring(0, point) + "." + digits.Substring(point);
        }

        return value < 0 ? "-" + text : text;
    }

    // value = 0.digits × 10^point, digits without leading or trailing zeros (shortest round-trip digits).
    private static void Decompose(double abs, out string digits, out int point)
    {
        var r = abs.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOfAny(ExponentMarks);
        var mant = e < 0 ? r : r.Substring(0, e);
        var exp = e < 0 ? 0 : int.Parse(r.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mant.IndexOf('.');
        digits = dot < 0 ? mant : mant.Remove(dot, 1);
        point = (dot < 0 ? mant.Length : dot) + exp;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits.Substring(lead).TrimEnd(TrailingZeros);
        point -= lead;
        if (digits.Length == 0)
        {
            digits = "0";
        }
    }
}
