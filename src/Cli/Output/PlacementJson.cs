using System.IO;
using System.Linq;
using System.Text.Json;
using DaemonLint.Placement;

namespace DaemonLint.Cli.Output;

/// <summary>
/// The placement JSON contract of DESIGN.md §5: <c>{"version":1,"placements":[{"daemonSet":"ns/name","nodes":[{"name":..,"runs":..,"reason":..,"detail":..}]}]}</c>,
/// plus <c>file</c>, <c>desired</c>, per-node <c>keepsExistingPod</c> and <c>notes</c>, and <c>rollout</c>.
/// Additive since node classes and capacity: top-level <c>nodeCount</c>, <c>capacity</c> and <c>classes</c>; per placement
/// <c>fits</c>, <c>pending</c>, <c>runsNowhere</c>, <c>existingPods</c>, <c>podsRemoved</c>, <c>requests</c> and
/// <c>groups</c>; per node <c>class</c> and, when capacity was checked on a node that runs the DaemonSet, <c>fits</c>
/// and <c>pending</c>. Nothing earlier was renamed or removed.
/// </summary>
public static class PlacementJson
{
    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">The writer.</param>
    public static void Write(PlacementReport report, TextWriter writer)
    {
        var run = report.Run;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonFormatter.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteNumber("nodeCount", run.Nodes.Count);
            w.WriteStartObject("capacity");
            w.WriteString("source", run.Capacity switch { CapacitySource.None => "none", CapacitySource.Allocatable => "allocatable", _ => "allocatable+pods" });
            if (run.Pods is { } pods)
            {
                w.WriteNumber("podsBound", pods.BoundCount);
                w.WriteNumber("podsFinished", pods.TerminalCount);
                w.WriteNumber("podsUnbound", pods.UnboundCount);
            }

            w.WriteEndObject();
            WriteClasses(run, w);
            w.WriteStartArray("placements");
            foreach (var r in run.Results)
            {
                w.WriteStartObject();
                w.WriteString("daemonSet", r.Plan.DisplayName);
                if (r.DaemonSet?.File is { } file)
                {
                    w.WriteString("file", file);
                }

                w.WriteNumber("desired", r.Desired);
                if (r.Fits is not null)
                {
                    w.WriteNumber("fits", r.FitCount);
                    w.WriteNumber("pending", r.PendingCount);
                }

                w.WriteBoolean("runsNowhere", r.RunsNowhere);
                if (run.Pods is not null)
                {
                    w.WriteNumber("existingPods", r.ExistingPods);
                    w.WriteNumber("podsRemoved", r.PodsRemoved);
                }

                if (r.Pod is { } pod)
                {
                    w.WriteStartObject("requests");
                    w.WriteNumber("milliCpu", pod.Requests.MilliCpu);
                    w.WriteNumber("memory", pod.Requests.Memory);
                    w.WriteNumber("ephemeralStorage", pod.Requests.EphemeralStorage);
                    foreach (var kv in pod.Requests.Scalars)
                    {
                        w.WriteNumber(kv.Key, kv.Value);
                    }

                    w.WriteStartArray("hostPorts");
                    foreach (var p in pod.Ports)
                    {
                        w.WriteStringValue(p.ToString());
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                WriteGroups(run, r, w);
                WriteNodes(run, r, w);
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

        buffer.Position = 0;
        using (var reader = new StreamReader(buffer))
        {
            writer.Write(reader.ReadToEnd());
        }

        writer.WriteLine();
    }

    private static void WriteClasses(PlacementRun run, Utf8JsonWriter w)
    {
        w.WriteStartArray("classes");
        foreach (var c in run.Classes.Classes)
        {
            w.WriteStartObject();
            w.WriteNumber("id", c.Id);
            w.WriteNumber("count", c.Count);
            w.WriteString("description", c.Description);
            w.WriteStartArray("labels");
            foreach (var l in c.Labels.Where(l => !l.AllAbsent))
            {
                w.WriteStartObject();
                w.WriteString("key", l.Key);
                w.WriteStartArray("values");
                foreach (var v in l.Values)
                {
                    w.WriteStringValue(v);
                }

                w.WriteEndArray();
                if (l.More)
                {
                    w.WriteBoolean("more", true);
                }

                if (l.SomeAbsent)
                {
                    w.WriteBoolean("someAbsent", true);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("taints");
            foreach (var t in c.Taints)
            {
                w.WriteStringValue(t.Display);
            }

            w.WriteEndArray();
            w.WriteBoolean("unschedulable", c.Unschedulable);
            if (c.Name is not null)
            {
                w.WriteString("name", c.Name);
            }

            w.WriteStartArray("nodes");
            foreach (var m in c.Members)
            {
                w.WriteStringValue(run.Nodes[m].Name);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteGroups(PlacementRun run, PlacementResult r, Utf8JsonWriter w)
    {
        w.WriteStartArray("groups");
        foreach (var g in run.GroupsOf(r))
        {
            var d = g.Decision;
            w.WriteStartObject();
            w.WriteNumber("count", g.Count);
            w.WriteString("description", g.Description);
            w.WriteBoolean("runs", d.ShouldRun);
            if (!d.ShouldRun)
            {
                w.WriteString("reason", d.Reason.ToString());
                w.WriteString("detail", d.Detail);
                w.WriteBoolean("keepsExistingPod", d.ShouldContinueRunning);
            }

            w.WriteStartArray("classes");
            foreach (var c in g.Classes)
            {
                w.WriteNumberValue(c.Id);
            }

            w.WriteEndArray();
            if (d.ShouldRun && r.Fits is not null)
            {
                var pending = PlacementFormats.PendingByCode(r, g.Members);
                w.WriteNumber("fits", g.Count - pending.Sum(p => p.Count));
                w.WriteNumber("pending", pending.Sum(p => p.Count));
                w.WriteStartObject("pendingReasons");
                foreach (var p in pending)
                {
                    w.WriteNumber(p.Code, p.Count);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNodes(PlacementRun run, PlacementResult r, Utf8JsonWriter w)
    {
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

            w.WriteNumber("class", run.Classes.ClassOfNode[i]);
            if (r.Fits is { } fits && fits[i].Status != FitStatus.NotChecked)
            {
                w.WriteBoolean("fits", fits[i].Status == FitStatus.Fits);
                if (fits[i].Problem is { } p)
                {
                    w.WriteStartObject("pending");
                    w.WriteStartArray("reasons");
                    foreach (var reason in p.Reasons)
                    {
                        w.WriteStringValue(reason.Code);
                    }

                    w.WriteEndArray();
                    w.WriteString("detail", p.Text);
                    w.WriteEndObject();
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
