using DaemonLint.Engine;
using DaemonLint.Rules.Placement;

namespace DaemonLint.Rules;

/// <summary>Rule instances for DS3001-DS3099: placement and scheduling lint.</summary>
public static partial class RuleSet
{
    private static Rule[] PlacementRules() => new Rule[]
    {
        new MasterTolerationWithoutControlPlane(),
        new NodeAffinityExpressionOnMetadataName(),
        new TolerationRepeatsDaemonDefault(),
        new EmptyNodeSelectorTermMatchesNothing(),
        new RunsOnNoInventoryNode(),
        new TaintAlmostTolerated(),
        new DaemonPodDoesNotFitEligibleNodes(),
    };
}
