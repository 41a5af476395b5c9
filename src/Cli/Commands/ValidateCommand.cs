using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Text;
using DaemonLint.Cli.Output;
using DaemonLint.Engine;
using DaemonLint.Hosting;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Cli.Commands;

/// <summary><c>daemonlint validate</c>: the options, and a run that is only the host layer's steps in order.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">The streams and current folder.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        var o = new ValidateOptionSymbols();
        var command = new Command("validate", "Validate Kubernetes DaemonSet manifests as the API server does, and lint them.");
        foreach (var option in o.All)
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(o.Paths);
        command.SetAction(parse => Run(ValidateOptions.From(parse, o), context));
        return command;
    }

    /// <summary>Runs the command.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cli">The streams and current folder.</param>
    /// <returns>The exit code.</returns>
    public static int Run(ValidateOptions options, CliContext cli)
    {
        StartupTrace.Mark("options read");
        var workspace = new Workspace(options.WorkspaceSettings(cli.CurrentDirectory));
        var run = new ValidationRun { BaseDirectory = cli.CurrentDirectory };
        if (!TryLoadSources(options, workspace, cli, run, out var sources))
        {
            return Program.ExitUsage;
        }

        StartupTrace.Mark("workspace and sources");
        if (cli.WorkerChannel is { } channel)
        {
            return Workers.WorkerProcesses.Serve(workspace, sources, channel.Requests, channel.Answers);
        }

        // A worker process starts while the folders are listed, once they hold enough to check (never for a few files).
        using var early = new Workers.EarlyWorker(cli.Self, options.Jobs, cli.CurrentDirectory);
        var inputs = workspace.Reader.Expand(options.Paths, early.Walking);
        StartupTrace.Mark("inputs expanded");
        inputs.Notices.ForEach(cli.Note);
        if (options.StdinFilename is { } stdinName)
        {
            // Standard input named as the file it stands for (eslint's and ruff's --stdin-filename): findings, .editorconfig
            // sections and SARIF URIs use the name; the content is still read from standard input.
            var at = inputs.Files.FindIndex(f => f.IsStdin);
            if (at < 0)
            {
                cli.Note("--stdin-filename names standard input: give - as a PATH");
                return Program.ExitUsage;
            }

            inputs.Files[at] = new SourceFile(stdinName, null);
        }

        foreach (var p in inputs.Problems)
        {
            run.Add(workspace.InputFinding(p.Argument, p.Problem), InputProblems.IsIoError(p.Problem.RuleId));
        }

        if (StartupTrace.Enabled && inputs.Files.Count > 0)
        {
            // The shared start-up work on its own, each step once (CheckAll then finds it done): the rule set, the first
            // file's configuration and validator, the release's schema.
            _ = DaemonLint.Rules.RuleSet.All.Count;
            StartupTrace.Mark("rule set built");
            var context = workspace.ContextFor(inputs.Files[0], sources.Nodes);
            StartupTrace.Mark("configuration and validator of the first file");
            _ = DaemonLint.Schema.SchemaSet.For(context.Validator.Options.KubernetesVersion).Definitions.Count;
            StartupTrace.Mark("schema of the release compiled");
        }

        // Files are checked in parallel; their results come back in input order, so the output is the sequential run's.
        var results = Workers.WorkerProcesses.TryCheckAll(cli.Self, workspace, inputs.Files, sources, cli.Stdin, options.Jobs, cli.CurrentDirectory, early: early)
            ?? workspace.CheckAll(inputs.Files, sources, cli.Stdin, options.Jobs);
        foreach (var result in results)
        {
            if (!result.Skipped)
            {
                run.Add(result);
                result.Notices.ForEach(cli.Note);
            }
        }

        StartupTrace.Mark("files checked");
        run.Findings.AddRange(workspace.ConfigurationFindings());
        run.KubernetesVersions.AddRange(workspace.Releases.Select(r => r.ToString()));
        run.ExecutionSuccessful &= !workspace.HasConfigurationErrors();
        run.Findings.Sort(ManifestValidator.CompareFindings);
        if (!OutputFormats.WriteAll(run, options.Outputs, cli, options.Output))
        {
            return Program.ExitUsage;
        }

        StartupTrace.Mark("output written");

        return !run.ExecutionSuccessful ? Program.ExitUsage
            : run.Findings.Exists(f => f.Severity >= options.FailOn) ? Program.ExitFindings
            : Program.ExitOk;
    }

    // The node inventory, the baseline files and the git baseline: a path that does not exist or a revision that is not a
    // commit is a usage error; the problems inside the files are findings of the run.
    private static bool TryLoadSources(ValidateOptions options, Workspace workspace, CliContext cli, ValidationRun run, out CheckSources sources)
    {
        sources = CheckSources.None;
        DaemonLint.Placement.NodeInventory? nodes = null;
        var loader = new InventoryLoader(workspace.Reader, JsonInventoryParser.Instance);
        if (options.Nodes.Count > 0)
        {
            nodes = loader.LoadNodes(options.Nodes, out var nodeLoad);
            if (nodeLoad.Missing.Count > 0)
            {
                cli.Note($"node inventory {HostText.InQuotes(nodeLoad.Missing[0])} does not exist");
                return false;
            }

            run.Add(nodeLoad.Findings, !nodeLoad.Complete);
        }

        if (options.Pods.Count > 0)
        {
            if (nodes is null)
            {
                cli.Note("--pods needs --nodes (the pods are counted on the inventory's nodes: DS3009)");
                return false;
            }

            var pods = loader.LoadPods(options.Pods, out var podLoad);
            if (podLoad.Missing.Count > 0)
            {
                cli.Note($"pod inventory '{podLoad.Missing[0]}' does not exist");
                return false;
            }

            run.Add(podLoad.Findings, !podLoad.Complete);
            nodes.WithPods(pods);
        }

        BaselineFiles? baseline = null;
        if (options.Baselines.Count > 0)
        {
            baseline = BaselineFiles.Read(workspace.Reader, options.Baselines);
            if (baseline.Load.Missing.Count > 0)
            {
                cli.Note($"baseline {HostText.InQuotes(baseline.Load.Missing[0])} does not exist");
                return false;
            }

            run.Add(baseline.Load.Findings, !baseline.Load.Complete);
        }

        GitBaseline? git = null;
        if (options.Staged || options.BaselineRef is not null)
        {
            try
            {
                git = GitBaseline.Open(cli.CurrentDirectory, options.BaselineRef, options.Staged);
            }
            catch (GitException ex)
            {
                cli.Note($"{(options.BaselineRef is null ? "--staged" : "--baseline-ref")}: {ex.Message}");
                return false;
            }
        }

        sources = new CheckSources { Baseline = baseline, Git = git, Nodes = nodes };
        return true;
    }
}

