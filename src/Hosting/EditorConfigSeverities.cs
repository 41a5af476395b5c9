using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using DaemonLint.Model;

namespace DaemonLint.Hosting;

/// <summary>
/// Rule severities from <c>.editorconfig</c> files (<c>dotnet_diagnostic.DSxxxx.severity = none|silent|suggestion|warning|error</c>),
/// applied to the files under each <c>.editorconfig</c> exactly as the compiler applies them to C# files: the files are found from a
/// file's folder up to the file-system root, stopping at one that says <c>root = true</c>, and the sections are matched by
/// Microsoft.CodeAnalysis's own <c>AnalyzerConfigSet</c>.
/// </summary>
/// <remarks>
/// Microsoft.CodeAnalysis.dll is loaded only when an <c>.editorconfig</c> file that applies holds a <c>dotnet_diagnostic</c> key
/// outside its comments, so a host that runs where there is none (or only style options) never loads it. Instances cache per
/// folder and per file; they are not meant to live longer than one run (edits to an <c>.editorconfig</c> after the first lookup
/// are not seen).
/// </remarks>
public sealed class EditorConfigSeverities
{
    /// <summary>The file name looked for.</summary>
    public const string FileName = ".editorconfig";

    private readonly object gate = new();
    private readonly string baseDirectory;
    private readonly Func<string, string?> readFile;
    private readonly Dictionary<string, IReadOnlyList<string>> filesByFolder = new(PathComparer);
    private readonly Dictionary<string, object?> setsByFolder = new(PathComparer);
    private readonly Dictionary<string, IReadOnlyDictionary<string, Severity>> severitiesByFile = new(PathComparer);

    /// <summary>Initializes a new instance of the <see cref="EditorConfigSeverities"/> class.</summary>
    /// <param name="baseDirectory">The folder relative file names are resolved against (the current directory of the host).</param>
    public EditorConfigSeverities(string baseDirectory)
        : this(baseDirectory, ReadIfExists)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EditorConfigSeverities"/> class that reads files through a function.</summary>
    /// <param name="baseDirectory">The folder relative file names are resolved against.</param>
    /// <param name="readFile">
    /// Returns a file's text, or null when it does not exist (an analyzer gives the texts the compiler handed it; no file is opened).
    /// </param>
    public EditorConfigSeverities(string baseDirectory, Func<string, string?> readFile)
    {
        this.baseDirectory = Path.GetFullPath(baseDirectory);
        this.readFile = readFile;
    }

    private static StringComparer PathComparer =>
        Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Gets the override for <c>ValidatorOptions.SeverityOverride</c>.</summary>
    /// <returns>A function of rule id and file that returns the configured severity, or null for the catalog default.</returns>
    public Func<string, string?, Severity?> AsOverride() => this.GetSeverity;

    /// <summary>Gets the severity configured for a rule in a file.</summary>
    /// <param name="ruleId">The rule id (<c>DS1002</c>).</param>
    /// <param name="file">The file (absolute, or relative to the base folder); null means standard input, read as a file of the base folder.</param>
    /// <returns>The severity (<see cref="Severity.None"/> for none and silent), or null when no <c>.editorconfig</c> sets it.</returns>
    public Severity? GetSeverity(string ruleId, string? file)
    {
        // The validator asks once per rule and object, always with the same file name instance while it validates a file:
        // remember the last answer per thread, so that the path is not normalized and looked up a hundred times an object.
        var last = lastLookup;
        IReadOnlyDictionary<string, Severity> map;
        if (last is not null && ReferenceEquals(last.Owner, this) && ReferenceEquals(last.File, file) && file is not null)
        {
            map = last.Map;
        }
        else
        {
            map = this.SeveritiesFor(file);
            lastLookup = new LastLookup(this, file, map);
        }

        return map.Count != 0 && map.TryGetValue(ruleId, out var s) ? s : null;
    }

