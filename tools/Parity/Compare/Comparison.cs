using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DaemonLint.Model;
using DaemonLint.Parity.Oracle;

namespace DaemonLint.Parity.Compare;

/// <summary>The item types that are not <c>field.ErrorType</c>s.</summary>
internal static class ItemType
{
    /// <summary>A failure to decode (wrong type, bad quantity, removed apiVersion...): the server stops before validation.</summary>
    public const string Decode = "Decode";

    /// <summary>A strict-decoding unknown field.</summary>
    public const string UnknownField = "UnknownField";

    /// <summary>A strict-decoding duplicate field (a YAML mapping key written twice).</summary>
    public const string DuplicateField = "DuplicateField";

    /// <summary>A non-validation rejection of the registry (conflict, namespace mismatch).</summary>
    public const string Request = "Request";

    /// <summary>A core error finding of a rule outside the comparable families (the type is <c>Rule:DSxxxx</c>).</summary>
    public const string RulePrefix = "Rule:";
}

/// <summary>One reason to reject: a (field path, type) pair with what each side said.</summary>
/// <param name="Path">The field path as the tool printed it (<c>spec.template.spec.containers[0].name</c>).</param>
/// <param name="Type">The error type without the <c>FieldValue</c> prefix (<c>Invalid</c>), or an <see cref="ItemType"/>.</param>
/// <param name="Message">The message.</param>
/// <param name="RuleId">The core rule id (core items).</param>
internal sealed record Item(string Path, string Type, string Message, string? RuleId = null)
{
    /// <summary>Gets the comparison key.</summary>
    public string Key => this.Type + "\u0001" + this.Path;
}

/// <summary>The verdict categories of a compared document.</summary>
internal enum Category
{
    /// <summary>Same verdict, same (path, type) set.</summary>
    Agree,

    /// <summary>The oracle rejects, the core accepts: a missed error.</summary>
    Missed,

    /// <summary>The core rejects, the oracle accepts: a false error.</summary>
    False,

    /// <summary>Both reject, with different (path, type) sets.</summary>
    Different,

    /// <summary>Differences, but every one of them is a cited known difference.</summary>
    Known,
}

/// <summary>The comparison of one document.</summary>
internal sealed class DocComparison
{
    /// <summary>Gets the oracle's items.</summary>
    public List<Item> Oracle { get; } = new();

    /// <summary>Gets the core's items.</summary>
    public List<Item> Core { get; } = new();

    /// <summary>Gets the oracle items the core did not report (known differences excluded).</summary>
    public List<Item> OracleOnly { get; } = new();

    /// <summary>Gets the core items the oracle did not report (known differences excluded).</summary>
    public List<Item> CoreOnly { get; } = new();

    /// <summary>Gets the unmatched items that a known difference explains.</summary>
    public List<(Item Item, string Side, KnownDifference Known)> Known { get; } = new();

    /// <summary>Gets or sets the category.</summary>
    public Category Category { get; set; }

    /// <summary>Gets or sets a value indicating whether the oracle rejects.</summary>
    public bool OracleRejects { get; set; }

    /// <summary>Gets or sets a value indicating whether the core rejects.</summary>
    public bool CoreRejects { get; set; }

    /// <summary>Gets a value indicating whether this is a disagreement.</summary>
    public bool Disagrees => this.Category is Category.Missed or Category.False or Category.Different;
}

/// <summary>
/// Compares the oracle's and the core's answers for one document. What "agree" means:
/// <list type="bullet">
/// <item>Verdict: the oracle rejects when it reports a decode or request error, <c>valid: false</c>, or any strict
/// error (kubectl's default <c>--validate=strict</c>); the core rejects when it reports any error-severity finding.</item>
/// <item>Validation errors: the set of (field, type) of the oracle's <c>errors</c> (deduplicated: an update reports
/// every spec error twice) equals the set of (path, kind) of the core's DS1xxx error findings.</item>
/// <item>Decoding: after a decode error the server runs no validation, so only the core's decode-class findings
/// (DS2002–DS2005, DS6001, DS1020, DS1021, DS9001, and DS1330 for the apps/v1 conversion of the template-generation
/// annotation) are compared: the core must report one, at the oracle's field when
/// the oracle names one (the Go decoder's path has no indices, so indices and keys are stripped on both sides).</item>
/// <item>Strict errors: each <c>unknown field "X"</c> is a DS2001 error at X; each duplicate key is a DS9004 error for
/// that key (the oracle gives a key and a line, not a path).</item>
/// <item>Any other core error (DS3xxx–DS5xxx, DS9xxx) is a false error: by the severity principle only what the
/// server rejects may be an error.</item>
/// </list>
/// </summary>
internal static class Comparer
{
    private static readonly Regex GoField = new(@"Go struct field [A-Za-z0-9_]+\.(?<path>[^ ]+) of type", RegexOptions.CultureInvariant);
    private static readonly Regex UnknownField = new("^unknown field \"(?<path>.*)\"$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex DuplicateFieldJson = new("^duplicate field \"(?<path>.*)\"$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex DuplicateKeyYaml = new("key \"(?<key>(?:[^\"\\\\]|\\\\.)*)\" already set in map", RegexOptions.CultureInvariant);
    private static readonly Regex CoreDuplicateKey = new("mapping key \"(?<key>(?:[^\"\\\\]|\\\\.)*)\" already defined", RegexOptions.CultureInvariant);

