using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1303: each request is at most its limit, in containers and in the pod-level resources.</summary>
internal sealed class DS1303RequestMustNotExceedLimit : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1303RequestMustNotExceedLimit"/> class.</summary>
    public DS1303RequestMustNotExceedLimit()
        : base(RuleCatalog.DS1303_RequestMustNotExceedLimit)
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
            if (req.Quantity is not { } q || r.Limit(req.Name)?.Quantity is not { } limit)
            {
                continue; // limits without requests, or requests without limits: nothing to compare (requests are not copied from limits in templates)
            }

            if (ResourceNames.IsOvercommitAllowed(req.Name) && q.CompareTo(limit) > 0)
            {
                context.Report(
                    FindingKind.Invalid,
                    r.Path.Child("requests"),
                    $"must be less than or equal to {req.Name} limit of {limit}",
                    Nodes.Quote(q.ToString()),
                    $"lower requests[{req.Name}] to at most {limit} or raise the limit",
                    at: req.Path);
            }
        }
    }
}