    /// <summary>Gets every rule severity configured for a file.</summary>
    /// <param name="file">The file (absolute, or relative to the base folder); null means standard input.</param>
    /// <returns>The rule ids set by the <c>.editorconfig</c> files that apply, with their severities.</returns>
    public IReadOnlyDictionary<string, Severity> SeveritiesFor(string? file)
    {
        string path;
        try
        {
            path = this.FullPathOf(file);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // Not a path (a display name such as "<stdin>" on Windows): read it as standard input.
            path = this.FullPathOf(null);
        }

        lock (this.gate)
        {
            if (this.severitiesByFile.TryGetValue(path, out var cached))
            {
                return cached;
            }

            var folder = Path.GetDirectoryName(path) ?? path;
            IReadOnlyDictionary<string, Severity> result;
            var set = this.SetFor(folder);
            result = set is null ? Empty : RoslynEditorConfig.Severities(set, path);
            if (result.Count == 0)
            {
                result = Empty; // one instance for every file that sets none: the validator shares their rule plan
            }

            this.severitiesByFile[path] = result;
            return result;
        }
    }

    /// <summary>Finds the <c>.editorconfig</c> files that apply to the files of a folder.</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>The files, nearest first, up to and including the first that says <c>root = true</c>.</returns>
    public IReadOnlyList<string> FindFiles(string folder)
    {
        lock (this.gate)
        {
            return this.FilesFor(Path.GetFullPath(Path.Combine(this.baseDirectory, folder)));
        }
    }

    private static readonly IReadOnlyDictionary<string, Severity> Empty = new Dictionary<string, Severity>();

    [ThreadStatic]
    private static LastLookup? lastLookup;

