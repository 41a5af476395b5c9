using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Rules.DS6xxx;

/// <summary>DS6001: a DaemonSet apiVersion the target release no longer serves (<see cref="ServedApiVersions"/>).</summary>
internal sealed class DS6001ApiVersionRemoved : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS6001ApiVersionRemoved"/> class.</summary>
    public DS6001ApiVersionRemoved()
        : base(RuleCatalog.DS6001_ApiVersionRemoved)
    {
    }

    /// <inheritdoc />
    public override RuleTarget Target => RuleTarget.DaemonSetLike;

    /// <summary>Whether a release no longer serves (or never served) an apiVersion of DaemonSets.</summary>
    /// <param name="apiVersion">The apiVersion.</param>
    /// <param name="release">The release.</param>
    /// <returns>True when removed.</returns>
    public static bool IsRemoved(string? apiVersion, KubernetesRelease release) => ServedApiVersions.RemovalIn(apiVersion, "DaemonSet", release) is not null;

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var o = context.Object;
        if (o.Kind != "DaemonSet" || ServedApiVersions.RemovalIn(o.ApiVersion, o.Kind, context.Release) is not { } removal)
        {
            return;
        }

        var extra = o.Root.Map("spec").Get("selector") is null
            ? "; apps/v1 also requires spec.selector (set matchLabels to the template labels)"
            : string.Empty;
        var detail = $"{removal.ServerMessage}: {removal.When}";
        context.Report(FindingKind.Invalid, FieldPath.Root("apiVersion"), detail, Nodes.Quote(o.ApiVersion!), $"use apiVersion: {removal.Replacement}" + extra);
    }
}
