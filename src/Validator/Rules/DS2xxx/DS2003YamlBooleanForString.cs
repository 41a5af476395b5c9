using DaemonLint.Catalog;
using DaemonLint.Rules.Support;
using DaemonLint.Schema;

namespace DaemonLint.Rules.DS2xxx;

/// <summary>DS2003: an unquoted YAML 1.1 boolean where a string is expected (the shared schema walk of <see cref="SchemaConformanceRule"/>).</summary>
internal sealed class DS2003YamlBooleanForString : SchemaConformanceRule
{
    /// <summary>Initializes a new instance of the <see cref="DS2003YamlBooleanForString"/> class.</summary>
    public DS2003YamlBooleanForString()
        : base(RuleCatalog.DS2003_YamlBooleanForString, SchemaIssueKind.BooleanForString)
    {
    }
}
