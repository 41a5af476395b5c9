using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Schema;

/// <summary>
/// Walks a <see cref="ManifestNode"/> tree against a compiled <see cref="SchemaNode"/> the way the API server's
/// strict decoder (YAML 1.1 → JSON → Go structs) reads it, and lists what it would reject: unknown fields, values of
/// the wrong type (YAML 1.1 booleans and numbers where strings are expected among them), integers out of range and
/// quantities that do not parse. It keeps the decoder's leniencies: null is accepted everywhere (absent), numbers
/// are quantities, int-or-string takes both, a float with an integral value is an integer (JSON prints 1.0 as 1).
/// It never reports missing required fields (the server's validation does that). Unknown values (C# front end)
/// are skipped. Paths are built only when something is reported.
/// </summary>
public sealed class SchemaValidator
{
    private static readonly Regex Rfc3339 = new(
        @"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$",
        RegexOptions.CultureInvariant);

    // One walker per thread, reused: its path stack would otherwise be allocated for every object.
    [ThreadStatic]
    private static SchemaValidator? cached;

    private readonly List<Segment> stack = new(32);
    private List<SchemaIssue> issues = new();

    private SchemaValidator()
    {
    }

    /// <summary>Validates an object against its root definition.</summary>
    /// <param name="root">The object's root mapping.</param>
    /// <param name="schema">The root definition (<see cref="SchemaSet.ForKind"/>).</param>
    /// <returns>The issues, in document order.</returns>
    public static IReadOnlyList<SchemaIssue> Validate(ManifestNode root, SchemaNode schema)
    {
        var v = cached ?? new SchemaValidator();
        cached = null; // a nested call (none today) would get a walker of its own
        v.stack.Clear();
        v.Walk(root, schema, null);
        var issues = v.issues;
        if (issues.Count > 0)
        {
            v.issues = new List<SchemaIssue>();
        }

        cached = v;
        return issues.Count > 0 ? issues : Array.Empty<SchemaIssue>();
    }

    private void Walk(ManifestNode node, SchemaNode schema, SchemaNode? owner)
    {
        if (node is UnknownNode || node.IsNull)
        {
            return;
        }

        switch (schema.Kind)
        {
            case SchemaKind.Any:
                return;
            case SchemaKind.Object:
                if (node is MappingNode m)
                {
                    this.WalkObject(m, schema);
                }
                else
                {
                    this.WrongType(node, schema, owner);
                }

                return;
            case SchemaKind.Map:
                if (node is MappingNode map)
                {
                    var value = schema.MapValue!;
                    if (value.Kind == SchemaKind.Any)
                    {
                        return;
                    }

                    var entries = map.Entries;
                    for (var i = 0; i < entries.Count; i++)
                    {
                        var e = entries[i];
                        this.stack.Add(new Segment(PathSegmentKind.Key, e.Key, -1));
                        this.Walk(e.Value, value, owner);
                        this.stack.RemoveAt(this.stack.Count - 1);
                    }
                }
                else
                {
                    this.WrongType(node, schema, owner);
                }

                return;
            case SchemaKind.Array:
                if (node is SequenceNode seq)
                {
                    var items = schema.Items!;
                    if (items.Kind == SchemaKind.Any)
                    {
                        return;
                    }

                    var list = seq.Items;
                    for (var i = 0; i < list.Count; i++)
                    {
                        this.stack.Add(new Segment(PathSegmentKind.Index, string.Empty, i));
                        this.Walk(list[i], items, owner);
                        this.stack.RemoveAt(this.stack.Count - 1);
                    }
                }
                else
                {
                    this.WrongType(node, schema, owner);
                }

                return;
            default:
                this.CheckScalar(node, schema, owner);
                return;
        }
    }

