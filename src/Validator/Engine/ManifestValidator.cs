using System;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Rules;
using DaemonLint.Yaml;

namespace DaemonLint.Engine;

/// <summary>What validating one file (or one text) found.</summary>
public sealed class FileReport
{
    internal FileReport(string? file) => this.File = file;

    /// <summary>Gets the file name as the host gave it.</summary>
    public string? File { get; }

    /// <summary>Gets the findings, ordered by position then rule id.</summary>
    public List<Finding> Findings { get; } = new();

    /// <summary>Gets the number of Kubernetes objects read.</summary>
    public int Objects { get; internal set; }

    /// <summary>Gets the number of DaemonSet-like objects validated.</summary>
    public int DaemonSets => this.CheckedObjects.Count;

    /// <summary>Gets the DaemonSet-like objects the rules ran on, in file order (clean ones included).</summary>
    public List<ObjectRef> CheckedObjects { get; } = new();

    /// <summary>Gets the fields the API server would drop before validating (their feature gate is off), in file order.</summary>
    public List<DroppedFieldReport> DroppedFields { get; } = new();
}

/// <summary>A field the API server drops from an object before validating it, and where it is written.</summary>
/// <param name="Object">The object.</param>
/// <param name="Field">The field, its gate and the reason.</param>
/// <param name="Span">Where the field is written.</param>
public sealed record DroppedFieldReport(ObjectRef Object, DroppedField Field, SourceSpan Span);

/// <summary>
/// The validation core: reads YAML (or takes a tree from another front end), runs every enabled rule of the catalog
/// on each DaemonSet, and returns findings with their effective severity, field path and source span.
/// </summary>
public sealed class ManifestValidator
{
    private readonly IReadOnlyList<Rule> rules;
    private readonly ValidatorOptions ruleOptions;

    /// <summary>Initializes a new instance of the <see cref="ManifestValidator"/> class.</summary>
    /// <param name="options">The options.</param>
    /// <param name="rules">The rules (default: all of <see cref="RuleSet.All"/>).</param>
    /// <exception cref="ArgumentException">The feature-gate overrides are not valid for the release (hosts check
    /// <see cref="ValidatorOptions.TryResolveGates"/> first and report a configuration error).</exception>
    public ManifestValidator(ValidatorOptions? options = null, IReadOnlyList<Rule>? rules = null)
    {
        this.Options = options ?? ValidatorOptions.Default;
        this.rules = rules ?? RuleSet.All;
        if (!this.Options.TryResolveGates(out var gates, out var error))
        {
            throw new ArgumentException("invalid --feature-gates: " + error, nameof(options));
        }

        this.Gates = gates;

        // The engine drops hostUsers where the server does (gate off, not in the stored object); a hostUsers that
        // remains is validated, so rules read UserNamespaces as true (the option's alias meaning is in the gates).
        this.ruleOptions = this.Options.UserNamespaces ? this.Options : this.Options with { UserNamespaces = true };
    }

    /// <summary>Gets the options.</summary>
    public ValidatorOptions Options { get; }

    /// <summary>The apiVersion an object with a removed one is also validated as.</summary>
    public const string AppsV1 = "apps/v1";

    /// <summary>The end of the message of a finding the object gets as <see cref="AppsV1"/> (see <see cref="Finding.WhenApiVersion"/>).</summary>
    public const string AsAppsV1Suffix = " (as apps/v1)";

    /// <summary>Gets the effective feature gates (the release's defaults with the overrides).</summary>
    public FeatureGateSet Gates { get; }

    /// <summary>Classifies an object for rule targeting.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Whether it is an apps/v1 DaemonSet, another DaemonSet-like object, or neither.</returns>
    public static (bool IsDaemonSet, bool IsDaemonSetLike) Classify(ManifestObject obj)
    {
        if (obj.Kind == "DaemonSet")
        {
            return (obj.ApiVersion == "apps/v1", true);
        }

        return (false, obj.Kind is not null && KindNames.IsNearMiss(obj.Kind, "DaemonSet"));
    }

    /// <summary>Validates the bytes of a file.</summary>
    /// <param name="file">The file name to put on findings.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="baseline">Prior versions for update rules.</param>
    /// <returns>The report.</returns>
    public FileReport ValidateBytes(string? file, byte[] bytes, BaselineIndex? baseline = null)
    {
        if (bytes.LongLength > this.Options.Limits.MaxFileBytes)
        {
            var report = new FileReport(file);
            this.AddInput(report, file, new InputProblem(
                RuleCatalog.DS9005_FileTooLarge.Id,
                $"the file has {bytes.LongLength:N0} bytes, more than the limit of {this.Options.Limits.MaxFileBytes:N0}; the API server accepts at most 3 MiB per object, so it is not read",
                SourceSpan.At(SourcePosition.Start)));
            return report;
        }

        if (!TextDecoder.TryDecode(bytes, out var text, out var problem))
        {
            var report = new FileReport(file);
            this.AddInput(report, file, problem!);
            return report;
        }

        return this.ValidateText(file, text, baseline);
    }