    private static readonly Regex PerContainerAnnotation = new(@"(container\.(?:seccomp\.security\.alpha|apparmor\.security\.beta)\.kubernetes\.io/)[^\].]+", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> DecodeRules = new(StringComparer.Ordinal)
    {
        "DS2002", "DS2003", "DS2004", "DS2005", "DS6001", "DS1020", "DS1021", "DS9001", "DS1330",
    };

    // Registry refusals that are not validation errors: the oracle reports them as its requestError (path "").
    private static readonly HashSet<string> RequestRules = new(StringComparer.Ordinal)
    {
        "DS1025", // resourceVersion set on create (the storage layer; the oracle does not model it: known-differences.json)
        "DS1026", // resourceVersion conflict on update (Store.Update)
    };

    /// <summary>The oracle's items for a result (null: the oracle skipped the document).</summary>
    public static List<Item> OracleItems(OracleResult? r)
    {
        var items = new List<Item>();
        if (r is null)
        {
            return items;
        }

        if (!string.IsNullOrEmpty(r.DecodeError))
        {
            var m = GoField.Match(r.DecodeError);
            items.Add(new Item(m.Success ? m.Groups["path"].Value : string.Empty, ItemType.Decode, r.DecodeError));
        }

        if (!string.IsNullOrEmpty(r.RequestError))
        {
            items.Add(new Item(string.Empty, ItemType.Request, r.RequestError));
        }

        foreach (var s in r.StrictErrors ?? new List<string>())
        {
            if (UnknownField.Match(s) is { Success: true } u)
            {
                items.Add(new Item(u.Groups["path"].Value, ItemType.UnknownField, s));
            }
            else if (DuplicateFieldJson.Match(s) is { Success: true } df)
            {
                items.Add(new Item(df.Groups["path"].Value, ItemType.DuplicateField, s));
            }
            else
            {
                var any = false;
                foreach (Match k in DuplicateKeyYaml.Matches(s))
                {
                    items.Add(new Item($"(key {k.Groups["key"].Value})", ItemType.DuplicateField, s));
                    any = true;
                }

                if (!any)
                {
                    items.Add(new Item(string.Empty, ItemType.DuplicateField, s));
                }
            }
        }

        foreach (var e in r.Errors ?? new List<OracleError>())
        {
            items.Add(new Item(e.Field, TypeName(e.Type), e.Message));
        }

        return Dedupe(items);
    }

    /// <summary>The core's items (error-severity findings only).</summary>
    public static List<Item> CoreItems(IEnumerable<Finding> findings)
    {
        var items = new List<Item>();
        foreach (var f in findings)
        {
            if (f.Severity != Severity.Error)
            {
                continue;
            }

            var path = f.Path?.ToString() ?? string.Empty;
            var message = f.Message;
            if (DecodeRules.Contains(f.RuleId))
            {
                items.Add(new Item(path, ItemType.Decode, message, f.RuleId));
            }
            else if (RequestRules.Contains(f.RuleId))
            {
                items.Add(new Item(string.Empty, ItemType.Request, message, f.RuleId));
            }
            else if (f.RuleId == "DS2001")
            {
                items.Add(new Item(path, ItemType.UnknownField, message, f.RuleId));
            }
            else if (f.RuleId == "DS9004")
            {
                var k = CoreDuplicateKey.Match(message);
                items.Add(new Item(k.Success ? $"(key {k.Groups["key"].Value})" : string.Empty, ItemType.DuplicateField, message, f.RuleId));
            }
            else if (f.RuleId.StartsWith("DS1", StringComparison.Ordinal))
            {
                items.Add(new Item(path, f.Kind.ToString(), message, f.RuleId));
            }
            else
            {
                items.Add(new Item(path, ItemType.RulePrefix + f.RuleId, message, f.RuleId));
            }
        }

        return Dedupe(items);
    }

    /// <summary>Compares one document.</summary>
    /// <param name="oracle">The oracle's result (null: skipped).</param>
    /// <param name="coreFindings">The core's findings.</param>
    /// <param name="known">The known differences in force.</param>
    /// <param name="valueAt">The document's value at a concrete path, for known differences that look at it.</param>
    public static DocComparison Compare(OracleResult? oracle, IEnumerable<Finding> coreFindings, KnownDifferences known, Func<string, string?>? valueAt = null)
    {
        var c = new DocComparison();
        c.Oracle.AddRange(OracleItems(oracle));
        c.Core.AddRange(CoreItems(coreFindings));
        c.OracleRejects = oracle?.Rejects ?? false;
        c.CoreRejects = c.Core.Count > 0;

        var oracleDecode = c.Oracle.FirstOrDefault(i => i.Type == ItemType.Decode);
        var coreDecode = c.Core.Where(i => i.Type == ItemType.Decode).ToList();
        List<Item> oItems;
        List<Item> cItems;
        if (oracleDecode is not null)
        {
            // The server stopped at decoding: compare decoding, and strict errors (reported with it), nothing else.
            oItems = c.Oracle.Where(i => i.Type != ItemType.Decode).ToList();
            cItems = c.Core.Where(i => i.Type is ItemType.UnknownField or ItemType.DuplicateField or ItemType.Request).ToList();
            var matched = oracleDecode.Path.Length == 0
                ? coreDecode.Count > 0
                : coreDecode.Any(d => StripIndices(d.Path) == oracleDecode.Path);
            if (!matched)
            {
                oItems.Add(oracleDecode);
                cItems.AddRange(coreDecode);
            }
        }
        else
        {
            oItems = c.Oracle.ToList();
            cItems = c.Core.ToList();
        }

        var oKeys = new HashSet<string>(oItems.Select(i => i.Key), StringComparer.Ordinal);
        var cKeys = new HashSet<string>(cItems.Select(i => i.Key), StringComparer.Ordinal);
        var oracleOnly = oItems.Where(i => !cKeys.Contains(i.Key)).ToList();
        var coreOnly = cItems.Where(i => !oKeys.Contains(i.Key)).ToList();

        foreach (var i in oracleOnly)
        {
            if (known.Match(i, "oracle", valueAt) is { } k)
            {
                c.Known.Add((i, "oracle", k));
            }
            else
            {
                c.OracleOnly.Add(i);
            }
        }

        foreach (var i in coreOnly)
        {
            if (known.Match(i, "core", valueAt) is { } k)
            {
                c.Known.Add((i, "core", k));
            }
            else
            {
                c.CoreOnly.Add(i);
            }
        }

        var knownOracle = new HashSet<string>(c.Known.Where(k => k.Side == "oracle").Select(k => k.Item.Key), StringComparer.Ordinal);
        var knownCore = new HashSet<string>(c.Known.Where(k => k.Side == "core").Select(k => k.Item.Key), StringComparer.Ordinal);
        var oEffective = c.OracleRejects && c.Oracle.Any(i => !knownOracle.Contains(i.Key));
        var cEffective = c.CoreRejects && c.Core.Any(i => !knownCore.Contains(i.Key));
        if (c.OracleOnly.Count == 0 && c.CoreOnly.Count == 0)
        {
            c.Category = c.Known.Count > 0 ? Category.Known : Category.Agree;
        }
        else if (oEffective && !cEffective)
        {
            c.Category = Category.Missed;
        }
        else if (cEffective && !oEffective)
        {
            c.Category = Category.False;
        }
        else
        {
            c.Category = Category.Different;
        }

        return c;
    }

    /// <summary>The error type without its <c>FieldValue</c> prefix (<c>FieldValueInvalid</c> → <c>Invalid</c>).</summary>
    public static string TypeName(string type) => type.StartsWith("FieldValue", StringComparison.Ordinal) ? type.Substring("FieldValue".Length) : type;

    /// <summary>A path with list indices and map keys removed (<c>a[0].b[x]</c> → <c>a.b</c>), as Go's decoder prints paths.</summary>
    public static string StripIndices(string path)
    {
        var sb = new StringBuilder(path.Length);
        var depth = 0;
        foreach (var ch in path)
        {
            if (ch == '[')
            {
                depth++;
            }
            else if (ch == ']' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// A path with list indices and map keys replaced by <c>[*]</c>, for grouping; well-known keys (those of the
    /// <c>kubernetes.io</c> and <c>k8s.io</c> domains, such as the seccomp, AppArmor and pod-deletion-cost annotations)
    /// are kept because they select their own validation.
    /// </summary>
    public static string Normalize(string path)
    {
        if (path.StartsWith("(key ", StringComparison.Ordinal))
        {
            return "(duplicate key)";
        }

        var sb = new StringBuilder(path.Length);
        var i = 0;
        while (i < path.Length)
        {
            var ch = path[i];
            if (ch != '[')
            {
                sb.Append(ch);
                i++;
                continue;
            }

            var end = path.IndexOf(']', i);
            if (end < 0)
            {
                sb.Append(path, i, path.Length - i);
                break;
            }

            var key = path.Substring(i + 1, end - i - 1);
            sb.Append(key.Contains("kubernetes.io", StringComparison.Ordinal) || key.Contains("k8s.io", StringComparison.Ordinal) ? "[" + key + "]" : "[*]");
            i = end + 1;
        }

        // Per-container annotation keys also appear in plain field paths (spec.template.annotations.container.seccomp...
        // /NAME): the container name is not part of the group.
        return PerContainerAnnotation.Replace(sb.ToString(), "$1*");
    }

    private static List<Item> Dedupe(List<Item> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return items.Where(i => seen.Add(i.Key)).ToList();
    }
}
