using System;
using System.Collections.Generic;
using System.IO;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Yaml;

namespace DaemonLint.Hosting;

/// <summary>
/// What reading data inputs (<c>--baseline</c> files) gave: the objects, the arguments that do not exist, and
/// the problems of the files as findings (located, with the file's name), one style for every host.
/// </summary>
public sealed class DataLoad
{
    /// <summary>Gets the objects, in argument and file order.</summary>
    public List<ManifestObject> Objects { get; } = new();

    /// <summary>Gets the arguments that name nothing (or a standard input that cannot be read here).</summary>
    public List<string> Missing { get; } = new();

    /// <summary>Gets the problems of the files read, as findings at their catalog severity.</summary>
    public List<Finding> Findings { get; } = new();

    /// <summary>Gets a value indicating whether every argument exists and every file was read whole.</summary>
    public bool Complete => this.Missing.Count == 0 && !this.Findings.Exists(f => f.Severity == Severity.Error);

    /// <summary>Reads files and folders of data through the one reader.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="paths">Files or folders (standard input is refused: it holds the manifests).</param>
    /// <returns>What was read.</returns>
    public static DataLoad Read(InputReader reader, IEnumerable<string> paths)
    {
        var load = new DataLoad();
        var set = reader.Expand(paths);
        foreach (var p in set.Problems)
        {
            if (p.Problem.RuleId == RuleCatalog.DS9002_FileUnreadable.Id)
            {
                load.Missing.Add(p.Argument);
            }
        }

        foreach (var file in set.Files)
        {
            if (file.IsStdin)
            {
                load.Missing.Add("-");
                continue;
            }

            var read = reader.ReadObjects(file);
            load.Objects.AddRange(read.Objects);
            foreach (var problem in read.Problems)
            {
                load.Findings.Add(HostFindings.Of(file.DisplayName, problem));
            }
        }

        return load;
    }
}

/// <summary>
/// A faster parser for JSON inventories (<c>kubectl get nodes|pods -o json</c>), which a host that has one plugs into the
/// <see cref="InventoryLoader"/> (the CLI: System.Text.Json). It keeps the fields <see cref="InventoryReader.Root"/> keeps and
/// builds the same nodes, so an inventory reads the same with it and without it; without it JSON is read as the YAML it is.
/// The host layer itself takes no JSON library: it is loaded by csc (analyzers) and by both MSBuilds, which ship their own.
/// </summary>
public interface IJsonInventoryParser
{
    /// <summary>Parses a JSON inventory (one or more top-level values).</summary>
    /// <param name="file">The file name put on objects and problems.</param>
    /// <param name="bytes">The UTF-8 text, already checked to be text by the loader (a byte order mark may lead).</param>
    /// <param name="limits">The reader limits (the nesting depth applies).</param>
    /// <param name="onObject">Receives each object (List items expanded) as it is read.</param>
    /// <returns>The problems (syntax errors, duplicate keys) and counts; the objects went to <paramref name="onObject"/>.</returns>
    InventoryDocuments Parse(string file, byte[] bytes, ReaderLimits limits, Action<ManifestObject> onObject);
}

/// <summary>What loading node or pod inventories gave, besides the inventory: missing arguments, problems as findings, counts.</summary>
public sealed class InventoryLoad
{
    /// <summary>Gets the arguments that name nothing (<c>-</c> for standard input, which holds the manifests).</summary>
    public List<string> Missing { get; } = new();

    /// <summary>
    /// Gets the problems, as findings at their catalog severity, in a total order: the files' (DS9002 unreadable or not a
    /// regular file, DS9003 not text, DS9005 over <see cref="ReaderLimits.MaxInventoryBytes"/>, DS9001/DS9004/DS9006 in the
    /// kept fields) and the objects' (DS3008 for Nodes, DS3010 for Pods that cannot be used as they are).
    /// </summary>
    public List<Finding> Findings { get; } = new();

    /// <summary>Gets the number of files read.</summary>
    public int Files { get; internal set; }

    /// <summary>Gets the number of documents that were a <c>kind: *List</c> with no items (<c>kubectl get</c> of an empty cluster).</summary>
    public int EmptyLists { get; internal set; }

    /// <summary>Gets a value indicating whether every argument exists and every file was read whole.</summary>
    public bool Complete => this.Missing.Count == 0 && !this.Findings.Exists(f => f.Severity == Severity.Error);
}

/// <summary>
/// The one loader of node inventories (<c>--nodes</c>: <c>kubectl get nodes -o yaml|json</c>, Nodes, folders of them) and pod
/// inventories (<c>--pods</c>: <c>kubectl get pods -A -o yaml|json</c>) for every host (<c>place</c>, <c>validate</c>, the
/// MSBuild task). Paths are expanded and files read by the host reader (regular files only, size limit
/// <see cref="ReaderLimits.MaxInventoryBytes"/>, never an exception for a bad file); the text is checked as
/// <see cref="TextDecoder"/> checks any input, then read as a stream by <see cref="InventoryReader"/>, which keeps only what
/// placement reads (a cluster's pod list never becomes one string or one tree), or by the host's <see cref="IJsonInventoryParser"/>
/// when the file is JSON. Objects go straight into the inventory.
/// </summary>
public sealed class InventoryLoader
{
    private readonly InputReader reader;
    private readonly InputReader dataReader;
    private readonly IJsonInventoryParser? json;

    /// <summary>Initializes a new instance of the <see cref="InventoryLoader"/> class.</summary>
    /// <param name="reader">The host reader (its base folder, display names, file system and limits).</param>
    /// <param name="json">A JSON fast path, or null to read JSON as YAML.</param>
    public InventoryLoader(InputReader reader, IJsonInventoryParser? json = null)
    {
        this.reader = reader;
        this.json = json;

        // The same reader with the inventory size limit: display names come from `reader`, bytes through this one.
        this.dataReader = new InputReader(reader.BaseDirectory, reader.Limits with { MaxFileBytes = reader.Limits.MaxInventoryBytes }, reader.FileSystem);
    }

