using DaemonLint.Catalog;
using DaemonLint.Rules.Support;
using DaemonLint.Schema;

namespace DaemonLint.Rules.DS2xxx;

/// <summary>DS2004: an unquoted number where a string is expected (the shared schema walk of <see cref="SchemaConformanceRule"/>).</summary>
internal sealed class DS2004YamlNumberForString : SchemaConformanceRule
{
    /// <summary>Initializes a new instance of the <see cref="DS2004YamlNumberForString"/> class.</summary>
    public DS2004YamlNumberForString()
        : base(RuleCatalog.DS2004_YamlNumberForString, SchemaIssueKind.NumberForString)
    {
    }
}
