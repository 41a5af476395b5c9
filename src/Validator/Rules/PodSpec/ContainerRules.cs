using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.PodSpec;

/// <summary>DS1131: the pod template needs at least one container (CV validateContainers).</summary>
public sealed class ContainersRequired : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ContainersRequired"/> class.</summary>
    public ContainersRequired()
        : base(RuleCatalog.DS1131_ContainersRequired)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Spec is null || context.Spec.IsUnknown("template") || context.Template.IsUnknown("spec") || context.PodSpec.IsUnknown("containers"))
        {
            return;
        }

        // A template or pod spec of the wrong type is the schema layer's finding.
        if (context.Spec.Get("template") is not (null or MappingNode) || context.Template.Get("spec") is not (null or MappingNode))
        {
            return;
        }

        var containers = context.PodSpec.Get("containers");
        if (containers is null || containers is SequenceNode { Count: 0 })
        {
            var hint = context.PodSpec.Seq("initContainers") is { Count: > 0 }
                ? "init containers alone do not make a pod: add the long-running daemon under containers"
                : null;
            context.Report(FindingKind.Required, Paths.PodSpec.Child("containers"), string.Empty, hint: hint);
        }
    }
}

/// <summary>DS1132: container and init container names are required DNS labels (CV validateContainerCommon).</summary>
public sealed class ContainerNameMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ContainerNameMustBeValid"/> class.</summary>
    public ContainerNameMustBeValid()
        : base(RuleCatalog.DS1132_ContainerNameMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            var path = c.Path.Child("name");
            if (PodSpecNodes.IsMissingOrEmpty(c.Node, "name"))
            {
                context.Report(FindingKind.Required, path, string.Empty, hint: "name the container (lower case letters, digits and '-')");
                continue;
            }

            var name = c.Node.Str("name");
            if (name is null || c.Node.IsUnknown("name"))
            {
                continue;
            }

            foreach (var msg in K8sNames.IsDns1123Label(name))
            {
                context.Report(FindingKind.Invalid, path, msg, Nodes.Quote(name), Fix(name));
            }
        }
    }

    private static string? Fix(string name)
    {
        var fixedName = name.ToLowerInvariant().Replace('_', '-').Replace('.', '-');
        return fixedName != name && K8sNames.IsDns1123Label(fixedName).Count == 0 ? $"container names are DNS labels: write {fixedName}" : null;
    }
}

/// <summary>DS1133: container names are unique; an init container may not reuse any name (CV validateContainers / validateInitContainers).</summary>
public sealed class ContainerNamesMustBeUnique : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ContainerNamesMustBeUnique"/> class.</summary>
    public ContainerNamesMustBeUnique()
        : base(RuleCatalog.DS1133_ContainerNamesMustBeUnique)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var all = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var c in Containers.Of(context, ContainerList.Containers))
        {
            if (!TryName(c, out var name))
            {
                continue;
            }

            if (!all.Add(name))
            {
                context.Report(FindingKind.Duplicate, c.Path.Child("name"), string.Empty, Nodes.Quote(name), "container names must differ: rename this container");
            }
        }

        var regular = new HashSet<string>(all, System.StringComparer.Ordinal);
        foreach (var c in Containers.Of(context, ContainerList.InitContainers))
        {
            if (!TryName(c, out var name))
            {
                continue;
            }

            if (all.Contains(name))
            {
                var hint = regular.Contains(name)
                    ? "an init container may not share a name with a container: rename one of them"
                    : "init container names must differ: rename this init container";
                context.Report(FindingKind.Duplicate, c.Path.Child("name"), string.Empty, Nodes.Quote(name), hint);
            }
            else if (name.Length > 0)
            {
                all.Add(name);
            }
        }
    }

    private static bool TryName(ContainerRef c, out string name)
    {
        name = c.Node.Str("name") ?? string.Empty;
        return !c.Node.IsUnknown("name") && c.Node.Get("name") is null or ScalarNode { Type: ScalarType.String };
    }
}

/// <summary>DS1134: every container needs an image, in templates too (CV validateContainerCommon).</summary>
public sealed class ContainerImageRequired : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ContainerImageRequired"/> class.</summary>
    public ContainerImageRequired()
        : base(RuleCatalog.DS1134_ContainerImageRequired)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            if (PodSpecNodes.IsMissingOrEmpty(c.Node, "image"))
            {
                context.Report(FindingKind.Required, c.Path.Child("image"), string.Empty);
            }
        }
    }
}

/// <summary>DS1135: terminationMessagePolicy, after defaulting an empty value to File (CV validateContainerCommon).</summary>
public sealed class TerminationMessagePolicyMustBeSupported : Rule
{
    private static readonly string[] Supported = { "File", "FallbackToLogsOnError" };

