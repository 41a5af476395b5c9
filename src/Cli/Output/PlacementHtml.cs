using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Placement;
using static DaemonLint.Cli.Output.PlacementFormats;

namespace DaemonLint.Cli.Output;

/// <summary>
/// The HTML form of <c>place</c>: one self-contained page (inline CSS and a small inline script, nothing fetched) with
/// a node-class × DaemonSet matrix. Each row is a <see cref="NodeClass"/> (expandable to its nodes with
/// <c>&lt;details&gt;</c>, which needs no script); each cell that does not run says why in text, a one-letter code plus
/// the taint, label pair or requirement that decides, so screenshots, print and PDF keep it. DaemonSets that run nowhere
/// or lose nodes are listed first. Headers stay in view and break only between words. The script adds sorting and
/// filtering; without it the page is complete, only static.
/// </summary>
public static class PlacementHtml
{
    private static readonly (string Css, string Code, string Label, string Meaning)[] Legend =
    {
        ("y", "✓", "runs", "the controller creates a daemon pod, and it fits (or capacity was not checked)"),
        ("c", "✓ churn", "runs, churns", "a NoExecute taint is tolerated only for tolerationSeconds: the pod is evicted and re-created"),
        ("p", "P", "Pending", "the controller creates the pod but the scheduler cannot bind it (resources, pod count or host port)"),
        ("q", "✓ n · P m", "partly Pending", "n nodes of the class fit, m do not"),
        ("k", "K", "UntoleratedTaint (NoSchedule)", "no new pod; an existing pod is kept (KeptButNotScheduled)"),
        ("t", "T", "UntoleratedTaint (NoExecute)", "no pod; an existing pod is evicted"),
        ("s", "S", "NodeSelectorMismatch", "a nodeSelector pair does not hold"),
        ("a", "A", "NodeAffinityMismatch", "no required node affinity term matches"),
        ("n", "N", "NodeNameMismatch", "spec.template.spec.nodeName names another node"),
    };

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="w">The writer.</param>
    public static void Write(PlacementReport report, TextWriter w)
    {
        var run = report.Run;
        var results = run.Results;
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>DaemonLint placement: ")
          .Append(N(results.Count)).Append(" DaemonSet(s) × ").Append(N(run.Nodes.Count)).Append(" node(s)</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<header>\n<h1>DaemonLint placement</h1>\n");
        sb.Append("<p class=\"sum\">").Append(N(results.Count)).Append(" DaemonSet(s) over ").Append(N(run.Nodes.Count)).Append(" node(s) in ")
          .Append(N(run.Classes.Classes.Count)).Append(" class(es) of nodes that look alike to every DaemonSet; ").Append(E(CapacityText(run))).Append(".</p>\n");
        WriteAlerts(run, sb);
        sb.Append("<div class=\"controls\" id=\"controls\" hidden>\n")
          .Append("<label>Nodes <input id=\"q\" type=\"search\" placeholder=\"label, taint or node name\"></label>\n")
          .Append("<label>DaemonSets <input id=\"qd\" type=\"search\" placeholder=\"namespace/name\"></label>\n")
          .Append("<label>Sort <select id=\"sort\"><option value=\"n\">most nodes</option><option value=\"bad\">most not running</option><option value=\"p\">most Pending</option><option value=\"d\">description</option></select></label>\n")
          .Append("<label><input id=\"only\" type=\"checkbox\"> only classes where something does not run</label>\n")
          .Append("<span id=\"shown\"></span>\n</div>\n")
          .Append("<noscript><p class=\"hint\">Sorting and filtering need JavaScript; the table is complete without it.</p></noscript>\n</header>\n");

        sb.Append("<table id=\"m\" class=\"m\">\n<thead><tr><th class=\"corner\">node class <small>(nodes; what they hold that a DaemonSet reads)</small></th>");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var name = r.Plan.DisplayName;
            var slash = name.IndexOf('/');
            var state = r.RunsNowhere ? " bad" : r.PendingCount > 0 || r.NodesLost > 0 ? " warn" : string.Empty;
            sb.Append("<th class=\"ds").Append(state).Append("\" id=\"ds-").Append(i).Append("\" data-name=\"").Append(E(name.ToLowerInvariant())).Append("\"><span class=\"ns\">")
              .Append(Breakable(name.Substring(0, slash + 1))).Append("</span><span class=\"nm\">").Append(Breakable(name.Substring(slash + 1))).Append("</span><span class=\"tot\">")
              .Append(N(r.Desired)).Append('/').Append(N(run.Nodes.Count)).Append("</span>");
            if (r.Fits is not null)
            {
                sb.Append("<span class=\"tot\">fits ").Append(N(r.FitCount)).Append("</span>");
            }

            sb.Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var c in run.Classes.Classes.OrderByDescending(c => c.Count).ThenBy(c => c.Id))
        {
            WriteRow(run, c, sb);
        }

