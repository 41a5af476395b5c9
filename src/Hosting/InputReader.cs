using System;
using System.Collections.Generic;
using System.IO;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Hosting;

/// <summary>One input: a file on disk, or standard input.</summary>
/// <param name="DisplayName">The name shown in findings (relative to the base folder when below it, '/' separated).</param>
/// <param name="FullPath">The full path, or null for standard input.</param>
public sealed record SourceFile(string DisplayName, string? FullPath)
{
    /// <summary>The display name of standard input.</summary>
    public const string StdinName = "<stdin>";

    /// <summary>Gets standard input.</summary>
    public static SourceFile Stdin { get; } = new(StdinName, null);

    /// <summary>Gets a value indicating whether this is standard input.</summary>
    public bool IsStdin => this.FullPath is null;
}

/// <summary>A problem with one path argument (it does not exist, or a folder holds no manifest).</summary>
/// <param name="Argument">The argument as given.</param>
/// <param name="Problem">The problem.</param>
public sealed record PathProblem(string Argument, InputProblem Problem);

/// <summary>What a list of path arguments expands to.</summary>
public sealed class InputSet
{
    /// <summary>Gets the files, in argument order (each folder's files in ordinal order), each once.</summary>
    public List<SourceFile> Files { get; } = new();

    /// <summary>Gets the arguments that do not exist or name a folder without manifests.</summary>
    public List<PathProblem> Problems { get; } = new();

    /// <summary>Gets informational lines for the user (folders skipped on purpose, such as raw Helm chart templates).</summary>
    public List<string> Notices { get; } = new();
}

/// <summary>What reading one file gave: its bytes, or why there are none.</summary>
/// <param name="Bytes">The content, or null.</param>
/// <param name="Problem">Why it could not be read, or null.</param>
public sealed record ReadResult(byte[]? Bytes, InputProblem? Problem);

/// <summary>The objects of one file read as data (a node inventory, a baseline, a configuration), and its problems.</summary>
/// <param name="File">The file.</param>
/// <param name="Objects">The objects, in file order.</param>
/// <param name="Problems">What kept some or all of it from being read, located in the file.</param>
public sealed record ObjectsResult(SourceFile File, List<ManifestObject> Objects, List<InputProblem> Problems);

/// <summary>
/// The one reader of the host layer: every path a host reads (manifests, <c>--baseline</c>, <c>--nodes</c>, configuration files,
/// <c>place</c> inputs, MSBuild items) goes through it. It reads regular files only (a device, FIFO or socket is a DS9002 finding,
/// never opened), never more than the size limit (DS9005), walks folders without following symbolic links to folders below the
/// given one (so a link cycle cannot make it loop), skips raw Helm chart templates with one notice, and never throws for a bad file.
/// </summary>
public sealed class InputReader
{
    private static readonly string[] Extensions = { ".yaml", ".yml", ".json" };

    private readonly IHostFileSystem fileSystem;
    private readonly bool fullPathNames;

    /// <summary>Initializes a new instance of the <see cref="InputReader"/> class.</summary>
    /// <param name="baseDirectory">The folder relative paths are resolved against, and display names are relative to.</param>
    /// <param name="limits">The reader limits (the file size limit among them).</param>
    /// <param name="fileSystem">The file system, or the real one.</param>
    /// <param name="fullPathNames">Whether findings name files by their full path (MSBuild, editors) rather than relative to the base folder.</param>
    public InputReader(string baseDirectory, ReaderLimits? limits = null, IHostFileSystem? fileSystem = null, bool fullPathNames = false)
    {
        this.fullPathNames = fullPathNames;
        this.BaseDirectory = Path.GetFullPath(baseDirectory);
        this.Limits = limits ?? ReaderLimits.Default;
        this.fileSystem = fileSystem ?? PhysicalFileSystem.Instance;
    }

    /// <summary>Gets the base folder.</summary>
    public string BaseDirectory { get; }

    /// <summary>Gets the limits.</summary>
    public ReaderLimits Limits { get; }

    /// <summary>Gets the file system.</summary>
    public IHostFileSystem FileSystem => this.fileSystem;

