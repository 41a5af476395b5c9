using DaemonLint.Model;
using DaemonLint.Rules.DS4xxx;

namespace DaemonLint.Catalog;

/// <summary>Catalog entries DS4001-DS4999: rollout and reliability (what the server accepts with a warning, or accepts but does not do what the author expects).</summary>
public static partial class RuleCatalog
{
#pragma warning disable SA1600, CS1591 // the property names carry id and title
    public static RuleDescriptor DS4101_ImagePullSecretsShouldBeUniqueAndNamed { get; } = Entry(
        "DS4101", "imagePullSecrets should be named and unique", RuleCategory.Reliability, Severity.Warning,
        "The server accepts, with a warning, an imagePullSecrets entry without a name or naming a secret twice; neither does anything.",
        upstream: PodWarnings + " warningsForPodSpecAndMeta",
        create: static () => new DS4101ImagePullSecretsShouldBeUniqueAndNamed());

    public static RuleDescriptor DS4102_TerminationGracePeriodShouldNotBeNegative { get; } = Entry(
        "DS4102", "terminationGracePeriodSeconds should not be negative", RuleCategory.Reliability, Severity.Warning,
        "The server accepts a negative terminationGracePeriodSeconds with a warning and treats it as 1.",
        upstream: PodWarnings + " warningsForPodSpecAndMeta",
        create: static () => new DS4102TerminationGracePeriodShouldNotBeNegative());

    public static RuleDescriptor DS4103_PodAffinityLabelSelectorShouldBeSet { get; } = Entry(
        "DS4103", "Pod affinity terms should have a labelSelector", RuleCategory.Reliability, Severity.Warning,
        "The server warns about a pod affinity or anti-affinity term without labelSelector: a null selector matches no pod, so the term has no effect.",
        upstream: PodWarnings + " warningsForPodAffinityTerms / warningsForWeightedPodAffinityTerms",
        create: static () => new DS4103PodAffinityLabelSelectorShouldBeSet());

    public static RuleDescriptor DS4104_PortDefinitionsShouldNotOverlap { get; } = Entry(
        "DS4104", "Container ports should not be declared twice", RuleCategory.Reliability, Severity.Warning,
        "The server warns when two ports of the pod declare the same containerPort and protocol (duplicate, overlapping or ambiguous host bindings) and when a hostIP is set without a hostPort.",
        upstream: PodWarnings + " warningsForPodSpecAndMeta",
        create: static () => new DS4104PortDefinitionsShouldNotOverlap());

    public static RuleDescriptor DS4105_EnvNamesShouldBeUnique { get; } = Entry(
        "DS4105", "Environment variable names should be unique", RuleCategory.Reliability, Severity.Warning,
        "The server warns when an env entry hides an earlier one of the same name without referring to it: the earlier value may be dropped by kubectl apply.",
        upstream: PodWarnings + " warningsForPodSpecAndMeta",
        create: static () => new DS4105EnvNamesShouldBeUnique());

    public static RuleDescriptor DS4106_FractionalByteQuantity { get; } = Entry(
        "DS4106", "Memory and ephemeral-storage must be whole bytes", RuleCategory.Reliability, Severity.Warning,
        "The server accepts a fractional byte count (such as 0.5 or 1500m of memory) but warns that it is invalid; write whole bytes, usually with a binary suffix such as Mi.",
        upstream: PodWarnings + " GetWarningsForPodTemplate (fractional memory/ephemeral-storage)",
        create: static () => new DS4106FractionalByteQuantity());
#pragma warning restore SA1600, CS1591
}
