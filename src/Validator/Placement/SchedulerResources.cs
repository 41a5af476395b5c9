using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Placement;

/// <summary>
/// A resource vector as the scheduler keeps it (<c>pkg/scheduler/framework/types.go</c> <c>Resource</c>): cpu in
/// millicores, memory and ephemeral storage in bytes, the allowed pod number (node allocatable only) and the scalar
/// resources (extended resources, hugepages, <c>kubernetes.io/</c>-prefixed and <c>attachable-volumes-</c> names), all int64.
/// Immutable; scalar names sorted ordinally.
/// </summary>
public sealed class SchedulerResources
{
    private static readonly KeyValuePair<string, long>[] NoScalars = Array.Empty<KeyValuePair<string, long>>();

    internal SchedulerResources(long milliCpu, long memory, long ephemeralStorage, long allowedPodNumber, KeyValuePair<string, long>[]? scalars)
    {
        this.MilliCpu = milliCpu;
        this.Memory = memory;
        this.EphemeralStorage = ephemeralStorage;
        this.AllowedPodNumber = allowedPodNumber;
        this.ScalarArray = scalars is null || scalars.Length == 0 ? NoScalars : scalars;
    }

    /// <summary>Gets the empty vector (a pod without requests; a node without <c>status.allocatable</c>).</summary>
    public static SchedulerResources Zero { get; } = new(0, 0, 0, 0, null);

    /// <summary>Gets the cpu in millicores (<c>Quantity.MilliValue</c>, rounded up).</summary>
    public long MilliCpu { get; }

    /// <summary>Gets the memory in bytes (<c>Quantity.Value</c>, rounded up).</summary>
    public long Memory { get; }

    /// <summary>Gets the ephemeral storage in bytes.</summary>
    public long EphemeralStorage { get; }

    /// <summary>Gets the number of pods the node allows (<c>allocatable.pods</c>); 0 for requests.</summary>
    public long AllowedPodNumber { get; }

    /// <summary>Gets the scalar resources, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Scalars => this.ScalarArray;

    /// <summary>Gets a value indicating whether nothing is requested (the scheduler then checks only the pod count).</summary>
    public bool IsZeroRequest => this.MilliCpu == 0 && this.Memory == 0 && this.EphemeralStorage == 0 && this.ScalarArray.Length == 0;

    internal KeyValuePair<string, long>[] ScalarArray { get; }

    /// <summary>Gets one scalar resource, 0 when absent.</summary>
    /// <param name="name">The resource name.</param>
    /// <returns>The amount.</returns>
    public long Scalar(string name)
    {
        foreach (var kv in this.ScalarArray)
        {
            if (string.Equals(kv.Key, name, StringComparison.Ordinal))
            {
                return kv.Value;
            }
        }

        return 0;
    }

    /// <summary>Gets the amount of a resource by name (cpu in millicores).</summary>
    /// <param name="name">cpu, memory, ephemeral-storage, pods or a scalar name.</param>
    /// <returns>The amount.</returns>
    public long Get(string name) => name switch
    {
        "cpu" => this.MilliCpu,
        "memory" => this.Memory,
        "ephemeral-storage" => this.EphemeralStorage,
        "pods" => this.AllowedPodNumber,
        _ => this.Scalar(name),
    };

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (this.MilliCpu != 0)
        {
            parts.Add("cpu " + ResourceText.Format("cpu", this.MilliCpu));
        }

        if (this.Memory != 0)
        {
            parts.Add("memory " + ResourceText.Format("memory", this.Memory));
        }

        if (this.EphemeralStorage != 0)
        {
            parts.Add("ephemeral-storage " + ResourceText.Format("ephemeral-storage", this.EphemeralStorage));
        }

        if (this.AllowedPodNumber != 0)
        {
            parts.Add("pods " + Num.S(this.AllowedPodNumber));
        }

        foreach (var kv in this.ScalarArray)
        {
            parts.Add(kv.Key + " " + ResourceText.Format(kv.Key, kv.Value));
        }

        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }
}

/// <summary>Builds <see cref="SchedulerResources"/> with int64 sums that saturate instead of wrapping.</summary>
internal sealed class ResourceAccumulator
{
    private SortedDictionary<string, long>? scalars;

    public long MilliCpu { get; private set; }

    public long Memory { get; private set; }

