using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DaemonLint.Catalog;
using DaemonLint.Cli.Commands;
using DaemonLint.Model;

namespace DaemonLint.Cli.Output;

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning reads it: the rules that have results, each with its help; results with relative
/// URIs under <c>%SRCROOT%</c>, exact regions, and fingerprints that do not depend on line numbers; the run's category in
/// <c>automationDetails.id</c>, so that several uploads for one commit (one per folder or per tool) stay apart. A result's
/// message is the finding's short text; its hint is the result property <c>hint</c>.
/// </summary>
public sealed class SarifFormatter : IOutputFormatter
{
    /// <summary>Gets the category written as <c>runs[0].automationDetails.id</c> (a '/' is added when it does not end with one).</summary>
    public string Category { get; init; } = OutputOptions.DefaultSarifCategory;

    /// <summary>Makes a category the id GitHub reads: the category, ending with '/' (what follows the last '/' is a run id).</summary>
    /// <param name="category">The category.</param>
    /// <returns>The id.</returns>
    public static string AutomationId(string category) => category.EndsWith("/", StringComparison.Ordinal) ? category : category + "/";

    /// <summary>The schema the log declares.</summary>
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The base id the artifact URIs are relative to.</summary>
    public const string SourceRootId = "%SRCROOT%";

    /// <summary>The uri of findings read from standard input.</summary>
    public const string StdinUri = "stdin";

    /// <summary>The key of the line-independent fingerprint in <c>partialFingerprints</c>.</summary>
    public const string FingerprintKey = "daemonlintFinding/v1";

    /// <summary>The project's home page.</summary>
    public const string InformationUri = "https://github.com/daemonlint/daemonlint";

    /// <summary>Gets the tool version written as <c>semanticVersion</c>.</summary>
    public static string ToolVersion => typeof(SarifFormatter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Maps a severity to a SARIF level.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns><c>error</c>, <c>warning</c>, <c>note</c> or <c>none</c>.</returns>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "note",
        _ => "none",
    };

    /// <summary>Derives the SARIF rule name (PascalCase, letters and digits) from a rule title.</summary>
    /// <param name="title">The title, e.g. "Pod restartPolicy must be Always".</param>
    /// <returns>The name, e.g. "PodRestartPolicyMustBeAlways".</returns>
    public static string RuleName(string title)
    {
        var sb = new StringBuilder(title.Length);
        var upper = true;
        foreach (var c in title)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Makes the artifact URI of a file: relative to the base directory ('/' separated, percent-escaped) when the file
    /// is below it, an absolute <c>file:</c> URI otherwise, <see cref="StdinUri"/> for standard input.
    /// </summary>
    /// <param name="file">The file as findings name it.</param>
    /// <param name="baseDirectory">The run's base directory.</param>
    /// <param name="relative">Whether the URI is relative to <see cref="SourceRootId"/>.</param>
    /// <returns>The URI.</returns>
    public static string ArtifactUri(string? file, string baseDirectory, out bool relative)
    {
        relative = false;
        if (file is null || file == "<stdin>")
        {
            return StdinUri;
        }

        var full = Path.GetFullPath(Path.IsPathRooted(file) ? file : Path.Combine(baseDirectory, file));
        var rel = Path.GetRelativePath(baseDirectory, full);
        if (Path.IsPathRooted(rel) || rel == ".." || rel.StartsWith("../", StringComparison.Ordinal) || rel.StartsWith("..\\", StringComparison.Ordinal))
        {
            return new Uri(full).AbsoluteUri;
        }

        relative = true;
        var parts = rel.Replace('\\', '/').Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Uri.EscapeDataString(parts[i]);
        }

        return string.Join("/", parts);
    }

    /// <summary>Makes the <c>file:</c> URI of a directory, ending with '/' as SARIF requires of a base URI.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>The URI.</returns>
    public static string DirectoryUri(string directory)
    {
        var full = Path.GetFullPath(string.IsNullOrEmpty(directory) ? "." : directory);
        var uri = new Uri(full).AbsoluteUri;
        return uri.EndsWith("/", StringComparison.Ordinal) ? uri : uri + "/";
    }