    private void WalkObject(MappingNode map, SchemaNode schema)
    {
        var entries = map.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            this.stack.Add(new Segment(PathSegmentKind.Field, e.Key, -1));
            if (schema.TryGetProperty(e.Key, out var property))
            {
                this.Walk(e.Value, property, schema);
            }
            else
            {
                var path = this.Path();
                var message = "strict decoding error: unknown field " + Quote(this.RawPath());
                string? hint;
                ReleaseSet? knownIn = null;
                if (schema.OtherReleases.TryGetValue(e.Key, out var releases))
                {
                    // A field of another release: say which, rather than suggest a spelling. This is the point of the
                    // finding, so it is part of the message that every host shows, not a hint shown on request.
                    knownIn = releases;
                    message += $". `{this.OwnerField()}{e.Key}` is not known to Kubernetes {schema.Release}; {releases.Describe(schema.Release)}";
                    hint = null;
                }
                else
                {
                    hint = FieldSuggestions.For(schema, e.Key);
                }

                this.issues.Add(new SchemaIssue(
                    SchemaIssueKind.UnknownField,
                    path,
                    e.Value,
                    message,
                    null,
                    hint,
                    knownIn));
            }

            this.stack.RemoveAt(this.stack.Count - 1);
        }
    }

    private void CheckScalar(ManifestNode node, SchemaNode schema, SchemaNode? owner)
    {
        if (node is not ScalarNode s)
        {
            if (schema.Kind == SchemaKind.Quantity)
            {
                this.Add(SchemaIssueKind.InvalidQuantity, node, QuantitySyntax.FormatWrong, null, QuantityHint(null));
            }
            else if (schema.Kind is SchemaKind.IntOrString or SchemaKind.DateTime)
            {
                this.Add(SchemaIssueKind.WrongType, node, GoValueError(JsonKind(node), schema.Kind == SchemaKind.DateTime ? "string" : "int32"), null, Expected(schema));
            }
            else
            {
                this.WrongType(node, schema, owner);
            }

            return;
        }

        switch (schema.Kind)
        {
            case SchemaKind.String:
                if (s.Type == ScalarType.Bool)
                {
                    this.Add(
                        SchemaIssueKind.BooleanForString,
                        s,
                        this.StructFieldError("bool", owner, schema),
                        s.Raw,
                        $"the unquoted {s.Raw} is a boolean in YAML 1.1 (it reaches the server as {(s.BoolValue ? "true" : "false")}); quote it: \"{s.Raw}\"");
                }
                else if (s.Type is ScalarType.Int or ScalarType.Float)
                {
                    this.Add(SchemaIssueKind.NumberForString, s, this.StructFieldError("number", owner, schema), s.Raw, NumberHint(s));
                }

                return;
            case SchemaKind.Integer:
                this.CheckInteger(s, schema, owner);
                return;
            case SchemaKind.Number:
                if (s.Type is not (ScalarType.Int or ScalarType.Float))
                {
                    this.WrongType(s, schema, owner);
                }

                return;
            case SchemaKind.Boolean:
                if (s.Type != ScalarType.Bool)
                {
                    this.WrongType(s, schema, owner);
                }

                return;
            case SchemaKind.IntOrString:
                if (s.Type == ScalarType.String)
                {
                    return;
                }

                if (s.Type is ScalarType.Int or ScalarType.Float)
                {
                    if (!FitsInteger(s, 32))
                    {
                        this.Add(SchemaIssueKind.WrongType, s, GoValueError("number " + JsonNumber(s), "int32"), s.Raw, IntegerHint(s, 32));
                    }

                    return;
                }

                this.Add(SchemaIssueKind.WrongType, s, GoValueError(JsonKind(s), "int32"), s.Raw, Expected(schema));
                return;
            case SchemaKind.Quantity:
                if (s.Type is ScalarType.Int or ScalarType.Float)
                {
                    return;
                }

                var text = s.Type == ScalarType.Bool ? (s.BoolValue ? "true" : "false") : s.Raw;
                if (QuantitySyntax.Check(text) is { } error)
                {
                    this.Add(SchemaIssueKind.InvalidQuantity, s, error, s.Type == ScalarType.String ? Quote(s.Raw) : s.Raw, QuantityHint(s.Raw));
                }

                return;
            case SchemaKind.DateTime:
                if (s.Type != ScalarType.String)
                {
                    this.Add(SchemaIssueKind.WrongType, s, GoValueError(JsonKind(s), "string"), s.Raw, "quote the time: \"" + s.Raw + "\"");
                }
                else if (!Rfc3339.IsMatch(s.Raw))
                {
                    this.Add(
                        SchemaIssueKind.WrongType,
                        s,
                        $"parsing time {Quote(s.Raw)} as \"2006-01-02T15:04:05Z07:00\": not an RFC 3339 time",
                        Quote(s.Raw),
                        "write an RFC 3339 time such as 2024-01-31T12:00:00Z");
                }

                return;
        }
    }

    private void CheckInteger(ScalarNode s, SchemaNode schema, SchemaNode? owner)
    {
        switch (s.Type)
        {
            case ScalarType.Int:
            case ScalarType.Float:
                if (!FitsInteger(s, schema.Bits))
                {
                    this.Add(SchemaIssueKind.WrongType, s, this.StructFieldError("number " + JsonNumber(s), owner, schema), s.Raw, IntegerHint(s, schema.Bits));
                }

                return;
            default:
                this.WrongType(s, schema, owner);
                return;
        }
    }

    private void WrongType(ManifestNode node, SchemaNode schema, SchemaNode? owner)
    {
        string? hint;
        if (node is ScalarNode { Type: ScalarType.String } s && schema.Kind is SchemaKind.Integer or SchemaKind.Number && ScalarLooksNumeric(s.Raw))
        {
            hint = "a quoted number is a string; remove the quotes: " + s.Raw;
        }
        else if (node is ScalarNode { Type: ScalarType.String } b && schema.Kind == SchemaKind.Boolean && IsBooleanWord(b.Raw))
        {
            hint = "a quoted boolean is a string; remove the quotes: " + b.Raw.ToLowerInvariant();
        }
        else
        {
            hint = Expected(schema);
        }

        var bad = node is ScalarNode sc ? (sc.Type == ScalarType.String ? Quote(sc.Raw) : sc.Raw) : null;
        this.Add(SchemaIssueKind.WrongType, node, this.StructFieldError(JsonKind(node), owner, schema), bad, hint);
    }

    private void Add(SchemaIssueKind kind, ManifestNode node, string detail, string? badValue, string? hint) =>
        this.issues.Add(new SchemaIssue(kind, this.Path(), node, detail, badValue, hint));

    private string StructFieldError(string valueKind, SchemaNode? owner, SchemaNode target)
    {
        var sb = new StringBuilder("json: cannot unmarshal ").Append(valueKind).Append(" into Go ");
        if (owner?.StructName is { } structName)
        {
            sb.Append("struct field ").Append(structName).Append('.');
            var first = true;
            foreach (var seg in this.stack)
            {
                if (seg.Kind != PathSegmentKind.Field)
                {
                    continue;
                }

                if (!first)
                {
                    sb.Append('.');
                }

                sb.Append(seg.Name);
                first = false;
            }

            sb.Append(' ');
        }
        else
        {
            sb.Append("value ");
        }

        return sb.Append("of type ").Append(target.GoType).ToString();
    }

    // The name of the field that holds the current one, with a dot ("lifecycle."), or "" at the root.
    private string OwnerField()
    {
        for (var i = this.stack.Count - 2; i >= 0; i--)
        {
            if (this.stack[i].Kind == PathSegmentKind.Field)
            {
                return this.stack[i].Name + ".";
            }
        }

        return string.Empty;
    }

    private FieldPath Path()
    {
        FieldPath? p = null;
        foreach (var seg in this.stack)
        {
            p = seg.Kind switch
            {
                PathSegmentKind.Field => p is null ? FieldPath.Root(seg.Name) : p.Child(seg.Name),
                PathSegmentKind.Index => p!.Index(seg.Index),
                _ => p!.Key(seg.Name),
            };
        }

        return p!;
    }

    // The path as the strict decoder names it, before quoting (FieldPath.ToString escapes what %q would escape again).
    private string RawPath()
    {
        var sb = new StringBuilder();
        foreach (var seg in this.stack)
        {
            switch (seg.Kind)
            {
                case PathSegmentKind.Field:
                    if (sb.Length > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append(seg.Name);
                    break;
                case PathSegmentKind.Index:
                    sb.Append('[').Append(seg.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                    break;
                default:
                    sb.Append('[').Append(seg.Name).Append(']');
                    break;
            }
        }

        return sb.ToString();
    }

    private static string GoValueError(string valueKind, string goType) => $"json: cannot unmarshal {valueKind} into Go value of type {goType}";

    private static string JsonKind(ManifestNode node) => node switch
    {
        MappingNode => "object",
        SequenceNode => "array",
        ScalarNode { Type: ScalarType.Bool } => "bool",
        ScalarNode { Type: ScalarType.Int or ScalarType.Float } => "number",
        _ => "string",
    };

    private static string Expected(SchemaNode schema) => schema.Kind switch
    {
        SchemaKind.Object => "expected a mapping of fields (" + schema.GoType + ")",
        SchemaKind.Map => "expected a mapping of keys to values (" + schema.GoType + ")",
        SchemaKind.Array => "expected a list (" + schema.GoType + "); write each item on its own line starting with \"- \", or [a, b]",
        SchemaKind.String => "expected a string",
        SchemaKind.Integer => $"expected an integer ({schema.GoType})",
        SchemaKind.Number => "expected a number",
        SchemaKind.Boolean => "expected true or false",
        SchemaKind.IntOrString => "expected an integer or a string such as \"25%\"",
        SchemaKind.DateTime => "expected an RFC 3339 time string",
        _ => "expected a quantity such as 500m or 128Mi",
    };

    private static string NumberHint(ScalarNode s)
    {
        var json = JsonNumber(s);
        var raw = s.Raw;
        string what;
        if (s.Type == ScalarType.Int && raw.TrimStart('+', '-').Length > 1 && raw.TrimStart('+', '-')[0] == '0' && char.IsDigit(raw.TrimStart('+', '-')[1]))
        {
            what = $"the octal number {json} in YAML 1.1";
        }
        else if (json != raw)
        {
            what = $"the number {json} in YAML";
        }
        else
        {
            what = "a number in YAML";
        }

        return $"the unquoted {raw} is {what}; quote it: \"{raw}\"";
    }

    private static string IntegerHint(ScalarNode s, int bits)
    {
        if (!IsIntegral(s, out _))
        {
            return "expected a whole number";
        }

        return bits == 32 ? "int32 fields take -2147483648 to 2147483647" : "int64 fields take -9223372036854775808 to 9223372036854775807";
    }

    private static string QuantityHint(string? raw)
    {
        if (raw is not null)
        {
            var t = raw.Trim();
            var i = 0;
            while (i < t.Length && (char.IsDigit(t[i]) || t[i] is '.' or '+' or '-'))
            {
                i++;
            }

            var suffix = t.Substring(i).Trim();
            if (i > 0 && suffix.Length > 0)
            {
                switch (suffix.ToLowerInvariant())
                {
                    case "kb":
                    case "mb":
                    case "gb":
                    case "tb":
                    case "kib":
                    case "mib":
                    case "gib":
                    case "tib":
                    case "ki":
                    case "mi":
                    case "gi":
                    case "ti":
                    case "g":
                        return "suffixes are case-sensitive and have no B: Ki, Mi, Gi (powers of 2) or k, M, G (powers of 10), e.g. 128Mi";
                }
            }
        }

        return "write a number with an optional suffix: 500m or 0.5 (CPU), 128Mi or 1G (bytes)";
    }

    private static bool FitsInteger(ScalarNode s, int bits)
    {
        // Compare an integer exactly: as a double, int64's largest value rounds up to 2^63 and would not fit.
        if (s.IntValue is { } exact)
        {
            return bits != 32 || exact is >= int.MinValue and <= int.MaxValue;
        }

        if (!IsIntegral(s, out var value))
        {
            return false;
        }

        return bits == 32 ? value is >= int.MinValue and <= int.MaxValue : value is >= long.MinValue and < 9223372036854775808.0;
    }

    private static bool IsIntegral(ScalarNode s, out double value)
    {
        if (s.IntValue is { } i)
        {
            value = i;
            return true;
        }

        value = s.Number;
        return s.Type == ScalarType.Float && !double.IsNaN(value) && !double.IsInfinity(value) && Math.Floor(value) == value && Math.Abs(value) < 1e21;
    }

    /// <summary>The JSON text sigs.k8s.io/yaml writes for a numeric scalar (Go's float formatting, roughly).</summary>
    private static string JsonNumber(ScalarNode s)
    {
        if (s.IntValue is { } i)
        {
            return i.ToString(CultureInfo.InvariantCulture);
        }

        var raw = s.Raw.Replace("_", string.Empty);
        if (raw.Length > 0 && IsAllDigits(raw.TrimStart('+')))
        {
            return raw.TrimStart('+');
        }

        var d = s.Number;
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            return s.Raw;
        }

        if (Math.Floor(d) == d && Math.Abs(d) < 1e21)
        {
            return d.ToString("F0", CultureInfo.InvariantCulture);
        }

        var r = d.ToString("R", CultureInfo.InvariantCulture);
        return Math.Abs(d) >= 1e-6 && Math.Abs(d) < 1e21 && r.IndexOf('E') < 0 ? r : r.ToLowerInvariant();
    }

    private static bool IsAllDigits(string s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return s.Length == 1 || s[0] != '0';
    }

    private static bool ScalarLooksNumeric(string s) =>
        s.Length > 0 && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool IsBooleanWord(string s) => s.ToLowerInvariant() is "true" or "false";

    private static string Quote(string s) => Engine.Nodes.Quote(s);

    private readonly record struct Segment(PathSegmentKind Kind, string Name, int Index);
}
