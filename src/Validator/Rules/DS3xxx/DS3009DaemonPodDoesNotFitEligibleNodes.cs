using System;
using System.Collections.Generic;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS3xxx;

/// <summary>
/// DS3009: the controller creates the daemon pod on nodes where the scheduler cannot bind it (resources, pod count, host
/// port), against allocatable, or allocatable minus the pods already there when the inventory carries pods (--pods).
/// One finding per cause (each resource, the pod count, each host port), at the request or port that causes it.
/// </summary>
internal sealed class DS3009DaemonPodDoesNotFitEligibleNodes : Rule
{
    private const int MaxGroups = 3;

    /// <summary>Initializes a new instance of the <see cref="DS3009DaemonPodDoesNotFitEligibleNodes"/> class.</summary>
    public DS3009DaemonPodDoesNotFitEligibleNodes()
        : base(RuleCatalog.DS3009_DaemonPodDoesNotFitEligibleNodes)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var run = InventoryPlacement.Run(context);
        var result = run?.Results[0];
        if (run is null || result?.Fits is not { } fits || result.PendingCount == 0)
        {
            return;
        }

        // Per cause: how many nodes, the first one and its reason.
        var causes = new Dictionary<string, (FitReason Reason, int Count, int Node)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < fits.Count; i++)
        {
            if (fits[i].Problem is not { } problem)
            {
                continue;
            }

            foreach (var reason in problem.Reasons)
            {
                var key = reason.Kind switch
                {
                    FitReasonKind.InsufficientResource => "r\u0001" + reason.Resource,
                    FitReasonKind.TooManyPods => "pods",
                    _ => "p\u0001" + reason.Port,
                };
                if (causes.TryGetValue(key, out var c))
                {
                    causes[key] = (c.Reason, c.Count + 1, c.Node);
                }
                else
                {
                    causes[key] = (reason, 1, i);
                    order.Add(key);
                }
            }
        }

        // Groups of nodes where the pod fits none: the ones to name.
        var nowhere = new List<NodeGroup>();
        foreach (var g in run.GroupsOf(result))
        {
            if (g.Decision.ShouldRun && AllPending(fits, g))
            {
                nowhere.Add(g);
            }
        }

        var against = run.Capacity == CapacitySource.AllocatableAndPods
            ? "allocatable minus what the pods already on each node request"
            : "allocatable (an empty node; give --pods to count the pods already there)";
        var where = nowhere.Count == 0
            ? string.Empty
            : nowhere.Sum(g => g.Count) == result.Desired
                ? "; it fits none of them"
                : "; it fits no node of " + string.Join(", ", nowhere.Take(MaxGroups).Select(g => $"{Num.S(g.Count)} node(s) ({g.Description})")) + (nowhere.Count > MaxGroups ? $" and {Num.S(nowhere.Count - MaxGroups)} more group(s)" : string.Empty);
        foreach (var key in order)
        {
            var (reason, count, node) = causes[key];
            var verb = result.Pod!.BypassesScheduler ? "the kubelet rejects the daemon pod (spec.nodeName skips the scheduler)" : "the daemon pod stays Pending";
            context.Report(
                FindingKind.Invalid,
                PathOf(context, reason),
                $"{verb} on {Num.S(count)} of the {Num.S(result.Desired)} node(s) that should run it: {reason.SchedulerReason} (e.g. {result.Nodes[node].Name}: {reason.Numbers}), checked against {against}{where}",
                hint: Hint(reason));
        }
    }

    private static bool AllPending(IReadOnlyList<FitVerdict> fits, NodeGroup g)
    {
        foreach (var m in g.Members)
        {
            if (fits[m].Status != FitStatus.Pending)
            {
                return false;
            }
        }

        return true;
    }

    private static string Hint(FitReason reason) => reason.Kind switch
    {
        FitReasonKind.InsufficientResource => "request less, or leave room on those nodes; a higher priorityClassName lets the scheduler preempt lower-priority pods",
        FitReasonKind.TooManyPods => "those nodes already run as many pods as their allocatable pods allows",
        _ => "choose another host port, or move the pod that holds it",
    };

    /// <summary>Where the cause is written: the largest request of the resource, the host port, or the pod spec.</summary>
    private static FieldPath PathOf(RuleContext context, FitReason reason)
    {
        var pod = context.PodSpec;
        if (reason.Kind == FitReasonKind.InsufficientResource)
        {
            FieldPath? best = null;
            decimal most = -1;
            foreach (var list in new[] { "containers", "initContainers" })
            {
                if (pod.Seq(list) is not { } seq)
                {
                    continue;
                }

                for (var i = 0; i < seq.Count; i++)
                {
                    var requests = (seq.Items[i] as MappingNode).Map("resources").Map("requests");
                    if (ResourceMath.TryRead(requests.Get(reason.Resource), FieldPath.Root(string.Empty), null, out var v) && v > most)
                    {
                        most = v;
                        best = Paths.PodSpec.Child(list).Index(i).Child("resources", "requests").Key(reason.Resource);
                    }
                }
            }

            if (pod.Map("resources").Map("requests").Get(reason.Resource) is not null)
            {
                return Paths.PodSpec.Child("resources", "requests").Key(reason.Resource);
            }

            return best ?? (pod.Map("overhead").Get(reason.Resource) is not null ? Paths.PodSpec.Child("overhead").Key(reason.Resource) : Paths.PodSpec);
        }

        if (reason.Kind == FitReasonKind.HostPort)
        {
            foreach (var list in new[] { "containers", "initContainers" })
            {
                if (pod.Seq(list) is not { } seq)
                {
                    continue;
                }

                for (var i = 0; i < seq.Count; i++)
                {
                    if ((seq.Items[i] as MappingNode).Seq("ports") is not { } ports)
                    {
                        continue;
                    }

                    for (var j = 0; j < ports.Count; j++)
                    {
                        var port = ports.Items[j] as MappingNode;
                        var hostPort = port.Int("hostPort");
                        var effective = hostPort is > 0 ? hostPort : pod.Bool("hostNetwork") == true ? port.Int("containerPort") : null;
                        if (effective == reason.Port.Port)
                        {
                            return Paths.PodSpec.Child(list).Index(i).Child("ports").Index(j).Child(hostPort is > 0 ? "hostPort" : "containerPort");
                        }
                    }
                }
            }
        }

        return Paths.PodSpec;
    }
}
