using System.Linq;
using DaemonLint.Catalog;

namespace DaemonLint.Tests.Rules.PodResources;

public sealed class SysctlNameMustBeValidTests
{
    [Fact]
    public void UpperCaseName_Triggers_WithUpstreamRegex()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            securityContext:
              sysctls:
                - {name: Kernel.Msgmax, value: "1"} # expect: DS1340 spec.template.spec.securityContext.sysctls[0].name
            containers: [{name: c, image: i}]
            """));
        Assert.Equal(
            "Invalid value: \"Kernel.Msgmax\": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$",
            findings.Single(x => x.RuleId == RuleCatalog.DS1340_SysctlNameMustBeValid.Id).Message);
        Assert.Equal("Sysctl names are lower case: kernel.msgmax", findings.Single(x => x.RuleId == RuleCatalog.DS1340_SysctlNameMustBeValid.Id).Hint);
    }
}

public sealed class SysctlMustNotUseHostNamespaceTests
{
    [Fact]
    public void NetSysctlWithHostNetwork_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            hostNetwork: true
            securityContext:
              sysctls:
                - {name: net.ipv4.tcp_syncookies, value: "1"} # expect: DS1341 spec.template.spec.securityContext.sysctls[0].name
            containers: [{name: c, image: i}]
            """));
        Assert.Equal(
            "Invalid value: \"net.ipv4.tcp_syncookies\": may not be specified when 'hostNetwork' is true",
            findings.Single(x => x.RuleId == RuleCatalog.DS1341_SysctlMustNotUseHostNamespace.Id).Message);
        Assert.Equal("With hostNetwork the sysctl would change the node's network namespace; remove it or configure it on the node", findings.Single(x => x.RuleId == RuleCatalog.DS1341_SysctlMustNotUseHostNamespace.Id).Hint);
    }
}

public sealed class OsSpecificFieldsMustMatchPodOsTests
{
    [Fact]
    public void LinuxFieldOnWindowsPod_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            os: {name: windows}
            hostIPC: true # expect: DS1342 spec.template.spec.hostIPC
            containers: [{name: c, image: i}]
            """));
        Assert.Equal("Forbidden: cannot be set for a windows pod", findings.Single(x => x.RuleId == RuleCatalog.DS1342_OsSpecificFieldsMustMatchPodOs.Id).Message);
        Assert.Equal("Remove hostIPC: it applies to Linux pods only", findings.Single(x => x.RuleId == RuleCatalog.DS1342_OsSpecificFieldsMustMatchPodOs.Id).Hint);
    }

    [Fact]
    public void WindowsOptionsOnLinuxPod_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            os: {name: linux}
            containers:
              - name: c
                image: i
                securityContext:
                  windowsOptions: {runAsUserName: u} # expect: DS1342 spec.template.spec.containers[0].securityContext.windowsOptions
            """));
        Assert.Equal("Forbidden: windows options cannot be set for a linux pod", findings.Single(x => x.RuleId == RuleCatalog.DS1342_OsSpecificFieldsMustMatchPodOs.Id).Message);
        Assert.Equal("Remove windowsOptions or set os.name: windows", findings.Single(x => x.RuleId == RuleCatalog.DS1342_OsSpecificFieldsMustMatchPodOs.Id).Hint);
    }
}

public sealed class SysctlMustNotUseHostNamespaceUpdateTests
{
    private const string Spec =
        """
        hostNetwork: true
        securityContext:
          sysctls:
            - {name: net.core.somaxconn, value: "1024"}
        containers: [{name: c, image: i}]
        """;

    [Fact]
    public void StoredObjectAlreadyHadIt_DoesNotTrigger_OnUpdate()
    {
        var baseline = new Engine.BaselineIndex();
        foreach (var doc in DaemonLint.Yaml.YamlManifestReader.ReadDocuments("old.yaml", PodTemplate.Ds(Spec)))
        {
            doc.Objects.ForEach(baseline.Add);
        }

        FixtureVerifier.VerifyText(PodTemplate.Ds(Spec), ruleId: RuleCatalog.DS1341_SysctlMustNotUseHostNamespace.Id, baseline: baseline);
    }
}