    /// <summary>Initializes a new instance of the <see cref="TerminationMessagePolicyMustBeSupported"/> class.</summary>
    public TerminationMessagePolicyMustBeSupported()
        : base(RuleCatalog.DS1135_TerminationMessagePolicyMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            var policy = c.Node.Str("terminationMessagePolicy");
            if (string.IsNullOrEmpty(policy) || System.Array.IndexOf(Supported, policy) >= 0)
            {
                continue;
            }

            context.Report(
                FindingKind.NotSupported,
                c.Path.Child("terminationMessagePolicy"),
                PodSpecNodes.SupportedValues(Supported),
                Nodes.Quote(policy!),
                PodSpecNodes.CaseHint("terminationMessagePolicy", policy!, Supported));
        }
    }
}

/// <summary>DS1136: imagePullPolicy, after defaulting an empty value (CV validatePullPolicy).</summary>
public sealed class ImagePullPolicyMustBeSupported : Rule
{
    private static readonly string[] Supported = { "Always", "IfNotPresent", "Never" };

    /// <summary>Initializes a new instance of the <see cref="ImagePullPolicyMustBeSupported"/> class.</summary>
    public ImagePullPolicyMustBeSupported()
        : base(RuleCatalog.DS1136_ImagePullPolicyMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            var policy = c.Node.Str("imagePullPolicy");
            if (string.IsNullOrEmpty(policy) || System.Array.IndexOf(Supported, policy) >= 0)
            {
                continue;
            }

            context.Report(
                FindingKind.NotSupported,
                c.Path.Child("imagePullPolicy"),
                PodSpecNodes.SupportedValues(Supported),
                Nodes.Quote(policy!),
                PodSpecNodes.CaseHint("imagePullPolicy", policy!, Supported));
        }
    }
}

/// <summary>DS1137: restartPolicy is forbidden on regular containers (CV validateContainers).</summary>
public sealed class ContainerRestartPolicyForbidden : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ContainerRestartPolicyForbidden"/> class.</summary>
    public ContainerRestartPolicyForbidden()
        : base(RuleCatalog.DS1137_ContainerRestartPolicyForbidden)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.Of(context, ContainerList.Containers))
        {
            if (c.Node.Get("restartPolicy") is ScalarNode { Type: ScalarType.String })
            {
                context.Report(
                    FindingKind.Forbidden,
                    c.Path.Child("restartPolicy"),
                    "may not be set for non-init containers",
                    hint: "remove restartPolicy from the container (the pod's restartPolicy applies); for a sidecar, move it to initContainers with restartPolicy: Always");
            }
        }
    }
}

/// <summary>DS1138: an init container's restartPolicy can only be Always (CV validateInitContainerRestartPolicy).</summary>
public sealed class InitContainerRestartPolicyMustBeAlways : Rule
{
    /// <summary>Initializes a new instance of the <see cref="InitContainerRestartPolicyMustBeAlways"/> class.</summary>
    public InitContainerRestartPolicyMustBeAlways()
        : base(RuleCatalog.DS1138_InitContainerRestartPolicyMustBeAlways)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.Of(context, ContainerList.InitContainers))
        {
            if (c.Node.Get("restartPolicy") is not ScalarNode { Type: ScalarType.String } s || s.Raw == "Always")
            {
                continue;
            }

            var hint = string.Equals(s.Raw, "Always", System.StringComparison.OrdinalIgnoreCase)
                ? "write Always: restartPolicy is case-sensitive"
                : "write restartPolicy: Always for a sidecar, or remove it for an init container that runs to completion";
            context.Report(FindingKind.NotSupported, c.Path.Child("restartPolicy"), PodSpecNodes.SupportedValues("Always"), Nodes.Quote(s.Raw), hint);
        }
    }
}

/// <summary>DS1139: lifecycle and probes on init containers need restartPolicy Always (CV validateInitContainers).</summary>
public sealed class InitContainerProbesRequireRestartPolicyAlways : Rule
{
    private static readonly string[] Fields = { "lifecycle", "livenessProbe", "readinessProbe", "startupProbe" };

    /// <summary>Initializes a new instance of the <see cref="InitContainerProbesRequireRestartPolicyAlways"/> class.</summary>
    public InitContainerProbesRequireRestartPolicyAlways()
        : base(RuleCatalog.DS1139_InitContainerProbesRequireRestartPolicyAlways)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.Of(context, ContainerList.InitContainers))
        {
            if (c.Node.IsUnknown("restartPolicy") || PodSpecNodes.IsSidecar(c))
            {
                continue;
            }

            foreach (var field in Fields)
            {
                if (c.Node.Get(field) is MappingNode)
                {
                    context.Report(
                        FindingKind.Forbidden,
                        c.Path.Child(field),
                        "may not be set for init containers without restartPolicy=Always",
                        hint: $"add restartPolicy: Always to run this init container as a sidecar, or remove {field}");
                }
            }
        }
    }
}
