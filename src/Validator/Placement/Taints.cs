using System.Collections.Generic;
using System.Globalization;

namespace DaemonLint.Placement;

/// <summary>The effect of a taint or toleration.</summary>
public enum TaintEffect
{
    /// <summary>No effect given (a toleration with an empty effect matches every effect).</summary>
    None,

    /// <summary><c>NoSchedule</c>: no new pods unless tolerated; running pods stay.</summary>
    NoSchedule,

    /// <summary><c>PreferNoSchedule</c>: scoring only; never excludes a node.</summary>
    PreferNoSchedule,

    /// <summary><c>NoExecute</c>: no new pods and running pods are evicted unless tolerated.</summary>
    NoExecute,

    /// <summary>An effect the API does not know; never matches a known effect.</summary>
    Other,
}

/// <summary>The operator of a toleration.</summary>
public enum TolerationOperator
{
    /// <summary><c>Equal</c> (also when the operator is empty): the values must be equal.</summary>
    Equal,

    /// <summary><c>Exists</c>: any value.</summary>
    Exists,

    /// <summary>Any other operator (Lt/Gt are behind an alpha gate that is off by default): tolerates nothing.</summary>
    Other,
}

/// <summary>A node taint.</summary>
public sealed class Taint
{
    /// <summary>Initializes a new instance of the <see cref="Taint"/> class.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value ("" when absent).</param>
    /// <param name="effect">The effect as written.</param>
    public Taint(string key, string value, string effect)
    {
        this.Key = key;
        this.Value = value;
        this.EffectText = effect;
        this.Effect = Effects.Parse(effect);
        this.Display = Model.GoText.Clip(Model.GoText.Escape(value.Length == 0 ? key + ":" + effect : key + "=" + value + ":" + effect), Model.GoText.MaxEchoedBytes);
    }

    /// <summary>Gets the key.</summary>
    public string Key { get; }

    /// <summary>Gets the value ("" when absent).</summary>
    public string Value { get; }

    /// <summary>Gets the effect as written.</summary>
    public string EffectText { get; }

    /// <summary>Gets the parsed effect.</summary>
    public TaintEffect Effect { get; }

    /// <summary>Gets a value indicating whether the controller examines the taint (NoSchedule or NoExecute).</summary>
    public bool Excludes => this.Effect is TaintEffect.NoSchedule or TaintEffect.NoExecute;

    /// <summary>Gets the taint as <c>kubectl taint</c> writes it: <c>key=value:Effect</c> (<c>key:Effect</c> without a value).</summary>
    public string Display { get; }

    /// <inheritdoc />
    public override string ToString() => this.Display;
}

/// <summary>A pod toleration, read from a template or one of the controller's defaults.</summary>
public sealed class Toleration
{
    /// <summary>Initializes a new instance of the <see cref="Toleration"/> class.</summary>
    /// <param name="key">The key ("" for every key).</param>
    /// <param name="operatorText">The operator as written ("" means Equal).</param>
    /// <param name="value">The value.</param>
    /// <param name="effect">The effect as written ("" for every effect).</param>
    /// <param name="tolerationSeconds">The tolerationSeconds, or null.</param>
    /// <param name="index">The index in the template's tolerations, or -1 for a controller default.</param>
    public Toleration(string key, string operatorText, string value, string effect, long? tolerationSeconds = null, int index = -1)
    {
        this.Key = key;
        this.OperatorText = operatorText;
        this.Operator = operatorText switch
        {
            "" or "Equal" => TolerationOperator.Equal,
            "Exists" => TolerationOperator.Exists,
            _ => TolerationOperator.Other,
        };
        this.Value = value;
        this.EffectText = effect;
        this.Effect = effect.Length == 0 ? TaintEffect.None : Effects.Parse(effect);
        this.TolerationSeconds = tolerationSeconds;
        this.Index = index;
    }

    /// <summary>Gets the key.</summary>
    public string Key { get; }

    /// <summary>Gets the operator as written.</summary>
    public string OperatorText { get; }

    /// <summary>Gets the operator.</summary>
    public TolerationOperator Operator { get; }

    /// <summary>Gets the value.</summary>
    public string Value { get; }

    /// <summary>Gets the effect as written.</summary>
    public string EffectText { get; }

    /// <summary>Gets the effect (<see cref="TaintEffect.None"/>: every effect).</summary>
    public TaintEffect Effect { get; }

    /// <summary>Gets tolerationSeconds, or null (tolerate forever).</summary>
    public long? TolerationSeconds { get; }

    /// <summary>Gets the index in the template's tolerations, or -1 for a default the controller adds.</summary>
    public int Index { get; }

    /// <summary>Gets a value indicating whether this is one of the controller's default tolerations.</summary>
    public bool IsDefault => this.Index < 0;

    /// <summary>Whether this toleration tolerates a taint (<c>core/v1 Toleration.ToleratesTaint</c>, comparison operators gated off).</summary>
    /// <param name="taint">The taint.</param>
    /// <returns>True when tolerated.</returns>
    public bool Tolerates(Taint taint)
    {
        if (this.Effect != TaintEffect.None
            && (this.Effect != taint.Effect || (this.Effect == TaintEffect.Other && !string.Equals(this.EffectText, taint.EffectText, System.StringComparison.Ordinal))))
        {
            return false;
        }

        if (this.Key.Length > 0 && !string.Equals(this.Key, taint.Key, System.StringComparison.Ordinal))
        {
            return false;
        }

        return this.Operator switch
        {
            TolerationOperator.Equal => string.Equals(this.Value, taint.Value, System.StringComparison.Ordinal),
            TolerationOperator.Exists => true,
            _ => false,
        };
    }

