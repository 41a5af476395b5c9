using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
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
    private static readonly Regex KindLine = new(
        @"[""']?\bkind[""']?\s*:\s*[""']?(?<kind>[A-Za-z][A-Za-z _-]{0,40})",
        RegexOptions.CultureInvariant);

    private readonly IHostFileSystem fileSystem;
    private readonly IGitProcess git;
    private readonly Dictionary<string, BaselineFiles?> baselines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeInventory?> inventories = new(StringComparer.Ordinal);
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
    /// immutable selector) and <c>Nodes</c> (a node inventory for the placement rules DS3006-DS3008; it overrides <see cref="Nodes"/>).
    /// </summary>
    [Required]
    public ITaskItem[] Manifests { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Gets or sets the lowest severity that fails the build: <c>error</c> (default), <c>warning</c> or <c>info</c>.</summary>
    public string? FailOn { get; set; }

    /// <summary>Gets or sets a git revision whose version of each manifest is its baseline (<c>git show REV:./file</c>).</summary>
    public string? BaselineRef { get; set; }

    /// <summary>Gets or sets a node inventory for every manifest (file or folder).</summary>
    public string? Nodes { get; set; }

    /// <summary>Gets or sets <c>DaemonLintDisallowPrivileged</c>: the cluster runs kube-apiserver <c>--allow-privileged=false</c> (DS1320).</summary>
    public string? DisallowPrivileged { get; set; }

    /// <summary>Gets or sets <c>DaemonLintUserNamespaces</c>: the cluster has user namespaces on (DS1116).</summary>
    public string? UserNamespaces { get; set; }

    /// <summary>Gets or sets <c>DaemonLintNamespace</c>: the namespace objects without one are applied to, for baseline matching.</summary>
    public string? Namespace { get; set; }

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

        var validated = new List<ITaskItem>();
        foreach (var pair in items)
        {
            try
            {
                if (this.ValidateOne(pair.Key, pair.Value, context))
                {
                    validated.Add(pair.Value);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                this.Report(context, pair.Key, InputProblems.ReadFailed(ex) with { Message = $"validating the file failed: {ex.GetType().Name}: {ex.Message}", Span = SourceSpan.None });
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
        "DaemonLintDisallowPrivileged" => this.DisallowPrivileged,
        "DaemonLintUserNamespaces" => this.UserNamespaces,
        "DaemonLintNamespace" => this.Namespace,
        _ => null,
    };

    private void LogConfigurationError(string message) =>
        this.Log.LogError(null, RuleCatalog.DS9009_ConfigurationError.Id, RuleCatalog.DS9009_ConfigurationError.Id, null, 0, 0, 0, 0, message, null);

    private bool ValidateOne(string fullPath, ITaskItem item, RunContext context)
    {
        if (InputReader.HelmChartOf(fullPath, this.fileSystem) is { } chart)
        {
            if (this.helmCharts.Add(chart))
            {
                this.Log.LogMessage(MessageImportance.Normal, $"DaemonLint: {chart}{Path.DirectorySeparatorChar}templates: skipped, a Helm chart's templates are not YAML until rendered; validate the rendered output (DaemonLintDependsOn can run helm template into obj/).");
            }

            return false;
        }

        var file = new SourceFile(fullPath, fullPath);
        var read = context.Workspace.Reader.Read(file);
        if (read.Bytes is not null && !MentionsDaemonSet(read.Bytes))
        {
            // The cheap check first: most YAML in a project (CI files, Helm values, other kinds) never names a DaemonSet.
            this.Log.LogMessage(MessageImportance.Low, $"DaemonLint: {fullPath}: no DaemonSet, skipped.");
            return false;
        }

        var sources = new CheckSources { Baseline = this.BaselineFor(fullPath, item, context), Git = context.Git, Nodes = this.NodesFor(fullPath, item, context) };
        var result = context.Workspace.Check(file, sources, read);
        if (result.DaemonSets == 0 && !HasInputFinding(result.Findings))
        {
            this.Log.LogMessage(MessageImportance.Low, $"DaemonLint: {fullPath}: no DaemonSet, skipped.");
            return false;
        }

        foreach (var notice in result.Notices)
        {
            this.Log.LogMessage(MessageImportance.Normal, "DaemonLint: " + notice);
        }

        foreach (var f in result.Findings)
        {
            this.LogFinding(context.Policy, fullPath, f);
        }

        return true;
    }

    // The item's Baseline (a file or folder of prior versions), read once per path for the whole build.
    private BaselineFiles? BaselineFor(string fullPath, ITaskItem item, RunContext context)
    {
        var baseline = item.GetMetadata("Baseline");
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
                this.LogAll(context, files.Load.Findings);
            }

            this.baselines[path] = files;
        }

        if (files is null)
        {
            this.Report(context, fullPath, InputProblems.Configuration($"the Baseline '{baseline}' does not exist"));
        }

        return files;
    }

    // The item's Nodes wins over the project's DaemonLintNodes. With an inventory, the placement rules that need one
    // (DS3006-DS3008) run; each inventory is read once per build.
    private NodeInventory? NodesFor(string fullPath, ITaskItem item, RunContext context)
    {
        var nodes = item.GetMetadata("Nodes");
        if (string.IsNullOrWhiteSpace(nodes))
        {
            nodes = this.Nodes;
        }

        if (string.IsNullOrWhiteSpace(nodes))
        {
            return null;
        }

        var path = context.Workspace.Reader.FullPath(nodes!.Trim());
        if (!this.inventories.TryGetValue(path, out var inventory))
        {
            inventory = NodeInventories.Load(context.Workspace.Reader, new[] { path }, out var load);
            if (load.Missing.Count > 0)
            {
                inventory = null;
            }
            else
            {
                this.LogAll(context, load.Findings);
            }

            this.inventories[path] = inventory;
        }

        if (inventory is null)
        {
            this.Report(context, fullPath, InputProblems.Configuration($"the node inventory '{nodes}' does not exist"));
        }

        return inventory;
    }

    private void LogAll(RunContext context, IEnumerable<Finding> findings)
    {
        foreach (var f in findings)
        {
            this.LogFinding(context.Policy, f.File ?? string.Empty, f);
        }
    }

    private void Report(RunContext context, string fullPath, InputProblem problem)
    {
        var f = context.Workspace.InputFinding(fullPath, problem);
        if (f is not null)
        {
            this.LogFinding(context.Policy, fullPath, f);
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
    /// Whether the text names a DaemonSet-like kind anywhere (<c>kind: DaemonSet</c>, <c>"kind": "Daemonset"</c>, ...). Files that
    /// do not are skipped without parsing; files that do are parsed, and still skipped if no DaemonSet-like object is found there
    /// and nothing kept them from being read.
    /// </summary>
    /// <param name="bytes">The file content.</param>
    /// <returns>True when the file may hold a DaemonSet.</returns>
    internal static bool MentionsDaemonSet(byte[] bytes)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(bytes);
        }
        catch (ArgumentException)
        {
            return false;
        }

        foreach (Match m in KindLine.Matches(text))
        {
            var kind = m.Groups["kind"].Value.Trim();
            if (kind == "DaemonSet" || KindNames.IsNearMiss(kind, "DaemonSet"))
            {
                return true;
            }
        }

        return false;
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
