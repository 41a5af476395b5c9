using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodSpec;

public sealed class PortRulesTests
{
    [Fact]
    public void LongPortName_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1151_PortNameMustBeValid.Id,
            """
            containers:
              - name: c
                image: i
                ports:
                  - name: prometheus-metrics # expect: DS1151 spec.template.spec.containers[0].ports[0].name
                    containerPort: 9100
            """);
        Assert.Equal("Invalid value: \"prometheus-metrics\": must be no more than 15 characters", f.Message);
    }

    [Fact]
    public void UpperCasePortName_Triggers_WithFix()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1151_PortNameMustBeValid.Id,
            """
            containers:
              - name: c
                image: i
                ports:
                  - name: Metrics # expect: DS1151 spec.template.spec.containers[0].ports[0].name
                    containerPort: 9100
            """);
        Assert.Equal("Invalid value: \"Metrics\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", f.Message);
        Assert.Equal("Port names are lower case: write metrics", f.Hint);
    }

    [Fact]
    public void DuplicatePortName_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1152_PortNamesMustBeUnique.Id,
            """
            containers:
              - name: c
                image: i
                ports:
                  - {name: http, containerPort: 80}
                  - {name: http, containerPort: 81} # expect: DS1152 spec.template.spec.containers[0].ports[1].name
            """);
        Assert.Equal("Duplicate value: \"http\"", f.Message);
        Assert.Equal("Give each port of the container its own name", f.Hint);
    }

    [Fact]
    public void ContainerPortOutOfRange_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1153_ContainerPortMustBeValid.Id,
            """
            containers:
              - name: c
                image: i
                ports:
                  - containerPort: 65536 # expect: DS1153 spec.template.spec.containers[0].ports[0].containerPort
            """);
        Assert.Equal("Invalid value: 65536: must be between 1 and 65535, inclusive", f.Message);
    }

    [Fact]
    public void HostPortOutOfRange_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1154_HostPortMustBeInRange.Id,
            """
            containers:
              - name: c
                image: i
                ports:
                  - containerPort: 80
                    hostPort: 99999 # expect: DS1154 spec.template.spec.containers[0].ports[0].hostPort
            """);
        Assert.Equal("Invalid value: 99999: must be between 1 and 65535, inclusive", f.Message);
    }

    [Fact]
    public void LowerCaseProtocol_Triggers_WithFix()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1155_PortProtocolMustBeSupported.Id,
            """
            containers:
              - name: c
                image: i
                ports:
                  - containerPort: 53
                    protocol: udp # expect: DS1155 spec.template.spec.containers[0].ports[0].protocol
            """);
        Assert.Equal("Unsupported value: \"udp\": supported values: \"SCTP\", \"TCP\", \"UDP\"", f.Message);
        Assert.Equal("Write UDP: protocol is case-sensitive", f.Hint);
    }

    [Fact]
    public void SameHostPortInTwoContainers_Triggers_WithProtocolIpPort()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1156_HostPortsMustNotConflict.Id,
            """
            containers:
              - name: a
                image: i
                ports: [{containerPort: 80, hostPort: 8080, hostIP: 10.0.0.1}]
              - name: b
                image: i
                ports:
                  - containerPort: 81
                    hostPort: 8080 # expect: DS1156 spec.template.spec.containers[1].ports[0].hostPort
                    hostIP: 10.0.0.1
            """);
        Assert.Equal(FindingKind.Duplicate, f.Kind);
        Assert.Equal("Duplicate value: \"TCP/10.0.0.1/8080\"", f.Message);
        Assert.Equal("Only one container of a pod can bind a host port: use another hostPort, or drop it", f.Hint);
    }

    [Fact]
    public void ConflictInSecondInitContainer_Triggers_AtUpstreamIndexZero()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1156_HostPortsMustNotConflict.Id,
            """
            initContainers:
              - name: a
                image: i
              - name: b
                image: i
                ports:
                  - {containerPort: 80, hostPort: 8080}
                  - {containerPort: 81, hostPort: 8080} # expect: DS1156 spec.template.spec.initContainers[0].ports[1].hostPort
            containers: [{name: c, image: i}]
            """);
        Assert.Equal("spec.template.spec.initContainers[1].ports[1].hostPort", f.LocationPath?.ToString());
    }

    [Fact]
    public void HostPortDiffersWithHostNetwork_Triggers_WithFix()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1157_HostPortMustMatchContainerPortWithHostNetwork.Id,
            """
            hostNetwork: true
            containers:
              - name: c
                image: i
                ports:
                  - containerPort: 9100
                    hostPort: 19100 # expect: DS1157 spec.template.spec.containers[0].ports[0].hostPort
            """);
        Assert.Equal(
            "Invalid value: 19100: must match `containerPort` when `hostNetwork` is true",
            f.Message);
        Assert.Equal("With hostNetwork the container listens on the node itself: set hostPort: 9100 or remove hostPort", f.Hint);
    }

    [Fact]
    public void NoHostPortWithHostNetwork_DoesNotTrigger() =>
        PodSpecYaml.None(RuleCatalog.DS1157_HostPortMustMatchContainerPortWithHostNetwork.Id, "hostNetwork: true\ncontainers: [{name: c, image: i, ports: [{containerPort: 9100}]}]");

    [Fact]
    public void SameContainerPortInTwoContainers_Triggers_Warning()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS4104_PortDefinitionsShouldNotOverlap.Id,
            """
            containers:
              - {name: a, image: i, ports: [{containerPort: 8080}]}
              - name: b
                image: i
                ports:
                  - containerPort: 8080 # expect: DS4104 spec.template.spec.containers[1].ports[0]
            """);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("Duplicate value: \"8080/TCP\": duplicate port definition with spec.template.spec.containers[0].ports[0]", f.Message);
        Assert.Equal("Declare each port once", f.Hint);
    }

    [Fact]
    public void HostIpWithoutHostPort_Triggers_Warning()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS4104_PortDefinitionsShouldNotOverlap.Id,
            """
            containers:
              - name: c
                image: i
                ports:
                  - name: metrics # expect: DS4104 spec.template.spec.containers[0].ports[0]
                    containerPort: 9100
                    hostIP: 127.0.0.1
            """);
        Assert.Equal(
            "Invalid value: \"127.0.0.1\": hostIP set without hostPort: {Name:metrics HostPort:0 ContainerPort:9100 Protocol:TCP HostIP:127.0.0.1}",
            f.Message);
        Assert.Equal("Remove hostIP, or add the hostPort it should bind", f.Hint);
    }
}
