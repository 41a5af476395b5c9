using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DaemonLint.Cli.Commands;
using DaemonLint.Model;

namespace DaemonLint.Cli.Output;

/// <summary>The stable, versioned JSON contract of DESIGN.md §5.</summary>
public sealed class JsonFormatter : IOutputFormatter
{
    /// <summary>Options every JSON writer of the tool uses.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <inheritdoc />
    public void Write(ValidationRun run, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteStartArray("findings");
            foreach (var f in run.Findings)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", f.RuleId);
                w.WriteString("severity", f.Severity.ToText());
                w.WriteString("message", f.Message);
                WriteNullable(w, "path", f.Path?.ToString());
                WriteNullable(w, "pointer", f.Path?.ToJsonPointer());
                w.WriteString("kind", f.Kind.ToString());
                WriteNullable(w, "file", f.File);
                if (f.Span.IsKnown)
                {
                    w.WriteNumber("line", f.Span.Start.Line);
                    w.WriteNumber("column", f.Span.Start.Column);
                    w.WriteNumber("endLine", f.Span.End.Line);
                    w.WriteNumber("endColumn", f.Span.End.Column);
                }
                else
                {
                    w.WriteNull("line");
                    w.WriteNull("column");
                    w.WriteNull("endLine");
                    w.WriteNull("endColumn");
                }

                if (f.Object is { } o)
                {
                    w.WriteStartObject("object");
                    WriteNullable(w, "apiVersion", o.ApiVersion);
                    WriteNullable(w, "kind", o.Kind);
                    WriteNullable(w, "namespace", o.Namespace);
                    WriteNullable(w, "name", o.Name);
                    w.WriteNumber("document", o.Document);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("object");
                }

                WriteNullable(w, "helpUri", f.HelpUri);

                // Added in version 1 (additive): what to write instead, and the apiVersion a finding assumes (issue 17).
                WriteNullable(w, "hint", f.Hint);
                WriteNullable(w, "whenApiVersion", f.WhenApiVersion);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("summary");
            w.WriteNumber("files", run.Files);
            w.WriteNumber("objects", run.Objects);
            w.WriteNumber("daemonSets", run.DaemonSets);
            w.WriteNumber("errors", run.Count(Severity.Error));
            w.WriteNumber("warnings", run.Count(Severity.Warning));
            w.WriteNumber("infos", run.Count(Severity.Info));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.WriteLine();
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
}
