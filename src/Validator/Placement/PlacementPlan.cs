using System;
using System.Collections.Generic;
using System.Globalization;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Placement;

/// <summary>Why the controller gives a node no daemon pod (the first stage that fails, in the controller's code order).</summary>
public enum PlacementReason : byte
{
    /// <summary>The node gets a pod.</summary>
    None,

    /// <summary><c>spec.template.spec.nodeName</c> names another node.</summary>
    NodeNameMismatch,

    /// <summary>A <c>nodeSelector</c> pair does not hold on the node.</summary>
    NodeSelectorMismatch,

    /// <summary>No required node affinity term matches the node.</summary>
    NodeAffinityMismatch,

    /// <summary>A NoSchedule or NoExecute taint of the node is not tolerated (first in list order).</summary>
    UntoleratedTaint,
}

/// <summary>Informational notes on a decision; they never change it.</summary>
[Flags]
public enum PlacementNotes : byte
{
    /// <summary>Nothing to add.</summary>
    None = 0,

    /// <summary>A NoExecute taint is tolerated only for tolerationSeconds: the pod is evicted and re-created over and over.</summary>
    ChurnTolerationSeconds = 1,

    /// <summary>Excluded only by NoSchedule taints: no new pod, but an existing one is kept.</summary>
    KeptButNotScheduled = 2,
}

/// <summary>The controller's decision for one node (<c>NodeShouldRunDaemonPod</c>). 16 bytes, so 5,000 of them stay off the large object heap.</summary>
public readonly struct PlacementDecision
{
    // Either the detail text or the untolerated Taint (whose Display is the detail): one reference instead of two.
    private readonly object? source;
    private readonly PlacementReason reason;
    private readonly PlacementNotes notes;
    private readonly bool shouldRun;
    private readonly bool shouldContinueRunning;

    internal PlacementDecision(bool shouldRun, bool shouldContinueRunning, PlacementReason reason, object? source, PlacementNotes notes)
    {
        this.shouldRun = shouldRun;
        this.shouldContinueRunning = shouldContinueRunning;
        this.reason = reason;
        this.source = source;
        this.notes = notes;
    }

    /// <summary>Gets a value indicating whether the controller creates a daemon pod on the node (counted in desiredNumberScheduled).</summary>
    public bool ShouldRun => this.shouldRun;

    /// <summary>Gets a value indicating whether an existing daemon pod on the node is kept.</summary>
    public bool ShouldContinueRunning => this.shouldContinueRunning;

    /// <summary>Gets the reason for an exclusion.</summary>
    public PlacementReason Reason => this.reason;

    /// <summary>Gets the offending pair, taint (<c>key=value:Effect</c>) or term, for an exclusion.</summary>
    public string? Detail => this.source is Taint t ? t.Display : this.source as string;

    /// <summary>Gets informational notes.</summary>
    public PlacementNotes Notes => this.notes;

    /// <summary>Gets the first untolerated taint, for <see cref="PlacementReason.UntoleratedTaint"/>.</summary>
    public Taint? Taint => this.source as Taint;

    /// <summary>Gets the notes as strings (<c>Churn:TolerationSeconds</c>, <c>KeptButNotScheduled</c>).</summary>
    public IReadOnlyList<string> NoteNames
    {
        get
        {
            var list = new List<string>(2);
            if ((this.Notes & PlacementNotes.ChurnTolerationSeconds) != 0)
            {
                list.Add("Churn:TolerationSeconds");
            }

            if ((this.Notes & PlacementNotes.KeptButNotScheduled) != 0)
            {
                list.Add("KeptButNotScheduled");
            }

            return list;
        }
    }
}

/// <summary>Comparison operators of a node selector requirement.</summary>
internal enum SelectorOp
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
    Gt,
    Lt,
}

/// <summary>One compiled matchExpressions requirement (<c>labels.Requirement</c>).</summary>
internal sealed class LabelRequirement
{
    private HashSet<string>? valueSet;

    public LabelRequirement(string key, SelectorOp op, string[] values, long threshold)
    {
        this.Key = key;
        this.KeyId = LabelKeys.Id(key);
        this.Op = op;
        this.Values = values;
        this.Threshold = threshold;
        // Displays and errors carry manifest text: escaped as Go's %q escapes it, and a long value list is cut.
        this.Display = GoText.Clip(GoText.Escape(op is SelectorOp.Exists or SelectorOp.DoesNotExist
            ? $"{key} {op}"
            : $"{key} {op} [{string.Join(", ", values)}]"), GoText.MaxEchoedBytes);
    }

