using System.Globalization;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>An int-or-string value after apps/v1 defaulting (intstr.IntOrString).</summary>
internal readonly struct IntOrPercent
{
    private IntOrPercent(bool known, bool isString, long intValue, string? text, bool defaulted)
    {
        this.Known = known;
        this.IsString = isString;
        this.IntValue = intValue;
        this.Text = text;
        this.Defaulted = defaulted;
    }

    /// <summary>Gets a value indicating whether the value can be evaluated (not unknown, and of a type the decoder accepts).</summary>
    public bool Known { get; }

    /// <summary>Gets a value indicating whether it is the string form.</summary>
    public bool IsString { get; }

    /// <summary>Gets the integer form.</summary>
    public long IntValue { get; }

    /// <summary>Gets the string form.</summary>
    public string? Text { get; }

    /// <summary>Gets a value indicating whether the value came from defaulting.</summary>
    public bool Defaulted { get; }

    /// <summary>Gets the value as the server prints it.</summary>
    public string Display => this.IsString ? Nodes.Quote(this.Text!) : this.IntValue.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a value, applying a default when absent.</summary>
    /// <param name="node">The node (null: absent).</param>
    /// <param name="defaultValue">The default.</param>
    /// <returns>The value.</returns>
    public static IntOrPercent Read(ManifestNode? node, long defaultValue) => node switch
    {
        null => new IntOrPercent(true, false, defaultValue, null, true),
        ScalarNode { Type: ScalarType.Null } => new IntOrPercent(true, false, defaultValue, null, true),
        ScalarNode { Type: ScalarType.String } s => new IntOrPercent(true, true, 0, s.Raw, false),
        ScalarNode { IntValue: { } i } => new IntOrPercent(true, false, i, null, false),
        _ => default,
    };

    /// <summary>
    /// Gets the number the server's "is it zero" arithmetic sees (getIntOrPercentValue): a valid percent's number,
    /// else a string's Atoi (0 when it does not parse), else the integer.
    /// </summary>
    public long ScaledForZeroCheck
    {
        get
        {
            if (!this.IsString)
            {
                return this.IntValue;
            }

            if (K8sNames.TryParsePercent(this.Text!, out var p))
            {
                return p;
            }

            return ScalarAtoi(this.Text!);
        }
    }

    private static long ScalarAtoi(string s)
    {
        var i = s.Length > 0 && s[0] is '+' or '-' ? 1 : 0;
        if (i == s.Length)
        {
            return 0;
        }

        for (var j = i; j < s.Length; j++)
        {
            if (s[j] is < '0' or > '9')
            {
                return 0;
            }
        }

        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }
}