/// <summary>The options of <c>validate</c>, as System.CommandLine symbols.</summary>
internal sealed class ValidateOptionSymbols
{
    public Option<List<string>> Format { get; } = new("--format", "-f") { Description = "Output format: text (default), json, sarif, junit or github; repeatable, each with its own --output", HelpName = "text|json|sarif|junit|github" };

    public Option<List<string>> Output { get; } = new("--output", "-o") { Description = "Write the preceding --format to FILE instead of standard output", HelpName = "FILE" };

    public Option<List<string>> Baseline { get; } = new("--baseline") { Description = "Prior versions of the objects (a file or folder, e.g. kubectl get ds -A -o yaml), for update rules", HelpName = "PATH" };

    public Option<string?> BaselineRef { get; } = new("--baseline-ref") { Description = "Compare with the same files at a git revision (update rules); it must name a commit", HelpName = "REV" };

    public Option<bool> Staged { get; } = new("--staged") { Description = "Check the staged content, compared with HEAD (the default under pre-commit)" };

    public Option<bool> NoStaged { get; } = new("--no-staged") { Description = "Check the work tree even under pre-commit" };

    public Option<string?> Config { get; } = new("--config") { Description = "A .daemonlint.yaml for every input (default: the nearest one above each file)", HelpName = "FILE" };

    public Option<bool> NoConfig { get; } = new("--no-config") { Description = "Read no .daemonlint.yaml" };

    public Option<string?> FailOn { get; } = new("--fail-on") { Description = "Lowest severity that makes the exit code 1 (default error)", HelpName = "error|warning|info" };

    public Option<string?> KubernetesVersion { get; } = new("--kubernetes-version") { Description = "The cluster's Kubernetes release, whose schema, validation and feature-gate defaults apply (default: the newest known, " + DaemonLint.Releases.KubernetesRelease.Default + ")", HelpName = "1.N" };

    public Option<string?> FeatureGates { get; } = new("--feature-gates") { Description = "The cluster's kube-apiserver --feature-gates, in its syntax (Gate=true,Other=false)", HelpName = "GATES" };

