using DaemonLint.Catalog;
using DaemonLint.Rules.Support;
using DaemonLint.Schema;

namespace DaemonLint.Rules.DS2xxx;

/// <summary>DS2005: a resource quantity that does not parse (the shared schema walk of <see cref="SchemaConformanceRule"/>).</summary>
internal sealed class DS2005QuantityMustParse : SchemaConformanceRule
{
    /// <summary>Initializes a new instance of the <see cref="DS2005QuantityMustParse"/> class.</summary>
    public DS2005QuantityMustParse()
        : base(RuleCatalog.DS2005_QuantityMustParse, SchemaIssueKind.InvalidQuantity)
    {
    }
}
