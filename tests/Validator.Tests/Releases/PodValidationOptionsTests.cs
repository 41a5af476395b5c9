using System.Linq;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Tests.Releases;

/// <summary>
/// The options per release and per ratchet beyond what the 1.31/1.32 oracles cover (ReleaseOracleTests): the 1.33-1.35
/// options read from upstream <c>pkg/api/pod/util.go</c>, and the 1.27-1.30 ones.
/// </summary>
public sealed class PodValidationOptionsTests
{
    private const string Plain = "containers: [{name: c, image: i}]";

    [Fact]
    public void Names_FollowTheReleasesStruct()
    {
        Assert.Contains("AllowExpandedDNSConfig", PodValidationOptions.NamesIn(KubernetesRelease.Parse("1.27")));
        Assert.DoesNotContain("AllowHostIPsField", PodValidationOptions.NamesIn(KubernetesRelease.Parse("1.27")));
        Assert.Contains("AllowHostIPsField", PodValidationOptions.NamesIn(KubernetesRelease.Parse("1.31")));
        Assert.DoesNotContain("AllowHostIPsField", PodValidationOptions.NamesIn(KubernetesRelease.Parse("1.32")));
        Assert.Contains("AllowInvalidLabelValueInRequiredNodeAffinity", PodValidationOptions.NamesIn(KubernetesRelease.Parse("1.33")));
        Assert.Contains("OldPodViolatesMatchLabelKeysValidation", PodValidationOptions.NamesIn(KubernetesRelease.Parse("1.34")));
        Assert.Contains("AllowTaintTolerationComparisonOperators", PodValidationOptions.NamesIn(KubernetesRelease.Parse("1.35")));
        Assert.DoesNotContain("AllowTaintTolerationComparisonOperators", PodValidationOptions.NamesIn(KubernetesRelease.Parse("1.34")));
    }

    [Theory]
    [InlineData("1.33", "AllowRelaxedDNSSearchValidation,AllowPodLifecycleSleepActionZeroValue,AllowSidecarResizePolicy,AllowMatchLabelKeysInPodTopologySpread")]
    [InlineData("1.34", "AllowMatchLabelKeysInPodTopologySpreadSelectorMerge,PodLevelResourcesEnabled")]
    [InlineData("1.35", "AllowContainerRestartPolicyRules,AllowEnvFilesValidation")]
    public void Create_FollowsTheDefaultGates(string release, string expectedOn)
    {
        var o = Create(release, Plain);
        foreach (var name in expectedOn.Split(','))
        {
            Assert.True(o[name], $"{name} should be on in {release}");
        }

        Assert.False(o.AllowInvalidLabelValueInRequiredNodeAffinity);
        Assert.False(o.AllowTaintTolerationComparisonOperators);
        Assert.False(o.AllowUserNamespacesHostNetworkSupport);
        Assert.False(o.IsUpdate);
    }

    [Fact]
    public void BeforeTheirRelease_OptionsKeepTheOlderBehaviour()
    {
        var o = Create("1.32", Plain);
        Assert.True(o.AllowInvalidLabelValueInRequiredNodeAffinity); // not validated before 1.33
        Assert.True(o.AllowUserNamespacesWithVolumeDevices); // not refused before 1.35
        Assert.True(o.AllowHostIPsField); // the gate is gone, the field stays allowed
        Assert.False(Create("1.27", Plain).AllowHostIPsField); // no status.hostIPs in 1.27
        Assert.True(Create("1.33", Plain).AllowExpandedDNSConfig);
    }

    [Fact]
    public void AllowSidecarResizePolicy_In132_ComesOnlyFromTheStoredObject()
    {
        Assert.False(Create("1.32", Plain, "InPlacePodVerticalScaling=true").AllowSidecarResizePolicy);
        Assert.True(Create("1.33", Plain).AllowSidecarResizePolicy);
        const string Sidecar = "initContainers: [{name: s, image: i, restartPolicy: Always, resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]}]\n" + Plain;
        Assert.True(Update("1.32", Sidecar, Plain).AllowSidecarResizePolicy);
    }

