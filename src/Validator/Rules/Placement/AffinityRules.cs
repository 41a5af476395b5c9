using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Placement;

/// <summary>DS3002: required node affinity <c>matchExpressions</c> on the key <c>metadata.name</c> (a label no node has).</summary>
public sealed class NodeAffinityExpressionOnMetadataName : Rule
{
    /// <summary>Initializes a new instance of the <see cref="NodeAffinityExpressionOnMetadataName"/> class.</summary>
    public NodeAffinityExpressionOnMetadataName()
        : base(RuleCatalog.DS3002_NodeAffinityExpressionOnMetadataName)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var terms = RequiredTerms.Of(context);
        if (terms is null)
        {
            return;
        }

        for (var i = 0; i < terms.Count; i++)
        {
            if (terms.Items[i] is not MappingNode term || term.Seq("matchExpressions") is not { } exprs)
            {
                continue;
            }

            for (var j = 0; j < exprs.Count; j++)
            {
                if (exprs.Items[j] is MappingNode e && e.Str("key") == "metadata.name")
                {
                    context.Report(
                        FindingKind.Invalid,
                        RequiredTerms.Path.Index(i).Child("matchExpressions").Index(j).Child("key"),
                        "matchExpressions compare node labels, and nodes have no label metadata.name: this requirement never holds for In or Exists",
                        Nodes.Quote("metadata.name"),
                        "move it to matchFields (key metadata.name, operator In or NotIn, one value per term), or match the kubernetes.io/hostname label");
                }
            }
        }
    }
}

/// <summary>DS3005: an empty required node selector term (<c>{}</c>) matches no node.</summary>
public sealed class EmptyNodeSelectorTermMatchesNothing : Rule
{
    /// <summary>Initializes a new instance of the <see cref="EmptyNodeSelectorTermMatchesNothing"/> class.</summary>
    public EmptyNodeSelectorTermMatchesNothing()
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

/// <summary>Where the required node selector terms are.</summary>
internal static class RequiredTerms
{
    public static FieldPath Path { get; } = Paths.PodSpec.Child("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");

    public static SequenceNode? Of(RuleContext context) =>
        context.PodSpec.Map("affinity").Map("nodeAffinity").Map("requiredDuringSchedulingIgnoredDuringExecution").Seq("nodeSelectorTerms");
}
