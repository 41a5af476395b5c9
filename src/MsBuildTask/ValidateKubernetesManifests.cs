using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Hosting;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Yaml;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace DaemonLint.MsBuild;

/// <summary>
/// Validates Kubernetes manifests (the <c>KubernetesManifest</c> items) and logs every finding the way the compiler logs its
/// diagnostics: <c>file(line,col): error DS1002: message [spec.selector]</c>. Files that hold no DaemonSet-like object are skipped
/// quietly. Never fails with MSB4018: whatever goes wrong with one file becomes a DS9xxx error on that file and the others are
/// still validated. Configuration (<c>.editorconfig</c>, <c>.daemonlint.yaml</c>, the cluster settings), reading, baselines and
/// node inventories are the host layer's (<c>DaemonLint.Hosting</c>), exactly as in the CLI.
/// </summary>
public sealed class ValidateKubernetesManifests : Task
{
    private readonly IHostFileSystem fileSystem;
    private readonly IGitProcess git;
    private readonly Dictionary<string, BaselineFiles?> baselines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeInventory?> inventories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodInventory?> podInventories = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Nodes, string Pods), NodeInventory> withPods = new();
    private readonly HashSet<string> helmCharts = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="ValidateKubernetesManifests"/> class.</summary>
    public ValidateKubernetesManifests()
        : this(PhysicalFileSystem.Instance, GitProcess.Instance)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ValidateKubernetesManifests"/> class with seams for tests.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="git">The git runner.</param>
    internal ValidateKubernetesManifests(IHostFileSystem fileSystem, IGitProcess git)
    {
        this.fileSystem = fileSystem;
        this.git = git;
    }

    /// <summary>
    /// Gets or sets the manifests. Metadata: <c>Baseline</c> (a file or folder of prior versions, for update rules such as the
    /// immutable selector), <c>Nodes</c> (a node inventory for the placement rules DS3006, DS3007 and DS3009, with DS3008 for its
    /// unreadable Nodes; it overrides <see cref="Nodes"/>) and <c>Pods</c> (the cluster's pods, so DS3009 counts free capacity; it
    /// overrides <see cref="Pods"/>).
    /// </summary>
    [Required]
    public ITaskItem[] Manifests { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Gets or sets the lowest severity that fails the build: <c>error</c> (default), <c>warning</c> or <c>info</c>.</summary>
    public string? FailOn { get; set; }

    /// <summary>Gets or sets a git revision whose version of each manifest is its baseline (<c>git show REV:./file</c>).</summary>
    public string? BaselineRef { get; set; }

    /// <summary>Gets or sets a node inventory for every manifest (file or folder).</summary>
    public string? Nodes { get; set; }

    /// <summary>
    /// Gets or sets <c>DaemonLintPods</c>: the cluster's pods (<c>kubectl get pods -A -o yaml|json</c>, file or folder) for every
    /// manifest with a node inventory, so DS3009 counts what they already request on each node and the host ports they hold.
    /// </summary>
    public string? Pods { get; set; }

    /// <summary>Gets or sets <c>DaemonLintKubernetesVersion</c>: the cluster's Kubernetes release (<c>1.31</c>; default the newest known).</summary>
    public string? KubernetesVersion { get; set; }

    /// <summary>Gets or sets <c>DaemonLintFeatureGates</c>: the cluster's kube-apiserver <c>--feature-gates</c> (<c>Gate=true,Other=false</c>).</summary>
    public string? FeatureGates { get; set; }

    /// <summary>Gets or sets <c>DaemonLintDisallowPrivileged</c>: the cluster runs kube-apiserver <c>--allow-privileged=false</c> (DS1320).</summary>
    public string? DisallowPrivileged { get; set; }

    /// <summary>Gets or sets <c>DaemonLintUserNamespaces</c>: the cluster has user namespaces on (DS1116).</summary>
    public string? UserNamespaces { get; set; }

    /// <summary>Gets or sets <c>DaemonLintNamespace</c>: the namespace objects without one are applied to, for baseline matching.</summary>
    public string? Namespace { get; set; }

    /// <summary>
    /// Gets or sets <c>DaemonLintJobs</c>: the largest number of manifests validated at once (default: the processor count). The log
    /// is the same for any value.
    /// </summary>
    public string? Jobs { get; set; }

    /// <summary>Gets or sets the project folder: relative metadata paths and <c>DaemonLintBaselineRef</c>'s repository are resolved from it.</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>Gets or sets the project's <c>NoWarn</c>.</summary>
    public string? NoWarn { get; set; }

    /// <summary>Gets or sets the project's <c>WarningsAsErrors</c>.</summary>
    public string? WarningsAsErrors { get; set; }

    /// <summary>Gets or sets the project's <c>WarningsNotAsErrors</c>.</summary>
    public string? WarningsNotAsErrors { get; set; }

    /// <summary>Gets or sets a value indicating whether the project treats warnings as errors.</summary>
    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>Gets the manifests that held DaemonSet-like objects and were validated.</summary>
    [Output]
    public ITaskItem[] ValidatedManifests { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            this.Run();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Only reached for a failure outside any one file (each file has its own guard).
            this.Log.LogError(null, RuleCatalog.DS9008_InternalError.Id, RuleCatalog.DS9008_InternalError.Id, null, 0, 0, 0, 0, "DaemonLint failed: " + ex.GetType().Name + ": " + ex.Message, null);
        }

        return !this.Log.HasLoggedErrors;
    }

    private void Run()
    {
        var projectDirectory = string.IsNullOrEmpty(this.ProjectDirectory) ? Directory.GetCurrentDirectory() : Path.GetFullPath(this.ProjectDirectory);
        if (!TryParseFailOn(this.FailOn, out var failOn))
        {
            this.LogConfigurationError($"DaemonLintFailOn must be error, warning or info, not '{this.FailOn}'");
            return;
        }

        if (!TryParseJobs(this.Jobs, out var jobs))
        {
            this.LogConfigurationError($"DaemonLintJobs must be a positive number of manifests validated at once, not '{this.Jobs}'");
            return;
        }

        var cluster = ClusterSetting.FromProperties(this.Property, out var clusterError);
        if (cluster is null)
        {
            this.LogConfigurationError(clusterError!);
            return;
        }

        var workspace = new Workspace(new WorkspaceSettings { BaseDirectory = projectDirectory, Cluster = cluster, FileSystem = this.fileSystem, FullPathNames = true });
        var context = new RunContext(workspace, new WarningPolicy(this.NoWarn, this.WarningsAsErrors, this.WarningsNotAsErrors, this.TreatWarningsAsErrors, failOn));
        if (!string.IsNullOrWhiteSpace(this.BaselineRef))
        {
            try
            {
                context.Git = GitBaseline.Open(projectDirectory, this.BaselineRef, staged: false, this.git);
            }
            catch (Exception ex) when (ex is GitException or IOException)
            {
                this.LogConfigurationError($"DaemonLintBaselineRef: {ex.Message}");
            }
        }

        // Deterministic: each file once, in ordinal order of full path.
        var items = new SortedDictionary<string, ITaskItem>(StringComparer.Ordinal);
        foreach (var item in this.Manifests)
        {
            var full = FullPathOf(item, projectDirectory);
            if (!items.ContainsKey(full))
            {
                items.Add(full, item);
            }
        }

        // Parallel where it is safe, in order where it is not: reading and validating run on up to Jobs threads; the shared
        // caches with a first-use side effect (Helm charts noted once, baseline and node files read and reported once) are
        // filled in input order; everything is logged at the end, file by file in input order, so the log is the same
        // whatever the scheduling.
        var work = new List<ManifestWork>(items.Count);
        foreach (var pair in items)
        {
            work.Add(new ManifestWork(pair.Key, pair.Value));
        }

        OrderedParallel.Map(work, jobs, w => w.Guard(this, context, () => this.Read(w, context)));
        foreach (var w in work)
        {
            w.Guard(this, context, () => this.PrepareSources(w, context));
        }

        OrderedParallel.Map(work, jobs, w => w.Guard(this, context, () => this.Check(w, context, jobs)));
        var validated = new List<ITaskItem>();
        foreach (var w in work)
        {
            w.Replay();
            if (w.Validated)
            {
                validated.Add(w.Item);
            }
        }

        foreach (var f in workspace.ConfigurationFindings())
        {
            this.LogFinding(context.Policy, f.File ?? projectDirectory, f);
        }

        this.ValidatedManifests = validated.ToArray();
        this.Log.LogMessage(MessageImportance.Low, $"DaemonLint: {items.Count} manifest file(s), {validated.Count} with DaemonSets validated.");
    }

    private string? Property(string name) => name switch
    {
        "DaemonLintKubernetesVersion" => this.KubernetesVersion,
        "DaemonLintFeatureGates" => this.FeatureGates,
        "DaemonLintDisallowPrivileged" => this.DisallowPrivileged,
        "DaemonLintUserNamespaces" => this.UserNamespaces,
        "DaemonLintNamespace" => this.Namespace,
        _ => null,
    };

    private void LogConfigurationError(string message) =>
        this.Log.LogError(null, RuleCatalog.DS9009_ConfigurationError.Id, RuleCatalog.DS9009_ConfigurationError.Id, null, 0, 0, 0, 0, message, null);

    // Phase 1 (parallel): Helm templates are skipped unread; the others are read, and skipped when they name no DaemonSet.
    private bool Read(ManifestWork w, RunContext context)
    {
        w.HelmChart = InputReader.HelmChartOf(w.FullPath, this.fileSystem);
        if (w.HelmChart is not null)
        {
            return false;
        }

        var file = new SourceFile(w.FullPath, w.FullPath);
        w.Read = context.Workspace.Reader.Read(file);

        // Most YAML in a project (CI files, Helm values, other kinds, Ansible playbooks) holds no DaemonSet: skipped quietly,
        // without baselines or node inventories being read for it, decided as the CLI decides it (MayHoldDaemonSet).
        w.Skipped = !MayHoldDaemonSet(context.Workspace.Reader, file, w.Read);
        return true;
    }

    // Phase 2 (in order): the Helm note once per chart, and each baseline and node inventory read (and reported) once,
    // by the first file that uses it.
    private bool PrepareSources(ManifestWork w, RunContext context)
    {
        if (w.HelmChart is { } chart)
        {
            if (this.helmCharts.Add(chart))
            {
                w.Defer(() => this.Log.LogMessage(MessageImportance.Normal, $"DaemonLint: {chart}{Path.DirectorySeparatorChar}templates: skipped, a Helm chart's templates are not YAML until rendered; validate the rendered output (DaemonLintDependsOn can run helm template into obj/)."));
            }

            return false;
        }

        if (w.Skipped)
        {
            w.Defer(() => this.Log.LogMessage(MessageImportance.Low, $"DaemonLint: {w.FullPath}: no DaemonSet, skipped."));
            return false;
        }

        w.Sources = new CheckSources { Baseline = this.BaselineFor(w, context), Git = context.Git, Nodes = this.NodesFor(w, context) };
        return true;
    }

    // Phase 3 (parallel): validation.
    private bool Check(ManifestWork w, RunContext context, int jobs)
    {
        if (w.Sources is null || w.Read is null)
        {
            return false;
        }

        var result = context.Workspace.Check(new SourceFile(w.FullPath, w.FullPath), w.Sources, w.Read, jobs);
        if (result.DaemonSets == 0 && !HasInputFinding(result.Findings))
        {
            w.Defer(() => this.Log.LogMessage(MessageImportance.Low, $"DaemonLint: {w.FullPath}: no DaemonSet, skipped."));
            return false;
        }

        foreach (var notice in result.Notices)
        {
            w.Defer(() => this.Log.LogMessage(MessageImportance.Normal, "DaemonLint: " + notice));
        }

        foreach (var f in result.Findings)
        {
            w.Defer(() => this.LogFinding(context.Policy, w.FullPath, f));
        }

        w.Validated = true;
        return true;
    }

    // The item's Baseline (a file or folder of prior versions), read once per path for the whole build.
    private BaselineFiles? BaselineFor(ManifestWork w, RunContext context)
    {
        var baseline = w.Item.GetMetadata("Baseline");
        if (string.IsNullOrWhiteSpace(baseline))
        {
            return null;
        }

        var path = context.Workspace.Reader.FullPath(baseline.Trim());
        if (!this.baselines.TryGetValue(path, out var files))
        {
            files = BaselineFiles.Read(context.Workspace.Reader, new[] { path });
            if (files.Load.Missing.Count > 0)
            {
                files = null;
            }
            else
            {
                this.LogAll(w, context, files.Load.Findings);
            }

            this.baselines[path] = files;
        }

        if (files is null)
        {
            this.Report(w, context, InputProblems.Configuration($"the Baseline '{baseline}' does not exist"));
        }

        return files;
    }

    // The item's Nodes wins over the project's DaemonLintNodes, and its Pods over DaemonLintPods. With an inventory, the placement
    // rules that need one (DS3006, DS3007, DS3009) run; each inventory is read once per build, and each pairing of nodes and pods
    // is made once.
    private NodeInventory? NodesFor(ManifestWork w, RunContext context)
    {
        var nodes = Setting(w.Item, "Nodes", this.Nodes);
        var pods = Setting(w.Item, "Pods", this.Pods);
        if (nodes is null)
        {
            if (pods is not null)
            {
                this.Report(w, context, InputProblems.Configuration($"the pod inventory '{pods}' needs a node inventory (DaemonLintNodes or the item's Nodes): the pods are counted on its nodes"));
            }

            return null;
        }

        var loader = new InventoryLoader(context.Workspace.Reader);
        var path = context.Workspace.Reader.FullPath(nodes);
        if (!this.inventories.TryGetValue(path, out var inventory))
        {
            inventory = loader.LoadNodes(new[] { path }, out var load);
            if (load.Missing.Count > 0)
            {
                inventory = null;
            }
            else
            {
                this.LogAll(w, context, load.Findings);
            }

            this.inventories[path] = inventory;
        }

        if (inventory is null)
        {
            this.Report(w, context, InputProblems.Configuration($"the node inventory '{nodes}' does not exist"));
            return null;
        }

        if (pods is null)
        {
            return inventory;
        }

        var podPath = context.Workspace.Reader.FullPath(pods);
        if (!this.podInventories.TryGetValue(podPath, out var podInventory))
        {
            podInventory = loader.LoadPods(new[] { podPath }, out var load);
            if (load.Missing.Count > 0)
            {
                podInventory = null;
            }
            else
            {
                this.LogAll(w, context, load.Findings);
            }

            this.podInventories[podPath] = podInventory;
        }

        if (podInventory is null)
        {
            this.Report(w, context, InputProblems.Configuration($"the pod inventory '{pods}' does not exist"));
            return inventory;
        }

        // The same nodes with these pods: a node inventory read once serves manifests with different pod inventories.
        if (!this.withPods.TryGetValue((path, podPath), out var paired))
        {
            paired = NodeInventory.FromNodes(inventory.Nodes).WithPods(podInventory);
            this.withPods[(path, podPath)] = paired;
        }

        return paired;
    }

    private static string? Setting(ITaskItem item, string metadata, string? property)
    {
        var value = item.GetMetadata(metadata);
        if (string.IsNullOrWhiteSpace(value))
        {
            value = property;
        }

        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    private void LogAll(ManifestWork w, RunContext context, IEnumerable<Finding> findings)
    {
        foreach (var f in findings)
        {
            w.Defer(() => this.LogFinding(context.Policy, f.File ?? string.Empty, f));
        }
    }

    private void Report(ManifestWork w, RunContext context, InputProblem problem)
    {
        var f = context.Workspace.InputFinding(w.FullPath, problem);
        if (f is not null)
        {
            w.Defer(() => this.LogFinding(context.Policy, w.FullPath, f));
        }
    }

    private void LogFinding(WarningPolicy policy, string fullPath, Finding f)
    {
        var message = FindingText.Message(f);
        var file = f.File ?? fullPath;
        var line = f.Span.IsKnown ? f.Span.Start.Line : 0;
        var column = f.Span.IsKnown ? f.Span.Start.Column : 0;
        switch (policy.Resolve(f.RuleId, f.Severity))
        {
            case LogLevel.Error:
                this.Log.LogError(null, f.RuleId, f.RuleId, f.HelpUri, file, line, column, 0, 0, message, null);
                break;
            case LogLevel.Warning:
                this.Log.LogWarning(null, f.RuleId, f.RuleId, f.HelpUri, file, line, column, 0, 0, message, null);
                break;
            case LogLevel.Message:
                this.Log.LogMessage(null, f.RuleId, f.RuleId, file, line, column, 0, 0, MessageImportance.Normal, message, null);
                break;
            default:
                this.Log.LogMessage(null, f.RuleId, f.RuleId, file, line, column, 0, 0, MessageImportance.Low, message, null);
                break;
        }

        // The message is the short text every host shows; the hint is the longer form, in a detailed log (-v:d).
        if (f.Hint is not null)
        {
            this.Log.LogMessage(MessageImportance.Low, "DaemonLint: {0}({1},{2}): {3} hint: {4}", file, line, column, f.RuleId, f.Hint);
        }
    }

    private static string FullPathOf(ITaskItem item, string projectDirectory)
    {
        var full = item.GetMetadata("FullPath");
        return string.IsNullOrEmpty(full) ? Path.GetFullPath(Path.Combine(projectDirectory, item.ItemSpec)) : full;
    }

    private static bool HasInputFinding(List<Finding> findings)
    {
        foreach (var f in findings)
        {
            if (f.RuleId.StartsWith("DS9", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a file may hold a DaemonSet-like object, decided as the CLI decides it: the file is decoded (BOMs, UTF-16/32) and
    /// parsed by the one reader (tags, anchors, aliases, merge keys, escapes, flow style and JSON are the parser's), and it is
    /// skipped only when it parses completely and no object in it has a DaemonSet-like kind. A file that cannot be read, decoded
    /// or parsed is skipped only when its text cannot spell one (<see cref="MayNameADaemonSet"/>): otherwise its problem is reported.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="file">The file.</param>
    /// <param name="read">Its bytes, or why there are none.</param>
    /// <returns>False only when the file cannot hold a DaemonSet-like object.</returns>
    internal static bool MayHoldDaemonSet(InputReader reader, SourceFile file, ReadResult read)
    {
        if (read.Bytes is null)
        {
            return true;
        }

        var parsed = reader.ParseObjects(file, read);
        foreach (var o in parsed.Objects)
        {
            if (ManifestValidator.Classify(o).IsDaemonSetLike)
            {
                return true;
            }
        }

        if (parsed.Problems.Count == 0)
        {
            return false;
        }

        var text = TextDecoder.TryDecode(read.Bytes, out var decoded, out _) ? decoded : Encoding.UTF8.GetString(read.Bytes);
        return MayNameADaemonSet(text);
    }

    /// <summary>
    /// For a file the parser could not read to its end: whether its text could spell a DaemonSet-like kind. True when it holds
    /// a backslash (an escape can spell any letter) or, letters and digits only and lower-cased, a run within two edits of
    /// <c>daemonset</c> (<c>DaemonSet</c>, <c>Daemon Set</c> folded over lines, <c>Deamonset</c>, ...). Linear in the text.
    /// </summary>
    /// <param name="text">The decoded text.</param>
    /// <returns>True when the file may hold a DaemonSet.</returns>
    internal static bool MayNameADaemonSet(string text)
    {
        if (text.IndexOf('\\') >= 0)
        {
            return true;
        }

        // Approximate matching (Sellers): column[i] is the fewest edits that turn some run ending here into the first i letters.
        const string Target = "daemonset";
        var column = new int[Target.Length + 1];
        for (var i = 0; i <= Target.Length; i++)
        {
            column[i] = i;
        }

        foreach (var raw in text)
        {
            if (!char.IsLetterOrDigit(raw))
            {
                continue;
            }

            var c = char.ToLowerInvariant(raw);
            var diagonal = column[0];
            column[0] = 0;
            for (var i = 1; i <= Target.Length; i++)
            {
                var above = column[i];
                column[i] = Math.Min(Math.Min(above + 1, column[i - 1] + 1), diagonal + (Target[i - 1] == c ? 0 : 1));
                diagonal = above;
            }

            if (column[Target.Length] <= 2)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseJobs(string? text, out int jobs)
    {
        jobs = OrderedParallel.DefaultJobs;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        return int.TryParse(text!.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out jobs) && jobs > 0;
    }

    private static bool TryParseFailOn(string? text, out Severity failOn)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            failOn = Severity.Error;
            return true;
        }

        return SeverityExtensions.TryParse(text, out failOn) && failOn != Severity.None;
    }

    /// <summary>One manifest on its way through the phases, and what it logs, kept until every file is done.</summary>
    private sealed class ManifestWork
    {
        private readonly List<Action> log = new();

        public ManifestWork(string fullPath, ITaskItem item)
        {
            this.FullPath = fullPath;
            this.Item = item;
        }

        public string FullPath { get; }

        public ITaskItem Item { get; }

        public string? HelmChart { get; set; }

        public ReadResult? Read { get; set; }

        public bool Skipped { get; set; }

        public CheckSources? Sources { get; set; }

        public bool Validated { get; set; }

        public bool Failed { get; private set; }

        public void Defer(Action logging) => this.log.Add(logging);

        public void Replay() => this.log.ForEach(a => a());

        /// <summary>Runs one phase for this file; whatever goes wrong becomes a DS9xxx error on the file, and its later phases are skipped.</summary>
        public bool Guard(ValidateKubernetesManifests task, RunContext context, Func<bool> phase)
        {
            if (this.Failed)
            {
                return false;
            }

            try
            {
                return phase();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                this.Failed = true;
                this.Sources = null;
                task.Report(this, context, InputProblems.ReadFailed(ex) with { Message = $"validating the file failed: {ex.GetType().Name}: {ex.Message}", Span = SourceSpan.None });
                return false;
            }
        }
    }

    private sealed class RunContext
    {
        public RunContext(Workspace workspace, WarningPolicy policy)
        {
            this.Workspace = workspace;
            this.Policy = policy;
        }

        public Workspace Workspace { get; }

        public WarningPolicy Policy { get; }

        public GitBaseline? Git { get; set; }
    }
}
