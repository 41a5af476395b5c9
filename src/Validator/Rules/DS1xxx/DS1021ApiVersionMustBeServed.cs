using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1021: a DaemonSet apiVersion that never existed (removed ones are DS6001).</summary>
internal sealed class DS1021ApiVersionMustBeServed : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1021ApiVersionMustBeServed"/> class.</summary>
    public DS1021ApiVersionMustBeServed()
        : base(RuleCatalog.DS1021_ApiVersionMustBeServed)
    {
    }

    /// <inheritdoc />
    public override RuleTarget Target => RuleTarget.DaemonSetLike;

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var o = context.Object;
        if (o.Kind != "DaemonSet" || o.ApiVersion == "apps/v1" || DS6xxx.DS6001ApiVersionRemoved.IsRemoved(o.ApiVersion, context.Release) || o.Root.IsUnknown("apiVersion"))
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
