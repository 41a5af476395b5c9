using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodSpec;

public sealed class PodLevelRulesTests
{
    [Fact]
    public void WrongCaseDnsPolicy_Triggers_WithFix()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1111_DnsPolicyMustBeSupported.Id,
            """
            dnsPolicy: clusterfirstwithhostnet # expect: DS1111 spec.template.spec.dnsPolicy
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(
            "Unsupported value: \"clusterfirstwithhostnet\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"",
            f.Message);
        Assert.Equal("Write ClusterFirstWithHostNet: dnsPolicy is case-sensitive", f.Hint);
    }

    [Fact]
    public void DnsPolicyNoneWithoutConfig_Triggers_AtDnsPolicy()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1112_DnsConfigRequiredForDnsPolicyNone.Id,
            """
            dnsPolicy: None # expect: DS1112 spec.template.spec.dnsConfig
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(FindingKind.Required, f.Kind);
        Assert.Equal("Required value: must provide `dnsConfig` when `dnsPolicy` is None", f.Message);
        Assert.Equal("Add dnsConfig with at least one nameserver, or use another dnsPolicy", f.Hint);
    }

    [Fact]
    public void DnsConfigTooManySearches_Triggers()
    {
        var searches = string.Join(", ", Enumerable.Range(0, 33).Select(i => "d" + i + ".example"));
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1113_DnsConfigMustBeValid.Id,
            "dnsConfig:\n  searches: [" + searches + "] # expect: DS1113 spec.template.spec.dnsConfig.searches\ncontainers: [{name: c, image: i}]");
        Assert.EndsWith(": must not have more than 32 search paths", f.Message);
    }

    [Fact]
    public void DnsConfigSearchListTooLong_Triggers()
    {
        var longDomain = string.Join(".", Enumerable.Repeat(new string('a', 60), 4)); // 243 characters
        var searches = string.Join(", ", Enumerable.Repeat(longDomain, 9)); // 9 * 244 - 1 = 2195
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1113_DnsConfigMustBeValid.Id,
            "dnsConfig:\n  searches: [" + searches + "] # expect: DS1113 spec.template.spec.dnsConfig.searches\ncontainers: [{name: c, image: i}]");
        Assert.EndsWith(": must not have more than 2048 characters (including spaces) in the search list", f.Message);
    }

    [Fact]
    public void UpperCaseServiceAccountName_Triggers_WithFix()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1114_PodSpecNamesMustBeValid.Id,
            """
            serviceAccountName: Fluentd # expect: DS1114 spec.template.spec.serviceAccountName
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(
            "Invalid value: \"Fluentd\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            f.Message);
        Assert.Equal("Names are lower case: write fluentd", f.Hint);
    }

    [Fact]
    public void DuplicateImagePullSecret_Triggers_Warning()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS4101_ImagePullSecretsShouldBeUniqueAndNamed.Id,
            """
            imagePullSecrets:
              - name: regcred
              - name: regcred # expect: DS4101 spec.template.spec.imagePullSecrets[1].name
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("Duplicate value: \"regcred\": duplicate name \"regcred\"", f.Message);
        Assert.Equal("Remove the repeated entry", f.Hint);
    }

    [Fact]
    public void HostNamespacesWithHostUsersFalse_Triggers_WhenUserNamespacesEnabled()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1116_HostNamespacesForbiddenWithUserNamespace.Id,
            """
            hostUsers: false
            hostPID: true # expect: DS1116 spec.template.spec.HostPID
            containers: [{name: c, image: i}]
            """,
            options: new ValidatorOptions { UserNamespaces = true });
        Assert.Equal("spec.template.spec.hostPID", f.LocationPath?.ToString());
        Assert.Equal("Forbidden: when `pod.Spec.HostUsers` is false", f.Message);
        Assert.Equal("A pod in its own user namespace cannot share the host's namespaces: remove hostPID or hostUsers: false", f.Hint);
    }

    [Fact]
    public void HostNamespacesWithHostUsersFalse_DoesNotTrigger_WhenTheGateIsOff() =>
        PodSpecYaml.None(
            RuleCatalog.DS1116_HostNamespacesForbiddenWithUserNamespace.Id,
            "hostUsers: false\nhostNetwork: true\ncontainers: [{name: c, image: i}]",
            options: new ValidatorOptions { KubernetesVersion = DaemonLint.Releases.KubernetesRelease.Parse("1.32") });

    [Fact]
    public void HostNamespacesWithHostUsersFalse_Triggers_ByDefault_WhereTheGateIsOnByDefault()
    {
        // UserNamespacesSupport is beta and on by default from 1.33, so the default release keeps hostUsers.
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1116_HostNamespacesForbiddenWithUserNamespace.Id,
            """
            hostUsers: false
            hostNetwork: true # expect: DS1116 spec.template.spec.hostNetwork
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(Severity.Error, f.Severity);
    }

    [Fact]
    public void ShareProcessNamespaceWithHostPid_Triggers_AtSecurityContextPath()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1117_ShareProcessNamespaceConflictsWithHostPid.Id,
            """
            hostPID: true
            shareProcessNamespace: true # expect: DS1117 spec.template.spec.securityContext.shareProcessNamespace
            containers: [{name: c, image: i}]
            """);
        Assert.Equal("spec.template.spec.shareProcessNamespace", f.LocationPath?.ToString());
        Assert.Equal("Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled", f.Message);
        Assert.Equal("With hostPID the containers already see every process of the node; remove shareProcessNamespace", f.Hint);
    }

    [Fact]
    public void NegativeTerminationGracePeriod_Triggers_Warning()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS4102_TerminationGracePeriodShouldNotBeNegative.Id,
            """
            terminationGracePeriodSeconds: -5 # expect: DS4102 spec.template.spec.terminationGracePeriodSeconds
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("Invalid value: -5: must be >= 0; negative values are invalid and will be treated as 1", f.Message);
    }

    [Fact]
    public void InvalidTopologyKey_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1119_PodAffinityTopologyKeyMustBeValid.Id,
            """
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  - labelSelector: {matchLabels: {app: a}}
                    topologyKey: a/b/c # expect: DS1119 spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey
            containers: [{name: c, image: i}]
            """);
        Assert.StartsWith("Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters", f.Message);
    }

    [Fact]
    public void MissingPodAffinityWeight_Triggers_AsZero()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1120_PodAffinityWeightMustBeInRange.Id,
            """
            affinity:
              podAffinity:
                preferredDuringSchedulingIgnoredDuringExecution:
                  - podAffinityTerm: # expect: DS1120 spec.template.spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight
                      labelSelector: {matchLabels: {app: a}}
                      topologyKey: kubernetes.io/hostname
            containers: [{name: c, image: i}]
            """);
        Assert.Equal("Invalid value: 0: must be in the range 1-100", f.Message);
        Assert.Equal("Add a weight from 1 to 100", f.Hint);
    }

    [Fact]
    public void PodAffinityTermWithoutSelector_Triggers_Warning()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS4103_PodAffinityLabelSelectorShouldBeSet.Id,
            """
            affinity:
              podAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  - topologyKey: kubernetes.io/hostname # expect: DS4103 spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("Required value: a null labelSelector results in matching no pod", f.Message);
        Assert.Equal("Add a labelSelector for the pods this term is about", f.Hint);
    }
}