    /// <summary>
    /// The line-independent identity of a finding: rule id, artifact URI, field path and object (group/kind,
    /// namespace, name), hashed. Editing other lines, or moving the object within the file, keeps it.
    /// </summary>
    /// <param name="f">The finding.</param>
    /// <param name="uri">The finding's artifact URI.</param>
    /// <returns>The identity text before hashing.</returns>
    public static string FingerprintSource(Finding f, string uri)
    {
        var o = f.Object;
        return string.Join(
            "\u001f",
            f.RuleId,
            uri,
            f.Path?.ToString() ?? string.Empty,
            f.LocationPath?.ToString() ?? string.Empty,
            GroupOf(o?.ApiVersion),
            o?.Kind ?? string.Empty,
            string.IsNullOrEmpty(o?.Namespace) ? string.Empty : o!.Namespace,
            o?.Name ?? string.Empty);
    }

    /// <inheritdoc />
    public void Write(ValidationRun run, TextWriter writer) => Write(run, writer, RuleCatalog.All, this.Category);

    /// <summary>Writes the run with a given rule table (tests use a table with rules the catalog lacks).</summary>
    /// <param name="run">The run.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="catalog">The rules that may be described.</param>
    /// <param name="category">The run's category.</param>
    internal static void Write(ValidationRun run, TextWriter writer, IReadOnlyList<RuleDescriptor> catalog, string category = OutputOptions.DefaultSarifCategory)
    {
        // Only the rules that have results are described (with their help): the full catalog made a log of 221 KB for 5 results.
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in run.Findings)
        {
            used.Add(f.RuleId);
        }

