using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Cli.Git;
using DaemonLint.Cli.Output;
using DaemonLint.Configuration;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Cli.Commands;

/// <summary><c>daemonlint validate</c>.</summary>
public static class ValidateCommand
{
    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after <c>validate</c>.</param>
    /// <param name="stdin">Standard input.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="currentDirectory">The current directory.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, string currentDirectory)
    {
        var options = ValidateOptions.Parse(args);
        var limits = ReaderLimits.Default with { MaxFileBytes = options.MaxFileBytes };
        var run = new ValidationRun { BaseDirectory = currentDirectory };

        DaemonLint.Placement.NodeInventory? nodes = null;
        if (options.Nodes.Count > 0)
        {
            if (!NodeInventoryLoader.TryLoad(options.Nodes, currentDirectory, limits, stderr, out var inventory, printProblems: false))
            {
                return Program.ExitUsage;
            }

            nodes = inventory;
            run.Findings.AddRange(inventory.Problems);
        }

        if (options.Pods.Count > 0)
        {
            if (nodes is null)
            {
                throw new UsageException("--pods needs --nodes (the pods are counted on the inventory's nodes: DS3009)");
            }

            if (!DaemonLint.Cli.Output.PlacementInputs.TryLoadPods(options.Pods, currentDirectory, stderr, out var pods))
            {
                return Program.ExitUsage;
            }

            nodes.WithPods(pods);
        }

        var configProblems = new List<InputProblem>();
        var config = LoadConfig(options, currentDirectory, configProblems, out var configFile, stderr);
        if (config is null && configFile is not null)
        {
            return Program.ExitUsage;
        }

        var configDir = configFile is null ? null : Path.GetDirectoryName(configFile)!;
        // .editorconfig severities (dotnet_diagnostic.DSxxxx.severity) for the files under each .editorconfig, found from each input's folder up.
        var editorConfig = new EditorConfigSeverities(currentDirectory);
        var validator = new ManifestValidator(new ValidatorOptions
        {
            Limits = limits,
            SeverityOverride = (ruleId, file) => editorConfig.GetSeverity(ruleId, file == "<stdin>" ? null : file),
            AllowPrivileged = !options.DisallowPrivileged,
            UserNamespaces = options.UserNamespaces,
            Nodes = nodes,
            Suppressions = config,
            SuppressionPath = configDir is null ? null : file => file is null ? null : Path.GetRelativePath(configDir, Path.GetFullPath(Path.Combine(currentDirectory, file))).Replace('\\', '/'),
        });
        var ioError = false;
        var configDisplay = configFile is null ? null : Display(configFile, currentDirectory);
        foreach (var p in configProblems)
        {
            ioError = true;
            if (validator.InputFinding(configDisplay, p) is { } f)
            {
                run.Findings.Add(f);
            }
        }

        var baseline = new BaselineIndex();
        foreach (var b in options.Baselines)
        {
            if (!LoadBaseline(b, currentDirectory, baseline, limits, stderr))
            {
                return Program.ExitUsage;
            }
        }

        var staged = options.Staged ?? (Environment.GetEnvironmentVariable("PRE_COMMIT") == "1" && options.Baselines.Count == 0 && options.BaselineRef is null);
        var git = (GitRepository?)null;
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var gitRevision = options.BaselineRef ?? "HEAD";
        if (staged || options.BaselineRef is not null)
        {
            git = GitRepository.Find(currentDirectory, out var gitError);
            if (git is null)
            {
                stderr.WriteLine($"daemonlint: {(staged ? "--staged" : "--baseline-ref")} needs a git repository: {gitError}");
                return Program.ExitUsage;
            }

            renames = git.Renames(gitRevision, staged);
        }

        var missing = new List<string>();
        var empty = new List<string>();
        var inputs = InputCollector.Collect(options.Paths, currentDirectory, missing, empty);
        foreach (var m in missing)
        {
            ioError = true;
            AddInputFinding(validator, run, m, RuleIds.FileUnreadable, "no such file or directory");
        }

        foreach (var e in empty)
        {
            AddInputFinding(validator, run, e, RuleIds.NoManifests, "the folder holds no .yaml, .yml or .json file");
        }

        foreach (var input in inputs)
        {
            run.Files++;
            run.FileNames.Add(input.DisplayName);
            byte[] bytes;
            var fileBaseline = baseline;
            try
            {
                if (staged && input.FullPath is not null)
                {
                    var indexed = git!.Show(string.Empty, input.FullPath);
                    if (indexed is null)
                    {
                        continue; // deleted from the index: nothing to check
                    }

                    bytes = indexed;
                }
                else
                {
                    bytes = ReadInput(input, stdin, limits.MaxFileBytes);
                }

                if (git is not null && input.FullPath is not null)
                {
                    var oldPath = renames.TryGetValue(input.FullPath, out var from) ? from : input.FullPath;
                    var old = git.Show(gitRevision, oldPath);
                    if (old is not null)
                    {
                        fileBaseline = baseline.With(gitRevision + ":" + git.RelativePath(oldPath), old, limits);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ioError = true;
                AddInputFinding(validator, run, input.DisplayName, RuleIds.FileUnreadable, "cannot read the file: " + ex.Message);
                continue;
            }

            var report = validator.ValidateBytes(input.DisplayName, bytes, fileBaseline);
            run.Objects += report.Objects;
            run.DaemonSets += report.DaemonSets;
            run.CheckedObjects.AddRange(report.CheckedObjects);
            run.Findings.AddRange(report.Findings);
        }

        if (config is not null)
        {
            foreach (var entry in config.Ignore)
            {
                if (entry.Uses == 0 && validator.InputFinding(configDisplay, new InputProblem(RuleIds.UnusedSuppression, "this ignore entry suppressed nothing in this run; remove it or fix its rules/paths/kind/namespace/name", entry.Span)) is { } unused)
                {
                    run.Findings.Add(unused);
                }
            }
        }

        run.Findings.Sort(ManifestValidator.CompareFindings);
        run.ExecutionSuccessful = !ioError;
        foreach (var (format, output) in options.Outputs)
        {
            var formatter = OutputFormats.Get(format);
            if (output is null)
            {
                formatter.Write(run, stdout);
            }
            else
            {
                var path = Path.GetFullPath(Path.Combine(currentDirectory, output));
                try
                {
                    using var w = new StreamWriter(path, append: false, new UTF8Encoding(false));
                    formatter.Write(run, w);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"daemonlint: cannot write {output}: {ex.Message}");
                    return Program.ExitUsage;
                }
            }
        }

        if (ioError)
        {
            return Program.ExitUsage;
        }

        foreach (var f in run.Findings)
        {
            if (f.Severity >= options.FailOn)
            {
                return Program.ExitFindings;
            }
        }

        return Program.ExitOk;
    }

    private static byte[] ReadInput(InputFile input, TextReader stdin, long maxBytes)
    {
        if (input.FullPath is null)
        {
            var text = stdin.ReadToEnd();
            return Encoding.UTF8.GetBytes(text);
        }

        var length = new FileInfo(input.FullPath).Length;
        if (length > maxBytes)
        {
            // Read no more than the limit allows; the validator reports the size (DS9005) without parsing.
            using var fs = File.OpenRead(input.FullPath);
            var head = new byte[Math.Min(maxBytes + 1, int.MaxValue - 64)];
            var n = fs.Read(head, 0, head.Length);
            Array.Resize(ref head, n);
            return head;
        }

        return File.ReadAllBytes(input.FullPath);
    }

    private static SuppressionConfig? LoadConfig(ValidateOptions options, string currentDirectory, List<InputProblem> problems, out string? configFile, TextWriter stderr)
    {
        configFile = null;
        if (options.NoConfig)
        {
            return null;
        }

        if (options.Config is not null)
        {
            configFile = Path.GetFullPath(Path.Combine(currentDirectory, options.Config));
        }
        else
        {
            for (var dir = new DirectoryInfo(currentDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, SuppressionConfig.FileName);
                if (File.Exists(candidate))
                {
                    configFile = candidate;
                    break;
                }
            }
        }

        if (configFile is null)
        {
            return null;
        }

        try
        {
            var bytes = File.ReadAllBytes(configFile);
            if (!TextDecoder.TryDecode(bytes, out var text, out var problem))
            {
                problems.Add(problem! with { RuleId = RuleIds.ConfigurationError });
                return new SuppressionConfig();
            }

            return SuppressionConfig.Parse(Display(configFile, currentDirectory), text, problems);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"daemonlint: cannot read the configuration {configFile}: {ex.Message}");
            return null;
        }
    }