    public string Display { get; }

    public string Key { get; }

    public int KeyId { get; }

    public SelectorOp Op { get; }

    public string[] Values { get; }

    public long Threshold { get; }

    public bool Matches(NodeInfo node)
    {
        var has = node.TryGetLabel(this.KeyId, out var v);
        switch (this.Op)
        {
            case SelectorOp.In:
                return has && this.Contains(v);
            case SelectorOp.NotIn:
                return !has || !this.Contains(v);
            case SelectorOp.Exists:
                return has;
            case SelectorOp.DoesNotExist:
                return !has;
            case SelectorOp.Gt:
                return has && GoInt.TryParseInt64(v, out var g) && g > this.Threshold;
            default:
                return has && GoInt.TryParseInt64(v, out var l) && l < this.Threshold;
        }
    }

    private bool Contains(string v)
    {
        if (this.Values.Length > 8)
        {
            // A long In/NotIn list (one value per node name) is asked once per node: a set, not a scan.
            this.valueSet ??= new HashSet<string>(this.Values, StringComparer.Ordinal);
            return this.valueSet.Contains(v);
        }

        foreach (var x in this.Values)
        {
            if (string.Equals(x, v, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One compiled matchFields requirement (only <c>metadata.name</c> exists on a node).</summary>
internal sealed class FieldRequirement
{
    public FieldRequirement(string key, bool equal, string value)
    {
        this.Key = key;
        this.Equal = equal;
        this.Value = value;
        this.Display = GoText.Clip(GoText.Escape($"matchFields {key} {(equal ? "In" : "NotIn")} [{value}]"), GoText.MaxEchoedBytes);
    }

    public string Display { get; }

    public string Key { get; }

    public bool Equal { get; }

    public string Value { get; }

    public bool Matches(NodeInfo node)
    {
        // fields.Set.Get returns "" for a field the node does not have.
        var actual = this.Key == "metadata.name" ? node.Name : string.Empty;
        return string.Equals(actual, this.Value, StringComparison.Ordinal) == this.Equal;
    }
}

/// <summary>One required node affinity term, compiled once.</summary>
public sealed class CompiledTerm
{
    internal CompiledTerm(int index, LabelRequirement[] expressions, FieldRequirement[] fields, string? error)
    {
        this.Index = index;
        this.Expressions = expressions;
        this.Fields = fields;
        this.Error = error;
    }

    /// <summary>Gets the index of the term in nodeSelectorTerms.</summary>
    public int Index { get; }

    /// <summary>Gets why the term cannot be built (it then never matches), or null.</summary>
    public string? Error { get; }

    internal LabelRequirement[] Expressions { get; }

    internal FieldRequirement[] Fields { get; }

    internal bool Matches(NodeInfo node) => this.FirstFailure(node) is null;

    /// <summary>The first requirement that does not hold on the node (the build error for an unbuildable term), or null.</summary>
    internal string? FirstFailure(NodeInfo node)
    {
        if (this.Error is not null)
        {
            return this.Error;
        }

        foreach (var e in this.Expressions)
        {
            if (!e.Matches(node))
            {
                return e.Display;
            }
        }

        foreach (var f in this.Fields)
        {
            if (!f.Matches(node))
            {
                return f.Display;
            }
        }

        return null;
    }
}

/// <summary>Go's <c>strconv.ParseInt(s, 10, 64)</c>.</summary>
public static class GoInt
{
    /// <summary>Parses a base-10 signed 64-bit integer: optional sign, digits only, no spaces, overflow fails.</summary>
    /// <param name="s">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParseInt64(string s, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            i = 1;
        }

        if (i >= s.Length)
        {
            return false;
        }

        ulong acc = 0;
        const ulong Limit = 9223372036854775808UL;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c < '0' || c > '9')
            {
                return false;
            }

            if (acc > (Limit - (ulong)(c - '0')) / 10)
            {
                return false;
            }

            acc = (acc * 10) + (ulong)(c - '0');
        }

        if (!negative && acc > long.MaxValue)
        {
            return false;
        }

        value = negative ? (acc == Limit ? long.MinValue : -(long)acc) : (long)acc;
        return true;
    }
}

/// <summary>
/// One DaemonSet's placement inputs, compiled once (nodeName, nodeSelector pairs, required node affinity terms, the pod's
/// tolerations with the controller's defaults merged in) so that <see cref="Decide"/> costs no allocation per node.
/// </summary>
public sealed class PlacementPlan
{
    private readonly KeyValuePair<string, string>[] selector;
    private readonly int[] selectorKeyIds;
    private readonly string[] selectorDisplay;
    private readonly Toleration[] tolerations;
    private readonly Dictionary<string, Toleration[]>? tolerationsByKey;
    private readonly Toleration[] tolerationsOfAnyKey;
    private readonly string nodeNameDetail;
    private readonly string affinityDetail;
    private readonly CompiledTerm[] terms;