        var rules = new List<RuleDescriptor>();
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in catalog)
        {
            if (used.Contains(r.Id) && !ruleIndex.ContainsKey(r.Id))
            {
                ruleIndex[r.Id] = rules.Count;
                rules.Add(r);
            }
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonFormatter.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUri);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartObject("automationDetails");
            w.WriteString("id", AutomationId(category));
            w.WriteEndObject();

            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "DaemonLint");
            w.WriteString("semanticVersion", ToolVersion);
            w.WriteString("informationUri", InformationUri);
            w.WriteStartArray("rules");
            foreach (var r in rules)
            {
                WriteRule(w, r);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            var baseUri = DirectoryUri(run.BaseDirectory);
            w.WriteStartObject("originalUriBaseIds");
            w.WriteStartObject(SourceRootId);
            w.WriteString("uri", baseUri);
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("invocations");
            w.WriteStartObject();
            w.WriteBoolean("executionSuccessful", run.ExecutionSuccessful);
            w.WriteStartObject("workingDirectory");
            w.WriteString("uri", baseUri);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteString("columnKind", "utf16CodeUnits");

            w.WriteStartArray("results");
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var f in run.Findings)
            {
                WriteResult(w, f, run.BaseDirectory, ruleIndex, seen);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.WriteLine();
    }

    private static void WriteRule(Utf8JsonWriter w, RuleDescriptor r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("name", RuleName(r.Title));
        WriteText(w, "shortDescription", r.Title);
        WriteText(w, "fullDescription", r.Description);
        w.WriteStartObject("help");
        w.WriteString("text", $"{r.Title}. {r.Description} See {r.HelpUri}");
        w.WriteString("markdown", HelpMarkdown(r));
        w.WriteEndObject();
        w.WriteString("helpUri", r.HelpUri);
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", r.EnabledByDefault ? Level(r.DefaultSeverity) : "none");
        if (!r.EnabledByDefault)
        {
            w.WriteBoolean("enabled", false);
        }

        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteStartArray("tags");
        w.WriteStringValue(r.CategoryName);
        w.WriteStringValue("kubernetes");
        w.WriteStringValue("daemonset");
        if (r.Category == RuleCategory.Security)
        {
            w.WriteStringValue("security");
        }

        w.WriteEndArray();
        w.WriteString("category", r.CategoryName);
        w.WriteString("precision", "very-high");
        w.WriteString("problem.severity", r.DefaultSeverity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "recommendation",
        });
        if (r.Upstream is not null)
        {
            w.WriteString("upstream", r.Upstream);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string HelpMarkdown(RuleDescriptor r)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(r.Id).Append(": ").Append(r.Title).Append("**\n\n");
        sb.Append(r.Description).Append("\n\n");
        if (r.Upstream is not null)
        {
            sb.Append("Mirrors Kubernetes `").Append(r.Upstream).Append("`.\n\n");
        }

        sb.Append("[Rule documentation](").Append(r.HelpUri).Append(')');
        return sb.ToString();
    }

    private static void WriteResult(Utf8JsonWriter w, Finding f, string baseDirectory, Dictionary<string, int> ruleIndex, Dictionary<string, int> seen)
    {
        var uri = ArtifactUri(f.File, baseDirectory, out var relative);
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        if (ruleIndex.TryGetValue(f.RuleId, out var index))
        {
            w.WriteNumber("ruleIndex", index);
        }

        w.WriteString("level", Level(f.Severity));
        w.WriteStartObject("message");
        w.WriteString("text", Hosting.FindingText.Message(f));
        w.WriteEndObject();

        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", uri);
        if (relative)
        {
            w.WriteString("uriBaseId", SourceRootId);
        }

        w.WriteEndObject();
        if (f.Span.IsKnown)
        {
            WriteRegion(w, f.Span);
        }

        w.WriteEndObject();
        if (f.Path is not null)
        {
            w.WriteStartArray("logicalLocations");
            w.WriteStartObject();
            w.WriteString("name", f.Path.ToString());
            w.WriteString("fullyQualifiedName", f.Object is { } o ? $"{o.Kind}/{o.DisplayName}/{f.Path}" : f.Path.ToString());
            w.WriteString("kind", "property");
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndArray();

        // Identical keys (two syntax errors in one file) get an occurrence number, so each fingerprint stays unique.
        var key = FingerprintSource(f, uri);
        seen.TryGetValue(key, out var occurrence);
        seen[key] = occurrence + 1;
        w.WriteStartObject("partialFingerprints");
        w.WriteString(FingerprintKey, Hash(key) + ":" + (occurrence + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndObject();

        w.WriteStartObject("properties");
        w.WriteString("kind", f.Kind.ToString());
        if (f.Path is not null)
        {
            w.WriteString("fieldPath", f.Path.ToString());
            w.WriteString("jsonPointer", f.Path.ToJsonPointer());
        }

        if (f.BadValue is not null)
        {
            w.WriteString("badValue", f.BadValue);
        }

        if (f.Hint is not null)
        {
            w.WriteString("hint", f.Hint);
        }

        if (f.WhenApiVersion is not null)
        {
            w.WriteString("whenApiVersion", f.WhenApiVersion);
        }

        if (f.Object is { } obj)
        {
            w.WriteStartObject("object");
            WriteNullable(w, "apiVersion", obj.ApiVersion);
            WriteNullable(w, "kind", obj.Kind);
            WriteNullable(w, "namespace", obj.Namespace);
            WriteNullable(w, "name", obj.Name);
            w.WriteNumber("document", obj.Document);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteRegion(Utf8JsonWriter w, SourceSpan span)
    {
        w.WriteStartObject("region");
        w.WriteNumber("startLine", span.Start.Line);
        w.WriteNumber("startColumn", span.Start.Column);

        // An empty span (a point) leaves the end out, so viewers mark the rest of the line rather than nothing.
        var end = span.End;
        var hasEnd = end.Line > span.Start.Line || (end.Line == span.Start.Line && end.Column > span.Start.Column);
        if (hasEnd)
        {
            w.WriteNumber("endLine", end.Line);
            w.WriteNumber("endColumn", end.Column);
        }

        w.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string GroupOf(string? apiVersion)
    {
        var slash = apiVersion?.IndexOf('/') ?? -1;
        return slash < 0 ? string.Empty : apiVersion!.Substring(0, slash);
    }

    private static string Hash(string text)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(digest, 0, 16);
    }
}
