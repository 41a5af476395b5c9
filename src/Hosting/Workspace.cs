using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Releases;
using DaemonLint.Yaml;

namespace DaemonLint.Hosting;

/// <summary>What a host sets for a whole run; everything else comes from the configuration files beside the inputs.</summary>
public sealed record WorkspaceSettings
{
    /// <summary>Gets the folder relative paths are resolved against and findings' file names are relative to (the current folder, the project folder).</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Gets the reader limits.</summary>
    public ReaderLimits Limits { get; init; } = ReaderLimits.Default;

    /// <summary>Gets the cluster settings the host was given (command line, MSBuild properties); they win over the files'.</summary>
    public ClusterOptions Cluster { get; init; } = ClusterOptions.None;

    /// <summary>Gets a configuration file that applies to every input (<c>--config</c>), or null to find one per folder.</summary>
    public string? ConfigurationFile { get; init; }

    /// <summary>Gets a value indicating whether no <c>.daemonlint.yaml</c> is read (<c>--no-config</c>).</summary>
    public bool NoConfiguration { get; init; }

    /// <summary>Gets a value indicating whether findings name files by their full path (MSBuild, editors) rather than relative to the base folder (CLI).</summary>
    public bool FullPathNames { get; init; }

    /// <summary>Gets the file system, or null for the real one.</summary>
    public IHostFileSystem? FileSystem { get; init; }
}

/// <summary>
/// The configuration in force for the files of one folder: the nearest <c>.daemonlint.yaml</c> (if any), the cluster settings
/// (the host's over the file's), and a validator with the <c>.editorconfig</c> severities, the ignore entries and those settings.
/// </summary>
public sealed class ProjectContext
{
    internal ProjectContext(ConfigurationFile? configuration, ClusterOptions cluster, ManifestValidator validator)
    {
        this.Configuration = configuration;
        this.Cluster = cluster;
        this.Validator = validator;
    }

    /// <summary>Gets the configuration file in force, or null.</summary>
    public ConfigurationFile? Configuration { get; }

    /// <summary>Gets the cluster settings in force.</summary>
    public ClusterOptions Cluster { get; }

    /// <summary>Gets the validator.</summary>
    public ManifestValidator Validator { get; }

    /// <summary>Makes an empty baseline index that places objects without a namespace in this context's namespace.</summary>
    /// <returns>The index.</returns>
    public BaselineIndex NewBaseline() => new(this.Cluster.EffectiveNamespace);
}

/// <summary>
/// The host layer's entry point: given a file (and its bytes or text), the findings with the configuration of that file's
/// folder. The CLI, the MSBuild task and a language server use it alike; none of them finds or applies configuration itself.
/// </summary>
/// <remarks>
/// One instance per run (or per editor session, re-created when a configuration file changes). Checking files is safe from
/// several threads at once (<see cref="FileChecks.CheckAll"/>); configuration discovery is serialized inside.
/// </remarks>
public sealed class Workspace
{
    private readonly Dictionary<string, ConfigurationFile?> configByFolder = new(HostPaths.Comparer);
    private readonly Dictionary<string, ConfigurationFile> configByPath = new(HostPaths.Comparer);
    private readonly Dictionary<(string Config, NodeInventory? Nodes), ProjectContext> contexts = new();
    private readonly List<ConfigurationFile> used = new();
    private readonly object gate = new();
    private readonly SortedSet<int> releases = new();

    /// <summary>Initializes a new instance of the <see cref="Workspace"/> class.</summary>
    /// <param name="settings">The host's settings.</param>
    public Workspace(WorkspaceSettings settings)
    {
        this.Settings = settings;
        this.Reader = new InputReader(settings.BaseDirectory, settings.Limits, settings.FileSystem, settings.FullPathNames);
        this.EditorConfig = new EditorConfigSeverities(this.Reader.BaseDirectory);
    }

    /// <summary>Gets the settings.</summary>
    public WorkspaceSettings Settings { get; }