    public long EphemeralStorage { get; private set; }

    public long AllowedPodNumber { get; private set; }

    public static long SaturatingAdd(long a, long b)
    {
        var r = unchecked(a + b);
        if (((a ^ r) & (b ^ r)) < 0)
        {
            return a < 0 ? long.MinValue : long.MaxValue;
        }

        return r;
    }

    public void Add(SchedulerResources r, long sign = 1)
    {
        this.MilliCpu = SaturatingAdd(this.MilliCpu, sign * r.MilliCpu);
        this.Memory = SaturatingAdd(this.Memory, sign * r.Memory);
        this.EphemeralStorage = SaturatingAdd(this.EphemeralStorage, sign * r.EphemeralStorage);
        this.AllowedPodNumber = SaturatingAdd(this.AllowedPodNumber, sign * r.AllowedPodNumber);
        foreach (var kv in r.ScalarArray)
        {
            this.AddScalar(kv.Key, sign * kv.Value);
        }
    }

    public void AddScalar(string name, long value)
    {
        this.scalars ??= new SortedDictionary<string, long>(StringComparer.Ordinal);
        this.scalars[name] = SaturatingAdd(this.scalars.TryGetValue(name, out var v) ? v : 0, value);
    }

    public void SetCpu(long v) => this.MilliCpu = v;

    public void SetMemory(long v) => this.Memory = v;

    public void SetEphemeralStorage(long v) => this.EphemeralStorage = v;

    public void SetPods(long v) => this.AllowedPodNumber = v;

    public SchedulerResources Build()
    {
        KeyValuePair<string, long>[]? s = null;
        if (this.scalars is { Count: > 0 })
        {
            s = new KeyValuePair<string, long>[this.scalars.Count];
            var i = 0;
            foreach (var kv in this.scalars)
            {
                s[i++] = kv;
            }
        }

        return this.MilliCpu == 0 && this.Memory == 0 && this.EphemeralStorage == 0 && this.AllowedPodNumber == 0 && s is null
            ? SchedulerResources.Zero
            : new SchedulerResources(this.MilliCpu, this.Memory, this.EphemeralStorage, this.AllowedPodNumber, s);
    }
}

/// <summary>A problem met while reading resources or ports: where and what.</summary>
/// <param name="Path">The field path within the object.</param>
/// <param name="Message">What is wrong and what was done about it.</param>
public sealed record ResourceProblem(FieldPath Path, string Message);

/// <summary>
/// Resource arithmetic as the scheduler does it. Quantities are summed exactly (as <c>resource.Quantity</c> adds), and
/// rounded up once per pod when converted to the int64 units of <see cref="SchedulerResources"/>.
/// </summary>
public static class ResourceMath
{
    /// <summary>
    /// Reads a node's <c>status.allocatable</c> as <c>framework.NewResource</c> does (<c>Resource.Add</c>): cpu as
    /// millicores, memory, ephemeral-storage and pods as values, scalar names as values, every other name ignored.
    /// A node without allocatable gets <see cref="SchedulerResources.Zero"/>: the scheduler then allows it 0 pods
    /// (<c>NodeInfo.SetNode</c>: <c>n.Allocatable = NewResource(node.Status.Allocatable)</c>, kubernetes v1.32).
    /// </summary>
    /// <param name="allocatable">The mapping, or null.</param>
    /// <param name="path">Its path, for problems.</param>
    /// <param name="problems">Receives the quantities that could not be read (they count as 0).</param>
    /// <returns>The vector.</returns>
    public static SchedulerResources ReadAllocatable(MappingNode? allocatable, FieldPath path, List<ResourceProblem>? problems)
    {
        if (allocatable is null)
        {
            return SchedulerResources.Zero;
        }

        var acc = new ResourceAccumulator();
        foreach (var e in allocatable.Entries)
        {
            if (!TryRead(e.Value, path.Key(e.Key), problems, out var value))
            {
                continue;
            }

            switch (e.Key)
            {
                case "cpu":
                    acc.SetCpu(ResourceAccumulator.SaturatingAdd(acc.MilliCpu, MilliValue(value)));
                    break;
                case "memory":
                    acc.SetMemory(ResourceAccumulator.SaturatingAdd(acc.Memory, Value(value)));
                    break;
                case "ephemeral-storage":
                    acc.SetEphemeralStorage(ResourceAccumulator.SaturatingAdd(acc.EphemeralStorage, Value(value)));
                    break;
                case "pods":
                    acc.SetPods(ResourceAccumulator.SaturatingAdd(acc.AllowedPodNumber, Value(value)));
                    break;
                default:
                    if (IsScalarResourceName(e.Key))
                    {
                        acc.AddScalar(e.Key, Value(value));
                    }

                    break;
            }
        }

        return acc.Build();
    }

