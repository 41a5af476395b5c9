using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1009: a DaemonSet's pods restart Always (AV ValidateDaemonSetSpec).</summary>
public sealed class RestartPolicyMustBeAlways : Rule
{
    /// <summary>Initializes a new instance of the <see cref="RestartPolicyMustBeAlways"/> class.</summary>
    public RestartPolicyMustBeAlways()
        : base(RuleCatalog.DS1009_RestartPolicyMustBeAlways)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var policy = context.PodSpec.Str("restartPolicy");
        if (policy is null || policy == "Always")
        {
            return; // unset is defaulted to Always
        }

        var hint = policy is "OnFailure" or "Never"
            ? "DaemonSet pods must restart Always; remove restartPolicy or set it to Always"
            : "restartPolicy is case-sensitive and a DaemonSet accepts only Always; remove it or set it to Always";
        context.Report(FindingKind.NotSupported, Paths.PodSpec.Child("restartPolicy"), "supported values: \"Always\"", Nodes.Quote(policy), hint);
    }
}

/// <summary>DS1010: activeDeadlineSeconds is forbidden in a DaemonSet (and out of range below 1).</summary>
public sealed class ActiveDeadlineSecondsForbidden : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ActiveDeadlineSecondsForbidden"/> class.</summary>
    public ActiveDeadlineSecondsForbidden()
        : base(RuleCatalog.DS1010_ActiveDeadlineSecondsForbidden)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var node = context.PodSpec.Get("activeDeadlineSeconds");
        if (node is not ScalarNode { Type: ScalarType.Int })
        {
            return; // absent, unknown, or a wrong type (the schema rules report that: one mistake, one finding)
        }

        var path = Paths.PodSpec.Child("activeDeadlineSeconds");
        if (node is ScalarNode { IntValue: { } v } && (v < 1 || v > int.MaxValue))
        {
            context.Report(FindingKind.Invalid, path, "must be between 1 and 2147483647, inclusive", v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        context.Report(FindingKind.Forbidden, path, "activeDeadlineSeconds in DaemonSet is not Supported", hint: "remove activeDeadlineSeconds: daemon pods run for the life of their node");
    }
}

/// <summary>DS1011: spec.minReadySeconds ≥ 0.</summary>
public sealed class MinReadySecondsMustBeNonNegative : Rule
{
    /// <summary>Initializes a new instance of the <see cref="MinReadySecondsMustBeNonNegative"/> class.</summary>
    public MinReadySecondsMustBeNonNegative()
        : base(RuleCatalog.DS1011_MinReadySecondsMustBeNonNegative)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Spec.Int("minReadySeconds") is { } v && v < 0)
        {
            context.Report(FindingKind.Invalid, Paths.Spec.Child("minReadySeconds"), "must be greater than or equal to 0", v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>DS1012: spec.revisionHistoryLimit ≥ 0.</summary>
public sealed class RevisionHistoryLimitMustBeNonNegative : Rule
{
    /// <summary>Initializes a new instance of the <see cref="RevisionHistoryLimitMustBeNonNegative"/> class.</summary>
    public RevisionHistoryLimitMustBeNonNegative()
        : base(RuleCatalog.DS1012_RevisionHistoryLimitMustBeNonNegative)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Spec.Int("revisionHistoryLimit") is { } v && v < 0)
        {
            context.Report(FindingKind.Invalid, Paths.Spec.Child("revisionHistoryLimit"), "must be greater than or equal to 0", v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
