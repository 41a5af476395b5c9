using System;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Engine;

/// <summary>
/// What a rule sees: the object (without the fields the API server drops before validating it), its prior version (for
/// update rules), the effective feature gates, the pod validation options, the options, and a way to report.
/// </summary>
public sealed class RuleContext
{
    private static readonly IReadOnlyList<DroppedField> NoDrops = Array.Empty<DroppedField>();

    private readonly List<PendingFinding> sink;
    private RuleDescriptor current = null!;
    private bool currentReadsWritten;
    private object?[]? sharedKeys;
    private object?[]? sharedValues;
    private int sharedCount;
    private PodValidationOptions? podOptions;

    internal RuleContext(ManifestObject obj, ManifestObject? baseline, ValidatorOptions options, List<PendingFinding> sink)
        : this(obj, obj, baseline, options, sink, FeatureGateSet.Defaults(options.KubernetesVersion), null)
    {
    }

    internal RuleContext(ManifestObject obj, ManifestObject written, ManifestObject? baseline, ValidatorOptions options, List<PendingFinding> sink, FeatureGateSet gates, IReadOnlyList<DroppedField>? dropped)
    {
        this.Object = obj;
        this.Written = written;
        this.Baseline = baseline;
        this.Options = options;
        this.sink = sink;
        this.Gates = gates;
        this.DroppedFields = dropped ?? NoDrops;
        this.Spec = obj.Root.Map("spec");
        this.Template = this.Spec.Map("template");
        this.PodSpec = this.Template.Map("spec");
    }

    /// <summary>
    /// Gets the object as the API server validates it: for an apps/v1 DaemonSet, the fields its feature gates drop are
    /// gone (<see cref="DroppedFields"/> lists them); every remaining node is the one the front end built.
    /// </summary>
    public ManifestObject Object { get; }

    /// <summary>
    /// Gets the object as written, before the API server drops the fields of disabled gates: what its decoder reads, so
    /// what the schema rules (DS2xxx) check. A rule that reads it says so (<see cref="Rule.ReadsWrittenObject"/>), and
    /// its findings are located in it. The same instance as <see cref="Object"/> when nothing was dropped.
    /// </summary>
    public ManifestObject Written { get; }

    /// <summary>Gets the release whose behaviour applies. Rules never compare releases: they ask <see cref="Gates"/> and <see cref="PodOptions"/>.</summary>
    public KubernetesRelease Release => this.Gates.Release;

    /// <summary>Gets the effective feature gates (<c>context.Gates.Enabled(FeatureGate.SidecarContainers)</c>).</summary>
    public FeatureGateSet Gates { get; }

    /// <summary>Gets the fields the API server drops from this object before validating it (empty when none).</summary>
    public IReadOnlyList<DroppedField> DroppedFields { get; }

    /// <summary>
    /// Gets the pod validation options the API server computes for this object's template (from the gates, and on an
    /// update from the stored template and selector), computed on first use and then shared by every rule.
    /// </summary>
    public PodValidationOptions PodOptions => this.podOptions ??= GateReads.Observing ? GateReads.Unobserved(this.ComputePodOptions) : this.ComputePodOptions();

    /// <summary>Gets the prior version of the object (update rules), or null on create.</summary>
    public ManifestObject? Baseline { get; }

    /// <summary>Gets the options (<see cref="ValidatorOptions.UserNamespaces"/> reads true: dropped fields are already gone).</summary>
    public ValidatorOptions Options { get; }

    /// <summary>Gets <c>spec</c>, or null.</summary>
    public MappingNode? Spec { get; }

    /// <summary>Gets <c>spec.template</c>, or null.</summary>
    public MappingNode? Template { get; }

    /// <summary>Gets <c>spec.template.spec</c>, or null.</summary>
    public MappingNode? PodSpec { get; }

    /// <summary>Reports a finding of the running rule.</summary>
    /// <param name="kind">The API server error type.</param>
    /// <param name="path">The field path the server reports.</param>
    /// <param name="detail">The upstream detail message.</param>
    /// <param name="badValue">The bad value as the server prints it (omitted for Required, Forbidden, TooLong).</param>
    /// <param name="hint">What to write instead, when certain: kept apart from the message (<see cref="Finding.Hint"/>).</param>
    /// <param name="at">Where to show it in the source, when the server's path is not in the source (internal-type paths, map keys).</param>
    public void Report(FindingKind kind, FieldPath path, string detail, string? badValue = null, string? hint = null, FieldPath? at = null) =>
        this.Report(this.current, kind, path, detail, badValue, hint, at);

    /// <summary>Reports a finding of the running rule whose message is not an API server error (no error-type prefix).</summary>
    /// <param name="kind">The error type recorded on the finding.</param>
    /// <param name="path">The field path.</param>
    /// <param name="message">The whole message.</param>
    /// <param name="hint">What to do, when certain.</param>
    public void ReportNote(FindingKind kind, FieldPath path, string message, string? hint = null)
    {
        this.sink.Add(new PendingFinding(this.current, kind, path, null, message, null, this.currentReadsWritten) { Hint = hint is { Length: > 0 } ? Capitalize(hint) : null });
    }

