using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DaemonLint.Releases;

/// <summary>
/// The effective feature gates of one cluster: a release's defaults (<see cref="FeatureGateTable"/>) with the overrides a
/// user gave in the apiserver's <c>--feature-gates</c> syntax. Immutable; <see cref="Enabled"/> is a bit test.
/// </summary>
public sealed class FeatureGateSet
{
    /// <summary>The upstream pseudo-gate that sets every alpha gate not set explicitly.</summary>
    public const string AllAlpha = "AllAlpha";

    /// <summary>The upstream pseudo-gate that sets every beta gate not set explicitly.</summary>
    public const string AllBeta = "AllBeta";

    private static readonly FeatureGateSet?[] DefaultsCache = new FeatureGateSet?[KubernetesRelease.NewestMinor - KubernetesRelease.OldestMinor + 1];

    private readonly ulong enabled;
    private readonly ulong known;
    private readonly ulong overridden;

    private FeatureGateSet(KubernetesRelease release, ulong enabled, ulong known, ulong overridden, IReadOnlyList<KeyValuePair<string, bool>> overrides)
    {
        this.Release = release;
        this.enabled = enabled;
        this.known = known;
        this.overridden = overridden;
        this.Overrides = overrides;
        this.DropPlan = TemplatePruner.PlanOf(this);
    }

    /// <summary>Gets the release whose defaults apply.</summary>
    public KubernetesRelease Release { get; }

    /// <summary>Gets the fields this gate set drops from a template (computed once).</summary>
    internal DropKinds DropPlan { get; }

    /// <summary>Gets the overrides as given (after validation), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, bool>> Overrides { get; }

    /// <summary>Gets the default gates of a release (cached).</summary>
    /// <param name="release">The release.</param>
    /// <returns>The gates.</returns>
    public static FeatureGateSet Defaults(KubernetesRelease release)
    {
        var i = release.Index;
        return DefaultsCache[i] ??= Build(release, Array.Empty<KeyValuePair<string, bool>>());
    }

    /// <summary>
    /// Parses overrides in the kube-apiserver's syntax (<c>Gate1=true,Gate2=false</c>), with its messages for a missing
    /// or bad value. Names are not checked here: <see cref="TryCreate"/> checks them against a release.
    /// </summary>
    /// <param name="text">The text (empty: no overrides).</param>
    /// <param name="overrides">The pairs, in order.</param>
    /// <param name="error">The apiserver's message for the first bad pair, or null.</param>
    /// <returns>Whether the text parsed.</returns>
    public static bool TryParse(string? text, out IReadOnlyList<KeyValuePair<string, bool>> overrides, out string? error)
    {
        var list = new List<KeyValuePair<string, bool>>();
        overrides = list;
        error = null;
        foreach (var raw in (text ?? string.Empty).Split(','))
        {
            var s = raw.Trim();
            if (s.Length == 0)
            {
                continue;
            }

            var eq = s.IndexOf('=');
            var k = (eq < 0 ? s : s.Substring(0, eq)).Trim();
            if (eq < 0)
            {
                error = $"missing bool value for {k}";
                return false;
            }

            var v = s.Substring(eq + 1).Trim();
            if (!TryParseGoBool(v, out var value))
            {
                error = $"invalid value of {k}={v}, err: strconv.ParseBool: parsing \"{v}\": invalid syntax";
                return false;
            }

            list.Add(new KeyValuePair<string, bool>(k, value));
        }

        return true;
    }

    /// <summary>
    /// Applies overrides to a release's defaults, rejecting what that release's kube-apiserver rejects: a gate it does
    /// not know (<c>unrecognized feature gate: X</c>) and a locked gate set to its non-default
    /// (<c>cannot set feature gate X to false, feature is locked to true</c>). A later pair for the same gate wins.
    /// </summary>
    /// <param name="release">The release.</param>
    /// <param name="overrides">Gate name and value pairs (may be empty or null).</param>
    /// <param name="gates">The effective gates.</param>
    /// <param name="error">The message, or null.</param>
    /// <returns>Whether every override is valid.</returns>
    public static bool TryCreate(KubernetesRelease release, IEnumerable<KeyValuePair<string, bool>>? overrides, out FeatureGateSet gates, out string? error)
    {
        var list = overrides?.ToList() ?? new List<KeyValuePair<string, bool>>();
        foreach (var kv in list)
        {
            if (kv.Key is AllAlpha or AllBeta)
            {
                continue;
            }

            if (!FeatureGateTable.TryGet(kv.Key, out var info))
            {
                error = $"unrecognized feature gate: {kv.Key} (not one of the gates that change how Kubernetes {release} validates a DaemonSet)";
                gates = Defaults(release);
                return false;
            }

            var state = info.StateIn(release);
            if (!state.Known)
            {
                error = $"unrecognized feature gate: {kv.Key} ({Availability(info, release)})";
                gates = Defaults(release);
                return false;
            }

            if (state.LockToDefault && state.Default != kv.Value)
            {
                error = $"cannot set feature gate {kv.Key} to {GoBool(kv.Value)}, feature is locked to {GoBool(state.Default)}";
                gates = Defaults(release);
                return false;
            }
        }

        gates = list.Count == 0 ? Defaults(release) : Build(release, list);
        error = null;
        return true;
    }

