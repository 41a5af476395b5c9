using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using DaemonLint.Catalog;
using DaemonLint.Configuration;
using DaemonLint.Engine;
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
/// still validated.
/// </summary>
public sealed class ValidateKubernetesManifests : Task
{
    private static readonly Regex KindLine = new(
        @"[""']?\bkind[""']?\s*:\s*[""']?(?<kind>[A-Za-z][A-Za-z _-]{0,40})",
        RegexOptions.CultureInvariant);

    private readonly ITaskFileSystem fileSystem;
    private readonly IGitRunner git;
    private readonly Dictionary<string, List<ManifestObject>> baselineFolders = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="ValidateKubernetesManifests"/> class.</summary>
    public ValidateKubernetesManifests()
        : this(PhysicalFileSystem.Instance, ProcessGitRunner.Instance)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ValidateKubernetesManifests"/> class with seams for tests.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="git">The git runner.</param>
    internal ValidateKubernetesManifests(ITaskFileSystem fileSystem, IGitRunner git)
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
            this.Log.LogError(null, RuleCatalog.DS9009_ConfigurationError.Id, RuleCatalog.DS9009_ConfigurationError.Id, null, 0, 0, 0, 0, $"DaemonLintFailOn must be error, warning or info, not '{this.FailOn}'", null);
            return;
        }

        var policy = new WarningPolicy(this.NoWarn, this.WarningsAsErrors, this.WarningsNotAsErrors, this.TreatWarningsAsErrors, failOn);
        var severities = new EditorConfigSeverities(projectDirectory);
        var options = new ValidatorOptions { SeverityOverride = severities.AsOverride() };
        var validator = new ManifestValidator(options);

        GitBaseline? gitBaseline = null;
        if (!string.IsNullOrWhiteSpace(this.BaselineRef))
        {
            gitBaseline = new GitBaseline(this.git, this.BaselineRef!.Trim());
            var problem = gitBaseline.Verify(projectDirectory);
            if (problem is not null)
            {
                this.Log.LogError(null, RuleCatalog.DS9009_ConfigurationError.Id, RuleCatalog.DS9009_ConfigurationError.Id, null, 0, 0, 0, 0, problem, null);
                gitBaseline = null;
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
        var context = new RunContext(validator, options, policy, projectDirectory, gitBaseline);
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
                this.Report(context, pair.Key, new InputProblem(RuleCatalog.DS9008_InternalError.Id, $"validating the file failed: {ex.GetType().Name}: {ex.Message}", SourceSpan.None));
            }
        }

        this.ValidatedManifests = validated.ToArray();
        this.Log.LogMessage(MessageImportance.Low, $"DaemonLint: {items.Count} manifest file(s), {validated.Count} with DaemonSets validated.");
    }

    private bool ValidateOne(string fullPath, ITaskItem item, RunContext context)
    {
        byte[] bytes;
        try
        {
            bytes = this.fileSystem.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            this.Report(context, fullPath, new InputProblem(RuleCatalog.DS9002_FileUnreadable.Id, "cannot read the file: " + ex.Message, SourceSpan.None));
            return true;
        }

        var mentionsDaemonSet = MentionsDaemonSet(bytes);
        if (!mentionsDaemonSet)
        {
            // The cheap check first: most YAML in a project (CI files, Helm values, other kinds) never names a DaemonSet.
            this.Log.LogMessage(MessageImportance.Low, $"DaemonLint: {fullPath}: no DaemonSet, skipped.");
            return false;
        }

        var baseline = this.BaselineFor(fullPath, item, context);
        var validator = this.ValidatorFor(fullPath, item, context);
        var report = validator.ValidateBytes(fullPath, bytes, baseline);
        if (report.DaemonSets == 0 && !HasInputFinding(report))
        {
            this.Log.LogMessage(MessageImportance.Low, $"DaemonLint: {fullPath}: no DaemonSet, skipped.");
            return false;
        }

        foreach (var f in report.Findings)
        {
            this.LogFinding(context.Policy, fullPath, f);
        }

        return true;
    }

    private BaselineIndex? BaselineFor(string fullPath, ITaskItem item, RunContext context)
    {
        BaselineIndex? index = null;
        var baseline = item.GetMetadata("Baseline");
        if (!string.IsNullOrWhiteSpace(baseline))
        {
            index = new BaselineIndex();
            var path = Path.GetFullPath(Path.Combine(context.ProjectDirectory, baseline.Trim()));
            var objects = this.ReadObjectsAt(path);
            if (objects is null)
            {
                this.Report(context, fullPath, new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, $"the Baseline '{baseline}' does not exist", SourceSpan.None));
            }
            else
            {
                foreach (var o in objects)
                {
                    index.Add(o);
                }
            }
        }

        if (context.GitBaseline is { } git)
        {
            var prior = git.Show(fullPath);
            if (prior is not null && TextDecoder.TryDecode(prior, out var text, out _))
            {
                index ??= new BaselineIndex();
                foreach (var doc in YamlManifestReader.ReadDocuments(fullPath, text))
                {
                    foreach (var o in doc.Objects)
                    {
                        index.Add(o);
                    }
                }
            }
        }

        return index;
    }

    // A file, or the manifests of a folder read recursively; null when the path does not exist. Cached per path.
    private List<ManifestObject>? ReadObjectsAt(string path)
    {
        if (this.baselineFolders.TryGetValue(path, out var cached))
        {
            return cached;
        }

        IReadOnlyList<string> files;
        if (this.fileSystem.FileExists(path))
        {
            files = new[] { path };
        }
        else if (this.fileSystem.DirectoryExists(path))
        {
            files = this.fileSystem.ManifestFilesUnder(path);
        }
        else
        {
            return null;
        }

        var objects = new List<ManifestObject>();
        foreach (var f in files)
        {
            if (TextDecoder.TryDecode(this.fileSystem.ReadAllBytes(f), out var text, out _))
            {
                foreach (var doc in YamlManifestReader.ReadDocuments(f, text))
                {
                    objects.AddRange(doc.Objects);
                }
            }
        }

        this.baselineFolders[path] = objects;
        return objects;
    }

    // The item's Nodes wins over the project's DaemonLintNodes. With an inventory, the placement rules that need one
    // (DS3006-DS3008) run; one validator per inventory, its node files read once per build.
    private ManifestValidator ValidatorFor(string fullPath, ITaskItem item, RunContext context)
    {
        var nodes = item.GetMetadata("Nodes");
        if (string.IsNullOrWhiteSpace(nodes))
        {
            nodes = this.Nodes;
        }

        if (string.IsNullOrWhiteSpace(nodes))
        {
            return context.Validator;
        }

        var path = Path.GetFullPath(Path.Combine(context.ProjectDirectory, nodes!.Trim()));
        if (!context.NodeValidators.TryGetValue(path, out var validator))
        {
            var objects = this.ReadObjectsAt(path);
            if (objects is not null)
            {
                var inventory = NodeInventory.FromObjects(objects);
                foreach (var problem in inventory.Problems)
                {
                    this.LogFinding(context.Policy, problem.File ?? path, problem);
                }

                validator = new ManifestValidator(context.Options with { Nodes = inventory });
            }

            context.NodeValidators[path] = validator;
        }

        if (validator is null)
        {
            this.Report(context, fullPath, new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, $"the node inventory '{nodes}' does not exist", SourceSpan.None));
            return context.Validator;
        }

        return validator;
    }

    private void Report(RunContext context, string fullPath, InputProblem problem)
    {
        var f = context.Validator.InputFinding(fullPath, problem);
        if (f is not null)
        {
            this.LogFinding(context.Policy, fullPath, f);
        }
    }

    private void LogFinding(WarningPolicy policy, string fullPath, Finding f)
    {
        var message = f.Path is null ? f.Message : f.Message + " [" + f.Path + "]";
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
    }

    private static string FullPathOf(ITaskItem item, string projectDirectory)
    {
        var full = item.GetMetadata("FullPath");
        return string.IsNullOrEmpty(full) ? Path.GetFullPath(Path.Combine(projectDirectory, item.ItemSpec)) : full;
    }

    private static bool HasInputFinding(FileReport report)
    {
        foreach (var f in report.Findings)
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
        public RunContext(ManifestValidator validator, ValidatorOptions options, WarningPolicy policy, string projectDirectory, GitBaseline? gitBaseline)
        {
            this.Validator = validator;
            this.Options = options;
            this.Policy = policy;
            this.ProjectDirectory = projectDirectory;
            this.GitBaseline = gitBaseline;
        }

        public ManifestValidator Validator { get; }

        public ValidatorOptions Options { get; }

        /// <summary>Gets the validators with a node inventory, by the inventory's full path (null: the path does not exist).</summary>
        public Dictionary<string, ManifestValidator?> NodeValidators { get; } = new(StringComparer.Ordinal);

        public WarningPolicy Policy { get; }

        public string ProjectDirectory { get; }

        public GitBaseline? GitBaseline { get; }
    }
}
