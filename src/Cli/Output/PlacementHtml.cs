using System.Globalization;
using System.IO;
using System.Text;
using DaemonLint.Placement;

namespace DaemonLint.Cli.Output;

/// <summary>
/// The HTML form of <c>place</c>: one self-contained page (inline CSS, no script, no external resource) with a
/// node × DaemonSet matrix, one colour per reason, the reason and detail on hover (<c>title</c>) and a legend.
/// </summary>
public static class PlacementHtml
{
    private static readonly (string Css, string Label, string Mark, string Meaning)[] Legend =
    {
        ("runs", "runs", "✓", "the controller creates a daemon pod"),
        ("churn", "runs, churns", "⟳", "runs, but a NoExecute taint is tolerated only for tolerationSeconds: evicted and re-created"),
        ("kept", "UntoleratedTaint (NoSchedule)", "–", "no new pod; an existing pod is kept (KeptButNotScheduled)"),
        ("taint", "UntoleratedTaint (NoExecute)", "✕", "no pod; an existing pod is evicted"),
        ("selector", "NodeSelectorMismatch", "≠", "a nodeSelector pair does not hold"),
        ("affinity", "NodeAffinityMismatch", "∅", "no required node affinity term matches"),
        ("nodename", "NodeNameMismatch", "·", "spec.template.spec.nodeName names another node"),
    };

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="w">The writer.</param>
    public static void Write(PlacementReport report, TextWriter w)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>DaemonLint placement</title>\n<style>\n");
        sb.Append(
            """
            body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 16px; color: #1a1a1a; background: #fafafa; }
            h1 { font-size: 20px; margin: 0 0 8px; }
            p.sum { margin: 0 0 12px; color: #444; }
            table.m { border-collapse: collapse; background: #fff; }
            table.m th, table.m td { border: 1px solid #d0d0d0; padding: 3px 6px; }
            table.m thead th { background: #eceff1; font-weight: 600; vertical-align: bottom; max-width: 170px; overflow-wrap: anywhere; }
            table.m thead th small { font-weight: 400; color: #666; }
            table.m th.node { text-align: left; font-weight: 500; background: #f5f5f5; white-space: nowrap; }
            table.m th.node small { display: block; color: #777; font-weight: 400; }
            td.c { text-align: center; min-width: 44px; font-weight: 700; }
            tfoot td { font-size: 12px; background: #f5f5f5; vertical-align: top; }
            .runs { background: #43a047; color: #fff; }
            .churn { background: #c0ca33; color: #1a1a1a; }
            .kept { background: #ffb74d; color: #1a1a1a; }
            .taint { background: #e53935; color: #fff; }
            .selector { background: #64b5f6; color: #1a1a1a; }
            .affinity { background: #ba68c8; color: #fff; }
            .nodename { background: #bdbdbd; color: #1a1a1a; }
            ul.legend { list-style: none; padding: 0; margin: 14px 0 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
            ul.legend li { display: flex; align-items: center; gap: 6px; }
            ul.legend span.sw { display: inline-block; width: 22px; height: 18px; text-align: center; font-weight: 700; border: 1px solid #999; }
            """);
        sb.Append("\n</style>\n</head>\n<body>\n<h1>DaemonLint placement</h1>\n");
        var nodes = report.Inventory.Nodes;
        sb.Append("<p class=\"sum\">").Append(nodes.Count.ToString(CultureInfo.InvariantCulture)).Append(" node(s) × ")
          .Append(report.Results.Count.ToString(CultureInfo.InvariantCulture)).Append(" DaemonSet(s). Hover a cell for the reason.</p>\n");
        sb.Append("<table class=\"m\">\n<thead><tr><th>node</th>");
        foreach (var r in report.Results)
        {
            var slash = r.Plan.DisplayName.IndexOf('/');
            sb.Append("<th title=\"").Append(E(r.Plan.DisplayName)).Append("\"><small>").Append(E(r.Plan.DisplayName.Substring(0, slash + 1))).Append("</small><br>")
              .Append(E(r.Plan.DisplayName.Substring(slash + 1))).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            sb.Append("<tr><th class=\"node\">").Append(E(n.Name));
            if (n.Taints.Count > 0 || n.Unschedulable)
            {
                var t = new StringBuilder();
                foreach (var taint in n.Taints)
                {
                    t.Append(t.Length == 0 ? string.Empty : ", ").Append(taint.Display);
                }

                if (n.Unschedulable)
                {
                    t.Append(t.Length == 0 ? string.Empty : ", ").Append("cordoned");
                }

                sb.Append("<small>").Append(E(t.ToString())).Append("</small>");
            }

            sb.Append("</th>");
            foreach (var r in report.Results)
            {
                var d = r.Decisions[i];
                var (css, mark) = Style(d);
                var title = new StringBuilder().Append(n.Name).Append(" × ").Append(r.Plan.DisplayName).Append(": ");
                title.Append(d.ShouldRun ? "runs" : d.Reason + ": " + d.Detail);
                if (d.Notes != PlacementNotes.None)
                {
                    title.Append(" (").Append(string.Join(", ", d.NoteNames)).Append(')');
                }

                sb.Append("<td class=\"c ").Append(css).Append("\" title=\"").Append(E(title.ToString())).Append("\">").Append(mark).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n<tfoot><tr><td>runs on / rollout</td>");
        foreach (var r in report.Results)
        {
            sb.Append("<td title=\"").Append(E(r.Rollout.Summary)).Append("\"><b>").Append(r.Desired.ToString(CultureInfo.InvariantCulture)).Append('/')
              .Append(nodes.Count.ToString(CultureInfo.InvariantCulture)).Append("</b><br>");
            sb.Append(r.Rollout.Strategy == "RollingUpdate"
                ? E($"{r.Rollout.NodesPerWave}/wave, {r.Rollout.Waves} wave(s)")
                : E(r.Rollout.Strategy));
            sb.Append("</td>");
        }

        sb.Append("</tr></tfoot>\n</table>\n<ul class=\"legend\">\n");
        foreach (var (css, label, mark, meaning) in Legend)
        {
            sb.Append("<li title=\"").Append(E(meaning)).Append("\"><span class=\"sw ").Append(css).Append("\">").Append(mark).Append("</span>").Append(E(label)).Append("</li>\n");
        }

        sb.Append("</ul>\n</body>\n</html>\n");
        w.Write(sb.ToString());
    }

    private static (string Css, string Mark) Style(PlacementDecision d)
    {
        if (d.ShouldRun)
        {
            return (d.Notes & PlacementNotes.ChurnTolerationSeconds) != 0 ? ("churn", "⟳") : ("runs", "✓");
        }

        return d.Reason switch
        {
            PlacementReason.NodeNameMismatch => ("nodename", "·"),
            PlacementReason.NodeSelectorMismatch => ("selector", "≠"),
            PlacementReason.NodeAffinityMismatch => ("affinity", "∅"),
            _ => d.ShouldContinueRunning ? ("kept", "–") : ("taint", "✕"),
        };
    }

    // Only the five markup characters: the page is UTF-8, so names and symbols stay readable in the source.
    private static string E(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");
}
