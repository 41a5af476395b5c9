using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1304: hugepages and extended resources need equal request and limit, in containers and in the pod-level resources.</summary>
internal sealed class DS1304NonOvercommitableRequestMustEqualLimit : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1304NonOvercommitableRequestMustEqualLimit"/> class.</summary>
    public DS1304NonOvercommitableRequestMustEqualLimit()
        : base(RuleCatalog.DS1304_NonOvercommitableRequestMustEqualLimit)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var r in ContainerResources.Of(context))
        {
            Check(context, r);
        }

        // validatePodResources runs validateResourceRequirements on the pod-level spec.resources too.
        if (ContainerResources.PodLevel(context) is { } pod)
        {
            Check(context, pod);
        }
    }

    private static void Check(RuleContext context, ContainerResources r)
    {
        foreach (var req in r.Requests)
        {
            if (req.Quantity is not { } q || ResourceNames.IsOvercommitAllowed(req.Name))
            {
                continue;
            }

            var limitEntry = r.Limit(req.Name);
            if (limitEntry is null)
            {
                if (!r.Uncertain)
                {
                    context.Report(
                        FindingKind.Required,
                        r.Path.Child("limits"),
                        "Limit must be set for non overcommitable resources",
                        hint: $"add limits[{req.Name}]: {q} (equal to the request), or move the request to limits",
                        at: req.Path);
                }

                continue;
            }

            if (limitEntry.Quantity is { } limit && q.CompareTo(limit) != 0)
            {
                context.Report(
                    FindingKind.Invalid,
                    r.Path.Child("requests"),
                    $"must be equal to {req.Name} limit of {limit}",
                    Nodes.Quote(q.ToString()),
                    $"set requests[{req.Name}] to {limit}, or remove the request",
                    at: req.Path);
            }
        }
    }
}