    [Theory]
    [InlineData("1.35", "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: k, operator: In, values: [\"bad value!\"]}]}]}}}", nameof(PodValidationOptions.AllowInvalidLabelValueInRequiredNodeAffinity))]
    [InlineData("1.34", "initContainers: [{name: s, image: i, restartPolicy: OnFailure}]", nameof(PodValidationOptions.AllowContainerRestartPolicyRules))]
    [InlineData("1.35", "initContainers: [{name: s, image: i, restartPolicy: Always, restartPolicyRules: [{action: Restart, exitCodes: {operator: In, values: [1]}}]}]", nameof(PodValidationOptions.AllowRestartAllContainers))]
    [InlineData("1.35", "hostUsers: false\nvolumes: [{name: v, persistentVolumeClaim: {claimName: c}}]\ninitContainers: [{name: d, image: i, volumeDevices: [{name: v, devicePath: /dev/x}]}]", nameof(PodValidationOptions.AllowUserNamespacesWithVolumeDevices))]
    [InlineData("1.35", "hostUsers: false\nhostNetwork: true", nameof(PodValidationOptions.AllowUserNamespacesHostNetworkSupport))]
    [InlineData("1.35", "tolerations: [{key: k, operator: Gt, value: \"5\"}]", nameof(PodValidationOptions.AllowTaintTolerationComparisonOperators))]
    [InlineData("1.34", "containers: [{name: c, image: i, env: [{name: A, valueFrom: {fileKeyRef: {volumeName: v, path: p, key: A}}}]}]", nameof(PodValidationOptions.AllowContainerRestartPolicyRules), false)]
    [InlineData("1.34", "topologySpreadConstraints: [{maxSkew: 1, topologyKey: z, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [app], labelSelector: {matchExpressions: [{key: app, operator: Exists}, {key: app, operator: Exists}]}}]", nameof(PodValidationOptions.OldPodViolatesMatchLabelKeysValidation))]
    [InlineData("1.34", "topologySpreadConstraints: [{maxSkew: 1, topologyKey: z, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [\"bad key!\"], labelSelector: {matchLabels: {a: b}}}]", nameof(PodValidationOptions.OldPodViolatesMatchLabelKeysValidation))]
    public void Ratchets_FromTheStoredTemplate(string release, string oldSpec, string option, bool on = true)
    {
        var old = oldSpec.Contains("containers:", System.StringComparison.Ordinal) && !oldSpec.Contains("initContainers", System.StringComparison.Ordinal) ? oldSpec : oldSpec + "\n" + Plain;
        Assert.False(Create(release, Plain)[option]);
        Assert.Equal(on, Update(release, old, Plain)[option]);
    }

    [Fact]
    public void LegacyMatchLabelKeysRatchet_AppliesWhenTheSelectorMergeGateIsOff()
    {
        const string Old = "topologySpreadConstraints: [{maxSkew: 1, topologyKey: z, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [app], labelSelector: {matchLabels: {app: x}}}]\n" + Plain;
        var merge = Update("1.34", Old, Plain);
        Assert.False(merge.OldPodViolatesMatchLabelKeysValidation); // the merge validation accepts a key once in the selector
        Assert.False(merge.OldPodViolatesLegacyMatchLabelKeysValidation);
        var legacy = Update("1.34", Old, Plain, "MatchLabelKeysInPodTopologySpreadSelectorMerge=false");
        Assert.True(legacy.OldPodViolatesLegacyMatchLabelKeysValidation); // "exists in both matchLabelKeys and labelSelector"
        Assert.False(legacy.OldPodViolatesMatchLabelKeysValidation);
    }

    [Fact]
    public void EnvFilesRatchet_In135_FollowsTheStoredTemplateWhenTheGateIsOff()
    {
        const string Old = "containers: [{name: c, image: i, env: [{name: A, valueFrom: {fileKeyRef: {volumeName: v, path: p, key: A}}}]}]";
        Assert.False(Create("1.35", Plain, "EnvFiles=false").AllowEnvFilesValidation);
        Assert.True(Update("1.35", Old, Plain, "EnvFiles=false").AllowEnvFilesValidation);
    }