    /// <summary>Gets the one reader.</summary>
    public InputReader Reader { get; }

    /// <summary>Gets the <c>.editorconfig</c> severities.</summary>
    public EditorConfigSeverities EditorConfig { get; }

    /// <summary>
    /// Gets the Kubernetes releases the files validated so far were checked against (several when <c>.daemonlint.yaml</c>
    /// files set different ones), oldest first; the host's release (or the default) when no file was validated.
    /// </summary>
    public IReadOnlyList<KubernetesRelease> Releases => this.releases.Count == 0
        ? new[] { this.Settings.Cluster.KubernetesVersion ?? KubernetesRelease.Default }
        : KubernetesRelease.Supported.Where(r => this.releases.Contains(r.Minor)).ToList();

    /// <summary>Gets the configuration files read so far, in the order they were first used.</summary>
    public IReadOnlyList<ConfigurationFile> ConfigurationFiles => this.used;

    /// <summary>Gets the configuration in force for a file.</summary>
    /// <param name="file">The file (standard input: the base folder's configuration).</param>
    /// <param name="nodes">A node inventory for the placement rules, or null.</param>
    /// <returns>The context.</returns>
    public ProjectContext ContextFor(SourceFile file, NodeInventory? nodes = null)
    {
        lock (this.gate)
        {
            return this.ContextForLocked(file, nodes);
        }
    }

    /// <summary>Validates a file's bytes with the configuration of its folder.</summary>
    /// <param name="file">The file.</param>
    /// <param name="bytes">Its content.</param>
    /// <param name="baseline">Prior versions for the update rules, or null.</param>
    /// <param name="nodes">A node inventory, or null.</param>
    /// <returns>The report.</returns>
    public FileReport Validate(SourceFile file, byte[] bytes, BaselineIndex? baseline = null, NodeInventory? nodes = null) =>
        this.ContextFor(file, nodes).Validator.ValidateBytes(file.DisplayName, bytes, baseline);

    /// <summary>Validates a text (an editor's unsaved buffer) with the configuration of the file's folder.</summary>
    /// <param name="fullPath">The file's full path.</param>
    /// <param name="text">The text.</param>
    /// <param name="baseline">Prior versions for the update rules, or null.</param>
    /// <returns>The report.</returns>
    public FileReport ValidateText(string fullPath, string text, BaselineIndex? baseline = null)
    {
        var file = new SourceFile(this.Reader.DisplayName(fullPath), fullPath);
        return this.ContextFor(file).Validator.ValidateText(file.DisplayName, text, baseline);
    }

    /// <summary>Makes a finding for an input problem of a file, with the severity configured for that file.</summary>
    /// <param name="file">The file's display name (or null).</param>
    /// <param name="problem">The problem.</param>
    /// <returns>The finding, or null when the rule is turned off there.</returns>
    public Finding? InputFinding(string? file, InputProblem problem)
    {
        var full = file is null || file == SourceFile.StdinName ? null : this.TryFullPath(file);
        var source = full is null ? SourceFile.Stdin : new SourceFile(file!, full);
        return this.ContextFor(source).Validator.InputFinding(file, problem);
    }

    /// <summary>The findings of the configuration files read in this run: their errors (DS9009) and the ignore entries that suppressed nothing (DS9010).</summary>
    /// <returns>The findings, by file then position.</returns>
    public List<Finding> ConfigurationFindings()
    {
        var findings = new List<Finding>();
        foreach (var config in this.used)
        {
            foreach (var p in config.Problems)
            {
                if (this.InputFinding(config.File.DisplayName, p) is { } f)
                {
                    findings.Add(f);
                }
            }

            foreach (var entry in config.Suppressions.Ignore)
            {
                if (entry.Uses == 0 && this.InputFinding(config.File.DisplayName, InputProblems.UnusedIgnoreEntry(entry.Span)) is { } unused)
                {
                    findings.Add(unused);
                }
            }
        }

        findings.Sort(ManifestValidator.CompareFindings);
        return findings;
    }