    private static string? ReadIfExists(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private string FullPathOf(string? file) =>
        Path.GetFullPath(Path.Combine(this.baseDirectory, file ?? "stdin.yaml"));

    private IReadOnlyList<string> FilesFor(string folder)
    {
        if (this.filesByFolder.TryGetValue(folder, out var cached))
        {
            return cached;
        }

        var found = new List<string>();
        var candidate = Path.Combine(folder, FileName);
        var text = this.readFile(candidate);
        var isRoot = text is not null && SaysRoot(text);
        if (text is not null)
        {
            found.Add(candidate);
        }

        var parent = Path.GetDirectoryName(folder);
        if (!isRoot && !string.IsNullOrEmpty(parent) && !PathComparer.Equals(parent, folder))
        {
            found.AddRange(this.FilesFor(parent!));
        }

        this.filesByFolder[folder] = found;
        return found;
    }

    private object? SetFor(string folder)
    {
        if (this.setsByFolder.TryGetValue(folder, out var cached))
        {
            return cached;
        }

        var files = this.FilesFor(folder);
        object? set = null;
        if (files.Count > 0)
        {
            var texts = new List<KeyValuePair<string, string>>(files.Count);
            foreach (var f in files)
            {
                var text = this.readFile(f);
                if (text is not null)
                {
                    texts.Add(new KeyValuePair<string, string>(f, text));
                }
            }

            // Roslyn's TreeOptions (all this class reads) come from keys that, lowercased as Roslyn reads them, start with
            // dotnet_diagnostic.: files without such a key set no severity, and parsing them (a repository's .editorconfig of C#
            // style options) would load and run Microsoft.CodeAnalysis for nothing (40-55 ms of a one-file run of the JIT build).
            set = texts.Count == 0 || !texts.Exists(t => MaySetSeverities(t.Value)) ? null : RoslynEditorConfig.CreateSet(texts);
            if (set is not null)
            {
                this.SetsBuilt++;
            }
        }

        this.setsByFolder[folder] = set;
        return set;
    }

    /// <summary>Gets how many times Microsoft.CodeAnalysis was asked to read <c>.editorconfig</c> files (tests).</summary>
    internal int SetsBuilt { get; private set; }

    /// <summary>
    /// Whether a file may hold a <c>dotnet_diagnostic.&lt;id&gt;.severity</c> key outside a comment. Lines are split and comments
    /// told as <c>AnalyzerConfig.Parse</c> does (every Unicode line break; <c>#</c> or <c>;</c> first after white space). Roslyn
    /// lowercases keys before it looks for the prefix; of the characters it lowercases to the prefix's, only U+0130 (İ, to
    /// <c>i</c>) is not matched by an ordinal comparison that ignores case, so a line holding it is handed to Roslyn too.
    /// </summary>
    private static bool MaySetSeverities(string text)
    {
        const string Prefix = "dotnet_diagnostic.";
        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            while (end < text.Length && text[end] is not ('\n' or '\r' or '\u0085' or '\u2028' or '\u2029'))
            {
                end++;
            }

            var first = start;
            while (first < end && char.IsWhiteSpace(text[first]))
            {
                first++;
            }

            if (first < end && text[first] is not ('#' or ';')
                && (text.IndexOf(Prefix, first, end - first, StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf('\u0130', first, end - first) >= 0))
            {
                return true;
            }

            start = end + 1;
        }

        return false;
    }

    /// <summary>
    /// Whether the preamble (the lines before the first section) says <c>root = true</c>. Only used to stop the upward
    /// search early, the same way Roslyn's <c>AnalyzerConfig.IsRootConfig</c> reads it; Roslyn parses the files themselves.
    /// </summary>
    private static bool SaysRoot(string text)
    {
        using var reader = new StringReader(text);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var t = line.Trim();
            if (t.Length == 0 || t[0] == '#' || t[0] == ';')
            {
                continue;
            }

            if (t[0] == '[')
            {
                return false;
            }

            var eq = t.IndexOf('=');
            if (eq > 0
                && string.Equals(t.Substring(0, eq).Trim(), "root", StringComparison.OrdinalIgnoreCase)
                && string.Equals(t.Substring(eq + 1).Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class LastLookup
    {
        public LastLookup(EditorConfigSeverities owner, string? file, IReadOnlyDictionary<string, Severity> map)
        {
            this.Owner = owner;
            this.File = file;
            this.Map = map;
        }

        public EditorConfigSeverities Owner { get; }

        public string? File { get; }

        public IReadOnlyDictionary<string, Severity> Map { get; }
    }

    /// <summary>Everything that touches Microsoft.CodeAnalysis, kept apart so the assembly loads only when needed.</summary>
    private static class RoslynEditorConfig
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static object CreateSet(List<KeyValuePair<string, string>> files)
        {
            var configs = new List<Microsoft.CodeAnalysis.AnalyzerConfig>(files.Count);
            foreach (var f in files)
            {
                configs.Add(Microsoft.CodeAnalysis.AnalyzerConfig.Parse(f.Value, f.Key));
            }

            return Microsoft.CodeAnalysis.AnalyzerConfigSet.Create(configs);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static IReadOnlyDictionary<string, Severity> Severities(object set, string path)
        {
            var options = ((Microsoft.CodeAnalysis.AnalyzerConfigSet)set).GetOptionsForSourcePath(path);
            var result = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in options.TreeOptions)
            {
                Severity? s = kv.Value switch
                {
                    Microsoft.CodeAnalysis.ReportDiagnostic.Error => Severity.Error,
                    Microsoft.CodeAnalysis.ReportDiagnostic.Warn => Severity.Warning,
                    Microsoft.CodeAnalysis.ReportDiagnostic.Info => Severity.Info,
                    Microsoft.CodeAnalysis.ReportDiagnostic.Hidden => Severity.None,
                    Microsoft.CodeAnalysis.ReportDiagnostic.Suppress => Severity.None,
                    _ => null,
                };
                if (s is { } value)
                {
                    result[kv.Key] = value;
                }
            }

            return result;
        }
    }
}
