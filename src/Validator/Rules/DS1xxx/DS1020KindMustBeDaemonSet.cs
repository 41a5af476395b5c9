using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1020: a kind that is nearly DaemonSet (case, plural, typo) is no kind the server knows.</summary>
internal sealed class DS1020KindMustBeDaemonSet : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1020KindMustBeDaemonSet"/> class.</summary>
    public DS1020KindMustBeDaemonSet()
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