        sb.Append("</tbody>\n</table>\n<section class=\"legend\">\n<h2>Legend</h2>\n<ul>\n");
        foreach (var (css, code, label, meaning) in Legend)
        {
            sb.Append("<li><span class=\"sw ").Append(css).Append("\">").Append(E(code)).Append("</span> <b>").Append(E(label)).Append("</b>: ").Append(E(meaning)).Append("</li>\n");
        }

        sb.Append("</ul>\n<p>A cell that does not run names what decides: the first untolerated taint (T, K), the nodeSelector pair (S), the failing requirement or \"no term matched\" (A). Column totals: nodes that run the DaemonSet / all nodes, and where capacity was checked, how many of those it fits.</p>\n</section>\n");
        sb.Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        w.Write(sb.ToString());
    }

    private static void WriteAlerts(PlacementRun run, StringBuilder sb)
    {
        var nowhere = run.Results.Select((r, i) => (r, i)).Where(x => x.r.RunsNowhere).ToList();
        var losing = run.Results.Select((r, i) => (r, i)).Where(x => !x.r.RunsNowhere && (x.r.PendingCount > 0 || x.r.NodesLost > 0)).ToList();
        sb.Append("<section class=\"alerts\">\n");
        if (nowhere.Count == 0 && losing.Count == 0)
        {
            sb.Append("<p class=\"ok\">Every DaemonSet runs on some node").Append(run.Capacity == CapacitySource.None ? string.Empty : " and fits every node it should run on").Append(".</p>\n");
        }

        if (nowhere.Count > 0)
        {
            sb.Append("<div class=\"alert nowhere\"><h2>Runs nowhere (").Append(N(nowhere.Count)).Append(")</h2>\n");
            AlertList(sb, nowhere.Select(x => (x.i, x.r.Plan.DisplayName, PlacementText.NowhereWhy(run, x.r))).ToList());
            sb.Append("</div>\n");
        }

        if (losing.Count > 0)
        {
            sb.Append("<div class=\"alert loses\"><h2>Loses nodes (").Append(N(losing.Count)).Append(")</h2>\n");
            AlertList(sb, losing.Select(x => (x.i, x.r.Plan.DisplayName, PlacementText.LossWhy(x.r))).ToList());
            sb.Append("</div>\n");
        }

        sb.Append("</section>\n");
    }

    // The first items in view; the rest behind a <details> (no script needed), so the matrix stays near the top.
    private static void AlertList(StringBuilder sb, List<(int Index, string Name, string Why)> items)
    {
        const int Shown = 8;
        sb.Append("<ul>\n");
        for (var k = 0; k < items.Count; k++)
        {
            if (k == Shown)
            {
                sb.Append("</ul>\n<details><summary>").Append(N(items.Count - Shown)).Append(" more</summary><ul>\n");
            }

            var (i, name, why) = items[k];
            sb.Append("<li><a href=\"#ds-").Append(i).Append("\">").Append(E(name)).Append("</a>: ").Append(E(why)).Append("</li>\n");
        }

        sb.Append(items.Count > Shown ? "</ul></details>\n" : "</ul>\n");
    }

    private static void WriteRow(PlacementRun run, NodeClass c, StringBuilder sb)
    {
        var row = new StringBuilder();
        var bad = 0;
        var pendingCells = 0;
        foreach (var r in run.Results)
        {
            var d = r.Decisions[c.Members[0]];
            if (!d.ShouldRun)
            {
                bad++;
                var code = Code(d);
                row.Append("<td class=\"").Append(code.ToLowerInvariant()).Append("\">").Append(code).Append(" <small>").Append(Breakable(d.Detail ?? string.Empty)).Append("</small></td>");
                continue;
            }

            var pending = PendingByCode(r, c.Members);
            var pendingCount = pending.Sum(p => p.Count);
            if (pendingCount == 0)
            {
                row.Append((d.Notes & PlacementNotes.ChurnTolerationSeconds) != 0 ? "<td class=\"c\">✓ <small>churn</small></td>" : "<td class=\"y\">✓</td>");
                continue;
            }

            bad++;
            pendingCells++;
            var first = pending[0];
            var title = E($"{run.Nodes[first.Node].Name}: {first.Problem.Text}" + (pending.Count > 1 ? $" (and {string.Join(", ", pending.Skip(1).Select(p => $"{p.Code} on {N(p.Count)}"))})" : string.Empty));
            var what = string.Join(", ", pending.Take(2).Select(p => Short(p.Code) + (c.Count > 1 ? " ×" + N(p.Count) : string.Empty))) + (pending.Count > 2 ? ", …" : string.Empty);
            if (pendingCount == c.Count)
            {
                row.Append("<td class=\"p\" title=\"").Append(title).Append("\">P <small>").Append(E(what)).Append("</small></td>");
            }
            else
            {
                row.Append("<td class=\"q\" title=\"").Append(title).Append("\">✓ ").Append(N(c.Count - pendingCount)).Append(" · P <small>").Append(E(what)).Append("</small></td>");
            }
        }

        sb.Append("<tr data-n=\"").Append(c.Count).Append("\" data-bad=\"").Append(bad).Append("\" data-p=\"").Append(pendingCells).Append("\"><th class=\"cls\"><details><summary><b>")
          .Append(N(c.Count)).Append("</b> <span class=\"d\">").Append(Breakable(c.Description)).Append("</span></summary><p class=\"names\">");
        var members = c.Members;
        for (var i = 0; i < members.Count; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ").Append(E(run.Nodes[members[i]].Name));
        }

        sb.Append("</p></details></th>").Append(row).Append("</tr>\n");
    }

    // "Insufficient cpu, memory" → "cpu, memory", "Too many pods" → "pods", "HostPort 9100/TCP" → "port 9100/TCP".
    private static string Short(string code) =>
        code.Replace("Insufficient ", string.Empty).Replace("Too many pods", "pods").Replace("HostPort ", "port ");

    // Lets text wrap after '-', '.', '/', '_', '=' and ':' (with word-break: keep-all in headers), never inside a word.
    private static string Breakable(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(ch); break;
            }

            if (ch is '-' or '.' or '/' or '_' or '=' or ':' && i + 1 < s.Length && s[i + 1] != ' ')
            {
                sb.Append("<wbr>");
            }
        }

        return sb.ToString();
    }

    // Only the five markup characters: the page is UTF-8, so names and symbols stay readable in the source.
    private static string E(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    private const string Css =
        """
        :root { --line: #d0d4d8; --head: #eceff1; --side: #f7f8f9; }
        * { box-sizing: border-box; }
        body { font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }
        header { padding: 12px 16px 4px; }
        h1 { font-size: 20px; margin: 0 0 4px; }
        h2 { font-size: 14px; margin: 0 0 4px; }
        p.sum { margin: 0 0 8px; color: #444; }
        .alerts { display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 0 0 8px; }
        .alert { border-left: 5px solid; padding: 6px 10px; background: #fff; max-width: 100%; }
        .alert ul { margin: 0; padding-left: 18px; }
        .alert.nowhere { border-color: #c62828; background: #fdecea; }
        .alert.loses { border-color: #ef6c00; background: #fff3e0; }
        p.ok { margin: 0; padding: 6px 10px; border-left: 5px solid #2e7d32; background: #e8f5e9; }
        .controls { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; margin: 4px 0 8px; }
        .controls input[type=search] { width: 16em; }
        p.hint { color: #555; margin: 4px 0; }
        table.m { border-collapse: separate; border-spacing: 0; background: #fff; margin: 0 16px 16px; }
        table.m th, table.m td { border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); padding: 3px 5px; vertical-align: top; }
        table.m thead th { position: sticky; top: 0; z-index: 2; background: var(--head); font-weight: 600; vertical-align: bottom; text-align: left;
          min-width: 6.5em; max-width: 9.5em; word-break: keep-all; overflow-wrap: normal; hyphens: manual; border-top: 1px solid var(--line); }
        table.m thead th.corner { left: 0; z-index: 3; min-width: 15em; max-width: 22em; border-left: 1px solid var(--line); }
        table.m thead th .ns { display: block; font-weight: 400; color: #555; font-size: 11px; }
        table.m thead th .nm { display: block; }
        table.m thead th .tot { display: block; font-weight: 400; color: #333; font-size: 11px; white-space: nowrap; }
        table.m thead th.bad { background: #f8d7da; }
        table.m thead th.warn { background: #ffe0b2; }
        th.cls { position: sticky; left: 0; z-index: 1; background: var(--side); text-align: left; font-weight: 400; min-width: 15em; max-width: 22em; border-left: 1px solid var(--line); }
        th.cls summary { cursor: pointer; }
        th.cls .d { word-break: keep-all; overflow-wrap: anywhere; }
        th.cls p.names { margin: 4px 0 0; font-size: 11px; color: #333; max-height: 16em; overflow: auto; overflow-wrap: anywhere; }
        td { min-width: 6.5em; max-width: 9.5em; font-weight: 700; }
        td small { display: block; font-weight: 400; font-size: 11px; word-break: keep-all; overflow-wrap: anywhere; }
        .y { background: #43a047; color: #fff; }
        .c { background: #c0ca33; color: #1a1a1a; }
        .p { background: #8e24aa; color: #fff; }
        .q { background: #a5d6a7; color: #1a1a1a; box-shadow: inset 5px 0 #8e24aa; }
        .k { background: #ffb74d; color: #1a1a1a; }
        .t { background: #e53935; color: #fff; }
        .s { background: #90caf9; color: #1a1a1a; }
        .a { background: #b39ddb; color: #1a1a1a; }
        .n { background: #cfd8dc; color: #1a1a1a; }
        .legend { margin: 0 16px 24px; }
        .legend ul { list-style: none; padding: 0; margin: 0 0 6px; display: flex; flex-wrap: wrap; gap: 4px 18px; }
        .legend .sw { display: inline-block; min-width: 2.2em; padding: 0 4px; text-align: center; font-weight: 700; border: 1px solid #999; }
        tr[hidden] { display: none; }
        @media print {
          @page { size: landscape; margin: 8mm; }
          body { background: #fff; font-size: 9px; }
          .controls, noscript { display: none; }
          table.m { margin: 0; }
          table.m thead th, th.cls { position: static; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """;

    private const string Script =
        """
        (function () {
          var table = document.getElementById('m');
          if (!table) { return; }
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var heads = Array.prototype.slice.call(table.tHead.rows[0].cells, 1);
          var texts = rows.map(function (r) { return r.cells[0].textContent.toLowerCase(); });
          var q = document.getElementById('q'), qd = document.getElementById('qd'), sort = document.getElementById('sort');
          var only = document.getElementById('only'), shown = document.getElementById('shown');
          var hide = document.createElement('style');
          document.head.appendChild(hide);
          function apply() {
            var v = q.value.trim().toLowerCase(), n = 0, nodes = 0;
            rows.forEach(function (r, i) {
              var show = (!v || texts[i].indexOf(v) >= 0) && (!only.checked || +r.dataset.bad > 0);
              r.hidden = !show;
              if (show) { n++; nodes += +r.dataset.n; }
            });
            var dv = qd.value.trim().toLowerCase(), rules = [], cols = 0;
            heads.forEach(function (h, i) {
              if (dv && h.dataset.name.indexOf(dv) < 0) { rules.push('#m tr > :nth-child(' + (i + 2) + ')'); } else { cols++; }
            });
            hide.textContent = rules.length ? rules.join(',') + '{display:none}' : '';
            shown.textContent = n + ' of ' + rows.length + ' classes (' + nodes.toLocaleString('en') + ' nodes), ' + cols + ' of ' + heads.length + ' DaemonSets';
          }
          function order() {
            var k = sort.value;
            var sorted = rows.slice().sort(function (a, b) {
              if (k === 'd') { return a.cells[0].querySelector('.d').textContent.localeCompare(b.cells[0].querySelector('.d').textContent); }
              return (+b.dataset[k] - +a.dataset[k]) || (+b.dataset.n - +a.dataset.n);
            });
            sorted.forEach(function (r) { body.appendChild(r); });
          }
          q.addEventListener('input', apply);
          qd.addEventListener('input', apply);
          only.addEventListener('change', apply);
          sort.addEventListener('change', function () { order(); apply(); });
          document.getElementById('controls').hidden = false;
          document.body.setAttribute('data-ready', 'yes');
          apply();
        })();

        """;
}