    public Option<bool> DisallowPrivileged { get; } = new("--disallow-privileged") { Description = "The cluster runs kube-apiserver --allow-privileged=false (DS1320)" };

    public Option<bool> UserNamespaces { get; } = new("--user-namespaces") { Description = "The cluster has user namespaces on: hostUsers: false rules apply (DS1116)" };

    public Option<string?> Namespace { get; } = new("--namespace", "-n") { Description = "The namespace objects without metadata.namespace are applied to, as kubectl apply -n (default: default); used to match --baseline objects", HelpName = "NS" };

    public Option<string?> MaxFileSize { get; } = new("--max-file-size") { Description = "Largest file read, in bytes (default 67108864)", HelpName = "BYTES" };

    public Option<string?> Jobs { get; } = new("--jobs", "-j") { Description = "Files validated at once (on threads, or in worker processes over many files) and a large file's documents in runs (default: the processor count); the output is the same for any value", HelpName = "N" };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "The longer form: each finding's hint (what to write instead) and help link under it in text, in the annotation in github" };

    public Option<string?> SarifCategory { get; } = new("--sarif-category") { Description = "SARIF runs[].automationDetails.id, which keeps several uploads for one commit apart (default daemonlint/validate/)", HelpName = "CATEGORY" };

    public Option<string?> StdinFilename { get; } = new("--stdin-filename") { Description = "The file name standard input (-) stands for, in findings, .editorconfig sections and SARIF URIs", HelpName = "NAME" };

    public Option<List<string>> Nodes { get; } = new("--nodes") { Description = "A node inventory (kubectl get nodes -o yaml|json, a Node, or a folder): enables the placement rules DS3006, DS3007 and DS3009", HelpName = "FILE" };

    public Option<List<string>> Pods { get; } = new("--pods") { Description = "The cluster's pods (kubectl get pods -A -o yaml|json, or a folder), with --nodes: DS3009 counts the free capacity of each node and the host ports in use", HelpName = "FILE" };

    public Argument<List<string>> Paths { get; } = new("PATH") { Description = "Files, folders (*.yaml, *.yml, *.json, recursively) or - for standard input", Arity = ArgumentArity.ZeroOrMore };

    public ValidateOptionSymbols()
    {
        this.Format.CompletionSources.Add(OutputFormats.Names.ToArrayOf());
        this.FailOn.CompletionSources.Add("error", "warning", "info");
    }

    public IEnumerable<Option> All => new Option[]
    {
        this.Format, this.Output, this.Baseline, this.BaselineRef, this.Staged, this.NoStaged, this.Config, this.NoConfig, this.FailOn,
        this.KubernetesVersion, this.FeatureGates, this.DisallowPrivileged, this.UserNamespaces, this.Namespace, this.MaxFileSize,
        this.Nodes, this.Pods, this.Verbose, this.SarifCategory, this.StdinFilename, this.Jobs,
    };
}

/// <summary>The parsed options of <c>validate</c>.</summary>
public sealed class ValidateOptions
{
    /// <summary>Gets the paths.</summary>
    public List<string> Paths { get; } = new();

    /// <summary>Gets the outputs: a format and an optional file each.</summary>
    public List<(string Format, string? File)> Outputs { get; } = new();

    /// <summary>Gets the baseline paths.</summary>
    public List<string> Baselines { get; } = new();

    /// <summary>Gets the node inventory paths (<c>--nodes</c>).</summary>
    public List<string> Nodes { get; } = new();

    /// <summary>Gets the pod inventory paths (<c>--pods</c>: DS3009 then counts free capacity).</summary>
    public List<string> Pods { get; } = new();

    /// <summary>Gets or sets the lowest severity that fails the run.</summary>
    public Severity FailOn { get; set; } = Severity.Error;

    /// <summary>Gets or sets the git revision to compare with for update rules.</summary>
    public string? BaselineRef { get; set; }

    /// <summary>Gets or sets a value indicating whether to read staged content and compare with HEAD.</summary>
    public bool Staged { get; set; }

    /// <summary>Gets or sets the configuration file, or null to look for .daemonlint.yaml.</summary>
    public string? Config { get; set; }

    /// <summary>Gets or sets a value indicating whether to ignore any configuration file.</summary>
    public bool NoConfig { get; set; }