    /// <summary>Reports a finding of another rule of the same class (rules that emit several ids).</summary>
    /// <param name="descriptor">The rule.</param>
    /// <param name="kind">The API server error type.</param>
    /// <param name="path">The path.</param>
    /// <param name="detail">The detail.</param>
    /// <param name="badValue">The bad value.</param>
    /// <param name="hint">The hint.</param>
    /// <param name="at">The source location path.</param>
    public void Report(RuleDescriptor descriptor, FindingKind kind, FieldPath path, string detail, string? badValue = null, string? hint = null, FieldPath? at = null)
    {
        // Each part may carry manifest text (details and hints name values too): each is capped, and the message's
        // non-printable characters are escaped when the finding is made (ManifestValidator), so neither a 100 MB value
        // nor a control character reaches a terminal.
        badValue = badValue is null ? null : GoText.Escape(GoText.Clip(badValue));
        var text = kind.ToServerText();
        if (badValue is not null && kind is not (FindingKind.Required or FindingKind.Forbidden or FindingKind.TooLong))
        {
            text += ": " + badValue;
        }

        if (detail.Length > 0)
        {
            text += ": " + GoText.Clip(detail);
        }

        // The hint is a finding's own field, not part of the message: editors show the message inline and the hint apart.
        this.sink.Add(new PendingFinding(descriptor, kind, path, at, text, badValue, this.currentReadsWritten) { Hint = hint is { Length: > 0 } ? Capitalize(GoText.Clip(hint)) : null });
    }

    /// <summary>
    /// Gets a value computed once per object and shared by the rules that need it (the schema walk feeds five ids).
    /// It lives only while this object is validated, so it costs the garbage collector nothing afterwards.
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="key">A key owned by the caller (a static object).</param>
    /// <param name="factory">Computes the value from this context.</param>
    /// <returns>The value.</returns>
    public T Shared<T>(object key, System.Func<RuleContext, T> factory)
    {
        // About ten shared values per DaemonSet, each asked by several rules: a scan of their keys by reference costs less
        // than hashing them.
        var keys = this.sharedKeys;
        for (var i = 0; i < this.sharedCount; i++)
        {
            if (ReferenceEquals(keys![i], key))
            {
                return (T)this.sharedValues![i]!;
            }
        }

        // The factory may ask for shared values itself (the resources of the containers ask for the containers), so the
        // table is read again after it.
        var value = factory(this);
        if (this.sharedKeys is null || this.sharedCount == this.sharedKeys.Length)
        {
            var size = this.sharedKeys is null ? 16 : this.sharedKeys.Length * 2;
            System.Array.Resize(ref this.sharedKeys, size);
            System.Array.Resize(ref this.sharedValues, size);
        }

        this.sharedKeys![this.sharedCount] = key;
        this.sharedValues![this.sharedCount] = value;
        this.sharedCount++;
        return value;
    }

    internal List<PendingFinding> Sink => this.sink;

    /// <summary>Gets the decoder's issues with <see cref="Written"/> when the engine has walked it already, else null.</summary>
    internal IReadOnlyList<Schema.SchemaIssue>? SchemaIssues { get; init; }

    internal void SetRule(RuleDescriptor descriptor, bool readsWritten = false)
    {
        if (GateReads.Observing)
        {
            GateReads.Running(descriptor.Id);
        }

        this.current = descriptor;
        this.currentReadsWritten = readsWritten;
    }

    private PodValidationOptions ComputePodOptions() => PodValidationOptions.Compute(
        this.Gates,
        this.Template,
        this.Baseline is { Kind: "DaemonSet" } b ? b.Root.Map("spec").Map("template") : null,
        this.Baseline is { Kind: "DaemonSet" } s ? s.Root.Map("spec").Map("selector") : null);

    // "the template has ..." becomes "The template has ...", but a hint that starts with a field name
    // ("maxUnavailable defaults to 1", "restartPolicy is case-sensitive") keeps the field's spelling.
    private static string Capitalize(string hint)
    {
        var end = hint.IndexOfAny(new[] { ' ', ':', ',', '.', ';' });
        var firstWord = end < 0 ? hint : hint.Substring(0, end);
        foreach (var c in firstWord)
        {
            if (char.IsUpper(c))
            {
                return hint;
            }
        }

        return char.ToUpperInvariant(hint[0]) + hint.Substring(1);
    }
}

/// <summary>A finding before severity and span are applied.</summary>
internal sealed record PendingFinding(RuleDescriptor Descriptor, FindingKind Kind, FieldPath Path, FieldPath? At, string Message, string? BadValue, bool Written = false)
{
    /// <summary>Gets what to write instead, or null.</summary>
    public string? Hint { get; init; }

    /// <summary>Gets the apiVersion the finding assumes when it is not the object's own (see <see cref="Finding.WhenApiVersion"/>).</summary>
    public string? WhenApiVersion { get; init; }
}
