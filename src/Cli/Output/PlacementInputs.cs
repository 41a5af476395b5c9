using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DaemonLint.Cli.Commands;
using DaemonLint.Placement;
using DaemonLint.Yaml;

namespace DaemonLint.Cli.Output;

/// <summary>
/// Reads the inventories of <c>place</c>: <c>--nodes</c> (<c>kubectl get nodes -o yaml|json</c>, Node documents, folders)
/// and <c>--pods</c> (<c>kubectl get pods -A -o yaml|json</c>). Both are read as streams with <see cref="InventoryReader"/>,
/// which keeps only what placement reads, so a cluster's pod list of hundreds of megabytes reads in one pass.
/// </summary>
public static class PlacementInputs
{
    /// <summary>The largest inventory file read (a kubectl dump of a large cluster runs to hundreds of megabytes).</summary>
    public const long MaxInventoryBytes = 4L << 30;

    /// <summary>Loads the node inventory.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="currentDirectory">The current directory.</param>
    /// <param name="stderr">Where problems go (DS3008 as warnings, YAML errors as errors).</param>
    /// <param name="inventory">The nodes.</param>
    /// <returns>
    /// False when a path is missing or unreadable, a file has YAML errors, or no Node was found: an empty
    /// <c>kind: List</c> (<c>items: []</c>, a cluster without nodes) is a valid, empty inventory.
    /// </returns>
    public static bool TryLoadNodes(IEnumerable<string> paths, string currentDirectory, TextWriter stderr, out NodeInventory inventory)
    {
        inventory = new NodeInventory();
        var emptyLists = 0;
        var inv = inventory;
        var ok = ForEachInventory(paths, currentDirectory, stderr, "--nodes", read =>
        {
            emptyLists += read.EmptyLists;
            foreach (var o in read.Objects)
            {
                inv.TryAdd(o);
            }
        });

        foreach (var p in inventory.Problems)
        {
            stderr.WriteLine($"{p.File}({p.Span.Start.Line},{p.Span.Start.Column}): warning {p.RuleId}: {p.Message}");
        }

        if (ok && inventory.Nodes.Count == 0 && emptyLists == 0)
        {
            stderr.WriteLine($"daemonlint: no v1 Node object in {string.Join(", ", paths)} (expected 'kubectl get nodes -o yaml' output, a Node, or a folder of them; an empty 'kind: List' is an inventory without nodes)");
            return false;
        }

        return ok;
    }

    /// <summary>Loads the pods of the cluster.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="currentDirectory">The current directory.</param>
    /// <param name="stderr">Where problems go.</param>
    /// <param name="pods">The pods.</param>
    /// <returns>False when a path is missing or unreadable, or a file has YAML errors.</returns>
    public static bool TryLoadPods(IEnumerable<string> paths, string currentDirectory, TextWriter stderr, out PodInventory pods)
    {
        var objects = new List<DaemonLint.Model.ManifestObject>();
        var ok = ForEachInventory(paths, currentDirectory, stderr, "--pods", read => objects.AddRange(read.Objects));
        pods = PodInventory.FromObjects(objects);
        foreach (var p in pods.Problems)
        {
            stderr.WriteLine($"{p.File}({p.Span.Start.Line},{p.Span.Start.Column}): warning: {p.Message}");
        }

        return ok;
    }

    private static bool ForEachInventory(IEnumerable<string> paths, string currentDirectory, TextWriter stderr, string option, Action<InventoryDocuments> use)
    {
        var missing = new List<string>();
        var empty = new List<string>();
        var ok = true;
        foreach (var input in InputCollector.Collect(paths, currentDirectory, missing, empty))
        {
            if (input.FullPath is null)
            {
                stderr.WriteLine($"daemonlint: {option} cannot read standard input; give a file or a folder");
                ok = false;
                continue;
            }

            InventoryDocuments read;
            try
            {
                var info = new FileInfo(input.FullPath);
                if (info.Length > MaxInventoryBytes)
                {
                    stderr.WriteLine($"daemonlint: {input.DisplayName}: {info.Length:N0} bytes is more than the {MaxInventoryBytes:N0} an inventory may hold");
                    ok = false;
                    continue;
                }

                using var reader = new StreamReader(input.FullPath, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
                read = InventoryReader.Read(input.DisplayName, reader, ReaderLimits.Default);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"daemonlint: cannot read {input.DisplayName}: {ex.Message}");
                ok = false;
                continue;
            }

            foreach (var p in read.Problems)
            {
                stderr.WriteLine($"{input.DisplayName}({p.Span.Start.Line},{p.Span.Start.Column}): error {p.RuleId}: {p.Message}");
                ok = false;
            }

            use(read);
        }

        foreach (var m in missing)
        {
            stderr.WriteLine($"daemonlint: {option} inventory '{m}' does not exist");
            ok = false;
        }

        return ok;
    }
}
