using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
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

    /// <summary>A report put together from its parts, as another process found them (the tool's worker processes).</summary>
    /// <param name="file">The file name on the findings.</param>
    /// <param name="objects">The number of objects read.</param>
    /// <param name="findings">The findings, in order.</param>
    /// <param name="checkedObjects">The DaemonSet-like objects validated, in order.</param>
    /// <param name="droppedFields">The fields the API server would drop, in order.</param>
    /// <returns>The report.</returns>
    public static FileReport Of(string? file, int objects, IEnumerable<Finding> findings, IEnumerable<ObjectRef> checkedObjects, IEnumerable<DroppedFieldReport> droppedFields)
    {
        var report = new FileReport(file) { Objects = objects };
        report.Findings.AddRange(findings);
        report.CheckedObjects.AddRange(checkedObjects);
        report.DroppedFields.AddRange(droppedFields);
        return report;
    }

    /// <summary>Gets the file name as the host gave it.</summary>
    public string? File { get; }

    /// <summary>Gets the findings, ordered by position then rule id.</summary>
    public List<Finding> Findings { get; } = new();

    /// <summary>Gets the number of Kubernetes objects read.</summary>
    public int Objects { get; internal set; }

    /// <summary>Gets the number of DaemonSet-like objects validated.</summary>
    public int DaemonSets => this.checkedObjects?.Count ?? this.checkedLog?.Count ?? 0;

    /// <summary>Gets the DaemonSet-like objects the rules ran on, in file order (clean ones included).</summary>
    public List<ObjectRef> CheckedObjects
    {
        get
        {
            if (this.checkedObjects is null)
            {
                this.checkedObjects = new List<ObjectRef>(this.checkedLog?.Count ?? 0);
                this.checkedLog?.CopyTo(this.checkedObjects);
                this.checkedLog = null;
            }

            return this.checkedObjects;
        }
    }

    // While a file is validated, its checked objects are logged as text (see ObjectRefLog); the list is made when asked for.
    private ObjectRefLog? checkedLog;
    private List<ObjectRef>? checkedObjects;

    /// <summary>Adds a checked object, after those already added.</summary>
    /// <param name="o">The object.</param>
    internal void AddChecked(ObjectRef o)
    {
        if (this.checkedObjects is not null)
        {
            this.checkedObjects.Add(o);
            return;
        }

        (this.checkedLog ??= new ObjectRefLog()).Add(o);
    }

    /// <summary>Gets the fields the API server would drop before validating (their feature gate is off), in file order.</summary>
    public List<DroppedFieldReport> DroppedFields { get; } = new();
}

/// <summary>A field the API server drops from an object before validating it, and where it is written.</summary>
/// <param name="Object">The object.</param>
/// <param name="Field">The field, its gate and the reason.</param>
/// <param name="Span">Where the field is written.</param>
public sealed record DroppedFieldReport(ObjectRef Object, DroppedField Field, SourceSpan Span);

/// <summary>Validates a run of documents of a large file somewhere else (another process), or says it cannot.</summary>
/// <param name="bytes">The file's bytes.</param>
/// <param name="run">The run.</param>
/// <param name="part">The run's part of the report (null: the run cannot stand for its part; the file is read in order).</param>
/// <returns>False when the run was not validated elsewhere (then it is validated here).</returns>
public delegate bool RunElsewhere(byte[] bytes, Yaml.DocumentRun run, out FileReport? part);

/// <summary>
/// The validation core: reads YAML (or takes a tree from another front end), runs every enabled rule of the catalog
/// on each DaemonSet, and returns findings with their effective severity, field path and source span.
/// </summary>
public sealed class ManifestValidator
{
    private readonly IReadOnlyList<Rule> rules;
    private readonly ValidatorOptions ruleOptions;
    private RuleDescriptor[][]? reportedByClass;
    private PlannedRule[]? planned;
    private PlanOfFile? lastPlan;

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
    public FileReport ValidateBytes(string? file, byte[] bytes, BaselineIndex? baseline = null) =>
        this.ValidateBytes(file, bytes, baseline, bytes.LongLength);

