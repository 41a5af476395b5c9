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
/// and <c>--pods</c> (<c>kubectl get pods -A -o yaml|json</c>). YAML is read as a stream with <see cref="InventoryReader"/>,
/// JSON with <see cref="PlacementJsonInventory"/>; both keep only what placement reads, so a cluster's pod list of hundreds
/// of megabytes reads in one pass.
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
        var ok = ForEachInventory(paths, currentDirectory, stderr, "--nodes", o => inv.TryAdd(o), read => emptyLists += read.EmptyLists);

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
        var inv = new PodInventory();
        var ok = ForEachInventory(paths, currentDirectory, stderr, "--pods", o => inv.TryAdd(o), _ => { });
        pods = inv;
        foreach (var p in pods.Problems)
        {
            stderr.WriteLine($"{p.File}({p.Span.Start.Line},{p.Span.Start.Column}): warning: {p.Message}");
        }

        return ok;
    }

    /// <summary>Reads one inventory file: JSON (kubectl -o json) through System.Text.Json, anything else as a YAML stream.</summary>
    /// <param name="displayName">The name for messages.</param>
    /// <param name="path">The path.</param>
    /// <param name="length">The file length.</param>
    /// <param name="onObject">Receives each object as it is read.</param>
    /// <returns>The problems (and counts; the objects went to <paramref name="onObject"/>).</returns>
    public static InventoryDocuments ReadOne(string displayName, string path, long length, Action<DaemonLint.Model.ManifestObject> onObject)
    {
        if (length < int.MaxValue)
        {
            var head = new byte[Math.Min(length, 4096)];
            using (var f = File.OpenRead(path))
            {
                f.ReadExactly(head);
            }

            if (PlacementJsonInventory.LooksLikeJson(head))
            {
                return PlacementJsonInventory.Read(displayName, File.ReadAllBytes(path), onObject);
            }
        }

        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return InventoryReader.Read(displayName, reader, ReaderLimits.Default, onObject);
    }

    private static bool ForEachInventory(IEnumerable<string> paths, string currentDirectory, TextWriter stderr, string option, Action<DaemonLint.Model.ManifestObject> onObject, Action<InventoryDocuments> done)
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

                read = ReadOne(input.DisplayName, input.FullPath, info.Length, onObject);
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

            done(read);
        }

        foreach (var m in missing)
        {
            stderr.WriteLine($"daemonlint: {option} inventory '{m}' does not exist");
            ok = false;
        }

        return ok;
    }
}
