using DaemonLint.Engine;
using DaemonLint.Rules.Schema;

namespace DaemonLint.Rules;

/// <summary>Rule instances for DS2001-DS2099: structural validation against the OpenAPI schema.</summary>
public static partial class RuleSet
{
    private static Rule[] SchemaRules() => SchemaConformance.All;
}
