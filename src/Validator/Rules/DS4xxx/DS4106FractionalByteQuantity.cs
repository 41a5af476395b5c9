using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS4xxx;

/// <summary>DS4106: memory and ephemeral-storage in whole bytes (a server warning).</summary>
internal sealed class DS4106FractionalByteQuantity : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS4106FractionalByteQuantity"/> class.</summary>
    public DS4106FractionalByteQuantity()
        : base(RuleCatalog.DS4106_FractionalByteQuantity)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var r in ContainerResources.Of(context))
        {
            Check(context, r.Limits);
            Check(context, r.Requests);
        }
    }

    private static void Check(RuleContext context, List<ResourceEntry> entries)
    {
        foreach (var e in entries)
        {
            if (e.Name is "memory" or "ephemeral-storage" && e.Quantity is { } q && !q.IsInteger)
            {
                context.Report(
                    FindingKind.Invalid,
                    e.Path,
                    $"fractional byte value {Nodes.Quote(q.ToString())} is invalid, must be an integer",
                    hint: $"write whole bytes, e.g. {q.CeilingValue()} or a value with a binary suffix such as Mi");
            }
        }
    }
}
