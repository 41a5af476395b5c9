using DaemonLint.Catalog;
using DaemonLint.Rules.Support;
using DaemonLint.Schema;

namespace DaemonLint.Rules.DS2xxx;

/// <summary>DS2001: a field the schema does not declare (the shared schema walk of <see cref="SchemaConformanceRule"/>).</summary>
internal sealed class DS2001UnknownField : SchemaConformanceRule
{
    /// <summary>Initializes a new instance of the <see cref="DS2001UnknownField"/> class.</summary>
    public DS2001UnknownField()
        : base(RuleCatalog.DS2001_UnknownField, SchemaIssueKind.UnknownField)
    {
    }
}