    /// <summary>
    /// Validates the bytes of a file whose real size the host knows: a host that reads no more than the limit (plus a
    /// byte) of a larger file passes what it read and the file's size, which DS9005 then states.
    /// </summary>
    /// <param name="file">The file name to put on findings.</param>
    /// <param name="bytes">The content (possibly only the head of a file larger than the limit).</param>
    /// <param name="baseline">Prior versions for update rules.</param>
    /// <param name="fileSize">The size of the whole file in bytes (at least the number of bytes given).</param>
    /// <returns>The report.</returns>
    public FileReport ValidateBytes(string? file, byte[] bytes, BaselineIndex? baseline, long fileSize) =>
        this.ValidateBytes(file, bytes, baseline, fileSize, 1);

    /// <summary>
    /// Validates the bytes of a file, a large one (a stream of many documents) on up to <paramref name="jobs"/> threads: its
    /// documents are read and validated in runs (<see cref="Yaml.DocumentSplitter"/>, no copy of the text) and the report is
    /// the one a reading in order gives, finding for finding. A file the split cannot vouch for (a syntax error, a directive,
    /// a <c>...</c> marker) is read in order.
    /// </summary>
    /// <param name="file">The file name to put on findings.</param>
    /// <param name="bytes">The content (possibly only the head of a file larger than the limit).</param>
    /// <param name="baseline">Prior versions for update rules.</param>
    /// <param name="fileSize">The size of the whole file in bytes (at least the number of bytes given).</param>
    /// <param name="jobs">The largest number of threads (1: the calling thread only).</param>
    /// <returns>The report.</returns>
    public FileReport ValidateBytes(string? file, byte[] bytes, BaselineIndex? baseline, long fileSize, int jobs) =>
        this.ValidateBytes(file, bytes, baseline, fileSize, jobs, null);

    /// <summary>
    /// Validates the bytes of a file as <see cref="ValidateBytes(string?, byte[], BaselineIndex?, long, int)"/> does, offering
    /// each run of documents of a large file to <paramref name="elsewhere"/> first (the tool hands runs to its worker
    /// processes, which validate them with <see cref="ValidateRun(string?, byte[], Yaml.DocumentRun, BaselineIndex?)"/>).
    /// </summary>
    /// <param name="file">The file name to put on findings.</param>
    /// <param name="bytes">The content (possibly only the head of a file larger than the limit).</param>
    /// <param name="baseline">Prior versions for update rules.</param>
    /// <param name="fileSize">The size of the whole file in bytes (at least the number of bytes given).</param>
    /// <param name="jobs">The largest number of runs validated at once (1: the calling thread only, no runs).</param>
    /// <param name="elsewhere">Validates a run somewhere else, or says it cannot (null: every run here).</param>
    /// <returns>The report.</returns>
    public FileReport ValidateBytes(string? file, byte[] bytes, BaselineIndex? baseline, long fileSize, int jobs, RunElsewhere? elsewhere)
    {
        var size = Math.Max(fileSize, bytes.LongLength);
        if (size > this.Options.Limits.MaxFileBytes)
        {
            return this.FileTooLarge(file, size);
        }

        InputProblem? problem;
        if (TextDecoder.IsUtf16Or32(bytes))
        {
            if (TextDecoder.TryDecode(bytes, out var text, out problem))
            {
                return this.ValidateText(file, text, baseline);
            }
        }
        else if (TextDecoder.TryCheckUtf8(bytes, out var start, out problem))
        {
            // UTF-8 is decoded as the parser reads it: the text is never held whole beside the bytes (a 25 MB file would
            // otherwise take 50 MB more), and the comments are found in the bytes.
            Func<List<LineSuppression>> comments = () => Suppressions.ParseComments(bytes, start);
            if (jobs > 1 && bytes.Length - start >= 2 * MinRunBytes
                && Yaml.DocumentSplitter.Split(bytes, start, Math.Max(MinRunBytes, (bytes.Length - start) / (4 * jobs))) is { } runs
                && this.ValidateRuns(file, bytes, runs, comments, baseline, jobs, elsewhere) is { } split)
            {
                return split;
            }

            return this.ValidateBlock(file, bytes, start, bytes.Length, comments, baseline)
                ?? this.Validate(file, () => new Utf8BytesReader(bytes, start), comments, baseline);
        }

        var report = new FileReport(file);
        this.AddInput(report, file, problem!);
        return report;
    }

