using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Cli.Output;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Yaml;

namespace DaemonLint.Cli.Commands;

/// <summary>
/// <c>daemonlint place --nodes FILE [--pods FILE] DAEMONSET...</c>: per DaemonSet, the nodes that get a daemon pod and why
/// the others do not, and (with allocatable or pods) whether the pod fits there.
/// Exit codes: 0 every DaemonSet runs on at least one node; 1 some DaemonSet would run nowhere (no node should run it,
/// an empty inventory included, or it fits none of those that should); 2 usage or I/O error, unreadable YAML, no Node
/// in the inventory (and no empty List) or no DaemonSet in the input.
/// </summary>
public static class PlaceCommand
{
    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after <c>place</c>.</param>
    /// <param name="stdin">Standard input.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="currentDirectory">The current directory.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, string currentDirectory)
    {
        var options = PlaceOptions.Parse(args);
        var limits = ReaderLimits.Default;
        if (!PlacementInputs.TryLoadNodes(options.Nodes, currentDirectory, stderr, out var inventory))
        {
            return Program.ExitUsage;
        }

        if (options.Pods.Count > 0)
        {
            if (!PlacementInputs.TryLoadPods(options.Pods, currentDirectory, stderr, out var pods))
            {
                return Program.ExitUsage;
            }

            inventory.WithPods(pods);
        }

        var daemonSets = new List<ManifestObject>();
        var failed = false;
        var missing = new List<string>();
        var empty = new List<string>();
        foreach (var input in InputCollector.Collect(options.Paths, currentDirectory, missing, empty))
        {
            if (!ManifestLoading.TryRead(input, stdin, limits, stderr, out var objects))
            {
                failed = true;
                continue;
            }

            foreach (var o in objects)
            {
                if (o.IsAppsV1DaemonSet)
                {
                    daemonSets.Add(o);
                }
                else if (o.Kind == "DaemonSet")
                {
                    stderr.WriteLine($"daemonlint: {input.DisplayName}: DaemonSet {o.Ref.DisplayName} is {o.ApiVersion}, not apps/v1; skipped");
                }
            }
        }

        foreach (var m in missing)
        {
            stderr.WriteLine($"daemonlint: {m}: no such file or directory");
            failed = true;
        }

        foreach (var e in empty)
        {
            stderr.WriteLine($"daemonlint: {e}: the folder holds no .yaml, .yml or .json file");
        }

        if (failed)
        {
            return Program.ExitUsage;
        }

        if (daemonSets.Count == 0)
        {
            stderr.WriteLine("daemonlint: no apps/v1 DaemonSet in the input");
            return Program.ExitUsage;
        }

        var report = new PlacementReport(inventory, PlacementRun.Evaluate(daemonSets, inventory));
        try
        {
            if (options.Output is null)
            {
                PlacementFormats.Write(options.Format, report, stdout);
            }
            else
            {
                var path = Path.GetFullPath(Path.Combine(currentDirectory, options.Output));
                using var w = new StreamWriter(path, append: false, new UTF8Encoding(false));
                PlacementFormats.Write(options.Format, report, w);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"daemonlint: cannot write {options.Output}: {ex.Message}");
            return Program.ExitUsage;
        }

        return report.Run.Results.Any(r => r.RunsNowhere) ? Program.ExitFindings : Program.ExitOk;
    }
}

/// <summary>The parsed options of <c>place</c>.</summary>
public sealed class PlaceOptions
{
    /// <summary>Gets the node inventory paths.</summary>
    public List<string> Nodes { get; } = new();

    /// <summary>Gets the pod inventory paths (<c>--pods</c>: <c>kubectl get pods -A -o yaml</c>).</summary>
    public List<string> Pods { get; } = new();

    /// <summary>Gets the DaemonSet paths.</summary>
    public List<string> Paths { get; } = new();

    /// <summary>Gets or sets the format: text, json or html.</summary>
    public string Format { get; set; } = "text";

    /// <summary>Gets or sets the output file, or null for standard output.</summary>
    public string? Output { get; set; }

    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The options.</returns>
    public static PlaceOptions Parse(string[] args)
    {
        var o = new PlaceOptions();
        var onlyPaths = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (onlyPaths || a == "-" || !a.StartsWith("-", StringComparison.Ordinal))
            {
                o.Paths.Add(a);
                continue;
            }

            string? inline = null;
            var eq = a.IndexOf('=');
            if (eq > 0)
            {
                inline = a.Substring(eq + 1);
                a = a.Substring(0, eq);
            }

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Length)
                {
                    throw new UsageException($"option '{a}' needs a value");
                }

