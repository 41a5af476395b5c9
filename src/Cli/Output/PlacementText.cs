using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Hosting;
using DaemonLint.Placement;

namespace DaemonLint.Cli.Output;

/// <summary>The text form of <c>place</c>: per DaemonSet, where it runs, a table of the other nodes with reasons, and the rollout plan.</summary>
public static class PlacementText
{
    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="w">The writer.</param>
    public static void Write(PlacementReport report, TextWriter w)
    {
        var first = true;
        foreach (var r in report.Results)
        {
            if (!first)
            {
                w.WriteLine();
            }

            first = false;
            var total = r.Nodes.Count;
            w.WriteLine($"{HostText.Name(r.Plan.DisplayName)}: runs on {r.Desired} of {total} node(s)" + (r.DaemonSet?.File is { } f ? $"  [{HostText.Name(f)}]" : string.Empty));
            var runs = new List<string>();
            var others = new List<(string Node, PlacementDecision D)>();
            var notes = new List<(string Node, PlacementDecision D)>();
            for (var i = 0; i < total; i++)
            {
                var d = r.Decisions[i];
                if (d.ShouldRun)
                {
                    runs.Add(HostText.Name(r.Nodes[i].Name));
                    if (d.Notes != PlacementNotes.None)
                    {
                        notes.Add((HostText.Name(r.Nodes[i].Name), d));
                    }
                }
                else
                {
                    others.Add((HostText.Name(r.Nodes[i].Name), d));
                }
            }

            w.WriteLine("  runs on: " + (runs.Count == 0 ? "(no node)" : string.Join(", ", runs)));
            if (others.Count > 0)
            {
                var nodeWidth = Math.Max(4, others.Max(o => o.Node.Length));
                var reasonWidth = Math.Max(6, others.Max(o => o.D.Reason.ToString().Length));
                w.WriteLine("  not on:");
                w.WriteLine($"    {"NODE".PadRight(nodeWidth)}  {"REASON".PadRight(reasonWidth)}  DETAIL");
                foreach (var (node, d) in others)
                {
                    var extra = d.Notes == PlacementNotes.None ? string.Empty : "  (" + string.Join(", ", d.NoteNames) + ")";
                    w.WriteLine($"    {node.PadRight(nodeWidth)}  {d.Reason.ToString().PadRight(reasonWidth)}  {HostText.Escape(d.Detail ?? string.Empty)}{extra}");
                }
            }

            foreach (var (node, d) in notes)
            {
                w.WriteLine($"  note: {node}: {string.Join(", ", d.NoteNames)} (a NoExecute taint is tolerated only for tolerationSeconds: the pod is evicted and re-created)");
            }

            w.WriteLine("  rollout: " + HostText.Escape(r.Rollout.Summary));
        }
    }
}
