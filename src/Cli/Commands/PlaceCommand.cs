using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Cli.Output;
using DaemonLint.Hosting;
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
    /// <summary>Builds the command.</summary>
    /// <param name="context">The streams and current folder.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        var nodes = new Option<List<string>>("--nodes", "-n") { Description = "The node inventory (kubectl get nodes -o yaml|json, a Node, or a folder); repeatable. An empty List is a cluster without nodes", HelpName = "FILE" };
        var pods = new Option<List<string>>("--pods") { Description = "The cluster's pods (kubectl get pods -A -o yaml|json, or a folder); repeatable: capacity then counts what they request on each node and the host ports they hold", HelpName = "FILE" };
        var format = new Option<string?>("--format", "-f") { Description = "Output format: text (default), json, or html (one self-contained page)", HelpName = "text|json|html" };
        format.CompletionSources.Add("text", "json", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of standard output", HelpName = "FILE" };
        var paths = new Argument<List<string>>("PATH") { Description = "DaemonSet files, folders, or - for standard input", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("place", "Which nodes get a daemon pod, and why not the others. Exits 0 when every DaemonSet runs on at least one node, 1 when one would run on none (no node should run it, or its pod fits none of those), 2 on usage or input errors.")
        {
            nodes, pods, format, output, paths,
        };
        command.SetAction(parse =>
        {
            var o = new PlaceOptions { Format = parse.GetValue(format) ?? "text", Output = parse.GetValue(output) };
            o.Nodes.AddRange(parse.GetValue(nodes) ?? new List<string>());
            o.Pods.AddRange(parse.GetValue(pods) ?? new List<string>());
            o.Paths.AddRange(ValidateOptions.PathArguments(parse, paths));
            return Run(o.Validate(), context.Stdin, context.Stdout, context.Stderr, context.CurrentDirectory);
        });
        return command;
    }

    /// <summary>Runs the command.</summary>
    /// <param name="options">The options.</param>
    /// <param name="stdin">Standard input's bytes, or null when it is closed.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="currentDirectory">The current directory.</param>
    /// <returns>The exit code.</returns>
    public static int Run(PlaceOptions options, Stream? stdin, TextWriter stdout, TextWriter stderr, string currentDirectory)
    {
        var limits = ReaderLimits.Default;
        var reader = new InputReader(currentDirectory, limits);
        var loader = new InventoryLoader(reader, JsonInventoryParser.Instance);
        var inventory = loader.LoadNodes(options.Nodes, out var nodeLoad);
        if (!Report(nodeLoad, "--nodes", "node inventory", stderr))
        {
            return Program.ExitUsage;
        }

        if (inventory.Nodes.Count == 0 && nodeLoad.EmptyLists == 0)
        {
            stderr.WriteLine($"daemonlint: no v1 Node object in {string.Join(", ", options.Nodes.ConvertAll(HostText.Name))} (expected 'kubectl get nodes -o yaml' or '-o json' output, a Node, or a folder of them; an empty 'kind: List' is an inventory without nodes)");
            return Program.ExitUsage;
        }

        if (options.Pods.Count > 0)
        {
            var pods = loader.LoadPods(options.Pods, out var podLoad);
            if (!Report(podLoad, "--pods", "pod inventory", stderr))
            {
                return Program.ExitUsage;
            }

            inventory.WithPods(pods);
        }

        var daemonSets = new List<ManifestObject>();
        var failed = false;
        var inputs = reader.Expand(options.Paths);
        foreach (var notice in inputs.Notices)
        {
            stderr.WriteLine("daemonlint: " + HostText.Escape(notice));
        }

        foreach (var input in inputs.Files)
        {
            var read = reader.ParseObjects(input, reader.Read(input, stdin));
            foreach (var p in read.Problems)
            {
                stderr.WriteLine(FindingText.Line(HostFindings.Of(input.DisplayName, p)));
                failed = true;
            }

            foreach (var o in read.Objects)
            {
                if (o.IsAppsV1DaemonSet)
                {
                    daemonSets.Add(o);
                }
                else if (o.Kind == "DaemonSet")
                {
                    stderr.WriteLine($"daemonlint: {HostText.Name(input.DisplayName)}: DaemonSet {HostText.Name(o.Ref.DisplayName)} is {HostText.Name(o.ApiVersion ?? "(no apiVersion)")}, not apps/v1; skipped");
                }
            }
        }

        foreach (var p in inputs.Problems)
        {
            stderr.WriteLine($"daemonlint: {HostText.Name(p.Argument)}: {p.Problem.Message}");
            failed |= InputProblems.IsIoError(p.Problem.RuleId);
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
        if (options.Output is null)
        {
            // A standard output that fails is the top-level guard's (one line, exit code 2).
            PlacementFormats.Write(options.Format, report, stdout);
        }
        else
        {
            try
            {
                var path = Path.GetFullPath(Path.Combine(currentDirectory, options.Output));
                using var w = new StreamWriter(path, append: false, new UTF8Encoding(false));
                PlacementFormats.Write(options.Format, report, w);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                stderr.WriteLine($"daemonlint: cannot write {HostText.Name(options.Output)}: {HostText.Describe(ex)}");
                return Program.ExitUsage;
            }
        }

        return report.Run.Results.Any(r => r.RunsNowhere) ? Program.ExitFindings : Program.ExitOk;
    }

    // Prints what loading an inventory found; false when an argument is missing or a file could not be read whole.
    private static bool Report(InventoryLoad load, string option, string what, TextWriter stderr)
    {
        foreach (var m in load.Missing)
        {
            stderr.WriteLine(m == "-" ? $"daemonlint: {option} cannot read standard input; give a file or a folder" : $"daemonlint: {what} {HostText.InQuotes(m)} does not exist");
        }

        foreach (var p in load.Findings)
        {
            stderr.WriteLine(FindingText.Line(p));
        }

        return load.Complete;
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

    /// <summary>Checks the options.</summary>
    /// <returns>The options.</returns>
    /// <exception cref="UsageException">An option is missing or wrong.</exception>
    public PlaceOptions Validate()
    {
        var o = this;
        if (!PlacementFormats.IsKnown(o.Format))
        {
            throw new UsageException($"place: unknown format '{o.Format}' (text, json, html)");
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