                return args[++i];
            }

            switch (a)
            {
                case "--":
                    onlyPaths = true;
                    break;
                case "--nodes":
                case "-n":
                    o.Nodes.Add(Value());
                    break;
                case "--pods":
                    o.Pods.Add(Value());
                    break;
                case "--format":
                case "-f":
                    var f = Value();
                    if (!PlacementFormats.IsKnown(f))
                    {
                        throw new UsageException($"place: unknown format '{f}' (text, json, html)");
                    }

                    o.Format = f;
                    break;
                case "--output":
                case "-o":
                    o.Output = Value();
                    break;
                default:
                    throw new UsageException($"place: unknown option '{a}'");
            }
        }

        if (o.Nodes.Count == 0)
        {
            throw new UsageException("place needs --nodes FILE (a 'kubectl get nodes -o yaml' or '-o json' output, a Node, or a folder)");
        }

        if (o.Paths.Count == 0)
        {
            throw new UsageException("place needs at least one DaemonSet PATH (a file, a folder, or - for standard input)");
        }

        return o;
    }
}

/// <summary>Loads a node inventory from files or folders (<c>--nodes</c> of <c>place</c> and <c>validate</c>).</summary>
public static class NodeInventoryLoader
{
    /// <summary>Loads the Node objects of the given paths; problems with single nodes (DS3008) are printed as warnings.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="currentDirectory">The current directory.</param>
    /// <param name="limits">Reader limits.</param>
    /// <param name="stderr">Where problems go.</param>
    /// <param name="inventory">The inventory.</param>
    /// <param name="printProblems">Whether to print DS3008 problems to <paramref name="stderr"/> (validate reports them as findings instead).</param>
    /// <returns>False when a path is missing or a file cannot be read or parsed.</returns>
    public static bool TryLoad(IEnumerable<string> paths, string currentDirectory, ReaderLimits limits, TextWriter stderr, out NodeInventory inventory, bool printProblems = true)
    {
        inventory = new NodeInventory();
        var missing = new List<string>();
        var empty = new List<string>();
        var ok = true;
        foreach (var input in InputCollector.Collect(paths, currentDirectory, missing, empty))
        {
            if (input.FullPath is null)
            {
                stderr.WriteLine("daemonlint: --nodes cannot read standard input; give a file or a folder");
                ok = false;
                continue;
            }

            if (!ManifestLoading.TryRead(input, TextReader.Null, limits, stderr, out var objects))
            {
                ok = false;
                continue;
            }

            foreach (var o in objects)
            {
                inventory.TryAdd(o);
            }
        }

        foreach (var m in missing)
        {
            stderr.WriteLine($"daemonlint: node inventory '{m}' does not exist");
            ok = false;
        }

        foreach (var p in printProblems ? inventory.Problems : System.Array.Empty<Finding>())
        {
            stderr.WriteLine($"{p.File}({p.Span.Start.Line},{p.Span.Start.Column}): warning {p.RuleId}: {p.Message}");
        }

        return ok;
    }
}

/// <summary>Reads one input into objects, printing YAML problems.</summary>
internal static class ManifestLoading
{
    public static bool TryRead(InputFile input, TextReader stdin, ReaderLimits limits, TextWriter stderr, out List<ManifestObject> objects)
    {
        objects = new List<ManifestObject>();
        string text;
        try
        {
            if (input.FullPath is null)
            {
                text = stdin.ReadToEnd();
            }
            else
            {
                var bytes = File.ReadAllBytes(input.FullPath);
                if (!TextDecoder.TryDecode(bytes, out text, out var problem))
                {
                    stderr.WriteLine($"daemonlint: {input.DisplayName}: {problem!.Message}");
                    return false;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"daemonlint: cannot read {input.DisplayName}: {ex.Message}");
            return false;
        }

        var ok = true;
        foreach (var doc in YamlManifestReader.ReadDocuments(input.DisplayName, text, limits))
        {
            foreach (var p in doc.Problems)
            {
                stderr.WriteLine($"{input.DisplayName}({p.Span.Start.Line},{p.Span.Start.Column}): error {p.RuleId}: {p.Message}");
                ok = false;
            }

            objects.AddRange(doc.Objects);
        }

        return ok;
    }
}
