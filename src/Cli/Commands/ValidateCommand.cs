using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Cli.Output;
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
        DaemonLint.Placement.NodeInventory? nodes = null;
        if (options.Nodes.Count > 0)
        {
            if (!NodeInventoryLoader.TryLoad(options.Nodes, currentDirectory, limits, stderr, out var inventory, printProblems: false))
            {
                return Program.ExitUsage;
            }

            nodes = inventory;
        }

        var validator = new ManifestValidator(new ValidatorOptions { Limits = limits, Nodes = nodes });
        var run = new ValidationRun { BaseDirectory = currentDirectory };
        if (nodes is not null)
        {
            run.Findings.AddRange(nodes.Problems);
        }

        var ioError = false;

        var baseline = new BaselineIndex();
        foreach (var b in options.Baselines)
        {
            if (!LoadBaseline(b, currentDirectory, baseline, limits, stderr))
            {
                return Program.ExitUsage;
            }
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
            byte[] bytes;
            try
            {
                bytes = ReadInput(input, stdin, limits.MaxFileBytes);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ioError = true;
                AddInputFinding(validator, run, input.DisplayName, RuleIds.FileUnreadable, "cannot read the file: " + ex.Message);
                continue;
            }

            var report = validator.ValidateBytes(input.DisplayName, bytes, baseline);
            run.Objects += report.Objects;
            run.DaemonSets += report.DaemonSets;
            run.Findings.AddRange(report.Findings);
        }

        run.Findings.Sort(ManifestValidator.CompareFindings);
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

    /// <summary>Gets or sets the lowest severity that fails the run.</summary>
    public Severity FailOn { get; set; } = Severity.Error;

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