    private PlacementPlan(
        string displayName,
        string? nodeName,
        KeyValuePair<string, string>[] selector,
        bool hasRequiredAffinity,
        CompiledTerm[] terms,
        int declaredTerms,
        IReadOnlyList<Toleration> templateTolerations,
        bool hostNetwork,
        bool isComplete,
        RolloutSettings rollout)
    {
        this.DisplayName = GoText.Escape(displayName);
        this.NodeName = nodeName;
        this.selector = selector;
        this.selectorDisplay = new string[selector.Length];
        this.selectorKeyIds = new int[selector.Length];
        for (var i = 0; i < selector.Length; i++)
        {
            this.selectorDisplay[i] = GoText.Clip(GoText.Escape(selector[i].Key + "=" + selector[i].Value), GoText.MaxEchoedBytes);
            this.selectorKeyIds[i] = LabelKeys.Id(selector[i].Key);
        }

        this.HasRequiredAffinity = hasRequiredAffinity;
        this.terms = terms;
        this.TemplateTolerations = templateTolerations;
        this.HostNetwork = hostNetwork;
        this.tolerations = DaemonTolerations.Merge(templateTolerations, hostNetwork).ToArray();
        this.tolerationsOfAnyKey = this.tolerations;
        if (this.tolerations.Length > 8)
        {
            // Each node's taints are checked against the tolerations: only those of the taint's key, or of any key
            // (an empty key), can tolerate it, so a long list is indexed by key instead of scanned for every taint.
            var byKey = new Dictionary<string, List<Toleration>>(StringComparer.Ordinal);
            var anyKey = new List<Toleration>();
            foreach (var t in this.tolerations)
            {
                if (t.Key.Length == 0)
                {
                    anyKey.Add(t);
                }
                else
                {
                    if (!byKey.TryGetValue(t.Key, out var list))
                    {
                        byKey[t.Key] = list = new List<Toleration>();
                    }

                    list.Add(t);
                }
            }

            this.tolerationsByKey = new Dictionary<string, Toleration[]>(byKey.Count, StringComparer.Ordinal);
            foreach (var kv in byKey)
            {
                this.tolerationsByKey[kv.Key] = kv.Value.ToArray();
            }

            this.tolerationsOfAnyKey = anyKey.ToArray();
        }
        this.IsComplete = isComplete;
        this.Rollout = rollout;
        this.nodeNameDetail = "spec.template.spec.nodeName is " + GoText.Clip(GoText.Escape(nodeName ?? string.Empty), GoText.MaxEchoedBytes);
        var usable = 0;
        foreach (var t in terms)
        {
            usable += t.Error is null ? 1 : 0;
        }

        this.affinityDetail = terms.Length == 0
            ? (declaredTerms == 0 ? "required node affinity has no terms: it matches no node" : "every required node affinity term is empty: it matches no node")
            : usable == 0
                ? "no required node affinity term can be built: " + terms[0].Error
                : terms.Length == 1 ? "the required node affinity term did not match" : $"no term matched (of {terms.Length} required node affinity terms)";
    }

    /// <summary>Gets the DaemonSet as <c>namespace/name</c> (namespace <c>default</c> when unset).</summary>
    public string DisplayName { get; }

    /// <summary>Gets spec.template.spec.nodeName, or null when unset or empty.</summary>
    public string? NodeName { get; }

    /// <summary>Gets the nodeSelector pairs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> NodeSelector => this.selector;

    /// <summary>Gets a value indicating whether required node affinity is set.</summary>
    public bool HasRequiredAffinity { get; }

    /// <summary>Gets the non-empty required terms, compiled (empty terms are dropped as the controller drops them).</summary>
    public IReadOnlyList<CompiledTerm> Terms => this.terms;

    /// <summary>Gets the template's own tolerations.</summary>
    public IReadOnlyList<Toleration> TemplateTolerations { get; }

    /// <summary>Gets the pod's tolerations: the template's with the controller's defaults merged in.</summary>
    public IReadOnlyList<Toleration> Tolerations => this.tolerations;

