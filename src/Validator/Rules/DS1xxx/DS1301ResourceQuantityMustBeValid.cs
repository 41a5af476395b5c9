using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1301: quantities of container resources, of the pod overhead and of the pod-level resources are not negative, are whole for integer resources and divide into hugepages.</summary>
internal sealed class DS1301ResourceQuantityMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1301ResourceQuantityMustBeValid"/> class.</summary>
    public DS1301ResourceQuantityMustBeValid()
        : base(RuleCatalog.DS1301_ResourceQuantityMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var r in ContainerResources.Of(context))
        {
            foreach (var e in r.Limits)
            {
                this.CheckEntry(context, e);
            }

            foreach (var e in r.Requests)
            {
                this.CheckEntry(context, e);
            }
        }

        foreach (var e in ContainerResources.Overhead(context, out _))
        {
            this.CheckEntry(context, e);
        }

        // validatePodResources runs the same checks on the pod-level spec.resources (PodLevelResources).
        if (ContainerResources.PodLevel(context) is { } pod)
        {
            foreach (var e in pod.Limits)
            {
                this.CheckEntry(context, e);
            }

            foreach (var e in pod.Requests)
            {
                this.CheckEntry(context, e);
            }
        }

        // A quantity that does not parse fails JSON decoding before validation runs: the schema layer reports it
        // (DS2005), so this rule stays silent on it (one mistake, one finding).
    }

    private void CheckEntry(RuleContext context, ResourceEntry e)
    {
        if (e.Error is not null)
        {
            return; // DS2005
        }

        if (e.Quantity is not { } q)
        {
            return;
        }

        if (q.Sign < 0)
        {
            context.Report(FindingKind.Invalid, e.Path, "must be greater than or equal to 0", Nodes.Quote(q.ToString()), "remove the minus sign", at: e.At);
        }

        if (ResourceNames.IsInteger(e.Name) && !q.IsInteger)
        {
            context.Report(FindingKind.Invalid, e.Path, "must be an integer", Nodes.Quote(q.ToString()), "extended resources are counted in whole units", at: e.At);
        }

        // AllowIndivisibleHugePagesValues: the stored template already had an indivisible amount (the update's ratchet).
        if (ResourceNames.IsHugePages(e.Name) && !ResourceNames.IsHugePagesValueDivisible(e.Name, q) && !context.PodOptions.AllowIndivisibleHugePagesValues)
        {
            context.Report(FindingKind.Invalid, e.Path, $"{q} is not positive integer multiple of {e.Name}", Nodes.Quote(q.ToString()), at: e.At);
        }
    }
}
