using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1013: updateStrategy.type is RollingUpdate or OnDelete (reported on the strategy object, as upstream).</summary>
internal sealed class DS1013UpdateStrategyTypeMustBeSupported : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1013UpdateStrategyTypeMustBeSupported"/> class.</summary>
    public DS1013UpdateStrategyTypeMustBeSupported()
        : base(RuleCatalog.DS1013_UpdateStrategyTypeMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var s = new EffectiveStrategy(context);
        if (!s.TypeKnown || s.Type is "RollingUpdate" or "OnDelete")
        {
            return;
        }

        var hint = string.Equals(s.Type, "RollingUpdate", System.StringComparison.OrdinalIgnoreCase) || string.Equals(s.Type, "OnDelete", System.StringComparison.OrdinalIgnoreCase)
            ? "strategy types are case-sensitive: write RollingUpdate or OnDelete"
            : "use RollingUpdate (the default) or OnDelete";
        context.Report(
            FindingKind.NotSupported,
            Paths.UpdateStrategy,
            "supported values: \"RollingUpdate\", \"OnDelete\"",
            Nodes.Display(s.Strategy),
            hint,
            at: Paths.UpdateStrategy.Child("type"));
    }
}
