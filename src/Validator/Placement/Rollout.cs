using System;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Placement;

/// <summary>An int-or-percent rolling update value after apps/v1 defaulting.</summary>
public readonly struct IntOrPercentValue
{
    /// <summary>Initializes a new instance of the <see cref="IntOrPercentValue"/> struct.</summary>
    /// <param name="value">The integer, or the percentage number.</param>
    /// <param name="isPercent">Whether it is a percentage.</param>
    /// <param name="known">Whether the value could be read.</param>
    public IntOrPercentValue(long value, bool isPercent, bool known = true)
    {
        this.Value = value;
        this.IsPercent = isPercent;
        this.Known = known;
    }

    /// <summary>Gets the integer, or the percentage number.</summary>
    public long Value { get; }

    /// <summary>Gets a value indicating whether it is a percentage.</summary>
    public bool IsPercent { get; }

    /// <summary>Gets a value indicating whether the value could be read (an integer or a valid "N%").</summary>
    public bool Known { get; }

    /// <inheritdoc />
    public override string ToString() => !this.Known ? "(invalid)" : this.IsPercent ? Num.S(this.Value) + "%" : Num.S(this.Value);

    /// <summary>Reads a value, applying the default when absent.</summary>
    /// <param name="node">The node.</param>
    /// <param name="defaultValue">The apps/v1 default.</param>
    /// <returns>The value.</returns>
    public static IntOrPercentValue Read(ManifestNode? node, long defaultValue) => node switch
    {
        null => new IntOrPercentValue(defaultValue, false),
        ScalarNode { Type: ScalarType.Null } => new IntOrPercentValue(defaultValue, false),
        ScalarNode { Type: ScalarType.String } s when K8sNames.TryParsePercent(s.Raw, out var p) => new IntOrPercentValue(p, true),
        ScalarNode { IntValue: { } i } when i >= 0 => new IntOrPercentValue(i, false),
        _ => new IntOrPercentValue(0, false, false),
    };

    /// <summary>Scales the value against a total, rounding up (<c>GetScaledValueFromIntOrPercent(v, total, true)</c>).</summary>
    /// <param name="total">The total (the desired number of nodes).</param>
    /// <returns>The count.</returns>
    public long Scale(long total) => this.IsPercent ? ((this.Value * total) + 99) / 100 : this.Value;
}

/// <summary>The update strategy of a DaemonSet after apps/v1 defaulting.</summary>
public sealed class RolloutSettings
{
    private RolloutSettings(string type, IntOrPercentValue maxUnavailable, IntOrPercentValue maxSurge)
    {
        this.Type = type;
        this.MaxUnavailable = maxUnavailable;
        this.MaxSurge = maxSurge;
    }

    /// <summary>Gets the strategy type (RollingUpdate by default).</summary>
    public string Type { get; }

    /// <summary>Gets maxUnavailable (default 1).</summary>
    public IntOrPercentValue MaxUnavailable { get; }

    /// <summary>Gets maxSurge (default 0).</summary>
    public IntOrPercentValue MaxSurge { get; }

    /// <summary>Reads <c>spec.updateStrategy</c>.</summary>
    /// <param name="strategy">The node, or null.</param>
    /// <returns>The settings.</returns>
    public static RolloutSettings Read(MappingNode? strategy)
    {
        var type = strategy.Str("type");
        var ru = strategy.Map("rollingUpdate");
        return Create(string.IsNullOrEmpty(type) ? "RollingUpdate" : type!, IntOrPercentValue.Read(ru.Get("maxUnavailable"), 1), IntOrPercentValue.Read(ru.Get("maxSurge"), 0));
    }

    /// <summary>Creates settings.</summary>
    /// <param name="type">The strategy type.</param>
    /// <param name="maxUnavailable">maxUnavailable.</param>
    /// <param name="maxSurge">maxSurge.</param>
    /// <returns>The settings.</returns>
    public static RolloutSettings Create(string type, IntOrPercentValue maxUnavailable, IntOrPercentValue maxSurge) => new(type, maxUnavailable, maxSurge);
}

/// <summary>The rollout plan for a desired number of nodes (<c>pkg/controller/daemon/update.go</c>, PLACEMENT.md §6).</summary>
public sealed class RolloutPlan
{
    private RolloutPlan(string strategy, long desired, long maxUnavailable, long maxSurge, long perWave, long waves, string summary)
    {
        this.Strategy = strategy;
        this.Desired = desired;
        this.MaxUnavailable = maxUnavailable;
        this.MaxSurge = maxSurge;
        this.NodesPerWave = perWave;
        this.Waves = waves;
        this.Summary = summary;
    }

    /// <summary>Gets the strategy type.</summary>
    public string Strategy { get; }

    /// <summary>Gets the desired number of nodes (shouldRun).</summary>
    public long Desired { get; }

    /// <summary>Gets maxUnavailable scaled to the desired count (after the "both zero → 1" rule).</summary>
    public long MaxUnavailable { get; }

    /// <summary>Gets maxSurge scaled to the desired count.</summary>
    public long MaxSurge { get; }

    /// <summary>Gets the number of nodes updated at once (0 for OnDelete).</summary>
    public long NodesPerWave { get; }

    /// <summary>Gets the number of waves in the steady state (0 for OnDelete or no nodes).</summary>
    public long Waves { get; }

    /// <summary>Gets a one-line description.</summary>
    public string Summary { get; }

    /// <summary>Computes the plan.</summary>
    /// <param name="settings">The update strategy.</param>
    /// <param name="desired">The number of nodes that should run the DaemonSet.</param>
    /// <returns>The plan.</returns>
    public static RolloutPlan Compute(RolloutSettings settings, long desired)
    {
        if (settings.Type == "OnDelete")
        {
            return new RolloutPlan("OnDelete", desired, 0, 0, 0, 0, "OnDelete: nothing rolls until pods are deleted; each deleted pod is re-created from the new template");
        }

        if (settings.Type != "RollingUpdate")
        {
            return new RolloutPlan(settings.Type, desired, 0, 0, 0, 0, $"unknown update strategy {Engine.Nodes.Quote(settings.Type)}: the server rejects it");
        }

        if (!settings.MaxUnavailable.Known || !settings.MaxSurge.Known)
        {
            return new RolloutPlan("RollingUpdate", desired, 0, 0, 0, 0, "RollingUpdate with a maxUnavailable or maxSurge the server rejects");
        }

        var surge = settings.MaxSurge.Scale(desired);
        var unavailable = settings.MaxUnavailable.Scale(desired);
        if (desired > 0 && unavailable == 0 && surge == 0)
        {
            unavailable = 1;
        }

        var perWave = surge > 0 ? surge : unavailable;
        perWave = Math.Min(perWave, desired);
        var waves = perWave == 0 ? 0 : (desired + perWave - 1) / perWave;
        var how = surge > 0
            ? $"maxSurge {settings.MaxSurge} → {Num.S(surge)}: a new pod starts beside the old one on {Num.S(perWave)} node(s) at a time"
            : $"maxUnavailable {settings.MaxUnavailable} → {Num.S(unavailable)}: {Num.S(perWave)} node(s) at a time lose their pod while it is replaced";
        var summary = desired == 0
            ? "RollingUpdate: no node runs the DaemonSet, nothing to roll"
            : $"RollingUpdate over {Num.S(desired)} node(s): {how}; about {Num.S(waves)} wave(s)";
        return new RolloutPlan("RollingUpdate", desired, unavailable, surge, perWave, waves, summary);
    }
}