    /// <summary>Whether a file name has a manifest extension.</summary>
    /// <param name="path">The path.</param>
    /// <returns>True for .yaml, .yml and .json.</returns>
    public static bool IsManifestName(string path)
    {
        foreach (var e in Extensions)
        {
            if (path.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Resolves a path argument against the base folder.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The full path.</returns>
    public string FullPath(string path) => Path.GetFullPath(Path.Combine(this.BaseDirectory, path));

    /// <summary>The name a file is shown by: relative to the base folder when below it, else the argument as given, '/' separated.</summary>
    /// <param name="fullPath">The full path.</param>
    /// <param name="argument">The argument it came from, or null.</param>
    /// <returns>The display name.</returns>
    public string DisplayName(string fullPath, string? argument = null)
    {
        if (this.fullPathNames)
        {
            return fullPath;
        }

        var rel = HostPaths.Relative(this.BaseDirectory, fullPath);
        if (rel is not null)
        {
            return rel;
        }

        return HostPaths.ToSlashes(argument ?? fullPath);
    }

    /// <summary>Expands path arguments: <c>-</c> is standard input, a file is itself, a folder is its manifests (recursively).</summary>
    /// <param name="arguments">The arguments.</param>
    /// <param name="walking">Told, as folders are walked, how many manifests the walks have found so far and their size in
    /// bytes (those whose size the listing gave): a host can start work that pays only for many files before the listing ends.</param>
    /// <returns>The files, the problem arguments and the notices.</returns>
    public InputSet Expand(IEnumerable<string> arguments, Action<int, long>? walking = null)
    {
        var set = new InputSet();
        var progress = new WalkProgress(walking);
        var seen = new HashSet<string>(HostPaths.Comparer);
        var charts = new HashSet<string>(HostPaths.Comparer);
        foreach (var arg in arguments)
        {
            if (arg == "-")
            {
                // Standard input can be read once: a second '-' would read nothing and pass as an empty file.
                if (!set.Files.Contains(SourceFile.Stdin))
                {
                    set.Files.Add(SourceFile.Stdin);
                }

                continue;
            }

            var full = this.FullPath(arg);
            switch (this.fileSystem.Probe(full))
            {
                case PathKind.File:
                case PathKind.Special:
                    if (HelmChartOf(full, this.fileSystem) is { } chart)
                    {
                        this.AddChartNotice(set, charts, chart);
                    }
                    else if (seen.Add(full))
                    {
                        set.Files.Add(new SourceFile(this.DisplayName(full, arg), full));
                    }

                    break;
                case PathKind.Directory:
                    var found = this.Walk(full, set, charts, progress, out var sawChart);
                    foreach (var f in found)
                    {
                        if (seen.Add(f))
                        {
                            set.Files.Add(new SourceFile(this.DisplayName(f), f));
                        }
                    }

                    // A folder whose files another argument named already is not empty: the same inputs in another order or
                    // repeated give the same findings.
                    if (found.Count == 0 && !sawChart)
                    {
                        set.Problems.Add(new PathProblem(arg, InputProblems.EmptyFolder()));
                    }

                    break;
                default:
                    set.Problems.Add(new PathProblem(arg, InputProblems.Missing()));
                    break;
            }
        }

        return set;
    }

    /// <summary>Reads a file's bytes (standard input from <paramref name="stdin"/>), within the size limit, regular files only.</summary>
    /// <param name="file">The file.</param>
    /// <param name="stdin">Standard input's bytes, for <see cref="SourceFile.Stdin"/>; null when it is closed (a DS9002 problem, never a wait).</param>
    /// <returns>The bytes, or the problem.</returns>
    public ReadResult Read(SourceFile file, Stream? stdin = null)
    {
        var max = this.Limits.MaxFileBytes;
        if (file.FullPath is null)
        {
            return ReadStdin(stdin, max);
        }

        try
        {
            switch (this.fileSystem.Probe(file.FullPath))
            {
                case PathKind.Missing:
                    return new ReadResult(null, InputProblems.Missing());
                case PathKind.Directory:
                    return new ReadResult(null, InputProblems.Unreadable(new UnauthorizedAccessException("it is a folder")));
                case PathKind.Special:
                    return new ReadResult(null, InputProblems.NotARegularFile());
            }

            var length = this.fileSystem.Length(file.FullPath);
            if (length > max)
            {
                return new ReadResult(null, InputProblems.TooLarge(length, max));
            }

            var bytes = this.fileSystem.Read(file.FullPath, max + 1);
            return bytes.LongLength > max ? new ReadResult(null, InputProblems.TooLarge(null, max)) : new ReadResult(bytes, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ReadResult(null, InputProblems.Unreadable(ex));
        }
    }

    /// <summary>Reads a file as data: its objects (List items expanded), and every problem that kept it from being read.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The objects and problems; never throws for a bad file.</returns>
    public ObjectsResult ReadObjects(SourceFile file) => this.ParseObjects(file, this.Read(file));

    /// <summary>Parses bytes already read (a git revision's version of a file) as data.</summary>
    /// <param name="file">The file the objects are said to come from.</param>
    /// <param name="read">The bytes or the problem.</param>
    /// <returns>The objects and problems; never throws for a bad file.</returns>
    public ObjectsResult ParseObjects(SourceFile file, ReadResult read)
    {
        var objects = new List<ManifestObject>();
        var problems = new List<InputProblem>();
        if (read.Problem is not null || read.Bytes is null)
        {
            problems.Add(read.Problem ?? InputProblems.Missing());
            return new ObjectsResult(file, objects, problems);
        }

        if (!TextDecoder.TryDecode(read.Bytes, out var text, out var notText))
        {
            problems.Add(notText!);
            return new ObjectsResult(file, objects, problems);
        }

        try
        {
            foreach (var doc in YamlManifestReader.ReadDocuments(file.DisplayName, text, this.Limits))
            {
                problems.AddRange(doc.Problems);
                objects.AddRange(doc.Objects);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            problems.Add(InputProblems.ReadFailed(ex));
        }

        return new ObjectsResult(file, objects, problems);
    }

    /// <summary>Finds the chart folder when a path lies in the <c>templates/</c> folder of a Helm chart (beside a <c>Chart.yaml</c>).</summary>
    /// <param name="fullPath">The path.</param>
    /// <param name="fileSystem">The file system.</param>
    /// <returns>The chart folder, or null.</returns>
    public static string? HelmChartOf(string fullPath, IHostFileSystem fileSystem)
    {
        for (var dir = Path.GetDirectoryName(fullPath); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (string.Equals(Path.GetFileName(dir), "templates", StringComparison.Ordinal)
                && Path.GetDirectoryName(dir) is { Length: > 0 } chart
                && fileSystem.Probe(Path.Combine(chart, "Chart.yaml")) == PathKind.File)
            {
                return chart;
            }
        }

        return null;
    }

    // The bytes of standard input, decoded later exactly as a file's are (BOMs, UTF-16/32, invalid UTF-8 located): never more
    // than the limit is read, so an endless stream (`yes | daemonlint validate -`) ends at the limit.
    private static ReadResult ReadStdin(Stream? stdin, long max)
    {
        if (stdin is null)
        {
            return new ReadResult(null, InputProblems.StdinClosed());
        }

        try
        {
            var cap = (int)Math.Min(max + 1, int.MaxValue - 64);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while (buffer.Length < cap && (n = stdin.Read(chunk, 0, (int)Math.Min(chunk.Length, cap - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, n);
            }

            return buffer.Length > max ? new ReadResult(null, InputProblems.TooLarge(null, max)) : new ReadResult(buffer.ToArray(), null);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException or NotSupportedException)
        {
            return new ReadResult(null, InputProblems.Unreadable(ex));
        }
    }

    private void AddChartNotice(InputSet set, HashSet<string> charts, string chart)
    {
        if (charts.Add(chart))
        {
            var name = HostText.Name(this.DisplayName(chart));
            set.Notices.Add($"{name}/templates: skipped, a Helm chart's templates are not YAML until rendered; validate the rendered output instead: helm template {name} | daemonlint validate -");
        }
    }

    // Depth first, in ordinal order, without following links to folders (a link cycle cannot loop, a linked tree is not read twice),
    // skipping hidden folders, node_modules, bin, obj and the templates/ of Helm charts.
    private List<string> Walk(string root, InputSet set, HashSet<string> charts, WalkProgress progress, out bool sawChart)
    {
        sawChart = false;
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            List<FolderEntry> entries;
            try
            {
                entries = new List<FolderEntry>(this.fileSystem.List(dir));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                continue;
            }

            var isChart = entries.Exists(e => e.Kind == PathKind.File && string.Equals(Path.GetFileName(e.FullPath), "Chart.yaml", StringComparison.Ordinal));
            foreach (var e in entries)
            {
                var name = Path.GetFileName(e.FullPath);
                if (e.Kind == PathKind.Directory)
                {
                    if (e.IsLink || name.StartsWith(".", StringComparison.Ordinal) || name is "node_modules" or "bin" or "obj")
                    {
                        continue;
                    }

                    if (isChart && name == "templates")
                    {
                        sawChart = true;
                        this.AddChartNotice(set, charts, dir);
                        continue;
                    }

                    pending.Push(e.FullPath);
                }
                else if (IsManifestName(name))
                {
                    files.Add(e.FullPath);
                    progress.Found(e.Length);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    // What the folder walks of one expansion have found so far, for Expand's caller.
    private sealed class WalkProgress
    {
        private readonly Action<int, long>? walking;
        private int files;
        private long bytes;

        public WalkProgress(Action<int, long>? walking) => this.walking = walking;

        public void Found(long length)
        {
            if (this.walking is null)
            {
                return;
            }

            this.files++;
            this.bytes += Math.Max(0, length);
            this.walking(this.files, this.bytes);
        }
    }
}