    /// <summary>
    /// The requests the scheduler counts for a pod: <c>computePodResourceRequest</c> of
    /// <c>pkg/scheduler/framework/plugins/noderesources/fit.go</c> over <c>resource.PodRequests</c> /
    /// <c>AggregateContainerRequests</c> of <c>staging/src/k8s.io/component-helpers/resource/helpers.go</c>
    /// (kubernetes v1.32; the same formula since sidecar containers, KEP-753, in v1.28):
    /// <list type="number">
    /// <item>sum the requests of <c>containers</c>;</item>
    /// <item>for each init container in order: a restartable one (<c>restartPolicy: Always</c>, a sidecar) is added to
    /// that sum and to a running total of sidecars, and its start-up needs that running total; a classic one needs its
    /// own requests plus the sidecars started before it;</item>
    /// <item>take, per resource, the maximum of the sum and every init container's need;</item>
    /// <item>pod-level <c>spec.resources.requests</c> (cpu, memory), when set, replace the aggregate for those resources
    /// (feature PodLevelResources: the API server keeps the field only when the gate is on, so a pod that carries it
    /// was admitted with it);</item>
    /// <item>add <c>spec.overhead</c> (set by the RuntimeClass admission plugin);</item>
    /// <item>convert as <c>Resource.SetMaxResource</c> does: cpu to millicores, the rest to whole units, rounding up;
    /// names that are not cpu, memory, ephemeral-storage or scalar resources are not counted.</item>
    /// </list>
    /// Requests that are missing count as 0 (the scheduler's filter uses no defaults; the 100m/200Mi "non-zero" values are
    /// for scoring only).
    /// </summary>
    /// <param name="podSpec">The pod spec (a template's <c>spec</c> or a Pod's <c>spec</c>).</param>
    /// <param name="path">The path of the pod spec, for problems.</param>
    /// <param name="problems">Receives unreadable quantities (they count as 0).</param>
    /// <returns>The requests.</returns>
    public static SchedulerResources PodRequests(MappingNode? podSpec, FieldPath path, List<ResourceProblem>? problems)
    {
        var sum = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (podSpec.Seq("containers") is { } containers)
        {
            for (var i = 0; i < containers.Count; i++)
            {
                var p = path.Child("containers").Index(i);
                AddList(sum, (containers.Items[i] as MappingNode).Map("resources").Map("requests"), p.Child("resources", "requests"), problems);
            }
        }

        var sidecars = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var initMax = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (podSpec.Seq("initContainers") is { } inits)
        {
            for (var i = 0; i < inits.Count; i++)
            {
                var c = inits.Items[i] as MappingNode;
                var p = path.Child("initContainers").Index(i);
                var own = new Dictionary<string, decimal>(StringComparer.Ordinal);
                AddList(own, c.Map("resources").Map("requests"), p.Child("resources", "requests"), problems);
                Dictionary<string, decimal> need;
                if (c.Str("restartPolicy") == "Always")
                {
                    AddAll(sum, own);
                    AddAll(sidecars, own);
                    need = sidecars;
                }
                else
                {
                    need = new Dictionary<string, decimal>(own, StringComparer.Ordinal);
                    AddAll(need, sidecars);
                }

                MaxAll(initMax, need);
            }
        }

        MaxAll(sum, initMax);

        if (podSpec.Map("resources").Map("requests") is { } podLevel)
        {
            foreach (var e in podLevel.Entries)
            {
                // IsSupportedPodLevelResource: cpu and memory.
                if (e.Key is "cpu" or "memory" && TryRead(e.Value, path.Child("resources", "requests").Key(e.Key), problems, out var v))
                {
                    sum[e.Key] = v;
                }
            }
        }

        AddList(sum, podSpec.Map("overhead"), path.Child("overhead"), problems);

        var acc = new ResourceAccumulator();
        foreach (var kv in sum)
        {
            switch (kv.Key)
            {
                case "cpu":
                    acc.SetCpu(MilliValue(kv.Value));
                    break;
                case "memory":
                    acc.SetMemory(Value(kv.Value));
                    break;
                case "ephemeral-storage":
                    acc.SetEphemeralStorage(Value(kv.Value));
                    break;
                default:
                    if (IsScalarResourceName(kv.Key))
                    {
                        var value = Value(kv.Value);
                        if (value != 0)
                        {
                            acc.AddScalar(kv.Key, value);
                        }
                    }

                    break;
            }
        }

        return acc.Build();
    }