    /// <summary>Whether key, operator, value and effect equal another's (<c>Toleration.MatchToleration</c>).</summary>
    /// <param name="other">The other toleration.</param>
    /// <returns>True when they match.</returns>
    public bool MatchToleration(Toleration other) =>
        this.Key == other.Key && this.OperatorText == other.OperatorText && this.Value == other.Value && this.EffectText == other.EffectText;

    /// <summary>Formats the toleration compactly, e.g. <c>node-role.kubernetes.io/master:Exists:NoSchedule</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var key = this.Key.Length == 0 ? "*" : this.Key;
        var op = this.Operator == TolerationOperator.Exists ? " Exists" : (this.OperatorText.Length == 0 ? " =" : " " + this.OperatorText) + " " + Engine.Nodes.Quote(this.Value);
        var effect = this.EffectText.Length == 0 ? " (all effects)" : " " + this.EffectText;
        var seconds = this.TolerationSeconds is { } s ? " for " + s.ToString(CultureInfo.InvariantCulture) + "s" : string.Empty;
        return key + op + effect + seconds;
    }
}

/// <summary>Effect parsing and the tolerations the DaemonSet controller adds to every daemon pod.</summary>
public static class Effects
{
    /// <summary>Parses an effect.</summary>
    /// <param name="effect">The text.</param>
    /// <returns>The effect.</returns>
    public static TaintEffect Parse(string effect) => effect switch
    {
        "NoSchedule" => TaintEffect.NoSchedule,
        "PreferNoSchedule" => TaintEffect.PreferNoSchedule,
        "NoExecute" => TaintEffect.NoExecute,
        "" => TaintEffect.None,
        _ => TaintEffect.Other,
    };
}

/// <summary>
/// The tolerations every daemon pod gets (<c>pkg/controller/daemon/util/daemonset_util.go</c>
/// <c>AddOrUpdateDaemonPodTolerations</c>), merged the way <c>AddOrUpdateTolerationInPodSpec</c> merges them.
/// </summary>
public static class DaemonTolerations
{
    /// <summary>The well-known taint key <c>node.kubernetes.io/not-ready</c>.</summary>
    public const string NotReady = "node.kubernetes.io/not-ready";

    /// <summary>The well-known taint key <c>node.kubernetes.io/unreachable</c>.</summary>
    public const string Unreachable = "node.kubernetes.io/unreachable";

    /// <summary>The well-known taint key <c>node.kubernetes.io/network-unavailable</c>.</summary>
    public const string NetworkUnavailable = "node.kubernetes.io/network-unavailable";

    /// <summary>The legacy control-plane taint key.</summary>
    public const string Master = "node-role.kubernetes.io/master";

    /// <summary>The control-plane taint key.</summary>
    public const string ControlPlane = "node-role.kubernetes.io/control-plane";

    private static readonly Toleration[] Always =
    {
        new(NotReady, "Exists", string.Empty, "NoExecute"),
        new(Unreachable, "Exists", string.Empty, "NoExecute"),
        new("node.kubernetes.io/disk-pressure", "Exists", string.Empty, "NoSchedule"),
        new("node.kubernetes.io/memory-pressure", "Exists", string.Empty, "NoSchedule"),
        new("node.kubernetes.io/pid-pressure", "Exists", string.Empty, "NoSchedule"),
        new("node.kubernetes.io/unschedulable", "Exists", string.Empty, "NoSchedule"),
    };

    private static readonly Toleration HostNetworkOnly = new(NetworkUnavailable, "Exists", string.Empty, "NoSchedule");

    private static readonly Toleration[] WithHostNetwork = [.. Always, HostNetworkOnly];

    /// <summary>Gets the defaults for a pod.</summary>
    /// <param name="hostNetwork">Whether the pod uses the host network (adds network-unavailable:NoSchedule).</param>
    /// <returns>The defaults, in the controller's order.</returns>
    public static IReadOnlyList<Toleration> Defaults(bool hostNetwork)
    {
        return hostNetwork ? WithHostNetwork : Always;
    }

    /// <summary>Merges the defaults into template tolerations as <c>AddOrUpdateTolerationInPodSpec</c> does.</summary>
    /// <param name="template">The template tolerations.</param>
    /// <param name="hostNetwork">Whether the pod uses the host network.</param>
    /// <returns>The pod's tolerations.</returns>
    public static List<Toleration> Merge(IReadOnlyList<Toleration> template, bool hostNetwork)
    {
        var result = new List<Toleration>(template);
        foreach (var d in Defaults(hostNetwork))
        {
            if (result.Exists(t => t.MatchToleration(d) && t.TolerationSeconds is null))
            {
                // Semantically equal to the default: the pod is left unchanged.
                continue;
            }

            var replaced = false;
            for (var i = 0; i < result.Count; i++)
            {
                if (result[i].MatchToleration(d))
                {
                    // Same key, operator, value and effect: the default replaces it (a user's tolerationSeconds is dropped).
                    result[i] = d;
                    replaced = true;
                }
            }

            if (!replaced)
            {
                result.Add(d);
            }
        }

        return result;
    }
}
