using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using DaemonLint.Catalog;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Engine;

/// <summary>A <c># daemonlint-disable-line</c> or <c># daemonlint-disable-next-line</c> comment.</summary>
/// <param name="TargetLine">The 1-based line whose findings it suppresses.</param>
/// <param name="RuleIds">The rule ids (empty: every rule).</param>
/// <param name="Span">Where the comment is.</param>
public sealed record LineSuppression(int TargetLine, IReadOnlyCollection<string> RuleIds, SourceSpan Span);

/// <summary>
/// The one suppression model every host shares: the object annotation <c>daemonlint.io/ignore: "DS4003,DS5001"</c>
/// (with an optional <c>daemonlint.io/ignore-reason</c>), YAML line comments, and <c>ignore:</c> entries of a
/// <c>.daemonlint.yaml</c> file (<see cref="SuppressionConfig"/>). A suppression that suppresses nothing is reported
/// as DS9010 (info).
/// </summary>
public static class Suppressions
{
    /// <summary>The annotation that lists the rules to ignore for an object.</summary>
    public const string IgnoreAnnotation = "daemonlint.io/ignore";

    /// <summary>The annotation that says why.</summary>
    public const string IgnoreReasonAnnotation = "daemonlint.io/ignore-reason";

    private static readonly Regex Comment = new(
        @"#\s*daemonlint-disable-(?<next>next-)?line\b(?<ids>[^#\r\n]*)",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex Id = new(@"DS\d{4}", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Finds the suppression comments of a YAML text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The comments, in order.</returns>
    public static List<LineSuppression> ParseComments(string text)
    {
        var result = new List<LineSuppression>();
        if (text.IndexOf("daemonlint-disable", StringComparison.Ordinal) < 0)
        {
            return result;
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n')
            {
                continue;
            }

            AddComment(result, text.Substring(lineStart, i - lineStart), line, lineStart);
            line++;
            lineStart = i + 1;
        }

        return result;
    }

    // The comment of one line (split at '\n' only), if it has one; lineStart is the line's offset in characters.
    private static void AddComment(List<LineSuppression> result, string lineText, int line, int lineStart)
    {
        var m = Comment.Match(lineText);
        if (m.Success)
        {
            var ids = new List<string>();
            foreach (Match id in Id.Matches(m.Groups["ids"].Value))
            {
                ids.Add(id.Value);
            }

            var start = new SourcePosition(line, m.Index + 1, lineStart + m.Index);
            var end = new SourcePosition(line, m.Index + m.Length + 1, lineStart + m.Index + m.Length);
            result.Add(new LineSuppression(m.Groups["next"].Success ? line + 1 : line, ids, new SourceSpan(start, end)));
        }
    }

    // Where "daemonlint-disable" starts in bytes[from..to), or -1. The search is for its 'b', the byte of it that manifests hold
    // least often (half as often as 'd'), then the marker around it is compared: fewer stops in a file without the marker.
    private static int IndexOfMarker(byte[] bytes, int from, int to)
    {
        const string Marker = "daemonlint-disable";
        const int B = 15; // Marker[B] == 'b'
        var last = to - Marker.Length; // the last place the marker can start
        for (var i = from; i <= last; i++)
        {
            var b = Array.IndexOf(bytes, (byte)'b', i + B, last - i + 1);
            if (b < 0)
            {
                return -1;
            }

            i = b - B;
            var k = 0;
            while (k < Marker.Length && bytes[i + k] == (byte)Marker[k])
            {
                k++;
            }

            if (k == Marker.Length)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Finds the suppression comments of a UTF-8 text (<see cref="TextDecoder.TryCheckUtf8"/> passed) without decoding it
    /// whole: the same comments, lines, columns and offsets (in characters) as <see cref="ParseComments(string)"/> on the
    /// decoded text. Only the lines that hold the marker are decoded.
    /// </summary>
    /// <param name="utf8">The bytes.</param>
    /// <param name="start">The first byte of the text (after a byte order mark).</param>
    /// <returns>The comments, in order.</returns>
    internal static List<LineSuppression> ParseComments(byte[] utf8, int start)
    {
        var result = new List<LineSuppression>();
        if (IndexOfMarker(utf8, start, utf8.Length) < 0)
        {
            return result;
        }

        var line = 1;
        var lineStart = start; // in bytes
        var lineStartChars = 0; // the same place in characters of the text
        while (lineStart <= utf8.Length)
        {
            var newline = Array.IndexOf(utf8, (byte)'\n', lineStart);
            var lineEnd = newline < 0 ? utf8.Length : newline;

            // The marker is ASCII: in valid UTF-8 its bytes occur only as those characters, so a line without them has no comment.
            if (IndexOfMarker(utf8, lineStart, lineEnd) >= 0)
            {
                var lineText = Encoding.UTF8.GetString(utf8, lineStart, lineEnd - lineStart);
                AddComment(result, lineText, line, lineStartChars);
                lineStartChars += lineText.Length;
            }
            else
            {
                lineStartChars += Encoding.UTF8.GetCharCount(utf8, lineStart, lineEnd - lineStart);
            }

            if (newline < 0)
            {
                break;
            }

            lineStartChars++; // the '\n'
            line++;
            lineStart = newline + 1;
        }

        return result;
    }

    /// <summary>Removes the findings that line comments suppress, and reports the comments that suppress nothing.</summary>
    /// <param name="validator">The validator (for the DS9010 finding and its severity).</param>
    /// <param name="file">The file.</param>
    /// <param name="text">The text.</param>
    /// <param name="findings">The file's findings; filtered in place.</param>
    public static void ApplyComments(ManifestValidator validator, string? file, string text, List<Finding> findings) =>
        ApplyComments(validator, file, ParseComments(text), findings);

    /// <summary>Removes the findings that line comments suppress, and reports the comments that suppress nothing.</summary>
    /// <param name="validator">The validator (for the DS9010 finding and its severity).</param>
    /// <param name="file">The file.</param>
    /// <param name="comments">The comments of the file (<see cref="ParseComments(string)"/>).</param>
    /// <param name="findings">The file's findings; filtered in place.</param>
    internal static void ApplyComments(ManifestValidator validator, string? file, List<LineSuppression> comments, List<Finding> findings)
    {
        if (comments.Count == 0)
        {
            return;
        }

        // Comments by the line they target (at most two per line: one on it, one above it), so each finding looks at
        // its own line only, not at every comment of the file.
        var used = new bool[comments.Count];
        var byLine = new Dictionary<int, List<int>>();
        for (var i = 0; i < comments.Count; i++)
        {
            if (!byLine.TryGetValue(comments[i].TargetLine, out var onLine))
            {
                byLine[comments[i].TargetLine] = onLine = new List<int>(2);
            }

            onLine.Add(i);
        }

        findings.RemoveAll(f =>
        {
            if (!f.Span.IsKnown || !byLine.TryGetValue(f.Span.Start.Line, out var onLine))
            {
                return false;
            }

            foreach (var i in onLine)
            {
                var c = comments[i];
                if (c.RuleIds.Count == 0 || Contains(c.RuleIds, f.RuleId))
                {
                    used[i] = true;
                    return true;
                }
            }

            return false;
        });

        for (var i = 0; i < comments.Count; i++)
        {
            if (!used[i] && validator.InputFinding(file, new InputProblem(
                    RuleCatalog.DS9010_UnusedSuppression.Id,
                    $"this daemonlint-disable comment suppresses nothing on line {comments[i].TargetLine}" + (comments[i].RuleIds.Count > 0 ? $" ({string.Join(", ", comments[i].RuleIds)})" : string.Empty) + "; remove it",
                    comments[i].Span)) is { } unused)
            {
                findings.Add(unused);
            }
        }
    }

    /// <summary>Reads the ids of the ignore annotation of an object.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="ids">The ids listed (empty list when the annotation lists none).</param>
    /// <returns>Whether the object has the annotation.</returns>
    public static bool TryGetAnnotation(ManifestObject obj, out List<string> ids)
    {
        ids = new List<string>();
        if (obj.Root.Map("metadata").Map("annotations").Str(IgnoreAnnotation) is not { } value)
        {
            return false;
        }

        foreach (Match m in Id.Matches(value))
        {
            ids.Add(m.Value);
        }

        return true;
    }

    private static bool Contains(IReadOnlyCollection<string> ids, string id)
    {
        foreach (var i in ids)
        {
            if (string.Equals(i, id, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One <c>ignore:</c> entry of a <c>.daemonlint.yaml</c> file.</summary>
public sealed class IgnoreEntry
{
    /// <summary>Gets the rule ids (empty: every rule).</summary>
    public List<string> Rules { get; } = new();

    /// <summary>Gets the path globs, relative to the config file's folder (empty: every file).</summary>
    public List<string> Paths { get; } = new();

    /// <summary>Gets or sets the kind to match, or null.</summary>
    public string? Kind { get; set; }

    /// <summary>Gets or sets the namespace to match, or null.</summary>
    public string? Namespace { get; set; }

    /// <summary>Gets or sets the name to match (a glob), or null.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets why.</summary>
    public string? Reason { get; set; }

    /// <summary>Gets or sets where the entry is in the config file.</summary>
    public SourceSpan Span { get; set; }

    /// <summary>Gets how many findings the entry suppressed in this run.</summary>
    public int Uses => this.uses;

    /// <summary>Counts findings the entry suppressed elsewhere in this run (the tool's worker processes, with their own copy).</summary>
    /// <param name="uses">How many.</param>
    public void AddUses(int uses) => System.Threading.Interlocked.Add(ref this.uses, uses);

    private int uses;

    internal List<Glob> PathGlobs { get; } = new();

    internal Glob? NameGlob { get; set; }

    /// <summary>Whether the entry suppresses a finding.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="relativePath">The finding's file relative to the config folder ('/' separated), or null.</param>
    /// <param name="obj">The object, or null for file-level findings.</param>
    /// <returns>True when it matches (and counts the use).</returns>
    public bool Matches(string ruleId, string? relativePath, ObjectRef? obj)
    {
        if (this.Rules.Count > 0 && !this.Rules.Exists(r => string.Equals(r, ruleId, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (this.PathGlobs.Count > 0 && (relativePath is null || !this.PathGlobs.Exists(g => g.IsMatch(relativePath))))
        {
            return false;
        }

        if (this.Kind is not null && !string.Equals(this.Kind, obj?.Kind, StringComparison.Ordinal))
        {
            return false;
        }

        if (this.Namespace is not null && !string.Equals(this.Namespace, obj?.Namespace ?? string.Empty, StringComparison.Ordinal))
        {
            return false;
        }

        if (this.NameGlob is not null && (obj?.Name is null || !this.NameGlob.IsMatch(obj.Name)))
        {
            return false;
        }

        System.Threading.Interlocked.Increment(ref this.uses);
        return true;
    }
}

/// <summary>
/// A <c>.daemonlint.yaml</c> configuration: <c>ignore:</c> entries by rule, path glob, kind, namespace and name, for
/// files a team does not own (third-party charts) and cannot annotate.
/// <code>
/// ignore:
///   - rules: [DS5001, DS5002]
///     paths: ["vendor/**", "charts/*/templates/*.yaml"]
///     kind: DaemonSet
///     namespace: kube-system
///     name: "fluent*"
///     reason: upstream chart, tracked in OPS-123
/// </code>
/// </summary>
public sealed class SuppressionConfig
{
    /// <summary>Gets the file name conventionally used.</summary>
    public const string FileName = ".daemonlint.yaml";

    /// <summary>Gets the ignore entries.</summary>
    public List<IgnoreEntry> Ignore { get; } = new();

    /// <summary>Gets or sets the config file name as the host names it.</summary>
    public string? File { get; set; }

    /// <summary>Parses a configuration text.</summary>
    /// <param name="file">The file name.</param>
    /// <param name="text">The YAML.</param>
    /// <param name="problems">Configuration errors (DS9009), with locations.</param>
    /// <returns>The configuration (entries with errors are dropped).</returns>
    public static SuppressionConfig Parse(string? file, string text, List<InputProblem> problems)
    {
        var config = new SuppressionConfig { File = file };
        foreach (var doc in YamlManifestReader.ReadDocuments(file, text))
        {
            foreach (var p in doc.Problems)
            {
                problems.Add(p with { RuleId = RuleCatalog.DS9009_ConfigurationError.Id, Message = "invalid configuration: " + p.Message });
            }

            foreach (var obj in doc.Objects)
            {
                foreach (var e in obj.Root.Entries)
                {
                    if (e.Key != "ignore")
                    {
                        problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, $"unknown configuration key '{e.Key}' (expected: ignore)", e.KeySpan));
                        continue;
                    }

                    config.AddIgnoreEntries(e.Value, problems);
                }
            }
        }

        return config;
    }

    /// <summary>Adds the entries of an <c>ignore:</c> value (a list of mappings) read by a host's configuration reader.</summary>
    /// <param name="value">The value of the <c>ignore</c> key.</param>
    /// <param name="problems">Configuration errors (DS9009), with locations; entries with errors are dropped.</param>
    public void AddIgnoreEntries(ManifestNode value, List<InputProblem> problems)
    {
        if (value is not SequenceNode seq)
        {
            if (!value.IsNull)
            {
                problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, "ignore must be a list of entries", value.Span));
            }

            return;
        }

        foreach (var item in seq.Items)
        {
            if (ParseEntry(item, problems) is { } entry)
            {
                this.Ignore.Add(entry);
            }
        }
    }

    /// <summary>
    /// Converts a path glob (<c>**</c> any folders, <c>*</c> and <c>?</c> within a name) to a regex: the reference meaning of a
    /// glob, which <see cref="Glob"/> matches without backtracking. Never used to match: a backtracking regex takes exponential
    /// time on patterns such as <c>*a*a*a*a*b</c>.
    /// </summary>
    /// <param name="glob">The glob.</param>
    /// <returns>The anchored regex.</returns>
    public static Regex GlobToRegex(string glob)
    {
        var g = glob.Replace('\\', '/');
        if (g.StartsWith("./", StringComparison.Ordinal))
        {
            g = g.Substring(2);
        }

        var sb = new System.Text.StringBuilder("^");
        for (var i = 0; i < g.Length; i++)
        {
            var c = g[i];
            if (c == '*' && i + 1 < g.Length && g[i + 1] == '*')
            {
                var slash = i + 2 < g.Length && g[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
    }

    private static IgnoreEntry? ParseEntry(ManifestNode item, List<InputProblem> problems)
    {
        if (item is not MappingNode m)
        {
            problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, "an ignore entry must be a mapping (rules, paths, kind, namespace, name, reason)", item.Span));
            return null;
        }

        var entry = new IgnoreEntry { Span = m.Count > 0 ? m.Entries[0].KeySpan : m.Span };
        var ok = true;
        foreach (var e in m.Entries)
        {
            switch (e.Key)
            {
                case "rule":
                case "rules":
                    foreach (var s in Strings(e.Value))
                    {
                        if (!RuleCatalog.TryGet(s, out _))
                        {
                            problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, $"unknown rule id '{s}'", e.Value.Span));
                            ok = false;
                        }

                        entry.Rules.Add(s);
                    }

                    break;
                case "path":
                case "paths":
                    foreach (var s in Strings(e.Value))
                    {
                        entry.Paths.Add(s);
                        entry.PathGlobs.Add(Glob.Parse(s));
                    }

                    break;
                case "kind":
                    entry.Kind = (e.Value as ScalarNode)?.Raw;
                    break;
                case "namespace":
                    entry.Namespace = (e.Value as ScalarNode)?.Raw;
                    break;
                case "name":
                    entry.Name = (e.Value as ScalarNode)?.Raw;
                    entry.NameGlob = entry.Name is null ? null : Glob.Parse(entry.Name);
                    break;
                case "reason":
                    entry.Reason = (e.Value as ScalarNode)?.Raw;
                    break;
                default:
                    problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, $"unknown ignore key '{e.Key}' (expected: rules, paths, kind, namespace, name, reason)", e.KeySpan));
                    ok = false;
                    break;
            }
        }

        return ok ? entry : null;
    }

    private static IEnumerable<string> Strings(ManifestNode node)
    {
        switch (node)
        {
            case ScalarNode { Type: not ScalarType.Null } s:
                foreach (var part in s.Raw.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return part;
                }

                break;
            case SequenceNode seq:
                foreach (var i in seq.Items)
                {
                    if (i is ScalarNode { Type: not ScalarType.Null } si)
                    {
                        yield return si.Raw;
                    }
                }

                break;
        }
    }
}
