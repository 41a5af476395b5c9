using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.DS6xxx;

/// <summary>DS6001: extensions/v1beta1, apps/v1beta2 and apps/v1beta1 DaemonSets are no longer served (since 1.16).</summary>
internal sealed class DS6001ApiVersionRemoved : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS6001ApiVersionRemoved"/> class.</summary>
    public DS6001ApiVersionRemoved()
        : base(RuleCatalog.DS6001_ApiVersionRemoved)
    {
    }

    /// <inheritdoc />
    public override RuleTarget Target => RuleTarget.DaemonSetLike;

    /// <summary>Whether an apiVersion is one of the removed DaemonSet versions.</summary>
    /// <param name="apiVersion">The apiVersion.</param>
    /// <returns>True when removed.</returns>
    public static bool IsRemoved(string? apiVersion) => apiVersion is "extensions/v1beta1" or "apps/v1beta2" or "apps/v1beta1";

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var o = context.Object;
        if (o.Kind != "DaemonSet" || !IsRemoved(o.ApiVersion))
        {
            return;
        }

        var extra = o.Root.Map("spec").Get("selector") is null
            ? "; apps/v1 also requires spec.selector (set matchLabels to the template labels)"
            : string.Empty;
        var detail = o.ApiVersion == "apps/v1beta1"
            ? "no matches for kind \"DaemonSet\" in version \"apps/v1beta1\": apps/v1beta1 never served DaemonSets and was removed in Kubernetes 1.16"
            : $"no matches for kind \"DaemonSet\" in version {Nodes.Quote(o.ApiVersion!)}: removed in Kubernetes 1.16";
        context.Report(FindingKind.Invalid, FieldPath.Root("apiVersion"), detail, Nodes.Quote(o.ApiVersion!), "use apiVersion: apps/v1" + extra);
    }
}