    /// <summary>Gets or sets the cluster settings given on the command line.</summary>
    public ClusterOptions Cluster { get; set; } = ClusterOptions.None;

    /// <summary>Gets or sets the output options (<c>--verbose</c>, <c>--sarif-category</c>).</summary>
    public OutputOptions Output { get; set; } = OutputOptions.Default;

    /// <summary>Gets or sets the name standard input stands for (<c>--stdin-filename</c>), or null.</summary>
    public string? StdinFilename { get; set; }

    /// <summary>Gets or sets the largest file read.</summary>
    public long MaxFileBytes { get; set; } = ReaderLimits.Default.MaxFileBytes;

    /// <summary>Gets or sets the largest number of files validated at once (<c>--jobs</c>; default: the processor count).</summary>
    public int Jobs { get; set; } = OrderedParallel.DefaultJobs;

    /// <summary>The host layer's settings for these options.</summary>
    /// <param name="currentDirectory">The current folder.</param>
    /// <returns>The settings.</returns>
    public WorkspaceSettings WorkspaceSettings(string currentDirectory) => new()
    {
        BaseDirectory = currentDirectory,
        Limits = ReaderLimits.Default with { MaxFileBytes = this.MaxFileBytes },
        Cluster = this.Cluster,
        ConfigurationFile = this.Config,
        NoConfiguration = this.NoConfig,
    };

