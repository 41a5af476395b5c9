using System;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1186: the pod-level <c>spec.resources</c> covers its containers: each pod-level request is at least the containers'
/// aggregate request of that resource, and no regular container's limit exceeds the pod-level limit
/// (CV validatePodResourceConsistency, with resourcehelper.AggregateContainerRequests).
/// </summary>
internal sealed class DS1186PodResourcesMustCoverContainers : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1186PodResourcesMustCoverContainers"/> class.</summary>
    public DS1186PodResourcesMustCoverContainers()
        : base(RuleCatalog.DS1186_PodResourcesMustCoverContainers)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (ContainerResources.PodLevel(context) is not { Uncertain: false } pod)
        {
            return;
        }

        var byContainer = new Dictionary<MappingNode, ContainerResources>();
        foreach (var r in ContainerResources.Of(context))
        {
            if (r.Container is { } c)
            {
                byContainer[c.Node] = r;
            }
        }

        CheckRequests(context, pod, byContainer);
        CheckLimits(context, pod, byContainer);
    }

    // Pod-level requests must be >= the aggregate requests of all containers, for every resource the containers
    // request (not only the pod-level ones: a container's ephemeral-storage request fails against a pod-level 0).
    private static void CheckRequests(RuleContext context, ContainerResources pod, Dictionary<MappingNode, ContainerResources> byContainer)
    {
        var aggregate = new Aggregate();
        foreach (var c in Containers.Of(context, ContainerList.Containers))
        {
            if (!aggregate.Read(byContainer, c, out var requests))
            {
                return;
            }

            aggregate.AddTo(aggregate.Result, requests);
        }

        // Init containers (AggregateContainerRequests, the sidecar formula): a restartable one adds to the pod's total
        // and to the sidecars started so far; a regular one runs alongside those sidecars, and the pod needs the larger
        // of the total and the largest such step. Upstream also takes the sidecars' running total into that maximum, and
        // a step's resources the init container does not request: with no negative quantity (DS1301, marked unsure
        // here) neither can exceed the total, which holds every sidecar, so only the requested resources are summed.
        var restartable = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var initMax = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var c in Containers.Of(context, ContainerList.InitContainers))
        {
            if (!aggregate.Read(byContainer, c, out var requests) || c.Node.IsUnknown("restartPolicy"))
            {
                return;
            }

            if (PodSpecNodes.IsSidecar(c))
            {
                aggregate.AddTo(aggregate.Result, requests);
                aggregate.AddTo(restartable, requests);
                continue;
            }

            foreach (var e in requests)
            {
                if (e.Quantity is not { } q || q.Sign < 0)
                {
                    aggregate.Unsure.Add(e.Name);
                    continue;
                }

                // addResourceList(tmp, container) then addResourceList(tmp, restartable): the container's quantity comes first.
                var step = restartable.TryGetValue(e.Name, out var running) ? q.Add(running) : q;
                if (step is null)
                {
                    aggregate.Unsure.Add(e.Name);
                }
                else if (!initMax.TryGetValue(e.Name, out var max) || step.CompareTo(max) > 0)
                {
                    initMax[e.Name] = step;
                }
            }
        }

        Max(aggregate.Result, initMax);

        var requestsPath = pod.Path.Child("requests");
        var podRequests = new Dictionary<string, ResourceEntry>(StringComparer.Ordinal);
        foreach (var e in pod.Requests)
        {
            podRequests[e.Name] = e;
        }

        foreach (var kv in aggregate.Result)
        {
            if (aggregate.Unsure.Contains(kv.Key))
            {
                continue;
            }

            var own = Quantity.Zero; // absent (or null): the zero quantity
            podRequests.TryGetValue(kv.Key, out var entry);
            if (entry is not null)
            {
                if (entry.Quantity is not { } q)
                {
                    continue; // no quantity: a decoding error (DS2005) or a value of the wrong type
                }

                own = q;
            }

            if (kv.Value.CompareTo(own) > 0)
            {
                context.Report(
                    FindingKind.Invalid,
                    requestsPath.Key(kv.Key),
                    $"must be greater than or equal to aggregate container requests of {kv.Value}",
                    Nodes.Quote(own.ToString()),
                    $"set the pod-level requests[{kv.Key}] to at least {kv.Value}, or lower the containers' requests",
                    at: entry?.Path ?? requestsPath);
            }
        }
    }

    // Each regular container's limit must be <= the pod-level limit of the same resource, when the pod sets one.
    // Upstream reports it at the odd path resources.containers[i][name].limits; the finding is shown at the container's limit.
    private static void CheckLimits(RuleContext context, ContainerResources pod, Dictionary<MappingNode, ContainerResources> byContainer)
    {
        var podLimits = context.PodSpec.Map("resources").Map("limits");
        if (podLimits is null)
        {
            return;
        }

        foreach (var c in Containers.Of(context, ContainerList.Containers))
        {
            if (!byContainer.TryGetValue(c.Node, out var r))
            {
                continue;
            }

            foreach (var e in r.Limits)
            {
                if (e.Quantity is not { } limit)
                {
                    continue;
                }

                Quantity podLimit;
                if (pod.Limit(e.Name) is { } own)
                {
                    if (own.Quantity is not { } q)
                    {
                        continue;
                    }

                    podLimit = q;
                }
                else if (podLimits[e.Name] is { IsNull: true })
                {
                    podLimit = Quantity.Zero; // a null quantity decodes as zero, and the key is there
                }
                else
                {
                    continue;
                }

                if (limit.CompareTo(podLimit) > 0)
                {
                    context.Report(
                        FindingKind.Invalid,
                        pod.Path.Child("containers").Index(c.Index).Key(e.Name).Child("limits"),
                        $"must be less than or equal to pod limits of {podLimit}",
                        Nodes.Quote(limit.ToString()),
                        $"lower the container's limits[{e.Name}] to at most {podLimit}, or raise the pod-level limit",
                        at: e.Path);
                }
            }
        }
    }

    // maxResourceList: a larger quantity replaces the one kept (an equal one does not).
    private static void Max(Dictionary<string, Quantity> list, Dictionary<string, Quantity> other)
    {
        foreach (var kv in other)
        {
            if (!list.TryGetValue(kv.Key, out var value) || kv.Value.CompareTo(value) > 0)
            {
                list[kv.Key] = kv.Value;
            }
        }
    }

    private sealed class Aggregate
    {
        public Dictionary<string, Quantity> Result { get; } = new(StringComparer.Ordinal);

        /// <summary>Gets the resources whose total cannot be computed (an unparsable or negative quantity, or a sum too large to align).</summary>
        public HashSet<string> Unsure { get; } = new(StringComparer.Ordinal);

        // The container's requests, or false when some of them cannot be seen (C# front end): nothing can be told then.
        public bool Read(Dictionary<MappingNode, ContainerResources> byContainer, ContainerRef c, out List<ResourceEntry> requests)
        {
            requests = new List<ResourceEntry>();
            if (c.Node.IsUnknown("resources"))
            {
                return false;
            }

            if (!byContainer.TryGetValue(c.Node, out var r))
            {
                return true;
            }

            if (r.Uncertain)
            {
                return false;
            }

            requests = r.Requests;
            return true;
        }

        // addResourceList: the first quantity of a resource is kept as it is, later ones are added to it.
        public void AddTo(Dictionary<string, Quantity> list, List<ResourceEntry> entries)
        {
            foreach (var e in entries)
            {
                if (e.Quantity is not { } q || q.Sign < 0)
                {
                    this.Unsure.Add(e.Name);
                    continue;
                }

                this.Add(list, e.Name, q);
            }
        }

        private void Add(Dictionary<string, Quantity> list, string name, Quantity q)
        {
            if (!list.TryGetValue(name, out var value))
            {
                list[name] = q;
            }
            else if (value.Add(q) is { } sum)
            {
                list[name] = sum;
            }
            else
            {
                this.Unsure.Add(name);
            }
        }
    }
}