    /// <summary>Gets a value indicating whether the pod uses the host network.</summary>
    public bool HostNetwork { get; }

    /// <summary>Gets a value indicating whether every input is known (false when the C# front end could not compute a part).</summary>
    public bool IsComplete { get; }

    /// <summary>Gets the update strategy settings.</summary>
    public RolloutSettings Rollout { get; }

    /// <summary>Gets the template's pod spec, for the capacity check (requests and host ports of the daemon pod).</summary>
    public MappingNode? PodSpec { get; private init; }

    /// <summary>Gets the nodeSelector pairs as compiled (for node classes).</summary>
    internal KeyValuePair<string, string>[] SelectorPairs => this.selector;

    /// <summary>Compiles the plan of a DaemonSet object.</summary>
    /// <param name="daemonSet">The DaemonSet.</param>
    /// <returns>The plan.</returns>
    public static PlacementPlan Compile(ManifestObject daemonSet)
    {
        var ns = string.IsNullOrEmpty(daemonSet.Namespace) ? "default" : daemonSet.Namespace!;
        var spec = daemonSet.Root.Map("spec");
        return Compile(spec, ns + "/" + (daemonSet.Name ?? "(unnamed)"));
    }

    /// <summary>Compiles the plan of a DaemonSet spec.</summary>
    /// <param name="spec">The DaemonSet's <c>spec</c>.</param>
    /// <param name="displayName">The name to show.</param>
    /// <returns>The plan.</returns>
    public static PlacementPlan Compile(MappingNode? spec, string displayName)
    {
        var pod = spec.Map("template").Map("spec");
        var complete = !(pod.IsUnknown("nodeName") || pod.IsUnknown("nodeSelector") || pod.IsUnknown("affinity")
            || pod.IsUnknown("tolerations") || pod.IsUnknown("hostNetwork"));

        var nodeName = pod.Str("nodeName");
        if (string.IsNullOrEmpty(nodeName))
        {
            nodeName = null;
        }

        var selector = new List<KeyValuePair<string, string>>();
        if (pod.Map("nodeSelector") is { } sel)
        {
            foreach (var e in sel.Entries)
            {
                var v = e.Value is ScalarNode { Type: not ScalarType.Null } s ? s.Raw : string.Empty;
                selector.Add(new KeyValuePair<string, string>(e.Key, v));
            }
        }

        var required = pod.Map("affinity").Map("nodeAffinity").Get("requiredDuringSchedulingIgnoredDuringExecution");
        var terms = new List<CompiledTerm>();
        var declared = 0;
        if (required is MappingNode rm && rm.Seq("nodeSelectorTerms") is { } ts)
        {
            declared = ts.Count;
            for (var i = 0; i < ts.Count; i++)
            {
                if (CompileTerm(ts.Items[i] as MappingNode, i) is { } t)
                {
                    terms.Add(t);
                }
            }
        }

        var tolerations = ReadTolerations(pod);
        var hostNetwork = pod.Bool("hostNetwork") == true;
        var rollout = RolloutSettings.Read(spec.Map("updateStrategy"));
        return new PlacementPlan(displayName, nodeName, selector.ToArray(), required is not null, terms.ToArray(), declared, tolerations, hostNetwork, complete, rollout)
        {
            PodSpec = pod,
        };
    }

    /// <summary>Reads a pod spec's tolerations (items that are not mappings are skipped).</summary>
    /// <param name="podSpec">The pod spec.</param>
    /// <returns>The tolerations with their indexes.</returns>
    public static List<Toleration> ReadTolerations(MappingNode? podSpec)
    {
        var list = new List<Toleration>();
        if (podSpec.Seq("tolerations") is not { } seq)
        {
            return list;
        }

        for (var i = 0; i < seq.Count; i++)
        {
            if (seq.Items[i] is not MappingNode t)
            {
                continue;
            }

            var value = t.Get("value") is ScalarNode { Type: not ScalarType.Null } vs ? vs.Raw : string.Empty;
            list.Add(new Toleration(t.Str("key") ?? string.Empty, t.Str("operator") ?? string.Empty, value, t.Str("effect") ?? string.Empty, t.Int("tolerationSeconds"), i));
        }

        return list;
    }

