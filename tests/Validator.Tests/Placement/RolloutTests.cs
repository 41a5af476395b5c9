using DaemonLint.Placement;
using static DaemonLint.Tests.Placement.PlacementTestKit;

namespace DaemonLint.Tests.Placement;

/// <summary>Rollout arithmetic: percentages of the desired count rounded up for both fields, as the DaemonSet controller does.</summary>
public sealed class RolloutTests
{
    [Theory]
    [InlineData(10, "maxUnavailable: 25%", 3, 0, 3, 4)]
    [InlineData(7, "maxUnavailable: 10%", 1, 0, 1, 7)]
    [InlineData(3, "maxUnavailable: 50%", 2, 0, 2, 2)]
    [InlineData(0, "maxUnavailable: 25%", 0, 0, 0, 0)]
    [InlineData(0, "", 1, 0, 0, 0)]
    [InlineData(5, "", 1, 0, 1, 5)]
    [InlineData(5, "maxUnavailable: 2", 2, 0, 2, 3)]
    [InlineData(100, "maxUnavailable: 1%", 1, 0, 1, 100)]
    [InlineData(101, "maxUnavailable: 1%", 2, 0, 2, 51)]
    [InlineData(10, "maxUnavailable: 0\n  maxSurge: 25%", 0, 3, 3, 4)]
    [InlineData(4, "maxUnavailable: 0\n  maxSurge: 100%", 0, 4, 4, 1)]
    [InlineData(10, "maxUnavailable: 0%\n  maxSurge: 0%", 1, 0, 1, 10)]
    [InlineData(3, "maxUnavailable: 10", 10, 0, 3, 1)]
    public void RollingUpdate_ScalesLikeTheController(int desired, string rollingUpdate, long maxUnavailable, long maxSurge, long perWave, long waves)
    {
        var spec = rollingUpdate.Length == 0 ? string.Empty : "updateStrategy:\n  rollingUpdate:\n    " + rollingUpdate.Replace("\n  ", "\n    ");
        var plan = PlacementPlan.Compile(DaemonSet(string.Empty, spec));
        var r = RolloutPlan.Compute(plan.Rollout, desired);
        Assert.Equal("RollingUpdate", r.Strategy);
        Assert.Equal(maxUnavailable, r.MaxUnavailable);
        Assert.Equal(maxSurge, r.MaxSurge);
        Assert.Equal(perWave, r.NodesPerWave);
        Assert.Equal(waves, r.Waves);
    }

    [Fact]
    public void OnDelete_SaysNothingRollsUntilPodsAreDeleted()
    {
        var plan = PlacementPlan.Compile(DaemonSet(string.Empty, "updateStrategy: {type: OnDelete}"));
        var r = RolloutPlan.Compute(plan.Rollout, 12);
        Assert.Equal("OnDelete", r.Strategy);
        Assert.Equal(0, r.Waves);
        Assert.Contains("until pods are deleted", r.Summary);
    }

    [Theory]
    [InlineData(10, 25, 3)]
    [InlineData(7, 10, 1)]
    [InlineData(3, 50, 2)]
    [InlineData(0, 50, 0)]
    [InlineData(1, 1, 1)]
    public void Percent_RoundsUp(long total, long percent, long expected) =>
        Assert.Equal(expected, new IntOrPercentValue(percent, true).Scale(total));
}