    /// <summary>
    /// The host ports a pod holds on its node, as the scheduler's NodePorts plugin and <c>NodeInfo.UsedPorts</c> see them
    /// (<c>pkg/scheduler/util/utils.go</c> <c>GetHostPorts</c>): ports with <c>hostPort</c> &gt; 0 of restartable init
    /// containers (since kubernetes PR 132040, v1.34 and v1.33.5) and of containers. With
    /// <paramref name="defaultHostNetwork"/>, a port of a <c>hostNetwork: true</c> pod without <c>hostPort</c> gets its
    /// <c>containerPort</c>, as <c>SetDefaults_Pod</c> (<c>defaultHostNetworkPorts</c>) does when the controller creates
    /// the daemon pod; pods read from the cluster are already defaulted.
    /// </summary>
    /// <param name="podSpec">The pod spec.</param>
    /// <param name="defaultHostNetwork">Whether to apply the hostNetwork defaulting (for a template).</param>
    /// <returns>The ports, with empty hostIP and protocol sanitized to 0.0.0.0 and TCP.</returns>
    public static HostPort[] HostPorts(MappingNode? podSpec, bool defaultHostNetwork)
    {
        var hostNetwork = defaultHostNetwork && podSpec.Bool("hostNetwork") == true;
        List<HostPort>? list = null;
        if (podSpec.Seq("initContainers") is { } inits)
        {
            foreach (var item in inits.Items)
            {
                if (item is MappingNode c && c.Str("restartPolicy") == "Always")
                {
                    AddPorts(ref list, c, hostNetwork);
                }
            }
        }

        if (podSpec.Seq("containers") is { } containers)
        {
            foreach (var item in containers.Items)
            {
                AddPorts(ref list, item as MappingNode, hostNetwork);
            }
        }

        return list is null ? Array.Empty<HostPort>() : list.ToArray();
    }

    /// <summary><c>schedutil.IsScalarResourceName</c>: extended, hugepages, <c>kubernetes.io/</c>-prefixed native or attachable-volumes names.</summary>
    /// <param name="name">The resource name.</param>
    /// <returns>True when the scheduler tracks it as a scalar resource.</returns>
    public static bool IsScalarResourceName(string name) =>
        ResourceNames.IsExtended(name)
        || name.StartsWith("hugepages-", StringComparison.Ordinal)
        || name.IndexOf("kubernetes.io/", StringComparison.Ordinal) >= 0
        || name.StartsWith("attachable-volumes-", StringComparison.Ordinal);

    /// <summary><c>Quantity.MilliValue</c>: the value × 1000, rounded up, saturated to int64.</summary>
    /// <param name="value">The exact value.</param>
    /// <returns>The millis.</returns>
    internal static long MilliValue(decimal value)
    {
        try
        {
            return ToLong(decimal.Ceiling(value * 1000m));
        }
        catch (OverflowException)
        {
            return value < 0 ? long.MinValue : long.MaxValue;
        }
    }

    /// <summary><c>Quantity.Value</c>: the value rounded up, saturated to int64.</summary>
    /// <param name="value">The exact value.</param>
    /// <returns>The value.</returns>
    internal static long Value(decimal value) => ToLong(decimal.Ceiling(value));

    /// <summary>Reads a quantity node as an exact decimal (nano precision, as <c>ParseQuantity</c> keeps it).</summary>
    internal static bool TryRead(ManifestNode? node, FieldPath path, List<ResourceProblem>? problems, out decimal value)
    {
        value = 0;
        if (node is null || node.IsNull)
        {
            return false;
        }

        if (!Quantity.TryParse(node, out var q, out var error))
        {
            problems?.Add(new ResourceProblem(path, $"{Nodes.Display(node)} is not a quantity ({error ?? "not a string or number"}); counted as 0"));
            return false;
        }

        value = ToDecimal(q);
        return true;
    }