    /// <summary>Whether a configuration file in force has errors (the run is then a configuration error).</summary>
    /// <returns>True when one has.</returns>
    public bool HasConfigurationErrors() => this.used.Exists(c => c.Problems.Count > 0);

    private ProjectContext ContextForLocked(SourceFile file, NodeInventory? nodes)
    {
        var folder = file.FullPath is null ? this.Reader.BaseDirectory : Path.GetDirectoryName(file.FullPath) ?? this.Reader.BaseDirectory;
        var config = this.ConfigurationFor(folder);
        var key = (config?.File.FullPath ?? string.Empty, nodes);
        if (this.contexts.TryGetValue(key, out var context))
        {
            return context;
        }

        var cluster = this.Settings.Cluster.Over(config?.Cluster);
        if (!cluster.TryResolve(out var gateError))
        {
            // The host's gates and the file's release (or the file's gates and the host's release) do not go together, as
            // kube-apiserver would refuse to start with them: a configuration error on the file, and the release's defaults.
            var problem = new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, $"featureGates: {gateError} (with the settings of the host)", config?.FeatureGatesSpan ?? config?.ReleaseSpan ?? SourceSpan.None);
            if (config is null)
            {
                throw new InvalidOperationException(problem.Message); // the hosts check their own settings first
            }

            if (!config.Problems.Contains(problem))
            {
                config.Problems.Add(problem);
            }

            cluster = cluster with { FeatureGates = null };
        }

        var options = cluster.ApplyTo(new ValidatorOptions
        {
            Limits = this.Settings.Limits,
            SeverityOverride = (ruleId, name) => this.EditorConfig.GetSeverity(ruleId, name == SourceFile.StdinName ? null : name),
            SeverityScope = name => this.EditorConfig.SeveritiesFor(name == SourceFile.StdinName ? null : name),
            Nodes = nodes,
            Suppressions = config?.Suppressions,
            SuppressionPath = config is null ? null : name => this.PathRelativeTo(config.Folder, name),
        });
        context = new ProjectContext(config, cluster, new ManifestValidator(options));
        this.releases.Add(options.KubernetesVersion.Minor);
        this.contexts.Add(key, context);
        return context;
    }

    private ConfigurationFile? ConfigurationFor(string folder)
    {
        if (this.Settings.NoConfiguration)
        {
            return null;
        }

        if (this.Settings.ConfigurationFile is { } explicitFile)
        {
            return this.Load(this.Reader.FullPath(explicitFile));
        }

        if (this.configByFolder.TryGetValue(folder, out var cached))
        {
            return cached;
        }

        ConfigurationFile? found = null;
        var candidate = Path.Combine(folder, ConfigurationFile.FileName);
        if (this.Reader.FileSystem.Probe(candidate) != PathKind.Missing)
        {
            found = this.Load(candidate);
        }
        else if (Path.GetDirectoryName(folder) is { Length: > 0 } parent && !HostPaths.Comparer.Equals(parent, folder))
        {
            found = this.ConfigurationFor(parent);
        }

        this.configByFolder[folder] = found;
        return found;
    }

    private ConfigurationFile Load(string fullPath)
    {
        if (!this.configByPath.TryGetValue(fullPath, out var config))
        {
            config = ConfigurationFile.Load(new SourceFile(this.Reader.DisplayName(fullPath), fullPath), this.Reader);
            this.configByPath.Add(fullPath, config);
            this.used.Add(config);
        }

        return config;
    }

    private string? TryFullPath(string name)
    {
        try
        {
            return this.Reader.FullPath(name);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    private string? PathRelativeTo(string folder, string? name)
    {
        if (name is null || name == SourceFile.StdinName || this.TryFullPath(name) is not { } full)
        {
            return null;
        }

        return HostPaths.RelativeWithParents(folder, full);
    }
}
