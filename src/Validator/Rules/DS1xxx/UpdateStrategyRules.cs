using System.Globalization;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>An int-or-string value after apps/v1 defaulting (intstr.IntOrString).</summary>
public readonly struct IntOrPercent
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

/// <summary>The update strategy after apps/v1 defaulting.</summary>
internal readonly struct EffectiveStrategy
{
    public EffectiveStrategy(RuleContext context)
    {
        var strategy = context.Spec.Map("updateStrategy");
        this.Strategy = strategy;
        var type = strategy.Str("type");
        this.TypeKnown = !strategy.IsUnknown("type") && (strategy.Get("type") is null || type is not null);
        this.Type = string.IsNullOrEmpty(type) ? "RollingUpdate" : type!;
        this.RollingUpdate = strategy.Map("rollingUpdate");
        this.MaxUnavailableNode = this.RollingUpdate.Get("maxUnavailable");
        this.MaxSurgeNode = this.RollingUpdate.Get("maxSurge");
        this.MaxUnavailable = this.RollingUpdate.IsUnknown("maxUnavailable") ? default : IntOrPercent.Read(this.MaxUnavailableNode, 1);
        this.MaxSurge = this.RollingUpdate.IsUnknown("maxSurge") ? default : IntOrPercent.Read(this.MaxSurgeNode, 0);
    }

    public MappingNode? Strategy { get; }

    public bool TypeKnown { get; }

    public string Type { get; }

    public MappingNode? RollingUpdate { get; }

    public ManifestNode? MaxUnavailableNode { get; }

    public ManifestNode? MaxSurgeNode { get; }

    public IntOrPercent MaxUnavailable { get; }

    public IntOrPercent MaxSurge { get; }

    public bool IsRollingUpdate => this.TypeKnown && this.Type == "RollingUpdate";
}

/// <summary>DS1013: updateStrategy.type is RollingUpdate or OnDelete (reported on the strategy object, as upstream).</summary>
public sealed class UpdateStrategyTypeMustBeSupported : Rule
{
    /// <summary>Initializes a new instance of the <see cref="UpdateStrategyTypeMustBeSupported"/> class.</summary>
    public UpdateStrategyTypeMustBeSupported()
        : base(RuleCatalog.DS1013_UpdateStrategyTypeMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var s = new EffectiveStrategy(context);
        if (!s.TypeKnown || s.Type is "RollingUpdate" or "OnDelete")
        {
            return;
        }

        var hint = string.Equals(s.Type, "RollingUpdate", System.StringComparison.OrdinalIgnoreCase) || string.Equals(s.Type, "OnDelete", System.StringComparison.OrdinalIgnoreCase)
            ? "strategy types are case-sensitive: write RollingUpdate or OnDelete"
            : "use RollingUpdate (the default) or OnDelete";
        context.Report(
            FindingKind.NotSupported,
            Paths.UpdateStrategy,
            "supported values: \"RollingUpdate\", \"OnDelete\"",
            Nodes.Display(s.Strategy),
            hint,
            at: Paths.UpdateStrategy.Child("type"));
    }
}

/// <summary>DS1014: maxUnavailable / maxSurge are a non-negative integer or a percent string of at most 100%.</summary>
public sealed class RollingUpdateValueMustBeIntOrPercent : Rule
{
    /// <summary>Initializes a new instance of the <see cref="RollingUpdateValueMustBeIntOrPercent"/> class.</summary>
    public RollingUpdateValueMustBeIntOrPercent()
        : base(RuleCatalog.DS1014_RollingUpdateValueMustBeIntOrPercent)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var s = new EffectiveStrategy(context);
        if (!s.IsRollingUpdate)
        {
            return; // OnDelete: a rollingUpdate block is accepted and not validated
        }

        this.CheckValue(context, s.MaxUnavailable, "maxUnavailable");
        this.CheckValue(context, s.MaxSurge, "maxSurge");
    }

    private void CheckValue(RuleContext context, IntOrPercent v, string field)
    {
        if (!v.Known || v.Defaulted)
        {
            return;
        }

        var path = Paths.RollingUpdate.Child(field);
        if (v.IsString)
        {
            foreach (var msg in K8sNames.IsValidPercent(v.Text!))
            {
                var hint = ScalarLooksNumeric(v.Text!) ? $"a quoted number is a string: write {field}: {v.Text} (unquoted) or {field}: \"{v.Text}%\"" : null;
                context.Report(FindingKind.Invalid, path, msg, v.Display, hint);
            }

            if (K8sNames.TryParsePercent(v.Text!, out var p) && p > 100)
            {
                context.Report(FindingKind.Invalid, path, "must not be greater than 100%", v.Display);
            }
        }
        else if (v.IntValue < 0)
        {
            context.Report(FindingKind.Invalid, path, "must be greater than or equal to 0", v.Display);
        }
    }

    private static bool ScalarLooksNumeric(string s) => s.Length > 0 && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}

/// <summary>DS1015: maxSurge and maxUnavailable may not both be non-zero (after defaulting maxUnavailable to 1).</summary>
public sealed class MaxSurgeRequiresZeroMaxUnavailable : Rule
{
    /// <summary>Initializes a new instance of the <see cref="MaxSurgeRequiresZeroMaxUnavailable"/> class.</summary>
    public MaxSurgeRequiresZeroMaxUnavailable()
        : base(RuleCatalog.DS1015_MaxSurgeRequiresZeroMaxUnavailable)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var s = new EffectiveStrategy(context);
        if (!s.IsRollingUpdate || !s.MaxUnavailable.Known || !s.MaxSurge.Known)
        {
            return;
        }

        if (s.MaxUnavailable.ScaledForZeroCheck != 0 && s.MaxSurge.ScaledForZeroCheck != 0)
        {
            var hint = s.MaxUnavailable.Defaulted
                ? "maxUnavailable defaults to 1 when unset: add maxUnavailable: 0 to roll out by surging"
                : "set maxUnavailable: 0 to surge, or remove maxSurge";
            context.Report(FindingKind.Invalid, Paths.RollingUpdate.Child("maxSurge"), "may not be set when maxUnavailable is non-zero", s.MaxSurge.Display, hint);
        }
    }
}

/// <summary>DS1016: maxUnavailable and maxSurge may not both be zero (after defaulting maxSurge to 0).</summary>
public sealed class MaxUnavailableAndMaxSurgeNotBothZero : Rule
{
    /// <summary>Initializes a new instance of the <see cref="MaxUnavailableAndMaxSurgeNotBothZero"/> class.</summary>
    public MaxUnavailableAndMaxSurgeNotBothZero()
        : base(RuleCatalog.DS1016_MaxUnavailableAndMaxSurgeNotBothZero)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var s = new EffectiveStrategy(context);
        if (!s.IsRollingUpdate || !s.MaxUnavailable.Known || !s.MaxSurge.Known)
        {
            return;
        }

        if (s.MaxUnavailable.ScaledForZeroCheck == 0 && s.MaxSurge.ScaledForZeroCheck == 0)
        {
            var hint = s.MaxSurge.Defaulted
                ? "maxSurge defaults to 0 when unset: set maxUnavailable to at least 1 (or a percentage), or set maxSurge"
                : "set maxUnavailable or maxSurge to at least 1 (or a percentage)";
            context.Report(FindingKind.Required, Paths.RollingUpdate.Child("maxUnavailable"), "cannot be 0 when maxSurge is 0", hint: hint);
        }
    }
}
