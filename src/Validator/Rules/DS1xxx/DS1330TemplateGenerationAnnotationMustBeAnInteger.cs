using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1330: the DaemonSet's <c>deprecated.daemonset.template.generation</c> annotation is parsed by the apps/v1
/// conversion (Convert_v1_DaemonSet_To_apps_DaemonSet, <c>strconv.ParseInt(value, 10, 64)</c>); a value that does not
/// parse fails the request before validation runs.
/// </summary>
internal sealed class DS1330TemplateGenerationAnnotationMustBeAnInteger : Rule
{
    /// <summary>The annotation key (appsv1.DeprecatedTemplateGeneration).</summary>
    public const string Key = "deprecated.daemonset.template.generation";

    /// <summary>Initializes a new instance of the <see cref="DS1330TemplateGenerationAnnotationMustBeAnInteger"/> class.</summary>
    public DS1330TemplateGenerationAnnotationMustBeAnInteger()
        : base(RuleCatalog.DS1330_TemplateGenerationAnnotationMustBeAnInteger)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var annotations = context.Object.Root.Map("metadata").Map("annotations");
        if (annotations is null || annotations.IsUnknown(Key) || !annotations.TryGetEntry(Key, out var entry)
            || entry.Value is not ScalarNode { Type: ScalarType.String or ScalarType.Null } scalar)
        {
            return; // absent, unknown, or of another type (a decoding error of its own)
        }

        var value = scalar.Type == ScalarType.Null ? string.Empty : scalar.Raw;
        var error = ParseInt64Error(value);
        if (error is null)
        {
            return;
        }

        context.Report(
            FindingKind.Invalid,
            FieldPath.Root("metadata").Child("annotations").Key(Key),
            $"strconv.ParseInt: parsing {Nodes.Quote(value)}: {error}",
            Nodes.Quote(value),
            "the server maintains this annotation: remove it, or write the generation as a whole number");
    }

    /// <summary>What Go's <c>strconv.ParseInt(s, 10, 64)</c> says about a value.</summary>
    /// <param name="s">The text.</param>
    /// <returns>Null when it parses; "invalid syntax" or "value out of range" otherwise.</returns>
    internal static string? ParseInt64Error(string s) => ParseInt64(s, out _);

    /// <summary>Go's <c>strconv.ParseInt(s, 10, 64)</c>.</summary>
    /// <param name="s">The text.</param>
    /// <param name="value">The value when it parses.</param>
    /// <returns>Null when it parses; "invalid syntax" or "value out of range" otherwise.</returns>
    internal static string? ParseInt64(string s, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            i = 1;
        }

        if (i == s.Length)
        {
            return "invalid syntax";
        }

        // strconv.ParseUint: a bad byte is a syntax error, unless the uint64 magnitude overflowed first (a range error).
        ulong magnitude = 0;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c < '0' || c > '9')
            {
                return "invalid syntax";
            }

            var digit = (ulong)(c - '0');
            if (magnitude > (ulong.MaxValue - digit) / 10)
            {
                return "value out of range";
            }

            magnitude = (magnitude * 10) + digit;
        }

        // strconv.ParseInt: -9223372036854775808 is the smallest value, 9223372036854775807 the largest.
        const ulong Cutoff = 9223372036854775808UL;
        if (magnitude > (negative ? Cutoff : Cutoff - 1))
        {
            return "value out of range";
        }

        value = negative ? (long)(0UL - magnitude) : (long)magnitude;
        return null;
    }
}