    /// <summary>Loads a node inventory.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="load">What else was read: missing paths, the problems as findings (DS3008 among them), empty Lists.</param>
    /// <returns>The nodes (an empty inventory for an empty <c>kind: List</c>).</returns>
    public NodeInventory LoadNodes(IEnumerable<string> paths, out InventoryLoad load)
    {
        var inventory = new NodeInventory();
        load = this.Load(paths, o => inventory.TryAdd(o));
        load.Findings.AddRange(inventory.Problems);
        load.Findings.Sort(ManifestValidator.CompareFindings);
        return inventory;
    }

    /// <summary>Loads a pod inventory.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="load">What else was read: missing paths, the problems as findings (DS3010 among them).</param>
    /// <returns>The pods.</returns>
    public PodInventory LoadPods(IEnumerable<string> paths, out InventoryLoad load)
    {
        var inventory = new PodInventory();
        load = this.Load(paths, o => inventory.TryAdd(o));
        load.Findings.AddRange(inventory.Problems);
        load.Findings.Sort(ManifestValidator.CompareFindings);
        return inventory;
    }

    /// <summary>Reads one inventory file through the host reader, handing each object to <paramref name="onObject"/>.</summary>
    /// <param name="file">The file (standard input is not an inventory).</param>
    /// <param name="onObject">Receives each object as it is read.</param>
    /// <returns>The problems of the file, and how many objects and empty Lists it held.</returns>
    public InventoryDocuments ReadFile(SourceFile file, Action<ManifestObject> onObject)
    {
        var read = this.dataReader.Read(file);
        if (read.Problem is not null || read.Bytes is null)
        {
            var documents = new InventoryDocuments(onObject);
            var problem = read.Problem ?? InputProblems.Missing();
            documents.Problems.Add(problem.RuleId == RuleCatalog.DS9005_FileTooLarge.Id ? this.TooLarge(file) : problem);
            return documents;
        }

        var bytes = read.Bytes;
        if (!TextDecoder.TryOpen(bytes, out var text, out var notText))
        {
            var documents = new InventoryDocuments(onObject);
            documents.Problems.Add(notText!);
            return documents;
        }

        try
        {
            // UTF-8 (TryOpen reads UTF-16 and UTF-32 from a StringReader, decoded first) that looks like JSON.
            if (this.json is not null && text is not StringReader && LooksLikeJson(bytes))
            {
                return this.json.Parse(file.DisplayName, bytes, this.reader.Limits, onObject);
            }

            return InventoryReader.Read(file.DisplayName, text, this.reader.Limits, onObject);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var documents = new InventoryDocuments(onObject);
            documents.Problems.Add(InputProblems.ReadFailed(ex));
            return documents;
        }
        finally
        {
            text.Dispose();
        }
    }

    /// <summary>Whether UTF-8 text starts like JSON: its first character after a byte order mark and blanks is '{' or '['.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>True for JSON.</returns>
    internal static bool LooksLikeJson(byte[] bytes)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        for (var i = start; i < bytes.Length; i++)
        {
            switch (bytes[i])
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    continue;
                case (byte)'{' or (byte)'[':
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    private InventoryLoad Load(IEnumerable<string> paths, Action<ManifestObject> onObject)
    {
        var load = new InventoryLoad();
        var set = this.reader.Expand(paths);
        foreach (var p in set.Problems)
        {
            if (p.Problem.RuleId == RuleCatalog.DS9002_FileUnreadable.Id)
            {
                load.Missing.Add(p.Argument);
            }
            else
            {
                // A folder without any .yaml, .yml or .json file (DS9007): an inventory of nothing, said so.
                load.Findings.Add(HostFindings.Of(p.Argument, p.Problem));
            }
        }

        foreach (var file in set.Files)
        {
            if (file.IsStdin)
            {
                load.Missing.Add("-");
                continue;
            }

            load.Files++;
            var read = this.ReadFile(file, onObject);
            load.EmptyLists += read.EmptyLists;
            foreach (var problem in read.Problems)
            {
                load.Findings.Add(HostFindings.Of(file.DisplayName, problem));
            }
        }

        return load;
    }

    private InputProblem TooLarge(SourceFile file)
    {
        long? size = null;
        try
        {
            size = this.reader.FileSystem.Length(file.FullPath!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The size is only for the message.
        }

        var limit = this.reader.Limits.MaxInventoryBytes;
        return new InputProblem(
            RuleCatalog.DS9005_FileTooLarge.Id,
            (size is { } s ? $"the inventory has {s:N0} bytes, more" : "the inventory has more") + $" than the limit of {limit:N0} for a node or pod inventory, so it is not read",
            SourceSpan.At(SourcePosition.Start));
    }
}

/// <summary>Findings the host layer makes itself (input problems of data files), at their catalog severity.</summary>
public static class HostFindings
{
    /// <summary>Makes a finding for a problem of a file.</summary>
    /// <param name="file">The file's display name.</param>
    /// <param name="problem">The problem.</param>
    /// <returns>The finding.</returns>
    public static Finding Of(string? file, InputProblem problem)
    {
        var d = RuleCatalog.Get(problem.RuleId);
        return new Finding
        {
            RuleId = d.Id,
            Severity = d.DefaultSeverity,
            Message = problem.Message,
            Kind = FindingKind.Invalid,
            File = file,
            Span = problem.Span,
            HelpUri = d.HelpUri,
        };
    }
}