    /// <summary>Validates a YAML or JSON text.</summary>
    /// <param name="file">The file name to put on findings.</param>
    /// <param name="text">The text.</param>
    /// <param name="baseline">Prior versions for update rules.</param>
    /// <returns>The report.</returns>
    public FileReport ValidateText(string? file, string text, BaselineIndex? baseline = null)
    {
        var report = new FileReport(file);
        try
        {
            foreach (var doc in YamlManifestReader.ReadDocuments(file, text, this.Options.Limits))
            {
                foreach (var p in doc.Problems)
                {
                    this.AddInput(report, file, p);
                }

                foreach (var obj in doc.Objects)
                {
                    report.Objects++;
                    if (this.ValidateObject(obj, baseline?.Find(obj), report.Findings, report.DroppedFields))
                    {
                        report.CheckedObjects.Add(obj.Ref);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            this.AddInput(report, file, new InputProblem(RuleCatalog.DS9008_InternalError.Id, $"reading the file failed: {ex.GetType().Name}: {ex.Message}", SourceSpan.At(SourcePosition.Start)));
        }

        Suppressions.ApplyComments(this, file, text, report.Findings);
        report.Findings.Sort(CompareFindings);
        return report;
    }

    /// <summary>Validates one object and appends its findings.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="baseline">Its prior version, or null.</param>
    /// <param name="into">The list to append to.</param>
    /// <returns>Whether the object was DaemonSet-like (rules ran).</returns>
    public bool ValidateObject(ManifestObject obj, ManifestObject? baseline, List<Finding> into) => this.ValidateObject(obj, baseline, into, null);

    /// <summary>Validates one object, appends its findings and the fields the API server drops from it.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="baseline">Its prior version, or null.</param>
    /// <param name="into">The list to append to.</param>
    /// <param name="dropped">The list that receives the dropped fields, or null.</param>
    /// <returns>Whether the object was DaemonSet-like (rules ran).</returns>
    public bool ValidateObject(ManifestObject obj, ManifestObject? baseline, List<Finding> into, List<DroppedFieldReport>? dropped)
    {
        var (isDaemonSet, isLike) = Classify(obj);
        if (!isLike)
        {
            return false;
        }

        // What the API server validates: the fields whose feature gate is off are dropped first (DropDisabledTemplateFields).
        IReadOnlyList<DroppedField>? drops = null;
        var original = obj;
        if (isDaemonSet)
        {
            obj = TemplatePruner.Prune(obj, baseline, this.Gates, out drops);
            if (drops is not null && dropped is not null)
            {
                foreach (var d in drops)
                {
                    dropped.Add(new DroppedFieldReport(original.Ref, d, original.Resolve(d.Path).Span));
                }
            }
        }

        var pending = new List<PendingFinding>();
        this.RunRules(new RuleContext(obj, original, baseline, this.ruleOptions, pending, this.Gates, drops), obj.File, isDaemonSet ? null : RuleTarget.DaemonSetLike);

        // One fix reveals the next: a removed apiVersion (DS6001) would hide every finding the object gets once it says apps/v1,
        // so the apps/v1 rules run on it as well (on what the server would validate: its gate-dropped fields dropped), and
        // what they find is marked as what comes next.
        if (!isDaemonSet && obj.Kind == "DaemonSet" && Rules.DS6xxx.DS6001ApiVersionRemoved.IsRemoved(obj.ApiVersion))
        {
            var asAppsV1 = obj.As(AppsV1);
            var prunedAsAppsV1 = TemplatePruner.Prune(asAppsV1, baseline, this.Gates, out var dropsAsAppsV1);
            var first = pending.Count;
            this.RunRules(new RuleContext(prunedAsAppsV1, asAppsV1, baseline, this.ruleOptions, pending, this.Gates, dropsAsAppsV1), obj.File, RuleTarget.DaemonSet);
            for (var i = first; i < pending.Count; i++)
            {
                pending[i] = pending[i] with { Message = pending[i].Message + AsAppsV1Suffix, WhenApiVersion = AppsV1 };
            }
        }

        var found = new List<Finding>(pending.Count);
        foreach (var p in pending)
        {
            var severity = this.SeverityOf(p.Descriptor, obj.File);
            if (severity == Severity.None)
            {
                continue;
            }

            found.Add(new Finding
            {
                RuleId = p.Descriptor.Id,
                Severity = severity,
                Message = p.Message,
                Kind = p.Kind,
                Path = p.Path,
                LocationPath = p.At,
                BadValue = p.BadValue,
                Hint = p.Hint,
                WhenApiVersion = p.WhenApiVersion,
                Object = obj.Ref,
                File = obj.File,
                Span = (p.Written ? original : obj).Resolve(p.At ?? p.Path).Span,
                HelpUri = p.Descriptor.HelpUri,
            });
        }

        this.ApplyObjectSuppressions(obj, found);
        into.AddRange(found);
        return true;
    }

    // Runs the enabled rules of one target (null: every target) on an object.
    private void RunRules(RuleContext context, string? file, RuleTarget? only)
    {
        foreach (var rule in this.rules)
        {
            if ((only is { } target && rule.Target != target) || this.SeverityOf(rule.Descriptor, file) == Severity.None)
            {
                continue;
            }

            context.SetRule(rule.Descriptor, rule.ReadsWrittenObject);
            try
            {
                rule.Check(context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                context.Sink.Add(new PendingFinding(
                    RuleCatalog.DS9008_InternalError,
                    FindingKind.Invalid,
                    FieldPath.Root("metadata"),
                    null,
                    $"rule {rule.Descriptor.Id} failed on this object: {ex.GetType().Name}: {ex.Message}",
                    null));
            }
        }
    }

    private void ApplyObjectSuppressions(ManifestObject obj, List<Finding> found)
    {
        if (this.Options.Suppressions is { Ignore.Count: > 0 } config)
        {
            var relative = this.Options.SuppressionPath?.Invoke(obj.File);
            found.RemoveAll(f => config.Ignore.Exists(e => e.Matches(f.RuleId, relative, obj.Ref)));
        }

        if (!Suppressions.TryGetAnnotation(obj, out var ids))
        {
            return;
        }

        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        found.RemoveAll(f =>
        {
            foreach (var id in ids)
            {
                if (string.Equals(id, f.RuleId, StringComparison.OrdinalIgnoreCase))
                {
                    used.Add(id);
                    return true;
                }
            }

            return false;
        });

        var unused = ids.FindAll(id => !used.Contains(id));
        if (unused.Count == 0 && ids.Count > 0)
        {
            return;
        }

        var path = FieldPath.Root("metadata").Child("annotations").Key(Suppressions.IgnoreAnnotation);
        var message = ids.Count == 0
            ? $"the {Suppressions.IgnoreAnnotation} annotation lists no rule id (expected e.g. \"DS4003,DS5001\")"
            : $"the {Suppressions.IgnoreAnnotation} annotation ignores {string.Join(", ", unused)}, which found nothing in this object; remove {(unused.Count == 1 ? "it" : "them")}";
        if (this.InputFinding(obj.File, new InputProblem(RuleCatalog.DS9010_UnusedSuppression.Id, message, obj.Resolve(path).Span)) is { } f)
        {
            found.Add(f with { Path = path, Object = obj.Ref });
        }
    }

    /// <summary>Makes a finding for an input problem (a DS9xxx rule).</summary>
    /// <param name="file">The file.</param>
    /// <param name="problem">The problem.</param>
    /// <returns>The finding, or null when the rule is turned off.</returns>
    public Finding? InputFinding(string? file, InputProblem problem)
    {
        var d = RuleCatalog.Get(problem.RuleId);
        var severity = this.SeverityOf(d, file);
        return severity == Severity.None
            ? null
            : new Finding
            {
                RuleId = d.Id,
                Severity = severity,
                Message = problem.Message,
                Kind = FindingKind.Invalid,
                File = file,
                Span = problem.Span,
                HelpUri = d.HelpUri,
            };
    }

    /// <summary>Orders findings by file, position, rule id, then field path, message and severity (a total order).</summary>
    /// <param name="a">One finding.</param>
    /// <param name="b">Another.</param>
    /// <returns>The order.</returns>
    public static int CompareFindings(Finding a, Finding b)
    {
        var c = string.CompareOrdinal(a.File, b.File);
        if (c != 0)
        {
            return c;
        }

        c = a.Span.Start.Line.CompareTo(b.Span.Start.Line);
        if (c != 0)
        {
            return c;
        }

        c = a.Span.Start.Column.CompareTo(b.Span.Start.Column);
        if (c != 0)
        {
            return c;
        }

        // A complete key, so that the order never depends on the order the findings were made in (input order, rule order).
        c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Path?.ToString(), b.Path?.ToString());
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Message, b.Message);
        }

        return c != 0 ? c : a.Severity.CompareTo(b.Severity);
    }

    private Severity SeverityOf(RuleDescriptor d, string? file)
    {
        var o = this.Options.SeverityOverride?.Invoke(d.Id, file);
        if (o is { } s)
        {
            return s;
        }

        return d.EnabledByDefault ? d.DefaultSeverity : Severity.None;
    }

    private void AddInput(FileReport report, string? file, InputProblem problem)
    {
        var f = this.InputFinding(file, problem);
        if (f is not null)
        {
            report.Findings.Add(f);
        }
    }
}