    /// <summary>Reports a file larger than <see cref="ReaderLimits.MaxFileBytes"/> (DS9005) without reading it.</summary>
    /// <param name="file">The file name to put on findings.</param>
    /// <param name="fileSize">The size of the file in bytes.</param>
    /// <returns>The report: the DS9005 finding (none when DS9005 is off).</returns>
    public FileReport FileTooLarge(string? file, long fileSize)
    {
        var report = new FileReport(file);
        this.AddInput(report, file, new InputProblem(
            RuleCatalog.DS9005_FileTooLarge.Id,
            $"the file has {Bytes(fileSize)}, more than the limit of {Bytes(this.Options.Limits.MaxFileBytes)}; the API server accepts at most 3 MiB per object, so it is not read",
            SourceSpan.At(SourcePosition.Start)));
        return report;
    }

    /// <summary>Validates a YAML or JSON text.</summary>
    /// <param name="file">The file name to put on findings.</param>
    /// <param name="text">The text.</param>
    /// <param name="baseline">Prior versions for update rules.</param>
    /// <returns>The report.</returns>
    public FileReport ValidateText(string? file, string text, BaselineIndex? baseline = null)
    {
        Func<List<LineSuppression>> comments = () => Suppressions.ParseComments(text);
        if (this.ReadsBlockYaml && StrictUtf8(text) is { } bytes)
        {
            if (this.ValidateBlock(file, bytes, 0, bytes.Length, comments, baseline) is { } report)
            {
                return report;
            }
        }

        return this.Validate(file, () => new StringReader(text), comments, baseline);
    }

    /// <summary>
    /// Gets or sets a value indicating whether texts are read by <see cref="Yaml.BlockYamlReader"/> where it reads them (the
    /// findings are the same; tests turn it off to compare).
    /// </summary>
    internal bool ReadsBlockYaml { get; set; } = true;

    private static readonly Encoding StrictUtf8Encoding = new UTF8Encoding(false, true);