    /// <summary>Decides one node as the controller does.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The decision.</returns>
    public PlacementDecision Decide(NodeInfo node)
    {
        if (this.NodeName is not null && !string.Equals(this.NodeName, node.Name, StringComparison.Ordinal))
        {
            return new PlacementDecision(false, false, PlacementReason.NodeNameMismatch, this.nodeNameDetail, PlacementNotes.None);
        }

        for (var i = 0; i < this.selector.Length; i++)
        {
            if (!node.TryGetLabel(this.selectorKeyIds[i], out var v) || !string.Equals(v, this.selector[i].Value, StringComparison.Ordinal))
            {
                return new PlacementDecision(false, false, PlacementReason.NodeSelectorMismatch, this.selectorDisplay[i], PlacementNotes.None);
            }
        }

        if (this.HasRequiredAffinity && !this.AnyTermMatches(node))
        {
            // One term: name the requirement that failed (precomputed text, no allocation); several: "no term matched".
            var detail = this.terms.Length == 1 && this.terms[0].Error is null ? this.terms[0].FirstFailure(node) ?? this.affinityDetail : this.affinityDetail;
            return new PlacementDecision(false, false, PlacementReason.NodeAffinityMismatch, detail, PlacementNotes.None);
        }

        Taint? first = null;
        var evicted = false;
        var notes = PlacementNotes.None;
        foreach (var taint in node.ExcludingTaints)
        {
            var tolerated = false;
            var forever = false;
            foreach (var candidates in this.CandidatesFor(taint))
            {
                foreach (var tol in candidates)
                {
                    if (tol.Tolerates(taint))
                    {
                        tolerated = true;
                        if (tol.TolerationSeconds is null)
                        {
                            forever = true;
                            break;
                        }
                    }
                }

                if (forever)
                {
                    break;
                }
            }

            if (!tolerated)
            {
                first ??= taint;
                evicted |= taint.Effect == TaintEffect.NoExecute;
            }
            else if (!forever && taint.Effect == TaintEffect.NoExecute)
            {
                notes |= PlacementNotes.ChurnTolerationSeconds;
            }
        }

        if (first is not null)
        {
            if (!evicted)
            {
                notes |= PlacementNotes.KeptButNotScheduled;
            }

            return new PlacementDecision(false, !evicted, PlacementReason.UntoleratedTaint, first, notes);
        }

        return new PlacementDecision(true, true, PlacementReason.None, null, notes);
    }

