using System.Diagnostics;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules;

namespace DaemonLint.Tests.Rules.PodResources;

public sealed class EphemeralVolumeClaimTemplateMustBeValidTests
{
    [Fact]
    public void Uid_IsReported_AtTheGoFieldName_ShownAtTheKey()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                ephemeral:
                  volumeClaimTemplate:
                    metadata:
                      uid: 1b2c # expect: DS1368 spec.template.spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.uID
                    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1368_EphemeralVolumeClaimTemplateMustBeValid.Id);
        Assert.Equal(FindingKind.Forbidden, f.Kind);
        Assert.Equal("Forbidden: cannot be set. Only labels and annotations of a claim template are used (the claim is named <pod>-<volume>); remove uid", FindingText.WithHint(f));
    }

    [Fact]
    public void StorageRequest_IsReported_AtResourcesKey_WithTheCanonicalQuantity()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                ephemeral:
                  volumeClaimTemplate:
                    spec:
                      accessModes: [ReadWriteOnce]
                      resources:
                        requests:
                          storage: -1000m # expect: DS1368 spec.template.spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage]
              - name: w
                ephemeral:
                  volumeClaimTemplate:
                    spec:
                      accessModes: [ReadWriteOnce]
                      resources:
                        requests:
                          storage: null # expect: DS1368 spec.template.spec.volumes[1].ephemeral.volumeClaimTemplate.spec.resources[storage]
            """));
        var messages = findings.Where(x => x.RuleId == RuleCatalog.DS1368_EphemeralVolumeClaimTemplateMustBeValid.Id).Select(x => x.Message).ToList();
        Assert.Equal(new[] { "Invalid value: \"-1\": must be greater than zero", "Invalid value: \"0\": must be greater than zero" }, messages);
    }

    [Fact]
    public void InvalidTemplate_UnregistersTheVolume_SoItsMountIsNotFound()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                volumeMounts:
                  - {name: v, mountPath: /v} # expect: DS1380 spec.template.spec.containers[0].volumeMounts[0].name
            volumes:
              - name: v
                ephemeral:
                  volumeClaimTemplate:
                    spec: {accessModes: [ReadWriteOnce]} # expect: DS1368 spec.template.spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage]
            """));
        Assert.Contains(findings, f => f.RuleId == RuleCatalog.DS1380_VolumeMountMustReferenceVolume.Id && f.Kind == FindingKind.NotFound);
    }

    [Fact]
    public void VolumeAttributesClassName_IsNotChecked_In132()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                ephemeral:
                  volumeClaimTemplate:
                    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, volumeAttributesClassName: Not_A_Name}
            """));
        Assert.DoesNotContain(findings, f => f.RuleId == RuleCatalog.DS1368_EphemeralVolumeClaimTemplateMustBeValid.Id);
    }
}

public sealed class DownwardApiVolumeFileMustSelectSupportedFieldTests
{
    [Fact]
    public void Divisor_ReportsTheResourceName_AtTheSourcePath()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                downwardAPI:
                  items:
                    - path: cpu
                      resourceFieldRef:
                        containerName: c
                        resource: limits.cpu
                        divisor: 1k # expect: DS1369 spec.template.spec.volumes[0].downwardAPI.resourceFieldRef.divisor
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1369_DownwardApiVolumeFileMustSelectSupportedField.Id);
        Assert.Equal("Invalid value: \"limits.cpu\": only divisor's values 1m and 1 are supported with the cpu resource. The divisor 1k is not one of them", FindingText.WithHint(f));
    }

    [Fact]
    public void FieldThatOnlyEnvCanRead_IsNotSupported_WithAHint()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                downwardAPI:
                  items:
                    - path: ip
                      fieldRef:
                        fieldPath: status.podIP # expect: DS1369 spec.template.spec.volumes[0].downwardAPI.fieldRef.fieldPath
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1369_DownwardApiVolumeFileMustSelectSupportedField.Id);
        Assert.Equal(
            "Unsupported value: \"status.podIP\": supported values: \"metadata.annotations\", \"metadata.labels\", \"metadata.name\", \"metadata.namespace\", \"metadata.uid\". A downwardAPI volume cannot show status.podIP; expose it through an env entry's fieldRef",
            FindingText.WithHint(f));
    }

    [Fact]
    public void BothSelectors_OnlyTheFieldRefIsChecked()
    {
        // validateDownwardAPIVolumeFile checks the fieldRef and reports the pair; the resourceFieldRef is not looked at.
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                downwardAPI:
                  items:
                    - path: x # expect: DS1367 spec.template.spec.volumes[0].downwardAPI
                      fieldRef: {fieldPath: metadata.name}
                      resourceFieldRef: {resource: bogus}
            """));
        Assert.DoesNotContain(findings, f => f.RuleId == RuleCatalog.DS1369_DownwardApiVolumeFileMustSelectSupportedField.Id);
    }
}

