using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Hosting;
using DaemonLint.Placement;
using static DaemonLint.Cli.Output.PlacementFormats;

namespace DaemonLint.Cli.Output;

/// <summary>
/// The text form of <c>place</c>: a summary (DaemonSets that run nowhere or lose nodes first), then per DaemonSet one line
/// per group of nodes that look alike to it (count, what they share, the reason, a few names), capacity, existing pods
/// and the rollout plan. Its length grows with the groups, not with the nodes.
/// </summary>
public static class PlacementText
{
    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="w">The writer.</param>
    public static void Write(PlacementReport report, TextWriter w)
    {
        var run = report.Run;
        w.WriteLine($"{N(run.Results.Count)} DaemonSet(s) over {N(run.Nodes.Count)} node(s) in {N(run.Classes.Classes.Count)} class(es); {CapacityText(run)}");
        var nowhere = run.Results.Where(r => r.RunsNowhere).ToList();
        if (nowhere.Count > 0)
        {
            w.WriteLine("runs nowhere: " + string.Join("; ", nowhere.Select(r => r.Plan.DisplayName + " (" + NowhereWhy(run, r) + ")")));
        }

        var losing = run.Results.Where(r => !r.RunsNowhere && (r.PendingCount > 0 || r.NodesLost > 0)).ToList();
        if (losing.Count > 0)
        {
            w.WriteLine("loses nodes: " + string.Join("; ", losing.Select(r => r.Plan.DisplayName + " (" + LossWhy(r) + ")")));
        }

        foreach (var r in run.Results)
        {
            w.WriteLine();
            WriteOne(run, r, w);
        }
    }

    /// <summary>Why a DaemonSet runs nowhere, in a few words.</summary>
    /// <param name="run">The run.</param>
    /// <param name="r">The result.</param>
    /// <returns>The text.</returns>
    public static string NowhereWhy(PlacementRun run, PlacementResult r)
    {
        if (run.Nodes.Count == 0)
        {
            return "the inventory has no node";
        }

        if (r.Desired == 0)
        {
            var top = run.GroupsOf(r).GroupBy(g => g.Decision.Reason).Select(g => (Reason: g.Key, Count: g.Sum(x => x.Count), First: g.First())).OrderByDescending(x => x.Count).First();
            return $"no node qualifies; {top.Reason} {HostText.Escape(top.First.Decision.Detail ?? string.Empty)} on {N(top.Count)} of {N(run.Nodes.Count)}";
        }

        var pending = PendingByCode(r, Enumerable.Range(0, r.Nodes.Count).ToList());
        return $"eligible on {N(r.Desired)} node(s), fits none: " + string.Join(", ", pending.Select(p => $"{p.Code} on {N(p.Count)}"));
    }

    /// <summary>Which nodes a DaemonSet loses, in a few words.</summary>
    /// <param name="r">The result.</param>
    /// <returns>The text.</returns>
    public static string LossWhy(PlacementResult r)
    {
        var parts = new List<string>();
        if (r.PendingCount > 0)
        {
            var pending = PendingByCode(r, Enumerable.Range(0, r.Nodes.Count).ToList());
            parts.Add($"Pending on {N(r.PendingCount)} of {N(r.Desired)} eligible: " + string.Join(", ", pending.Select(p => $"{p.Code} on {N(p.Count)}")));
        }

        if (r.NodesLost > 0)
        {
            parts.Add($"{N(r.PodsRemoved)} existing pod(s) deleted on {N(r.NodesLost)} node(s) it no longer qualifies for");
        }

        return string.Join("; ", parts);
    }

    private static void WriteOne(PlacementRun run, PlacementResult r, TextWriter w)
    {
        var total = r.Nodes.Count;
        var fits = r.Fits is null ? string.Empty : $", fits on {N(r.FitCount)}";
        w.WriteLine($"{r.Plan.DisplayName}: runs on {N(r.Desired)} of {N(total)} node(s){fits}" + (r.DaemonSet?.File is { } f ? $"  [{HostText.Name(f)}]" : string.Empty));
        var groups = run.GroupsOf(r);
        var runs = groups.Where(g => g.Decision.ShouldRun).ToList();
        var not = groups.Where(g => !g.Decision.ShouldRun).ToList();
        if (runs.Count == 0)
        {
            w.WriteLine("  runs on: (no node)");
        }
        else
        {
            w.WriteLine("  runs on:");
            foreach (var g in runs)
            {
                w.WriteLine($"    {N(g.Count)} node(s) ({g.Description}): {Examples(r.Nodes, g.Members)}");
                var pending = PendingByCode(r, g.Members);
                if (pending.Count > 0)
                {
                    var count = pending.Sum(p => p.Count);
                    w.WriteLine($"      Pending on {N(count)}: " + string.Join("; ", pending.Select(p => $"{p.Code} on {N(p.Count)} ({(p.Count > 1 ? "e.g. " : string.Empty)}{HostText.Name(r.Nodes[p.Node].Name)}: {HostText.Escape(p.Problem.Details ?? string.Empty)})")));
                }

                if ((g.Decision.Notes & PlacementNotes.ChurnTolerationSeconds) != 0)
                {
                    w.WriteLine("      note: Churn:TolerationSeconds (a NoExecute taint is tolerated only for tolerationSeconds: the pod is evicted and re-created)");
                }
            }
        }

        if (not.Count > 0)
        {
            w.WriteLine("  not on:");
            foreach (var g in not)
            {
                var d = g.Decision;
                var kept = d.Reason == PlacementReason.UntoleratedTaint ? (d.ShouldContinueRunning ? ", an existing pod is kept (KeptButNotScheduled)" : ", an existing pod is evicted") : string.Empty;
                w.WriteLine($"    {N(g.Count)} node(s) ({g.Description}): {d.Reason} {HostText.Escape(d.Detail ?? string.Empty)}{kept}: {Examples(r.Nodes, g.Members)}");
            }
        }

        if (r.Pod is { } pod && (pod.Requests.IsZeroRequest is false || pod.Ports.Count > 0))
        {
            w.WriteLine($"  requests: {pod.Requests}" + (pod.Ports.Count > 0 ? "; host ports " + string.Join(", ", pod.Ports) : string.Empty) + (pod.Surges ? " (maxSurge: the old pod still counts)" : string.Empty));
        }

        if (run.Pods is not null && r.ExistingPods + r.PodsRemoved > 0)
        {
            w.WriteLine($"  existing pods: {N(r.ExistingPods)} on these nodes" + (r.PodsRemoved > 0 ? $"; {N(r.PodsRemoved)} deleted on {N(r.NodesLost)} node(s) it no longer qualifies for" : string.Empty));
        }

        w.WriteLine("  rollout: " + HostText.Escape(r.Rollout.Summary));
    }
}