    /// <summary>Whether some toleration without tolerationSeconds tolerates a taint (a NoExecute taint tolerated only for a while churns).</summary>
    /// <param name="taint">The taint.</param>
    /// <returns>True when tolerated forever.</returns>
    internal bool ToleratesForever(Taint taint)
    {
        foreach (var t in this.tolerations)
        {
            if (t.TolerationSeconds is null && t.Tolerates(taint))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the pod's tolerations (template + defaults) tolerate a taint.</summary>
    /// <param name="taint">The taint.</param>
    /// <returns>True when some toleration tolerates it.</returns>
    public bool Tolerates(Taint taint)
    {
        foreach (var candidates in this.CandidatesFor(taint))
        {
            foreach (var t in candidates)
            {
                if (t.Tolerates(taint))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The tolerations that can tolerate a taint: all of them (a short list), or those of its key and of any key.
    private CandidateLists CandidatesFor(Taint taint) =>
        this.tolerationsByKey is null
            ? new CandidateLists(this.tolerations, null)
            : new CandidateLists(this.tolerationsOfAnyKey, this.tolerationsByKey.TryGetValue(taint.Key, out var ofKey) ? ofKey : null);

    private static CompiledTerm? CompileTerm(MappingNode? term, int index)
    {
        var exprs = term.Seq("matchExpressions");
        var fields = term.Seq("matchFields");
        if ((exprs is null || exprs.Count == 0) && (fields is null || fields.Count == 0))
        {
            return null;
        }

        string? error = null;
        var labelReqs = new List<LabelRequirement>();
        var fieldReqs = new List<FieldRequirement>();
        if (exprs is not null)
        {
            foreach (var item in exprs.Items)
            {
                var m = item as MappingNode;
                var key = m.Str("key") ?? string.Empty;
                var op = m.Str("operator") ?? string.Empty;
                var values = ReadValues(m);
                var r = BuildLabelRequirement(key, op, values, out var err);
                if (r is null)
                {
                    error ??= err;
                }
                else
                {
                    labelReqs.Add(r);
                }
            }
        }

        if (fields is not null)
        {
            foreach (var item in fields.Items)
            {
                var m = item as MappingNode;
                var key = m.Str("key") ?? string.Empty;
                var op = m.Str("operator") ?? string.Empty;
                var values = ReadValues(m);
                if (op is not ("In" or "NotIn"))
                {
                    error ??= $"matchFields operator {Engine.Nodes.Quote(op)} is not In or NotIn";
                }
                else if (values.Length != 1)
                {
                    error ??= $"matchFields {op} needs exactly one value, not {values.Length}";
                }
                else
                {
                    fieldReqs.Add(new FieldRequirement(key, op == "In", values[0]));
                }
            }
        }

        return new CompiledTerm(index, labelReqs.ToArray(), fieldReqs.ToArray(), error is null ? null : GoText.Clip(GoText.Escape($"term {index}: {error}")));
    }

    private static string[] ReadValues(MappingNode? m)
    {
        if (m.Seq("values") is not { } seq)
        {
            return Array.Empty<string>();
        }

        var values = new string[seq.Count];
        for (var i = 0; i < seq.Count; i++)
        {
            values[i] = seq.Items[i] is ScalarNode { Type: not ScalarType.Null } s ? s.Raw : string.Empty;
        }

        return values;
    }

    /// <summary><c>labels.NewRequirement</c> behind <c>nodeSelectorRequirementsAsSelector</c>.</summary>
    private static LabelRequirement? BuildLabelRequirement(string key, string op, string[] values, out string? error)
    {
        error = null;
        var keyErrors = K8sNames.IsLabelKey(key);
        if (keyErrors.Count > 0)
        {
            error = $"key {Engine.Nodes.Quote(key)}: {keyErrors[0]}";
            return null;
        }

        SelectorOp sop;
        switch (op)
        {
            case "In":
                sop = SelectorOp.In;
                break;
            case "NotIn":
                sop = SelectorOp.NotIn;
                break;
            case "Exists":
                sop = SelectorOp.Exists;
                break;
            case "DoesNotExist":
                sop = SelectorOp.DoesNotExist;
                break;
            case "Gt":
                sop = SelectorOp.Gt;
                break;
            case "Lt":
                sop = SelectorOp.Lt;
                break;
            default:
                error = $"{Engine.Nodes.Quote(op)} is not a valid node selector operator";
                return null;
        }

        long threshold = 0;
        switch (sop)
        {
            case SelectorOp.In or SelectorOp.NotIn when values.Length == 0:
                error = $"{key} {op}: values must be non-empty";
                return null;
            case SelectorOp.Exists or SelectorOp.DoesNotExist when values.Length != 0:
                error = $"{key} {op}: values must be empty";
                return null;
            case SelectorOp.Gt or SelectorOp.Lt:
                if (values.Length != 1)
                {
                    error = $"{key} {op}: needs exactly one value, not {values.Length}";
                    return null;
                }

                if (!GoInt.TryParseInt64(values[0], out threshold))
                {
                    error = $"{key} {op}: {Engine.Nodes.Quote(values[0])} is not an integer";
                    return null;
                }

                break;
        }

        foreach (var v in values)
        {
            var errs = K8sNames.IsLabelValue(v);
            if (errs.Count > 0)
            {
                error = $"{key} {op}: value {Engine.Nodes.Quote(v)} is not a valid label value: {errs[0]}";
                return null;
            }
        }

        return new LabelRequirement(key, sop, values, threshold);
    }

    private bool AnyTermMatches(NodeInfo node)
    {
        foreach (var t in this.terms)
        {
            if (t.Matches(node))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Formats numbers for messages.</summary>
internal static class Num
{
    public static string S(long n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One or two arrays of tolerations to look through, enumerable without allocation.</summary>
internal readonly struct CandidateLists
{
    private readonly Toleration[] first;
    private readonly Toleration[]? second;

    public CandidateLists(Toleration[] first, Toleration[]? second)
    {
        this.first = first;
        this.second = second;
    }

    public Enumerator GetEnumerator() => new(this.first, this.second);

    /// <summary>The enumerator of <see cref="CandidateLists"/>.</summary>
    public struct Enumerator
    {
        private readonly Toleration[] first;
        private readonly Toleration[]? second;
        private int index;

        public Enumerator(Toleration[] first, Toleration[]? second)
        {
            this.first = first;
            this.second = second;
            this.index = -1;
        }

        public readonly Toleration[] Current => this.index == 0 ? this.first : this.second!;

        public bool MoveNext()
        {
            this.index++;
            return this.index == 0 || (this.index == 1 && this.second is not null);
        }
    }
}
