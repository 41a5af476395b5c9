using DaemonLint.Engine;
using DaemonLint.Rules.PodSpec;

namespace DaemonLint.Rules;

/// <summary>Rule instances for DS1100-DS1299: pod template metadata, pod-level fields, containers, ports, env and probes (RULES.md §(c)).</summary>
public static partial class RuleSet
{
    private static Rule[] PodSpecRules() => new Rule[]
    {
        new TemplateLabelsMustBeValid(),
        new TemplateAnnotationsMustBeValid(),
        new EphemeralContainersNotAllowedInTemplate(),
        new DnsPolicyMustBeSupported(),
        new DnsConfigRequiredForDnsPolicyNone(),
        new DnsConfigMustBeValid(),
        new PodSpecNamesMustBeValid(),
        new ImagePullSecretsShouldBeUniqueAndNamed(),
        new HostNamespacesForbiddenWithUserNamespace(),
        new ShareProcessNamespaceConflictsWithHostPid(),
        new TerminationGracePeriodShouldNotBeNegative(),
        new PodAffinityTopologyKeyMustBeValid(),
        new PodAffinityWeightMustBeInRange(),
        new PodAffinityLabelSelectorShouldBeSet(),
        new HostAliasesMustBeValid(),
        new ReadinessGatesMustBeValid(),
        new SchedulingGatesMustBeValid(),
        new TopologySpreadConstraintMustBeValid(),
        new TopologySpreadConstraintsMustBeUnique(),
        new TopologySpreadSelectorMustBeValid(),
        new ContainersRequired(),
        new ContainerNameMustBeValid(),
        new ContainerNamesMustBeUnique(),
        new ContainerImageRequired(),
        new TerminationMessagePolicyMustBeSupported(),
        new ImagePullPolicyMustBeSupported(),
        new ContainerRestartPolicyForbidden(),
        new InitContainerRestartPolicyMustBeAlways(),
        new InitContainerProbesRequireRestartPolicyAlways(),
        new PortNameMustBeValid(),
        new PortNamesMustBeUnique(),
        new ContainerPortMustBeValid(),
        new HostPortMustBeInRange(),
        new PortProtocolMustBeSupported(),
        new HostPortsMustNotConflict(),
        new HostPortMustMatchContainerPortWithHostNetwork(),
        new PortDefinitionsShouldNotOverlap(),
        new EnvNameMustBeValid(),
        new EnvValueFromMustHaveOneSource(),
        new EnvFieldRefMustBeSupported(),
        new EnvFromMustBeValid(),
        new EnvNamesShouldBeUnique(),
        new ProbeMustHaveOneHandler(),
        new ProbeSuccessThresholdMustBeOne(),
        new ProbeFieldsMustBeInRange(),
        new HandlerActionMustBeValid(),
    };
}
