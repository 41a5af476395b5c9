using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS3xxx;

/// <summary>DS3002: required node affinity <c>matchExpressions</c> on the key <c>metadata.name</c> (a label no node has).</summary>
internal sealed class DS3002NodeAffinityExpressionOnMetadataName : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS3002NodeAffinityExpressionOnMetadataName"/> class.</summary>
    public DS3002NodeAffinityExpressionOnMetadataName()
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
