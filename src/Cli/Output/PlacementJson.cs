using System.IO;
using System.Text;
using System.Text.Json;
using DaemonLint.Placement;

namespace DaemonLint.Cli.Output;

/// <summary>
/// The placement JSON contract of DESIGN.md §5: <c>{"version":1,"placements":[{"daemonSet":"ns/name","nodes":[{"name":..,"runs":..,"reason":..,"detail":..}]}]}</c>,
/// plus <c>file</c>, <c>desired</c>, per-node <c>keepsExistingPod</c> and <c>notes</c>, and <c>rollout</c>.
/// </summary>
public static class PlacementJson
{
    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">The writer.</param>
    public static void Write(PlacementReport report, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonFormatter.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteStartArray("placements");
            foreach (var r in report.Results)
            {
                w.WriteStartObject();
                w.WriteString("daemonSet", r.Plan.DisplayName);
                if (r.DaemonSet?.File is { } file)
                {
                    w.WriteString("file", file);
                }

                w.WriteNumber("desired", r.Desired);
                w.WriteStartArray("nodes");
                for (var i = 0; i < r.Nodes.Count; i++)
                {
                    var d = r.Decisions[i];
                    w.WriteStartObject();
                    w.WriteString("name", r.Nodes[i].Name);
                    w.WriteBoolean("runs", d.ShouldRun);
                    if (!d.ShouldRun)
                    {
                        w.WriteString("reason", d.Reason.ToString());
                        w.WriteString("detail", d.Detail);
                        w.WriteBoolean("keepsExistingPod", d.ShouldContinueRunning);
                    }

                    if (d.Notes != PlacementNotes.None)
                    {
                        w.WriteStartArray("notes");
                        foreach (var n in d.NoteNames)
                        {
                            w.WriteStringValue(n);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                var ro = r.Rollout;
                w.WriteStartObject("rollout");
                w.WriteString("strategy", ro.Strategy);
                w.WriteNumber("maxUnavailable", ro.MaxUnavailable);
                w.WriteNumber("maxSurge", ro.MaxSurge);
                w.WriteNumber("nodesPerWave", ro.NodesPerWave);
                w.WriteNumber("waves", ro.Waves);
                w.WriteString("summary", ro.Summary);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        writer.WriteLine();
    }
}
