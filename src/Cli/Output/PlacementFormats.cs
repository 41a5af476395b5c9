using System.Collections.Generic;
using System.IO;
using System.Text;
using DaemonLint.Placement;

namespace DaemonLint.Cli.Output;

/// <summary>What <c>daemonlint place</c> prints: the inventory and the run (one result per DaemonSet, classes, capacity).</summary>
/// <param name="Inventory">The node inventory.</param>
/// <param name="Run">The placement run.</param>
public sealed record PlacementReport(NodeInventory Inventory, PlacementRun Run)
{
    /// <summary>Gets the placements, in input order.</summary>
    public IReadOnlyList<PlacementResult> Results => this.Run.Results;
}

/// <summary>The output formats of <c>place</c>, and the wording they share.</summary>
public static class PlacementFormats
{
    /// <summary>Whether a format name is known.</summary>
    /// <param name="format">The name.</param>
    /// <returns>True for text, json and html.</returns>
    public static bool IsKnown(string format) => format is "text" or "json" or "html";

    /// <summary>Writes a report.</summary>
    /// <param name="format">The format.</param>
    /// <param name="report">The report.</param>
    /// <param name="writer">The writer.</param>
    public static void Write(string format, PlacementReport report, TextWriter writer)
    {
        switch (format)
        {
            case "json":
                PlacementJson.Write(report, writer);
                break;
            case "html":
                PlacementHtml.Write(report, writer);
                break;
            default:
                PlacementText.Write(report, writer);
                break;
        }
    }

    /// <summary>A short label for a decision: <c>runs</c> or the reason.</summary>
    /// <param name="d">The decision.</param>
    /// <returns>The label.</returns>
    public static string Label(PlacementDecision d) => d.ShouldRun ? "runs" : d.Reason.ToString();

    /// <summary>Gets the one-letter code of a decision the HTML cells and legend use.</summary>
    /// <param name="d">The decision.</param>
    /// <returns>N, S, A, T (evicted), K (kept: NoSchedule only) or an empty string when it runs.</returns>
    public static string Code(PlacementDecision d) => d.ShouldRun ? string.Empty : d.Reason switch
    {
        PlacementReason.NodeNameMismatch => "N",
        PlacementReason.NodeSelectorMismatch => "S",
        PlacementReason.NodeAffinityMismatch => "A",
        _ => d.ShouldContinueRunning ? "K" : "T",
    };

    /// <summary>Describes what the capacity check counted.</summary>
    /// <param name="run">The run.</param>
    /// <returns>One phrase.</returns>
    public static string CapacityText(PlacementRun run) => run.Capacity switch
    {
        CapacitySource.None => "capacity not checked (no node reports status.allocatable; give --pods for free capacity)",
        CapacitySource.Allocatable => "capacity from status.allocatable only (the daemon pod must fit an empty node; give --pods for free capacity)",
        _ => $"capacity from status.allocatable minus the requests of {N(run.Pods!.BoundCount)} bound pod(s) (--pods; {N(run.Pods.TerminalCount)} finished and {N(run.Pods.UnboundCount)} unbound pod(s) hold nothing)",
    };

    /// <summary>Counts the Pending verdicts of some nodes by the code of their first reason, most frequent first.</summary>
    /// <param name="result">The result.</param>
    /// <param name="members">The node indexes.</param>
    /// <returns>Per code: count, the first node and its problem.</returns>
    public static List<(string Code, int Count, int Node, FitProblem Problem)> PendingByCode(PlacementResult result, IReadOnlyList<int> members)
    {
        var list = new List<(string Code, int Count, int Node, FitProblem Problem)>();
        if (result.Fits is not { } fits)
        {
            return list;
        }

        var index = new Dictionary<string, int>();
        foreach (var m in members)
        {
            if (fits[m].Problem is not { } p)
            {
                continue;
            }

            var code = p.Code;
            if (index.TryGetValue(code, out var i))
            {
                list[i] = (code, list[i].Count + 1, list[i].Node, list[i].Problem);
            }
            else
            {
                index[code] = list.Count;
                list.Add((code, 1, m, p));
            }
        }

        list.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Code, b.Code));
        return list;
    }

    /// <summary>Lists a few node names: <c>a, b, c and 17 more</c>.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <param name="members">The indexes.</param>
    /// <param name="max">How many names to show.</param>
    /// <returns>The text.</returns>
    public static string Examples(IReadOnlyList<NodeInfo> nodes, IReadOnlyList<int> members, int max = 3)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < members.Count && i < max; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ").Append(DaemonLint.Hosting.HostText.Name(nodes[members[i]].Name));
        }

        if (members.Count > max)
        {
            sb.Append(" and ").Append(N(members.Count - max)).Append(" more");
        }

        return sb.ToString();
    }

    /// <summary>Formats a count with thousands separators (invariant).</summary>
    /// <param name="n">The count.</param>
    /// <returns>The text.</returns>
    public static string N(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