    /// <summary>Gets whether a gate is on. A gate the release does not know is off, unless the release keeps the feature on after removing its gate.</summary>
    /// <param name="gate">The gate.</param>
    /// <returns>True when on.</returns>
    public bool Enabled(FeatureGate gate) => (this.enabled & Bit(gate)) != 0;

    /// <summary>Gets whether the release's kube-apiserver knows the gate (only known gates can be set).</summary>
    /// <param name="gate">The gate.</param>
    /// <returns>True when known.</returns>
    public bool IsKnown(FeatureGate gate) => (this.known & Bit(gate)) != 0;

    /// <summary>Gets whether the user set the gate (directly or through AllAlpha/AllBeta).</summary>
    /// <param name="gate">The gate.</param>
    /// <returns>True when overridden.</returns>
    public bool IsOverridden(FeatureGate gate) => (this.overridden & Bit(gate)) != 0;

    /// <summary>Explains a gate's value in this set, for messages: <c>feature gate UserNamespacesSupport is off in Kubernetes 1.32</c>.</summary>
    /// <param name="gate">The gate.</param>
    /// <returns>The sentence.</returns>
    public string Describe(FeatureGate gate)
    {
        var onOff = this.Enabled(gate) ? "on" : "off";
        return this.IsOverridden(gate)
            ? $"feature gate {gate} is {onOff} (--feature-gates {gate}={GoBool(this.Enabled(gate))})"
            : $"feature gate {gate} is {onOff} in Kubernetes {this.Release}";
    }

    /// <summary>Gets the overrides in the apiserver's syntax, or an empty string.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join(",", this.Overrides.Select(kv => kv.Key + "=" + GoBool(kv.Value)));

    internal static bool TryParseGoBool(string v, out bool value)
    {
        switch (v)
        {
            case "1":
            case "t":
            case "T":
            case "TRUE":
            case "true":
            case "True":
                value = true;
                return true;
            case "0":
            case "f":
            case "F":
            case "FALSE":
            case "false":
            case "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static string GoBool(bool b) => b ? "true" : "false";

    private static ulong Bit(FeatureGate gate) => 1UL << (int)gate;

    private static string Availability(FeatureGateInfo info, KubernetesRelease release)
    {
        if (info.RemovedIn is { } removed && release.Minor >= removed)
        {
            return $"Kubernetes {release} no longer has it: it was removed in 1.{removed.ToString(CultureInfo.InvariantCulture)}";
        }

        var first = info.Specs[0].Minor;
        return $"Kubernetes {release} does not have it yet: it was added in 1.{first.ToString(CultureInfo.InvariantCulture)}";
    }

    private static FeatureGateSet Build(KubernetesRelease release, IReadOnlyList<KeyValuePair<string, bool>> overrides)
    {
        ulong enabled = 0, known = 0, overridden = 0;
        var rows = FeatureGateTable.All;
        var states = new FeatureGateState[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var s = rows[i].StateIn(release);
            states[i] = s;
            var bit = 1UL << i;
            if (s.Known)
            {
                known |= bit;
            }

            if (s.Default)
            {
                enabled |= bit;
            }
        }

        // AllAlpha / AllBeta first (they set only the gates not named explicitly), then the explicit pairs, later ones winning.
        var explicitNames = new HashSet<string>(overrides.Where(kv => kv.Key is not (AllAlpha or AllBeta)).Select(kv => kv.Key), StringComparer.Ordinal);
        foreach (var kv in overrides)
        {
            var stage = kv.Key switch { AllAlpha => FeatureStage.Alpha, AllBeta => FeatureStage.Beta, _ => (FeatureStage?)null };
            if (stage is null)
            {
                continue;
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (states[i].Known && states[i].Stage == stage && !states[i].LockToDefault && !explicitNames.Contains(rows[i].Name))
                {
                    Set(ref enabled, ref overridden, i, kv.Value);
                }
            }
        }

        foreach (var kv in overrides)
        {
            if (FeatureGateTable.TryGet(kv.Key, out var info))
            {
                Set(ref enabled, ref overridden, (int)info.Gate, kv.Value);
            }
        }

        return new FeatureGateSet(release, enabled, known, overridden, overrides);
    }

    private static void Set(ref ulong enabled, ref ulong overridden, int index, bool value)
    {
        var bit = 1UL << index;
        enabled = value ? enabled | bit : enabled & ~bit;
        overridden |= bit;
    }
}