    // The UTF-8 bytes of a text, or null for one that has no UTF-8 form (a lone surrogate).
    private static byte[]? StrictUtf8(string text)
    {
        try
        {
            return StrictUtf8Encoding.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
    }

    // A text read by Yaml.BlockYamlReader, or null where it declines (or a rule fails: the reading by YamlDotNet reports that as it does).
    private FileReport? ValidateBlock(string? file, byte[] bytes, int start, int end, Func<List<LineSuppression>> comments, BaselineIndex? baseline)
    {
        if (this.ReadBlock(file, bytes, start, end, default, baseline, out _) is not { } report)
        {
            return null;
        }

        Suppressions.ApplyComments(this, file, comments(), report.Findings);
        SortFindings(report.Findings);
        return report;
    }

    // The documents of a text (or a run of one) read by Yaml.BlockYamlReader and validated, not yet filtered by suppression
    // comments nor sorted; null where it declines or a rule fails.
    private FileReport? ReadBlock(string? file, byte[] bytes, int start, int end, Yaml.DocumentRun run, BaselineIndex? baseline, out int documents)
    {
        documents = 0;
        if (!this.ReadsBlockYaml || Yaml.BlockYamlReader.TryCreate(file, bytes, start, end, this.Options.Limits, run) is not { } reader)
        {
            return null;
        }

        var report = new FileReport(file);
        RulePlan? rulesOn = null;
        try
        {
            while (true)
            {
                DocumentResult? doc;
                try
                {
                    doc = reader.Next();
                }
                catch (Yaml.BlockYamlReader.DeclinedException)
                {
                    // That document (with the ones up to where a run may start) is read by YamlDotNet, as a run of a large
                    // file is; then the reader goes on.
                    if (!reader.TrySkipDocument(out var skipped) || !this.ValidateRunInto(report, file, bytes, skipped, baseline, ref rulesOn))
                    {
                        return null;
                    }

                    documents += skipped.Documents;
                    reader.Resume();
                    continue;
                }

                if (doc is null)
                {
                    break;
                }

                documents++;
                this.ValidateDocument(report, doc, baseline, ref rulesOn);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }

        return report;
    }

    /// <summary>
    /// Gets or sets a value indicating whether objects the rules do not look at (not DaemonSet-like) are read without their tree
    /// beyond apiVersion, kind and metadata (the findings are the same; tests turn it off to compare).
    /// </summary>
    internal bool SkimsOtherKinds { get; set; } = true;

    // Whether an object of a kind gets rules (Classify), so its whole tree is read.
    private static readonly Func<string?, bool> NeedsTree = kind => kind == "DaemonSet" || (kind is not null && KindNames.IsNearMiss(kind, "DaemonSet"));

    private FileReport Validate(string? file, Func<TextReader> open, Func<List<LineSuppression>> comments, BaselineIndex? baseline)
    {
        if (this.SkimsOtherKinds)
        {
            try
            {
                return this.Validate(file, open, comments, baseline, NeedsTree);
            }
            catch (YamlManifestReader.SkimAbandonedException)
            {
                // A skimmed value was needed after all (a duplicate kind, an alias into a skimmed value): read it all again.
            }
        }

        return this.Validate(file, open, comments, baseline, null);
    }

    private FileReport Validate(string? file, Func<TextReader> open, Func<List<LineSuppression>> comments, BaselineIndex? baseline, Func<string?, bool>? needsTree)
    {
        var report = new FileReport(file);
        RulePlan? rulesOn = null;
        try
        {
            foreach (var doc in YamlManifestReader.ReadDocuments(file, open(), this.Options.Limits, needsTree))
            {
                if (doc.EndsReading)
                {
                    SayWhatIsNotRead(doc, open);
                }

                this.ValidateDocument(report, doc, baseline, ref rulesOn);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not YamlManifestReader.SkimAbandonedException)
        {
            this.AddInput(report, file, new InputProblem(RuleCatalog.DS9008_InternalError.Id, $"reading the file failed: {ex.GetType().Name}: {ex.Message}", SourceSpan.At(SourcePosition.Start)));
        }

        Suppressions.ApplyComments(this, file, comments(), report.Findings);
        SortFindings(report.Findings);
        return report;
    }

    // A syntax error ends the reading of the file, as it ends kubectl's (its stream decoder returns at the first document it
    // cannot decode, with the objects before it): when documents follow, the finding says how many are not checked and where
    // they start, so a report of "1 file, 3 objects" over a stream of 400 is not taken for 400 checked. The documents are
    // counted by their `---` lines after the error (a marker on the error's own line counts when the error is at the marker:
    // that document is not read either), lines broken as the parser breaks them.
    private static void SayWhatIsNotRead(DocumentResult doc, Func<TextReader> open)
    {
        var at = doc.Problems.FindLastIndex(p => p.RuleId == RuleCatalog.DS9001_YamlSyntax.Id);
        if (at < 0)
        {
            return;
        }

        var problem = doc.Problems[at];
        var (count, firstLine) = MarkersAfter(open(), problem.Span.Start.Line, problem.Span.Start.Column);
        if (count > 0)
        {
            var documents = count == 1 ? "the document after it" : $"the {count.ToString(System.Globalization.CultureInfo.InvariantCulture)} documents after it";
            doc.Problems[at] = problem with
            {
                Message = problem.Message.TrimEnd('.') + $"; the reading of the file stops here, so {documents} (from line {firstLine.ToString(System.Globalization.CultureInfo.InvariantCulture)}) are not checked: kubectl also stops at the first document it cannot parse, and applies none after it",
            };
        }
    }

    // The `---` document markers (at a line's start, then a blank or the line's end) on the lines after `line`, or on it when
    // `column` is 1, and the line of the first: one pass over the text in blocks, lines broken at LF, CR, CRLF, NEL, LS and PS.
    internal static (int Count, int FirstLine) MarkersAfter(TextReader text, int line, int column)
    {
        var buffer = new char[8192];
        int count = 0, firstLine = 0, current = 1, dashes = 0;
        var atStart = true; // at a line's start, or inside its first dashes
        var previousCr = false;
        void Marker()
        {
            if (current > line || (current == line && column == 1))
            {
                count++;
                firstLine = firstLine == 0 ? current : firstLine;
            }
        }

        int n;
        while ((n = text.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < n; i++)
            {
                var c = buffer[i];
                if (c == '\n' && previousCr)
                {
                    previousCr = false;
                    continue; // the LF of a CRLF: the CR broke the line
                }

                previousCr = c == '\r';
                if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
                {
                    if (dashes == 3)
                    {
                        Marker();
                    }

                    current++;
                    atStart = true;
                    dashes = 0;
                    continue;
                }

                if (!atStart)
                {
                    continue;
                }

                if (c == '-' && dashes < 3)
                {
                    dashes++;
                    continue;
                }

                if (dashes == 3 && (c == ' ' || c == '\t'))
                {
                    Marker();
                }

                atStart = false;
                dashes = 0;
            }
        }

        if (atStart && dashes == 3)
        {
            Marker();
        }

        return (count, firstLine);
    }

    /// <summary>The smallest run of documents a large file is split into (<see cref="ValidateBytes(string?, byte[], BaselineIndex?, long, int)"/>).</summary>
    internal const int MinRunBytes = 256 * 1024;

    /// <summary>
    /// Validates the runs of documents of a file on up to <paramref name="jobs"/> threads and joins what they found in file
    /// order; null when a run found what only a reading of the whole file in order reports right (a syntax error, a document
    /// too complex, a skimmed value needed, a document count other than the split's), so the caller reads it in order.
    /// </summary>
    internal FileReport? ValidateRuns(string? file, byte[] bytes, IReadOnlyList<Yaml.DocumentRun> runs, Func<List<LineSuppression>> comments, BaselineIndex? baseline, int jobs, RunElsewhere? elsewhere = null)
    {
        var parts = new FileReport?[runs.Count];
        var refused = 0;
        System.Threading.Tasks.Parallel.For(0, runs.Count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = jobs }, (i, state) =>
        {
            if (elsewhere is null || !elsewhere(bytes, runs[i], out parts[i]))
            {
                parts[i] = this.ValidateRun(file, bytes, runs[i], baseline);
            }

            if (parts[i] is null)
            {
                System.Threading.Interlocked.Exchange(ref refused, 1);
                state.Stop();
            }
        });
        if (refused != 0)
        {
            return null;
        }

        var report = new FileReport(file);
        foreach (var part in parts)
        {
            report.Objects += part!.Objects;
            report.Findings.AddRange(part.Findings);
            report.CheckedObjects.AddRange(part.CheckedObjects);
            report.DroppedFields.AddRange(part.DroppedFields);
        }

        Suppressions.ApplyComments(this, file, comments(), report.Findings);
        SortFindings(report.Findings);
        return report;
    }

    /// <summary>
    /// Validates one run of documents of a file (<see cref="Yaml.DocumentRun"/>: where it is in the bytes and in the whole text)
    /// as a reading of the whole file reads them, or returns null where the run cannot stand for its part of the file (a syntax
    /// error, a document too complex, a written scalar, another number of documents): then the whole file is read in order.
    /// The findings are not yet filtered by suppression comments nor sorted (the joined report is).
    /// </summary>
    /// <param name="file">The file name to put on findings.</param>
    /// <param name="bytes">Bytes that hold the run between <see cref="Yaml.DocumentRun.Start"/> and <see cref="Yaml.DocumentRun.End"/>.</param>
    /// <param name="run">The run.</param>
    /// <param name="baseline">Prior versions for update rules.</param>
    /// <returns>The run's part of the report, or null.</returns>
    public FileReport? ValidateRun(string? file, byte[] bytes, Yaml.DocumentRun run, BaselineIndex? baseline)
    {
        if (this.ReadBlock(file, bytes, run.Start, run.End, run, baseline, out var read) is { } part && read == run.Documents)
        {
            return part;
        }

        var report = new FileReport(file);
        RulePlan? rulesOn = null;
        return this.ValidateRunInto(report, file, bytes, run, baseline, ref rulesOn) ? report : null;
    }

    // Reads a run of documents with YamlDotNet and validates them into a report: false where the run cannot stand for its part
    // of the file (see ValidateRun).
    private bool ValidateRunInto(FileReport report, string? file, byte[] bytes, Yaml.DocumentRun run, BaselineIndex? baseline, ref RulePlan? rulesOn)
    {
        var documents = 0;
        try
        {
            var text = new Utf8BytesReader(bytes, run.Start, run.End);
            foreach (var doc in YamlManifestReader.ReadDocuments(file, text, this.Options.Limits, this.SkimsOtherKinds ? NeedsTree : null, run))
            {
                documents++;
                if (doc.IsWrittenScalar)
                {
                    return false;
                }

                foreach (var p in doc.Problems)
                {
                    if (p.RuleId == RuleCatalog.DS9001_YamlSyntax.Id || p.RuleId == RuleCatalog.DS9006_DocumentTooComplex.Id)
                    {
                        return false;
                    }
                }

                this.ValidateDocument(report, doc, baseline, ref rulesOn);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false; // a skimmed value needed, or a failure: the reading in order reports it as it does
        }

        return documents == run.Documents;
    }

    // What one document holds: its input problems, then its objects validated.
    private void ValidateDocument(FileReport report, DocumentResult doc, BaselineIndex? baseline, ref RulePlan? rulesOn)
    {
        foreach (var p in doc.Problems)
        {
            this.AddInput(report, report.File, p);
        }

        foreach (var obj in doc.Objects)
        {
            report.Objects++;
            if (this.ValidateObject(obj, baseline?.Find(obj), report.Findings, report.DroppedFields, ref rulesOn))
            {
                report.AddChecked(obj.Ref);
            }
        }
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
        RulePlan? rulesOn = null;
        return this.ValidateObject(obj, baseline, into, dropped, ref rulesOn);
    }

    // rulesOn: which rules run on the objects of obj.File (see RulesOn), worked out at the first object that needs it and kept
    // by the caller for the other objects of the same file (a caller with one object reuses the plan of the last file asked).
    private bool ValidateObject(ManifestObject obj, ManifestObject? baseline, List<Finding> into, List<DroppedFieldReport>? dropped, ref RulePlan? rulesOn)
    {
        var (isDaemonSet, isLike) = Classify(obj);
        if (!isLike)
        {
            return false;
        }

        if (GateReads.Observing)
        {
            GateReads.Running(null); // the drops read gates for the engine, not for a rule
        }

        // The prior version is what this cluster stored, and it stored it through a create under the release and gates being
        // validated for: its gate-disabled fields were dropped then (hostUsers: false applied to a 1.32 server whose
        // UserNamespacesSupport is off is not stored), so they neither count as "in use" for the drops below nor feed the
        // update's ratchets. This holds for a live export too (it carries metadata.resourceVersion): a cluster whose gates
        // are the ones given cannot have stored such a field, unless a gate was on when it was written and is off now, which
        // a manifest cannot tell; a cluster that has the gate on is validated with --feature-gates Gate=true. The oracle
        // (daemonset-oracle --baseline) takes the stored object through the same create path.
        if (baseline is not null)
        {
            baseline = TemplatePruner.Prune(baseline, null, this.Gates, out _);
        }

        // What the API server validates: the fields whose feature gate is off are dropped first (DropDisabledTemplateFields).
        IReadOnlyList<DroppedField>? drops = null;
        var original = obj;
        IReadOnlyList<Schema.SchemaIssue>? schemaIssues = null;
        if (isDaemonSet)
        {
            // The decoder of the release drops the fields it does not know (strict decoding also reports them, DS2001): a
            // field of a later release (seLinuxChangePolicy at 1.31) is not there for validation, so no rule checks it.
            schemaIssues = Rules.Support.SchemaConformanceRule.Walk(obj, this.Gates.Release);
            obj = FieldsOfOtherReleases.Drop(obj, schemaIssues);
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
        rulesOn ??= this.RulesOn(obj.File);
        RunRules(new RuleContext(obj, original, baseline, this.ruleOptions, pending, this.Gates, drops) { SchemaIssues = schemaIssues }, isDaemonSet ? rulesOn.Every : rulesOn.DaemonSetLike);

        // One fix reveals the next: a removed apiVersion (DS6001) would hide every finding the object gets once it says apps/v1,
        // so the apps/v1 rules run on it as well (on what the server would validate: its gate-dropped fields dropped), and
        // what they find is marked as what comes next.
        if (!isDaemonSet && obj.Kind == "DaemonSet" && Rules.DS6xxx.DS6001ApiVersionRemoved.IsRemoved(obj.ApiVersion, this.Gates.Release))
        {
            var asAppsV1 = obj.As(AppsV1);
            var issuesAsAppsV1 = Rules.Support.SchemaConformanceRule.Walk(asAppsV1, this.Gates.Release);
            var prunedAsAppsV1 = TemplatePruner.Prune(FieldsOfOtherReleases.Drop(asAppsV1, issuesAsAppsV1), baseline, this.Gates, out var dropsAsAppsV1);
            var first = pending.Count;
            RunRules(new RuleContext(prunedAsAppsV1, asAppsV1, baseline, this.ruleOptions, pending, this.Gates, dropsAsAppsV1) { SchemaIssues = issuesAsAppsV1 }, rulesOn.AppsV1Only);
            for (var i = first; i < pending.Count; i++)
            {
                pending[i] = pending[i] with { Message = pending[i].Message + AsAppsV1Suffix, WhenApiVersion = AppsV1 };
            }
        }

        if (GateReads.Observing)
        {
            GateReads.Running(null);
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
                Message = GoText.Escape(p.Message),
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

    // Which rules run on the objects of a file. A class may report several ids (DS3003's reports DS3004 too): it runs when any
    // of them is on, and the findings of the ids that are off are dropped afterwards. A severity depends on the rule id and the
    // file only, so this is asked once per file, not once per rule and object; the plan of the last file asked is kept for
    // callers that validate one object at a time (the analyzers, the bench). Files whose rules come out the same share one
    // plan; files the host puts in one severity scope (ValidatorOptions.SeverityScope) are not even asked their severities.
    private RulePlan RulesOn(string? file)
    {
        var last = this.lastPlan;
        if (last is not null && string.Equals(last.File, file, StringComparison.Ordinal))
        {
            return last.Plan;
        }

        var scope = this.Options.SeverityScope?.Invoke(file);
        if (last is not null && scope is not null && ReferenceEquals(scope, last.Scope))
        {
            this.lastPlan = new PlanOfFile(file, scope, last.Plan);
            return last.Plan;
        }

        var classes = this.reportedByClass ??= this.ReportedByClass();
        var on = new ulong[(classes.Length + 63) / 64];
        for (var i = 0; i < classes.Length; i++)
        {
            if (this.AnyIsOn(classes[i], file))
            {
                on[i >> 6] |= 1UL << (i & 63);
            }
        }

        var plan = last is not null && SameBits(last.Plan.On, on) ? last.Plan : new RulePlan(this.Planned(), on);
        this.lastPlan = new PlanOfFile(file, scope, plan); // one reference written: threads that race see one file's plan or another's
        return plan;
    }

    private static bool SameBits(ulong[] a, ulong[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    // The ids each rule's class reports, by index in this.rules (built once; two threads that race build the same).
    private RuleDescriptor[][] ReportedByClass()
    {
        var classes = new RuleDescriptor[this.rules.Count][];
        for (var i = 0; i < classes.Length; i++)
        {
            classes[i] = System.Linq.Enumerable.ToArray(RuleCatalog.ReportedByClassOf(this.rules[i].Descriptor));
        }

        return classes;
    }

    // Every rule with what the engine asks of it, by index in this.rules (built once; two threads that race build the same).
    private PlannedRule[] Planned()
    {
        if (this.planned is { } done)
        {
            return done;
        }

        var planned = new PlannedRule[this.rules.Count];
        for (var i = 0; i < planned.Length; i++)
        {
            planned[i] = new PlannedRule(this.rules[i]);
        }

        this.planned = planned;
        return planned;
    }

    // Runs the rules of a plan on an object.
    private static void RunRules(RuleContext context, PlannedRule[] rules)
    {
        foreach (var planned in rules)
        {
            context.SetRule(planned.Descriptor, planned.ReadsWritten);
            try
            {
                planned.Rule.Check(context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                context.Sink.Add(new PendingFinding(
                    RuleCatalog.DS9008_InternalError,
                    FindingKind.Invalid,
                    FieldPath.Root("metadata"),
                    null,
                    $"rule {planned.Descriptor.Id} failed on this object: {ex.GetType().Name}: {ex.Message}",
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

        var listed = new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        found.RemoveAll(f =>
        {
            if (listed.Contains(f.RuleId))
            {
                used.Add(f.RuleId);
                return true;
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

    // A rule with what the engine asks of it for every object, asked once.
    private readonly struct PlannedRule
    {
        public PlannedRule(Rule rule)
        {
            this.Rule = rule;
            this.Descriptor = rule.Descriptor;
            this.ReadsWritten = rule.ReadsWrittenObject;
            this.Target = rule.Target;
        }

        public Rule Rule { get; }

        public RuleDescriptor Descriptor { get; }

        public bool ReadsWritten { get; }

        public RuleTarget Target { get; }
    }

    // The rules that run on the objects of one file, in catalog order, by what an object is.
    private sealed class RulePlan
    {
        public RulePlan(PlannedRule[] rules, ulong[] on)
        {
            this.On = on;
            var every = new List<PlannedRule>(rules.Length);
            var like = new List<PlannedRule>();
            var appsV1Only = new List<PlannedRule>(rules.Length);
            for (var i = 0; i < rules.Length; i++)
            {
                if ((on[i >> 6] & (1UL << (i & 63))) != 0)
                {
                    every.Add(rules[i]);
                    (rules[i].Target == RuleTarget.DaemonSetLike ? like : appsV1Only).Add(rules[i]);
                }
            }

            this.Every = every.ToArray();
            this.DaemonSetLike = like.ToArray();
            this.AppsV1Only = appsV1Only.ToArray();
        }

        /// <summary>Gets which rules are on, a bit per index in the validator's rules.</summary>
        public ulong[] On { get; }

        /// <summary>Gets the rules of an apps/v1 DaemonSet: every target.</summary>
        public PlannedRule[] Every { get; }

        /// <summary>Gets the rules of another DaemonSet-like object (version and kind rules).</summary>
        public PlannedRule[] DaemonSetLike { get; }

        /// <summary>Gets the rules of apps/v1 DaemonSets only (what an object with a removed apiVersion gets as apps/v1).</summary>
        public PlannedRule[] AppsV1Only { get; }
    }

    // The plan of the last file asked, with the file and its severity scope.
    private sealed class PlanOfFile
    {
        public PlanOfFile(string? file, object? scope, RulePlan plan)
        {
            this.File = file;
            this.Scope = scope;
            this.Plan = plan;
        }

        public string? File { get; }

        public object? Scope { get; }

        public RulePlan Plan { get; }
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
                Message = GoText.Escape(GoText.Clip(problem.Message)),
                Kind = FindingKind.Invalid,
                File = file,
                Span = problem.Span,
                HelpUri = d.HelpUri,
            };
    }

    /// <summary>
    /// Orders findings by file, position, then rule id; ties are broken by every other field the hosts print (end
    /// position, path, message, severity, kind, bad value, location path, object), so the order is total: the same
    /// findings give the same sequence whatever order the files, documents and rules produced them in.
    /// </summary>
    /// <param name="a">One finding.</param>
    /// <param name="b">Another.</param>
    /// <returns>The order.</returns>
    public static int CompareFindings(Finding a, Finding b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

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

        c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c != 0)
        {
            return c;
        }

        return CompareTies(a, b);
    }

    /// <summary>Sorts findings in the total order of <see cref="CompareFindings"/>.</summary>
    /// <param name="findings">The findings; sorted in place.</param>
    public static void SortFindings(List<Finding> findings) => findings.Sort(CompareFindings);

    private static int CompareTies(Finding a, Finding b)
    {
        var c = a.Span.Start.Offset.CompareTo(b.Span.Start.Offset);
        if (c != 0)
        {
            return c;
        }

        c = a.Span.End.Line.CompareTo(b.Span.End.Line);
        if (c != 0)
        {
            return c;
        }

        c = a.Span.End.Column.CompareTo(b.Span.End.Column);
        if (c != 0)
        {
            return c;
        }

        c = a.Span.End.Offset.CompareTo(b.Span.End.Offset);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Path?.ToString(), b.Path?.ToString());
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Message, b.Message);
        if (c != 0)
        {
            return c;
        }

        c = a.Severity.CompareTo(b.Severity);
        if (c != 0)
        {
            return c;
        }

        c = a.Kind.CompareTo(b.Kind);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.BadValue, b.BadValue);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.LocationPath?.ToString(), b.LocationPath?.ToString());
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.HelpUri, b.HelpUri);
        return c != 0 ? c : CompareObjects(a.Object, b.Object);
    }

    private static int CompareObjects(ObjectRef? a, ObjectRef? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        var c = string.CompareOrdinal(a.File, b.File);
        if (c != 0)
        {
            return c;
        }

        c = a.Document.CompareTo(b.Document);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.ApiVersion, b.ApiVersion);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Kind, b.Kind);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Namespace, b.Namespace);
        return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
    }

    // "70,000,000 bytes (66.8 MiB)": exact, and readable.
    private static string Bytes(long n)
    {
        var exact = n.ToString("N0", CultureInfo.InvariantCulture) + (n == 1 ? " byte" : " bytes");
        return n < 1024 * 1024 ? exact : $"{exact} ({(n / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} MiB)";
    }

    private bool AnyIsOn(RuleDescriptor[] descriptors, string? file)
    {
        for (var i = 0; i < descriptors.Length; i++) // no enumerator: this runs for every rule of every file
        {
            if (this.SeverityOf(descriptors[i], file) != Severity.None)
            {
                return true;
            }
        }

        return false;
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