    private static decimal ToDecimal(Quantity q)
    {
        if (q.Mantissa.IsZero)
        {
            return 0;
        }

        // Saturate far beyond int64 units (anything larger rounds to long.MaxValue later anyway); below that the
        // mantissa has at most 28 digits (ParseQuantity keeps nano precision), which decimal holds exactly.
        var digits = BigInteger.Abs(q.Mantissa).ToString(CultureInfo.InvariantCulture).Length;
        if (digits + q.Exponent > 19 || q.Exponent < -9)
        {
            return digits + q.Exponent > 19 ? (q.Sign < 0 ? -1e19m : 1e19m) : 0;
        }

        var m = (decimal)q.Mantissa;
        for (var e = q.Exponent; e > 0; e--)
        {
            m *= 10;
        }

        for (var e = q.Exponent; e < 0; e++)
        {
            m /= 10;
        }

        return m;
    }

    private static long ToLong(decimal d) => d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;

    private static void AddList(Dictionary<string, decimal> into, MappingNode? list, FieldPath path, List<ResourceProblem>? problems)
    {
        if (list is null)
        {
            return;
        }

        foreach (var e in list.Entries)
        {
            if (TryRead(e.Value, path.Key(e.Key), problems, out var v))
            {
                into[e.Key] = Add(into.TryGetValue(e.Key, out var have) ? have : 0, v);
            }
        }
    }

    private static void AddAll(Dictionary<string, decimal> into, Dictionary<string, decimal> add)
    {
        foreach (var kv in add)
        {
            into[kv.Key] = Add(into.TryGetValue(kv.Key, out var have) ? have : 0, kv.Value);
        }
    }

    private static void MaxAll(Dictionary<string, decimal> into, Dictionary<string, decimal> other)
    {
        foreach (var kv in other)
        {
            if (!into.TryGetValue(kv.Key, out var have) || kv.Value > have)
            {
                into[kv.Key] = kv.Value;
            }
        }
    }

    private static decimal Add(decimal a, decimal b)
    {
        try
        {
            return a + b;
        }
        catch (OverflowException)
        {
            return a < 0 ? decimal.MinValue : decimal.MaxValue;
        }
    }

    private static void AddPorts(ref List<HostPort>? list, MappingNode? container, bool hostNetwork)
    {
        if (container.Seq("ports") is not { } ports)
        {
            return;
        }

        foreach (var item in ports.Items)
        {
            if (item is not MappingNode p)
            {
                continue;
            }

            var hostPort = p.Int("hostPort") ?? 0;
            if (hostPort == 0 && hostNetwork)
            {
                hostPort = p.Int("containerPort") ?? 0;
            }

            if (hostPort <= 0 || hostPort > int.MaxValue)
            {
                continue;
            }

            (list ??= new List<HostPort>()).Add(new HostPort(p.Str("hostIP") ?? string.Empty, p.Str("protocol") ?? string.Empty, (int)hostPort));
        }
    }
}