    [Fact]
    public void RelaxedEnvNames_RatchetOnlyTheNamesTheStoredTemplateHas()
    {
        const string Old = "containers: [{name: c, image: i, env: [{name: my.var/x, value: v}], envFrom: [{prefix: \"p:\", configMapRef: {name: m}}]}]";
        Assert.True(Update("1.31", Old, "containers: [{name: c, image: i, env: [{name: my.var/x, value: v}]}]").AllowRelaxedEnvironmentVariableValidation);
        Assert.True(Update("1.31", Old, "containers: [{name: c, image: i, envFrom: [{prefix: \"p:\", configMapRef: {name: m}}]}]").AllowRelaxedEnvironmentVariableValidation);
        Assert.False(Update("1.31", Old, "containers: [{name: c, image: i, env: [{name: other/y, value: v}]}]").AllowRelaxedEnvironmentVariableValidation);
        Assert.False(Update("1.29", Old, Old).AllowRelaxedEnvironmentVariableValidation); // no relaxed rule before 1.30
    }

    [Theory]
    [InlineData("\"+5\"", true)]
    [InlineData("\"007\"", true)]
    [InlineData("\"-\"", true)]
    [InlineData("\"2147483648\"", true)]
    [InlineData("\"-007\"", false)]
    [InlineData("\"0\"", false)]
    [InlineData("\"-2147483648\"", false)]
    public void DeletionCostRatchet_UsesTheUpstreamParse(string value, bool invalid)
    {
        var stored = DroppedFieldTests.Object(Plain);
        var text = DroppedFieldTests.Text(Plain).Replace("labels: {app: ds}", "labels: {app: ds}\n      annotations: {controller.kubernetes.io/pod-deletion-cost: " + value + "}");
        var old = DaemonLint.Yaml.YamlManifestReader.ReadDocuments("old.yaml", text).SelectMany(d => d.Objects).Single();
        var o = PodValidationOptions.Compute(DroppedFieldTests.Gates("1.32"), Template(stored), Template(old), null);
        Assert.Equal(invalid, o.AllowInvalidPodDeletionCost);
    }

    [Fact]
    public void ExpandedDnsConfig_In127_RatchetsTheSameExpandedList()
    {
        var searches = string.Join(", ", Enumerable.Range(1, 7).Select(i => $"d{i}.example.com"));
        var spec = $"dnsConfig: {{searches: [{searches}]}}\n" + Plain;
        Assert.False(Create("1.27", spec, "ExpandedDNSConfig=false").AllowExpandedDNSConfig);
        Assert.True(Update("1.27", spec, spec, "ExpandedDNSConfig=false").AllowExpandedDNSConfig);
        Assert.False(Update("1.27", spec, spec.Replace("d7.", "d8.", System.StringComparison.Ordinal), "ExpandedDNSConfig=false").AllowExpandedDNSConfig);
        Assert.True(Create("1.27", spec).AllowExpandedDNSConfig);
    }

    [Fact]
    public void ToString_ListsTheOptionsThatAreOn()
    {
        Assert.Equal(
            "Kubernetes 1.32 create: AllowRelaxedEnvironmentVariableValidation, AllowOnlyRecursiveSELinuxChangePolicy",
            Create("1.32", Plain).ToString());
    }

    private static PodValidationOptions Create(string release, string spec, string gates = "") =>
        PodValidationOptions.Compute(DroppedFieldTests.Gates(release, gates), Template(DroppedFieldTests.Object(spec)), null, null);

    private static PodValidationOptions Update(string release, string oldSpec, string newSpec, string gates = "")
    {
        var old = DroppedFieldTests.Object(oldSpec);
        return PodValidationOptions.Compute(DroppedFieldTests.Gates(release, gates), Template(DroppedFieldTests.Object(newSpec)), Template(old), ((MappingNode)old.Root["spec"]!)["selector"] as MappingNode);
    }

    private static MappingNode Template(ManifestObject o) => (MappingNode)((MappingNode)o.Root["spec"]!)["template"]!;
}
