using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1328: Windows hostProcess containers (CV validateWindowsHostProcessPod): a container's value equals the pod's when
/// both are set; if any container is hostProcess (its own value, or inherited from the pod), all are (reported at
/// <c>spec.template.spec</c>), hostNetwork is true, and the cluster allows privileged containers.
/// </summary>
internal sealed class DS1328WindowsHostProcessMustBeConsistent : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1328WindowsHostProcessMustBeConsistent"/> class.</summary>
    public DS1328WindowsHostProcessMustBeConsistent()
        : base(RuleCatalog.DS1328_WindowsHostProcessMustBeConsistent)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var spec = context.PodSpec;
        if (spec is null || spec.IsUnknown("securityContext") || !TryHostProcess(spec.Map("securityContext"), out var podHostProcess))
        {
            return;
        }

        var containers = Containers.All(context, includeEphemeral: true);
        foreach (var list in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            if (spec.IsUnknown(list) || spec.Seq(list) is { HasUnknownItems: true })
            {
                return; // the count of containers is unknown
            }
        }

        var hostProcessCount = 0;
        var unknown = false;
        foreach (var c in containers)
        {
            if (c.Node.IsUnknown("securityContext") || !TryHostProcess(c.Node.Map("securityContext"), out var containerHostProcess))
            {
                unknown = true;
                continue;
            }

            if (podHostProcess is { } p && containerHostProcess is { } v && p != v)
            {
                context.Report(
                    FindingKind.Invalid,
                    c.Path.Child("securityContext", "windowsOptions", "hostProcess"),
                    $"pod hostProcess value must be identical if both are specified, was {(p ? "true" : "false")}",
                    v ? "true" : "false",
                    "remove the container's hostProcess, or make it equal to the pod's");
            }

            if (containerHostProcess ?? podHostProcess ?? false)
            {
                hostProcessCount++;
            }
        }

        if (hostProcessCount == 0 || unknown)
        {
            return;
        }

        // Containers.All holds the containers that are mappings; a null entry decodes to a container that is not hostProcess.
        var total = CountItems(spec, "containers") + CountItems(spec, "initContainers") + CountItems(spec, "ephemeralContainers");
        if (hostProcessCount != total)
        {
            context.Report(FindingKind.Invalid, Paths.PodSpec, "If pod contains any hostProcess containers then all containers must be HostProcess containers", "\"\"", "set windowsOptions.hostProcess: true in the pod's securityContext, so that every container inherits it");
        }

        if (!spec.IsUnknown("hostNetwork") && !PodFields.IsTrue(spec, "hostNetwork") && spec.Get("hostNetwork") is null or ScalarNode { Type: ScalarType.Bool })
        {
            context.Report(FindingKind.Invalid, Paths.PodSpec.Child("hostNetwork"), "hostNetwork must be true if pod contains any hostProcess containers", "false", "hostProcess containers run in the node's network namespace: set hostNetwork: true");
        }

        if (!context.Options.AllowPrivileged)
        {
            context.Report(FindingKind.Forbidden, Paths.PodSpec, "hostProcess containers are disallowed by cluster policy", hint: "this cluster does not allow privileged containers, and hostProcess containers are privileged");
        }
    }

    private static int CountItems(MappingNode spec, string list) => spec.Seq(list)?.Count ?? 0;

    // The hostProcess of a securityContext: null when unset; false when the rule cannot tell (unknown, wrong type).
    private static bool TryHostProcess(MappingNode? securityContext, out bool? hostProcess)
    {
        hostProcess = null;
        if (securityContext is null)
        {
            return true;
        }

        if (securityContext.IsUnknown("windowsOptions"))
        {
            return false;
        }

        var options = securityContext.Map("windowsOptions");
        if (options is null)
        {
            return securityContext.Get("windowsOptions") is null;
        }

        if (options.IsUnknown("hostProcess"))
        {
            return false;
        }

        switch (options.Get("hostProcess"))
        {
            case null:
                return true;
            case ScalarNode { Type: ScalarType.Bool } b:
                hostProcess = b.BoolValue;
                return true;
            default:
                return false;
        }
    }
}
