using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1305: hugepages need cpu or memory, in a container's resources, in the pod overhead and in the pod-level resources.</summary>
internal sealed class DS1305HugePagesRequireCpuOrMemory : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1305HugePagesRequireCpuOrMemory"/> class.</summary>
    public DS1305HugePagesRequireCpuOrMemory()
        : base(RuleCatalog.DS1305_HugePagesRequireCpuOrMemory)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var r in ContainerResources.Of(context))
        {
            if (!r.Uncertain && NeedsCpuOrMemory(r))
            {
                context.Report(FindingKind.Forbidden, r.Path, "HugePages require cpu or memory", hint: "add a memory (or cpu) request or limit next to the hugepages");
            }
        }

        // validatePodResources checks the pod-level spec.resources the same way (PodLevelResources).
        if (ContainerResources.PodLevel(context) is { Uncertain: false } pod && NeedsCpuOrMemory(pod))
        {
            context.Report(FindingKind.Forbidden, pod.Path, "HugePages require cpu or memory", hint: "add a memory (or cpu) request or limit next to the hugepages");
        }

        // validateOverhead checks {limits: overhead} the same way, and reports at the overhead itself.
        var overhead = ContainerResources.Overhead(context, out var uncertain);
        if (!uncertain && overhead.Exists(e => ResourceNames.IsHugePages(e.Name)) && !overhead.Exists(e => e.Name is "cpu" or "memory"))
        {
            context.Report(FindingKind.Forbidden, Paths.PodSpec.Child("overhead"), "HugePages require cpu or memory", hint: "add the memory (or cpu) overhead next to the hugepages");
        }
    }

    private static bool NeedsCpuOrMemory(ContainerResources r)
    {
        var hugePages = false;
        var cpuOrMemory = false;
        foreach (var e in r.Limits)
        {
            hugePages |= ResourceNames.IsHugePages(e.Name);
            cpuOrMemory |= e.Name is "cpu" or "memory";
        }

        foreach (var e in r.Requests)
        {
            hugePages |= ResourceNames.IsHugePages(e.Name);
            cpuOrMemory |= e.Name is "cpu" or "memory";
        }

        return hugePages && !cpuOrMemory;
    }
}