    private static string Display(string fullPath, string currentDirectory)
    {
        var rel = Path.GetRelativePath(currentDirectory, fullPath);
        return (rel.StartsWith("..", StringComparison.Ordinal) ? fullPath : rel).Replace('\\', '/');
    }

    private static void AddInputFinding(ManifestValidator validator, ValidationRun run, string file, string ruleId, string message)
    {
        var f = validator.InputFinding(file, new InputProblem(ruleId, message, SourceSpan.None));
        if (f is not null)
        {
            run.Findings.Add(f);
        }
    }

    private static bool LoadBaseline(string path, string currentDirectory, BaselineIndex index, ReaderLimits limits, TextWriter stderr)
    {
        var missing = new List<string>();
        var empty = new List<string>();
        var files = InputCollector.Collect(new[] { path }, currentDirectory, missing, empty);
        if (missing.Count > 0)
        {
            stderr.WriteLine($"daemonlint: baseline '{path}' does not exist");
            return false;
        }

        foreach (var f in files)
        {
            try
            {
                var bytes = File.ReadAllBytes(f.FullPath!);
                if (!TextDecoder.TryDecode(bytes, out var text, out _))
                {
                    continue;
                }

                foreach (var doc in YamlManifestReader.ReadDocuments(f.DisplayName, text, limits))
                {
                    foreach (var o in doc.Objects)
                    {
                        index.Add(o);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"daemonlint: cannot read baseline {f.DisplayName}: {ex.Message}");
                return false;
            }
        }

        return true;
    }
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

    /// <summary>Gets or sets whether to read staged content and compare with HEAD (null: when run by pre-commit).</summary>
    public bool? Staged { get; set; }

    /// <summary>Gets or sets the configuration file, or null to look for .daemonlint.yaml.</summary>
    public string? Config { get; set; }

    /// <summary>Gets or sets a value indicating whether to ignore any configuration file.</summary>
    public bool NoConfig { get; set; }

    /// <summary>Gets or sets a value indicating whether the cluster runs kube-apiserver with --allow-privileged=false.</summary>
    public bool DisallowPrivileged { get; set; }

    /// <summary>Gets or sets a value indicating whether the cluster has the user-namespaces feature (hostUsers) on.</summary>
    public bool UserNamespaces { get; set; }

    /// <summary>Gets or sets the largest file read.</summary>
    public long MaxFileBytes { get; set; } = ReaderLimits.Default.MaxFileBytes;

    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The options.</returns>
    public static ValidateOptions Parse(string[] args)
    {
        var o = new ValidateOptions();
        var onlyPaths = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (onlyPaths || a == "-" || !a.StartsWith("-", StringComparison.Ordinal))
            {
                o.Paths.Add(a);
                continue;
            }

            string Value()
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException($"option '{a}' needs a value");
                }

                return args[++i];
            }