    internal static ValidateOptions From(ParseResult parse, ValidateOptionSymbols s)
    {
        var o = new ValidateOptions();
        o.Paths.AddRange(PathArguments(parse, s.Paths));
        o.Baselines.AddRange(parse.GetValue(s.Baseline) ?? new List<string>());
        o.Nodes.AddRange(parse.GetValue(s.Nodes) ?? new List<string>());
        o.Pods.AddRange(parse.GetValue(s.Pods) ?? new List<string>());
        if (o.Pods.Count > 0 && o.Nodes.Count == 0)
        {
            throw new UsageException("--pods needs --nodes (the pods are counted on the inventory's nodes: DS3009)");
        }
        o.BaselineRef = parse.GetValue(s.BaselineRef);
        o.Config = parse.GetValue(s.Config);
        o.NoConfig = parse.GetValue(s.NoConfig);
        var underPreCommit = Environment.GetEnvironmentVariable("PRE_COMMIT") == "1" && o.Baselines.Count == 0 && o.BaselineRef is null;
        o.Staged = parse.GetValue(s.Staged) || (underPreCommit && !parse.GetValue(s.NoStaged));
        if (parse.GetValue(s.FailOn) is { } level)
        {
            if (!SeverityExtensions.TryParse(level, out var sev) || sev == Severity.None)
            {
                throw new UsageException($"--fail-on takes error, warning or info, not '{level}'");
            }

            o.FailOn = sev;
        }

        if (parse.GetValue(s.MaxFileSize) is { } size)
        {
            if (!long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes <= 0)
            {
                throw new UsageException($"--max-file-size takes a positive number of bytes, not '{size}'");
            }

            o.MaxFileBytes = bytes;
        }

        if (parse.GetValue(s.Jobs) is { } jobs)
        {
            if (!int.TryParse(jobs, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                throw new UsageException($"--jobs takes a positive number of files validated at once, not '{jobs}'");
            }

            o.Jobs = n;
        }

        var ns = parse.GetValue(s.Namespace);
        if (ns is not null && !ClusterOptions.IsValidNamespace(ns, out var nsError))
        {
            throw new UsageException("--namespace: " + nsError);
        }

        DaemonLint.Releases.KubernetesRelease? release = null;
        if (parse.GetValue(s.KubernetesVersion) is { } versionText)
        {
            if (!ClusterOptions.TryParseRelease(versionText, out var r, out var versionError))
            {
                throw new UsageException("--kubernetes-version: " + versionError);
            }

            release = r;
        }

        IReadOnlyList<KeyValuePair<string, bool>>? gates = null;
        if (parse.GetValue(s.FeatureGates) is { } gatesText)
        {
            if (!ClusterOptions.TryParseGates(gatesText, out var pairs, out var gatesError))
            {
                throw new UsageException("--feature-gates: " + gatesError);
            }

            gates = pairs;
        }

        o.Cluster = new ClusterOptions
        {
            KubernetesVersion = release,
            FeatureGates = gates,
            DisallowPrivileged = parse.GetValue(s.DisallowPrivileged) ? true : null,
            UserNamespaces = parse.GetValue(s.UserNamespaces) ? true : null,
            Namespace = ns,
        };
        if (!o.Cluster.TryResolve(out var resolveError))
        {
            throw new UsageException("--feature-gates: " + resolveError);
        }

        o.Outputs.AddRange(PairOutputs(parse, s));
        var category = parse.GetValue(s.SarifCategory);
        if (category is not null && (category.Trim().Length == 0 || category.IndexOfAny(new[] { '\r', '\n' }) >= 0))
        {
            throw new UsageException("--sarif-category takes a non-empty name on one line, such as daemonlint/prod/");
        }

        o.Output = new OutputOptions { Verbose = parse.GetValue(s.Verbose), SarifCategory = category ?? OutputOptions.DefaultSarifCategory };
        var stdinName = parse.GetValue(s.StdinFilename);
        if (stdinName is not null && (stdinName.Length == 0 || stdinName == "-" || stdinName.IndexOfAny(new[] { '\0', '\r', '\n' }) >= 0))
        {
            throw new UsageException($"--stdin-filename takes a file name, not '{stdinName}'");
        }

        o.StdinFilename = stdinName;
        if (o.Paths.Count == 0)
        {
            throw new UsageException("validate needs at least one PATH (a file, a folder, or - for standard input)");
        }

        return o;
    }

    /// <summary>The path arguments; a word that looks like an option and came before <c>--</c> is an unknown option.</summary>
    internal static List<string> PathArguments(ParseResult parse, Argument<List<string>> paths)
    {
        var values = parse.GetValue(paths) ?? new List<string>();

        // Everything after `--` is a path, and comes last among the paths.
        var afterDoubleDash = 0;
        var sawDoubleDash = false;
        foreach (var t in parse.Tokens)
        {
            sawDoubleDash |= t.Type == TokenType.DoubleDash;
            afterDoubleDash += sawDoubleDash && t.Type == TokenType.Argument ? 1 : 0;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (v.Length > 1 && v[0] == '-' && i < values.Count - afterDoubleDash)
            {
                var suggestion = CommandLine.Suggest(v, parse.CommandResult.Command.Options.SelectManyNames());
                throw new UsageException($"unknown option '{v}'" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?") + " (a file named so goes after --)");
            }
        }

        return values;
    }

    private static HashSet<string> Names(Option o) => new(new[] { o }.SelectManyNames(), StringComparer.Ordinal);

    // Each --output belongs to the --format before it; an --output with no --format writes text.
    private static List<(string Format, string? File)> PairOutputs(ParseResult parse, ValidateOptionSymbols s)
    {
        var outputs = new List<(string Format, string? File)>();
        Option? pending = null;
        foreach (var t in parse.Tokens)
        {
            if (t.Type == TokenType.Option && (Names(s.Format).Contains(t.Value) || Names(s.Output).Contains(t.Value)))
            {
                pending = Names(s.Format).Contains(t.Value) ? s.Format : s.Output;
                continue;
            }

            if (t.Type != TokenType.Argument || pending is null)
            {
                pending = null;
                continue;
            }

            if (pending == s.Format)
            {
                if (!OutputFormats.IsKnown(t.Value))
                {
                    throw new UsageException($"unknown format '{t.Value}' (text, json, sarif, junit, github)");
                }

                outputs.Add((t.Value, null));
            }
            else if (outputs.Count == 0)
            {
                outputs.Add(("text", t.Value));
            }
            else if (outputs[outputs.Count - 1].File is not null)
            {
                throw new UsageException("each --output follows its own --format");
            }
            else
            {
                outputs[outputs.Count - 1] = (outputs[outputs.Count - 1].Format, t.Value);
            }

            pending = null;
        }

        if (outputs.Count == 0)
        {
            outputs.Add(("text", null));
        }

        if (outputs.FindAll(x => x.File is null).Count > 1)
        {
            throw new UsageException("only one --format may write to standard output; give the others an --output FILE");
        }

        return outputs;
    }
}

/// <summary>Small helpers over System.CommandLine symbols.</summary>
internal static class SymbolExtensions
{
    public static string[] ToArrayOf(this IEnumerable<string> names) => new List<string>(names).ToArray();

    public static IEnumerable<string> SelectManyNames(this IEnumerable<Option> options)
    {
        foreach (var o in options)
        {
            yield return o.Name;
            foreach (var a in o.Aliases)
            {
                yield return a;
            }
        }
    }
}
