using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1020: a kind that is nearly DaemonSet (case, plural, typo) is no kind the server knows.</summary>
public sealed class KindMustBeDaemonSet : Rule
{
    /// <summary>Initializes a new instance of the <see cref="KindMustBeDaemonSet"/> class.</summary>
    public KindMustBeDaemonSet()
        : base(RuleCatalog.DS1020_KindMustBeDaemonSet)
    {
    }

    /// <inheritdoc />
    public override RuleTarget Target => RuleTarget.DaemonSetLike;

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var kind = context.Object.Kind;
        if (kind is null || kind == "DaemonSet")
        {
            return;
        }

        context.Report(
            FindingKind.Invalid,
            FieldPath.Root("kind"),
            $"no matches for kind {Nodes.Quote(kind)} in version {Nodes.Quote(context.Object.ApiVersion ?? string.Empty)}",
            Nodes.Quote(kind),
            "kinds are case-sensitive: write kind: DaemonSet");
    }
}

/// <summary>DS1021: a DaemonSet apiVersion that never existed (removed ones are DS6001).</summary>
public sealed class ApiVersionMustBeServed : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ApiVersionMustBeServed"/> class.</summary>
    public ApiVersionMustBeServed()
        : base(RuleCatalog.DS1021_ApiVersionMustBeServed)
    {
    }

    /// <inheritdoc />
    public override RuleTarget Target => RuleTarget.DaemonSetLike;

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var o = context.Object;
        if (o.Kind != "DaemonSet" || o.ApiVersion == "apps/v1" || DS6xxx.ApiVersionRemoved.IsRemoved(o.ApiVersion) || o.Root.IsUnknown("apiVersion"))
        {
            return;
        }

        context.Report(
            FindingKind.Invalid,
            FieldPath.Root("apiVersion"),
            $"no matches for kind \"DaemonSet\" in version {Nodes.Quote(o.ApiVersion ?? string.Empty)}",
            Nodes.Quote(o.ApiVersion ?? string.Empty),
            "DaemonSet is served as apps/v1",
            at: o.Root.Get("apiVersion") is null ? FieldPath.Root("kind") : null);
    }
}
