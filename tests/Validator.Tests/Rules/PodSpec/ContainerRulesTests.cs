using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodSpec;

public sealed class ContainerRulesTests
{
    [Fact]
    public void NoContainers_Triggers_Required()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1131_ContainersRequired.Id,
            """
            containers: [] # expect: DS1131 spec.template.spec.containers
            """);
        Assert.Equal(FindingKind.Required, f.Kind);
        Assert.Equal("Required value", f.Message);
    }

    [Fact]
    public void UnderscoreInContainerName_Triggers_WithFix()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1132_ContainerNameMustBeValid.Id,
            """
            containers:
              - name: node_exporter # expect: DS1132 spec.template.spec.containers[0].name
                image: i
            """);
        Assert.Equal(
            "Invalid value: \"node_exporter\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            f.Message);
        Assert.Equal("Container names are DNS labels: write node-exporter", f.Hint);
    }

    [Fact]
    public void InitContainerNamedLikeContainer_Triggers_OnTheInitContainer()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1133_ContainerNamesMustBeUnique.Id,
            """
            initContainers:
              - name: agent # expect: DS1133 spec.template.spec.initContainers[0].name
                image: i
            containers:
              - name: agent
                image: i
            """);
        Assert.Equal(FindingKind.Duplicate, f.Kind);
        Assert.Equal("Duplicate value: \"agent\"", f.Message);
        Assert.Equal("An init container may not share a name with a container: rename one of them", f.Hint);
    }

    [Fact]
    public void MissingImage_Triggers_AtTheContainer()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1134_ContainerImageRequired.Id,
            """
            containers:
              - name: c # expect: DS1134 spec.template.spec.containers[0].image
            """);
        Assert.Equal("Required value", f.Message);
    }

    [Fact]
    public void WrongCaseTerminationMessagePolicy_Triggers_WithFix()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1135_TerminationMessagePolicyMustBeSupported.Id,
            """
            containers:
              - name: c
                image: i
                terminationMessagePolicy: fallbackToLogsOnError # expect: DS1135 spec.template.spec.containers[0].terminationMessagePolicy
            """);
        Assert.Equal(
            "Unsupported value: \"fallbackToLogsOnError\": supported values: \"File\", \"FallbackToLogsOnError\"",
            f.Message);
        Assert.Equal("Write FallbackToLogsOnError: terminationMessagePolicy is case-sensitive", f.Hint);
    }

    [Fact]
    public void UnknownPullPolicy_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1136_ImagePullPolicyMustBeSupported.Id,
            """
            containers:
              - name: c
                image: i
                imagePullPolicy: IfNewer # expect: DS1136 spec.template.spec.containers[0].imagePullPolicy
            """);
        Assert.Equal("Unsupported value: \"IfNewer\": supported values: \"Always\", \"IfNotPresent\", \"Never\"", f.Message);
    }

    [Fact]
    public void OmittedPoliciesAreDefaulted_DoNotTrigger()
    {
        const string Spec = "containers: [{name: c, image: busybox, ports: [{containerPort: 80}]}]";
        PodSpecYaml.None(RuleCatalog.DS1136_ImagePullPolicyMustBeSupported.Id, Spec);
        PodSpecYaml.None(RuleCatalog.DS1135_TerminationMessagePolicyMustBeSupported.Id, Spec);
        PodSpecYaml.None(RuleCatalog.DS1155_PortProtocolMustBeSupported.Id, Spec);
        PodSpecYaml.None(RuleCatalog.DS1137_ContainerRestartPolicyForbidden.Id, Spec);
    }

    [Fact]
    public void RestartPolicyOnContainer_Triggers_Forbidden()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1137_ContainerRestartPolicyForbidden.Id,
            """
            containers:
              - name: c
                image: i
                restartPolicy: Always # expect: DS1137 spec.template.spec.containers[0].restartPolicy
            """);
        Assert.Equal(
            "Forbidden: may not be set for non-init containers",
            f.Message);
        Assert.Equal("Remove restartPolicy from the container (the pod's restartPolicy applies); for a sidecar, move it to initContainers with restartPolicy: Always", f.Hint);
    }

    [Fact]
    public void InitContainerRestartPolicyOnFailure_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1138_InitContainerRestartPolicyMustBeAlways.Id,
            """
            initContainers:
              - name: s
                image: i
                restartPolicy: OnFailure # expect: DS1138 spec.template.spec.initContainers[0].restartPolicy
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(
            "Unsupported value: \"OnFailure\": supported values: \"Always\"",
            f.Message);
        Assert.Equal("Write restartPolicy: Always for a sidecar, or remove it for an init container that runs to completion", f.Hint);
    }

    [Fact]
    public void ProbeOnPlainInitContainer_Triggers_Forbidden()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1139_InitContainerProbesRequireRestartPolicyAlways.Id,
            """
            initContainers:
              - name: s
                image: i
                readinessProbe: # expect: DS1139 spec.template.spec.initContainers[0].readinessProbe
                  tcpSocket: {port: 80}
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(
            "Forbidden: may not be set for init containers without restartPolicy=Always",
            f.Message);
        Assert.Equal("Add restartPolicy: Always to run this init container as a sidecar, or remove readinessProbe", f.Hint);
    }
}