/// <summary>A host port a pod holds: <c>hostIP</c> (empty = 0.0.0.0), protocol (empty = TCP) and port, as <c>HostPortInfo</c> sanitizes them.</summary>
public readonly struct HostPort : IEquatable<HostPort>
{
    /// <summary>The address that binds every address (<c>DefaultBindAllHostIP</c>).</summary>
    public const string BindAll = "0.0.0.0";

    /// <summary>Initializes a new instance of the <see cref="HostPort"/> struct.</summary>
    /// <param name="ip">hostIP, or empty.</param>
    /// <param name="protocol">protocol, or empty.</param>
    /// <param name="port">hostPort.</param>
    public HostPort(string ip, string protocol, int port)
    {
        this.Ip = ip.Length == 0 ? BindAll : ip;
        this.Protocol = protocol.Length == 0 ? "TCP" : protocol;
        this.Port = port;
    }

    /// <summary>Gets the host IP (0.0.0.0 when unset).</summary>
    public string Ip { get; }

    /// <summary>Gets the protocol (TCP when unset).</summary>
    public string Protocol { get; }

    /// <summary>Gets the port.</summary>
    public int Port { get; }

    /// <summary>
    /// Whether two ports conflict as <c>HostPortInfo.CheckConflict</c> decides (<c>pkg/scheduler/framework/types.go</c>):
    /// same protocol and port, and the same IP or either IP 0.0.0.0 (no other wildcard: <c>::</c> is an ordinary address there).
    /// </summary>
    /// <param name="other">The other port.</param>
    /// <returns>True on a conflict.</returns>
    public bool ConflictsWith(HostPort other) =>
        this.Port == other.Port
        && string.Equals(this.Protocol, other.Protocol, StringComparison.Ordinal)
        && (this.Ip == BindAll || other.Ip == BindAll || string.Equals(this.Ip, other.Ip, StringComparison.Ordinal));

    /// <inheritdoc />
    public bool Equals(HostPort other) => this.Port == other.Port && this.Protocol == other.Protocol && this.Ip == other.Ip;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is HostPort p && this.Equals(p);

    /// <inheritdoc />
    public override int GetHashCode() => (this.Port * 397) ^ StringComparer.Ordinal.GetHashCode(this.Protocol) ^ StringComparer.Ordinal.GetHashCode(this.Ip);

    /// <summary>Formats as <c>9100/TCP</c>, or <c>10.0.0.1:9100/TCP</c> with a specific IP.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => (this.Ip == BindAll ? string.Empty : this.Ip + ":") + Num.S(this.Port) + "/" + this.Protocol;
}

/// <summary>Formats resource amounts for messages: cpu in cores or millicores, bytes with binary suffixes.</summary>
public static class ResourceText
{
    /// <summary>Formats an amount.</summary>
    /// <param name="resource">The resource name (cpu amounts are millicores).</param>
    /// <param name="amount">The amount.</param>
    /// <returns>The text, e.g. <c>500m</c>, <c>4</c>, <c>512Mi</c>, <c>15.5Gi</c>.</returns>
    public static string Format(string resource, long amount)
    {
        if (resource == "cpu")
        {
            return amount % 1000 == 0 ? Num.S(amount / 1000) : Num.S(amount) + "m";
        }

        if (resource is "memory" or "ephemeral-storage" || resource.StartsWith("hugepages-", StringComparison.Ordinal))
        {
            return Bytes(amount);
        }

        return Num.S(amount);
    }

    private static string Bytes(long amount)
    {
        // Exact when possible: the largest binary suffix that divides, else the largest decimal one, else one decimal of a binary unit.
        string[] binary = { "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" };
        string[] dec = { "k", "M", "G", "T", "P", "E" };
        if (amount == 0)
        {
            return "0";
        }

        string? exact = null;
        for (var i = binary.Length - 1; i >= 0 && exact is null; i--)
        {
            var unit = 1L << (10 * (i + 1));
            if (amount % unit == 0)
            {
                exact = Num.S(amount / unit) + binary[i];
            }
        }

        var div = 1L;
        for (var i = 0; i < dec.Length; i++)
        {
            div *= 1000;
            if (amount % div != 0)
            {
                break;
            }

            // The shortest exact form wins: 10G rather than 9765625Ki, 512Mi rather than 536870912.
            var candidate = Num.S(amount / div) + dec[i];
            if (exact is null || candidate.Length < exact.Length)
            {
                exact = candidate;
            }
        }

        // Exact while short (a kubelet reports 16255168Ki: 15.5Gi reads better); otherwise one decimal of a binary unit.
        if (exact is not null && exact.TrimEnd('k', 'M', 'G', 'T', 'P', 'E', 'K', 'i').TrimStart('-').Length <= 4)
        {
            return exact;
        }

        var abs = amount < 0 ? -(decimal)amount : amount;
        var u = -1;
        var scaled = abs;
        while (u + 1 < binary.Length && scaled >= 1024)
        {
            scaled /= 1024;
            u++;
        }

        if (u < 0)
        {
            return Num.S(amount);
        }

        var rounded = decimal.Round(scaled, 1, MidpointRounding.AwayFromZero);
        return (amount < 0 ? "-" : string.Empty) + rounded.ToString(rounded == decimal.Truncate(rounded) ? "0" : "0.0", CultureInfo.InvariantCulture) + binary[u];
    }
}
