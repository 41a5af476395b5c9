using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using DaemonLint.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace DaemonLint.Analyzers.Tests;

/// <summary>Writes a node tree as a C# object creation of KubernetesClient models.</summary>
internal static class CSharpWriter
{
    /// <summary>Writes a node as a C# expression of a type, or fails when the model cannot express it.</summary>
    /// <param name="node">The node.</param>
    /// <param name="type">The model type (e.g. V1DaemonSet).</param>
    /// <param name="unknownStrings">Write every string value as the parameter <c>p</c> (a value the analyzer cannot know).</param>
    /// <param name="code">The expression.</param>
    /// <returns>Whether the node could be written.</returns>
    public static bool TryWrite(ManifestNode node, Type type, bool unknownStrings, out string code)
    {
        var sb = new StringBuilder();
        var ok = Write(node, type, unknownStrings, sb);
        code = sb.ToString();
        return ok;
    }

    private static bool Write(ManifestNode node, Type type, bool unknownStrings, StringBuilder sb)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        switch (node)
        {
            case ScalarNode { Type: ScalarType.Null }:
                sb.Append("null");
                return !t.IsValueType;
            case ScalarNode s when t == typeof(string):
                if (s.Type != ScalarType.String)
                {
                    return false;
                }

                sb.Append(unknownStrings ? "p" : SymbolDisplay.FormatLiteral(s.Raw, quote: true));
                return true;
            case ScalarNode s when t == typeof(int) || t == typeof(long):
                if (s.IntValue is not { } i || (t == typeof(int) && (i < int.MinValue || i > int.MaxValue)))
                {
                    return false;
                }

                sb.Append(i.ToString(CultureInfo.InvariantCulture));
                return true;
            case ScalarNode s when t == typeof(bool):
                if (s.Type != ScalarType.Bool)
                {
                    return false;
                }

                sb.Append(s.BoolValue ? "true" : "false");
                return true;
            case ScalarNode s when t == typeof(double):
                if (s.Type is not (ScalarType.Int or ScalarType.Float))
                {
                    return false;
                }

                sb.Append(s.Number.ToString("R", CultureInfo.InvariantCulture)).Append('d');
                return true;
            case ScalarNode s when t.Name == "IntOrString":
                if (s.Type == ScalarType.Int && s.IntValue is { } iv && iv is >= int.MinValue and <= int.MaxValue)
                {
                    sb.Append("(IntOrString)").Append(iv < 0 ? "(" + iv.ToString(CultureInfo.InvariantCulture) + ")" : iv.ToString(CultureInfo.InvariantCulture)); // (T)-1 would parse as a subtraction
                    return true;
                }

                if (s.Type == ScalarType.String)
                {
                    sb.Append("(IntOrString)").Append(SymbolDisplay.FormatLiteral(s.Raw, quote: true));
                    return true;
                }

                return false;
            case ScalarNode s when t.Name == "ResourceQuantity":
                if (s.Type is not (ScalarType.String or ScalarType.Int or ScalarType.Float))
                {
                    return false;
                }

                // A YAML number reaches the server as the text Go's JSON encoder writes (1e3 -> "1000"): the C# equivalent
                // is that string, not the YAML spelling (new ResourceQuantity("1e3") is another quantity format).
                var quantityText = s.Type == ScalarType.String ? s.Raw : DaemonLint.Syntax.Quantity.JsonText(s);
                if (quantityText is null)
                {
                    return false;
                }

                sb.Append("new ResourceQuantity(").Append(SymbolDisplay.FormatLiteral(quantityText, quote: true)).Append(')');
                return true;
            case MappingNode m when DictionaryValue(t) is { } valueType:
                sb.Append("new Dictionary<string, ").Append(Name(valueType)).Append("> { ");
                foreach (var e in m.Entries)
                {
                    sb.Append('[').Append(SymbolDisplay.FormatLiteral(e.Key, quote: true)).Append("] = ");
                    if (!Write(e.Value, valueType, unknownStrings, sb))
                    {
                        return false;
                    }

                    sb.Append(", ");
                }

                Close(sb);
                return true;
            case SequenceNode q when ListItem(t) is { } itemType:
                sb.Append("new List<").Append(Name(itemType)).Append("> { ");
                foreach (var item in q.Items)
                {
                    if (!Write(item, itemType, unknownStrings, sb))
                    {
                        return false;
                    }

                    sb.Append(", ");
                }

                Close(sb);
                return true;
            case MappingNode m when t.Namespace == "k8s.Models" && t.IsClass:
                sb.Append("new ").Append(Name(t)).Append(" { ");
                foreach (var e in m.Entries)
                {
                    var prop = t.GetProperties().FirstOrDefault(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == e.Key);
                    if (prop is null || !prop.CanWrite)
                    {
                        return false;
                    }

                    if (e.Value.IsNull)
                    {
                        continue;
                    }

                    sb.Append(prop.Name).Append(" = ");
                    if (!Write(e.Value, prop.PropertyType, unknownStrings, sb))
                    {
                        return false;
                    }

                    sb.Append(", ");
                }

                Close(sb);
                return true;
            default:
                return false;
        }
    }

    // "{ a, b, " becomes "{ a, b }": no trailing separator in the examples the rule pages show.
    private static void Close(StringBuilder sb)
    {
        if (sb.Length >= 2 && sb[sb.Length - 2] == ',' && sb[sb.Length - 1] == ' ')
        {
            sb.Length -= 2;
            sb.Append(' ');
        }

        sb.Append('}');
    }

    private static Type? DictionaryValue(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() is var g && (g == typeof(IDictionary<,>) || g == typeof(Dictionary<,>)) && t.GetGenericArguments()[0] == typeof(string)
            ? t.GetGenericArguments()[1] : null;

    private static Type? ListItem(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() is var g && (g == typeof(IList<>) || g == typeof(List<>) || g == typeof(IEnumerable<>) || g == typeof(ICollection<>))
            ? t.GetGenericArguments()[0] : null;

    private static string Name(Type t) =>
        Nullable.GetUnderlyingType(t) is { } u ? Name(u) + "?"
        : t == typeof(string) ? "string"
        : t == typeof(int) ? "int"
        : t == typeof(long) ? "long"
        : t == typeof(bool) ? "bool"
        : t == typeof(double) ? "double"
        : t.Namespace == "k8s.Models" && !t.IsGenericType ? t.Name
        : t.IsGenericType ? t.Namespace + "." + t.Name.Substring(0, t.Name.IndexOf('`')) + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">"
        : t.FullName!;
}