public sealed class StorageVolumeSourceMustBeValidTests
{
    [Fact]
    public void GceDisk_IsReported_AtPersistentDisk_ShownAtGcePersistentDisk()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                gcePersistentDisk:
                  pdName: data
                  partition: 300 # expect: DS1370 spec.template.spec.volumes[0].persistentDisk.partition
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1370_StorageVolumeSourceMustBeValid.Id);
        Assert.Equal("Invalid value: 300: must be between 1 and 255, inclusive. Use 0 for the whole disk, or a partition number up to 255", FindingText.WithHint(f));
    }

    [Fact]
    public void ManagedAzureDisk_WithoutKind_GetsTheKindHint()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                azureDisk:
                  diskName: data
                  diskURI: /subscriptions/1/resourceGroups/g/providers/Microsoft.Compute/disks/data # expect: DS1370 spec.template.spec.volumes[0].azureDisk.diskURI
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1370_StorageVolumeSourceMustBeValid.Id);
        Assert.EndsWith("Kind defaults to Shared (a blob disk): set kind: Managed for a managed disk", f.Hint);
    }

    [Fact]
    public void IscsiAsASecondSource_StillChecksTheNameLength()
    {
        // validateVolumeSource makes the <volume name>:<targetPortal> check for any iscsi source, even a rejected second one.
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: a-volume-name-that-is-long-enough-with-the-portal-to-pass-64 # expect: DS1370 spec.template.spec.volumes[0].name
                emptyDir: {}
                iscsi: {targetPortal: "10.0.0.1:3260", iqn: "iqn.2001-04.com.example:x", initiatorName: "iqn.2001-04.com.example:y"} # expect: DS1361 spec.template.spec.volumes[0].iscsi
            """));
        Assert.Equal(
            "Invalid value: \"a-volume-name-that-is-long-enough-with-the-portal-to-pass-64\": Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.",
            findings.Single(x => x.RuleId == RuleCatalog.DS1370_StorageVolumeSourceMustBeValid.Id).Message);
    }

    [Theory]
    [InlineData("iqn.2001-04.com.example:storage.disk1", true)]
    [InlineData("iqn.2001-04.com.example", false)]
    [InlineData("iqn.2001-04.com.example:a b", false)]
    [InlineData("iqn.2001-04.com.example:x\n", false)]
    [InlineData("xiqn.2001-04.com.example:x", false)]
    [InlineData("eui.02004567A425678D", true)]
    [InlineData("eui-02004567A425678D", true)]
    [InlineData("eui.02004567A425678", false)]
    [InlineData("naa.60014052b0e5d4b3f0e5d4b3f0e5d4b3", true)]
    [InlineData("naa.60014052b0e5d4b3f0e5d4b3f0e5d4b", false)]
    public void IscsiNames_FollowTheUpstreamRegexes(string iqn, bool valid)
    {
        var json = "{\"apiVersion\": \"apps/v1\", \"kind\": \"DaemonSet\", \"metadata\": {\"name\": \"ds\"}, \"spec\": {\"selector\": {\"matchLabels\": {\"app\": \"a\"}}, \"template\": {\"metadata\": {\"labels\": {\"app\": \"a\"}}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"i\"}], "
            + "\"volumes\": [{\"name\": \"v\", \"iscsi\": {\"targetPortal\": \"10.0.0.1:3260\", \"iqn\": " + System.Text.Json.JsonSerializer.Serialize(iqn) + "}}]}}}}";
        var findings = new ManifestValidator().ValidateText("iscsi.json", json).Findings;
        Assert.Equal(valid, !findings.Any(f => f.RuleId == RuleCatalog.DS1370_StorageVolumeSourceMustBeValid.Id));
    }
}

public sealed class CsiVolumeMustBeValidTests
{
    [Fact]
    public void SecretName_IsReported_AtCsiName_ShownAtTheSecretRef()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                csi:
                  driver: secrets-store.csi.k8s.io
                  nodePublishSecretRef:
                    name: Creds # expect: DS1371 spec.template.spec.volumes[0].csi.name
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1371_CsiVolumeMustBeValid.Id);
        Assert.StartsWith("Invalid value: \"Creds\": a lowercase RFC 1123 subdomain", f.Message);
        Assert.EndsWith("Names are lower case: write creds", f.Hint);
    }
}

public sealed class VolumeDevicesMustBeValidTests
{
    [Fact]
    public void Overlap_UsesTheLastPathOfAName()
    {
        // GetVolumeMountMap keeps one path per name, the last one: cfg → /b (not /a). GetVolumeDeviceMap: disk → /a,
        // disk2 → /c (not /b). So the device at /b meets the mount map, and the mount at /a meets the device map.
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                volumeMounts:
                  - {name: cfg, mountPath: /a} # expect: DS1385 spec.template.spec.containers[0].volumeMounts[0].mountPath
                  - {name: cfg, mountPath: /b}
                volumeDevices:
                  - {name: disk, devicePath: /a}
                  - {name: disk2, devicePath: /b} # expect: DS1385 spec.template.spec.containers[0].volumeDevices[1].devicePath
                  - {name: disk2, devicePath: /c} # expect: DS1385 spec.template.spec.containers[0].volumeDevices[2].name
            volumes:
              - {name: cfg, configMap: {name: cfg}}
              - {name: disk, persistentVolumeClaim: {claimName: disk}}
              - {name: disk2, persistentVolumeClaim: {claimName: disk2}}
            """));
        var messages = findings.Where(x => x.RuleId == RuleCatalog.DS1385_VolumeDevicesMustBeValid.Id).Select(FindingText.WithHint).ToList();
        Assert.Equal(
            new[]
            {
                "Invalid value: \"/a\": must not already exist as a path in volumeDevices. A device of this container uses the same path",
                "Invalid value: \"/b\": must not already exist as a path in volumeMounts. A mount of this container uses the same path",
                "Invalid value: \"disk2\": must be unique. Attach each volume once per container",
            },
            messages);
    }

    [Fact]
    public void DeviceOfANonClaimVolume_SaysWhichSourceItIs()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                volumeDevices:
                  - {name: logs, devicePath: /dev/logs} # expect: DS1385 spec.template.spec.containers[0].volumeDevices[0].name
            volumes:
              - {name: logs, hostPath: {path: /var/log}}
            """));
        Assert.Equal(
            "Invalid value: \"logs\": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode. Volume \"logs\" is a hostPath volume; mount it with volumeMounts instead",
            FindingText.WithHint(findings.Single(x => x.RuleId == RuleCatalog.DS1385_VolumeDevicesMustBeValid.Id)));
    }

    [Fact]
    public void ManyDevicesAndVolumes_AreCheckedInLinearTime()
    {
        // Every device names a volume and shares no path: the checks are set lookups, not pair loops. Wall time depends on
        // the machine's load, so the test compares two sizes: four times the input must take far less than sixteen times
        // as long (what a pair loop would take). Only the volume rules run.
        var rules = RuleSet.All.Where(r => r.Descriptor.Id.StartsWith("DS13", System.StringComparison.Ordinal)).ToList();
        var validator = new ManifestValidator(rules: rules);
        Measure(validator, 500); // warm-up (JIT)
        var small = Measure(validator, 4000);
        var large = Measure(validator, 16000);
        Assert.True(large.TotalMilliseconds < 10 * System.Math.Max(small.TotalMilliseconds, 50), $"4,000 devices took {small}, 16,000 took {large}");
    }

    private static System.TimeSpan Measure(ManifestValidator validator, int n)
    {
        var yaml = new StringBuilder("containers:\n  - name: c\n    image: i\n    volumeDevices:\n");
        for (var i = 0; i < n; i++)
        {
            yaml.Append("      - {name: v").Append(i).Append(", devicePath: /dev/d").Append(i).Append("}\n");
        }

        yaml.Append("volumes:\n");
        for (var i = 0; i < n; i++)
        {
            yaml.Append("  - {name: v").Append(i).Append(", persistentVolumeClaim: {claimName: c").Append(i).Append("}}\n");
        }

        var text = PodTemplate.Ds(yaml.ToString());
        var watch = Stopwatch.StartNew();
        var findings = validator.ValidateText("devices.yaml", text).Findings;
        watch.Stop();
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("DS13", System.StringComparison.Ordinal));
        return watch.Elapsed;
    }
}

public sealed class ProjectedTokenPathRatchetingTests
{
    private const string Volumes =
        """
        containers: [{name: c, image: i}]
        volumes:
          - name: token
            projected:
              sources:
                - serviceAccountToken:
                    path: {0}
        """;

    [Fact]
    public void NonLocalTokenPath_IsReportedOnCreate()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(Volumes.Replace("{0}", "../token # expect: DS1367 spec.template.spec.volumes[0].projected.path")));
        Assert.Contains(findings, f => f.RuleId == RuleCatalog.DS1367_VolumeSourceFieldsMustBeValid.Id);
    }

    [Fact]
    public void NonLocalTokenPath_MayStay_WhenTheStoredTemplateHasOne()
    {
        // GetValidationOptionsFromPodTemplate: AllowNonLocalProjectedTokenPath when the stored template has such a path.
        var findings = FixtureVerifier.VerifyText(
            PodTemplate.Ds(Volumes.Replace("{0}", "../other")),
            baseline: FixtureTests.BaselineFrom(PodTemplate.Ds(Volumes.Replace("{0}", "../token"))));
        Assert.DoesNotContain(findings, f => f.RuleId == RuleCatalog.DS1367_VolumeSourceFieldsMustBeValid.Id);
    }

    [Fact]
    public void NonLocalTokenPath_IsReportedOnUpdate_WhenTheStoredTemplateHasOnlyLocalPaths()
    {
        var findings = FixtureVerifier.VerifyText(
            PodTemplate.Ds(Volumes.Replace("{0}", "../token # expect: DS1367 spec.template.spec.volumes[0].projected.path")),
            baseline: FixtureTests.BaselineFrom(PodTemplate.Ds(Volumes.Replace("{0}", "token"))));
        Assert.Contains(findings, f => f.RuleId == RuleCatalog.DS1367_VolumeSourceFieldsMustBeValid.Id);
    }
}

/// <summary>A finding as the CLI shows it with --verbose: the server's message, then the hint as a sentence of its own.</summary>
internal static class FindingText
{
    public static string WithHint(Finding f) => f.Hint is null ? f.Message : f.Message + ". " + f.Hint;
}
