using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS3xxx;

/// <summary>DS3005: an empty required node selector term (<c>{}</c>) matches no node.</summary>
internal sealed class DS3005EmptyNodeSelectorTermMatchesNothing : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS3005EmptyNodeSelectorTermMatchesNothing"/> class.</summary>
    public DS3005EmptyNodeSelectorTermMatchesNothing()
        : base(RuleCatalog.DS3005_EmptyNodeSelectorTermMatchesNothing)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var terms = RequiredTerms.Of(context);
        if (terms is null || terms.HasUnknownItems)
        {
            return;
        }

        var empty = 0;
        for (var i = 0; i < terms.Count; i++)
        {
            empty += IsEmpty(terms.Items[i]) ? 1 : 0;
        }

        for (var i = 0; i < terms.Count; i++)
        {
            if (!IsEmpty(terms.Items[i]))
            {
                continue;
            }

            var detail = empty == terms.Count
                ? "an empty term matches no node, and every term is empty: the DaemonSet runs on no node"
                : "an empty term matches no node; the controller skips it";
            context.Report(FindingKind.Invalid, RequiredTerms.Path.Index(i), detail, hint: "give the term matchExpressions or matchFields, or remove it");
        }
    }

    private static bool IsEmpty(ManifestNode term) => term switch
    {
        MappingNode m when !m.HasUnknownEntries => (m.Seq("matchExpressions")?.Count ?? 0) == 0 && (m.Seq("matchFields")?.Count ?? 0) == 0
            && !m.IsUnknown("matchExpressions") && !m.IsUnknown("matchFields"),
        ScalarNode { Type: ScalarType.Null } => true,
        _ => false,
    };
}
