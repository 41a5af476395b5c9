using DaemonLint.Catalog;
using DaemonLint.Rules.Support;
using DaemonLint.Schema;

namespace DaemonLint.Rules.DS2xxx;

/// <summary>DS2002: a value of another type than the schema declares (the shared schema walk of <see cref="SchemaConformanceRule"/>).</summary>
internal sealed class DS2002WrongType : SchemaConformanceRule
{
    /// <summary>Initializes a new instance of the <see cref="DS2002WrongType"/> class.</summary>
    public DS2002WrongType()
        : base(RuleCatalog.DS2002_WrongType, SchemaIssueKind.WrongType)
    {
    }
}