            var eq = a.IndexOf('=');
            if (eq > 0)
            {
                // --format=json style
                var name = a.Substring(0, eq);
                args[i] = a.Substring(eq + 1);
                i--;
                a = name;
            }

            switch (a)
            {
                case "--":
                    onlyPaths = true;
                    break;
                case "--format":
                case "-f":
                    var format = Value();
                    if (!OutputFormats.IsKnown(format))
                    {
                        throw new UsageException($"unknown format '{format}' (text, json, sarif, junit, github)");
                    }

                    o.Outputs.Add((format, null));
                    break;
                case "--output":
                case "-o":
                    var file = Value();
                    if (o.Outputs.Count == 0)
                    {
                        o.Outputs.Add(("text", file));
                    }
                    else if (o.Outputs[o.Outputs.Count - 1].File is not null)
                    {
                        throw new UsageException("each --output follows its own --format");
                    }
                    else
                    {
                        o.Outputs[o.Outputs.Count - 1] = (o.Outputs[o.Outputs.Count - 1].Format, file);
                    }

                    break;
                case "--baseline":
                    o.Baselines.Add(Value());
                    break;
                case "--nodes":
                    o.Nodes.Add(Value());
                    break;
                case "--pods":
                    o.Pods.Add(Value());
                    break;
                case "--baseline-ref":
                    o.BaselineRef = Value();
                    break;
                case "--staged":
                    o.Staged = true;
                    break;
                case "--no-staged":
                    o.Staged = false;
                    break;
                case "--disallow-privileged":
                    o.DisallowPrivileged = true;
                    break;
                case "--user-namespaces":
                    o.UserNamespaces = true;
                    break;
                case "--config":
                    o.Config = Value();
                    break;
                case "--no-config":
                    o.NoConfig = true;
                    break;
                case "--fail-on":
                    var level = Value();
                    if (!SeverityExtensions.TryParse(level, out var sev) || sev == Severity.None)
                    {
                        throw new UsageException($"--fail-on takes error, warning or info, not '{level}'");
                    }

                    o.FailOn = sev;
                    break;
                case "--max-file-size":
                    var size = Value();
                    if (!long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes <= 0)
                    {
                        throw new UsageException($"--max-file-size takes a positive number of bytes, not '{size}'");
                    }

                    o.MaxFileBytes = bytes;
                    break;
                default:
                    throw new UsageException($"unknown option '{a}'");
            }
        }

        if (o.Paths.Count == 0)
        {
            throw new UsageException("validate needs at least one PATH (a file, a folder, or - for standard input)");
        }

        if (o.Outputs.Count == 0)
        {
            o.Outputs.Add(("text", null));
        }

        var toConsole = 0;
        foreach (var (_, file) in o.Outputs)
        {
            toConsole += file is null ? 1 : 0;
        }

        if (toConsole > 1)
        {
            throw new UsageException("only one --format may write to standard output; give the others an --output FILE");
        }

        return o;
    }
}
