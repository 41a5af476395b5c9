using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1185: the pod-level <c>spec.resources</c> names only resources pod-level resource management supports
/// (CV validatePodResourceName, called by validatePodResources through validateResourceRequirements).
/// </summary>
internal sealed class DS1185PodResourceNameMustBeSupported : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1185PodResourceNameMustBeSupported"/> class.</summary>
    public DS1185PodResourceNameMustBeSupported()
        : base(RuleCatalog.DS1185_PodResourceNameMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (ContainerResources.PodLevel(context) is not { } pod)
        {
            return;
        }

        var hugePages = context.PodOptions.PodLevelHugePagesSupported;
        var resources = context.PodSpec.Map("resources");
        foreach (var key in new[] { "limits", "requests" })
        {
            if (resources.Map(key) is not { } map)
            {
                continue;
            }

            var path = pod.Path.Child(key);
            foreach (var e in map.Entries)
            {
                // A null quantity decodes as zero: the name is still in the map the server validates.
                Check(context, e.Key, path.Key(e.Key), hugePages);
            }
        }
    }

    private static void Check(RuleContext context, string name, FieldPath path, bool hugePages)
    {
        // core.ResourceName is a fmt.Stringer: the server prints the name bare, not quoted.
        var shown = ResourceNames.Display(name);
        var errs = ResourceNames.ValidateResourceName(name);
        if (errs.Count > 0)
        {
            foreach (var msg in errs)
            {
                context.Report(FindingKind.Invalid, path, msg, shown, Hint(name, hugePages));
            }

            return;
        }

        if (!ResourceNames.IsSupportedPodLevel(name, hugePages))
        {
            context.Report(FindingKind.NotSupported, path, PodSpecNodes.SupportedValues(ResourceNames.SupportedPodLevel(hugePages)), shown, Hint(name, hugePages));
        }
    }

    private static string? Hint(string name, bool hugePages)
    {
        var lower = name.ToLowerInvariant();
        if (lower != name && ResourceNames.IsSupportedPodLevel(lower, hugePages))
        {
            return $"resource names are case-sensitive: write {lower}";
        }

        if (ResourceNames.IsHugePages(name) && !hugePages)
        {
            return "pod-level hugepages need Kubernetes 1.33 or later: set them on the containers";
        }

        return hugePages
            ? "pod-level resources take only cpu, memory and hugepages-<size>: set the others on the containers"
            : "pod-level resources take only cpu and memory: set the others on the containers";
    }
}
