using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodResources;

public sealed class VolumeNameMustBeValidTests
{
    [Fact]
    public void DuplicateName_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - {name: data}
              - {name: data} # expect: DS1360 spec.template.spec.volumes[1].name
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1360_VolumeNameMustBeValid.Id);
        Assert.Equal("Duplicate value: \"data\"", f.Message);
        Assert.Equal("Volume names must be unique; rename one of them", f.Hint);
        Assert.Equal(FindingKind.Duplicate, f.Kind);
    }
}

public sealed class VolumeMustHaveOneSourceTests
{
    [Fact]
    public void LaterSources_AreBlamed()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                hostPath: {path: /x} # expect: DS1361 spec.template.spec.volumes[0].hostPath
                emptyDir: {} # not blamed: emptyDir comes first in the server's order
                persistentVolumeClaim: {claimName: c} # expect: DS1361 spec.template.spec.volumes[0].persistentVolumeClaim
            """));
        Assert.All(
            findings.Where(x => x.RuleId == RuleCatalog.DS1361_VolumeMustHaveOneSource.Id),
            f =>
            {
                Assert.Equal("Forbidden: may not specify more than 1 volume type", f.Message);
                Assert.Equal("A volume has exactly one source: move this one into a volume of its own", f.Hint);
            });
    }
}

public sealed class HostPathPathMustBeValidTests
{
    [Fact]
    public void Backsteps_Trigger()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                hostPath:
                  path: /var/../etc # expect: DS1362 spec.template.spec.volumes[0].hostPath.path
            """));
        Assert.Equal("Invalid value: \"/var/../etc\": must not contain '..'", findings.Single(x => x.RuleId == RuleCatalog.DS1362_HostPathPathMustBeValid.Id).Message);
        Assert.Equal("Write the path without '..' elements", findings.Single(x => x.RuleId == RuleCatalog.DS1362_HostPathPathMustBeValid.Id).Hint);
    }
}

public sealed class HostPathTypeMustBeSupportedTests
{
    [Fact]
    public void WrongCase_Triggers_WithFix()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                hostPath:
                  path: /run/x.sock
                  type: socket # expect: DS1363 spec.template.spec.volumes[0].hostPath.type
            """));
        Assert.Equal(
            "Unsupported value: \"socket\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"",
            findings.Single(x => x.RuleId == RuleCatalog.DS1363_HostPathTypeMustBeSupported.Id).Message);
        Assert.Equal("hostPath types are case-sensitive: write Socket", findings.Single(x => x.RuleId == RuleCatalog.DS1363_HostPathTypeMustBeSupported.Id).Hint);
    }
}

public sealed class EmptyDirSizeLimitMustNotBeNegativeTests
{
    [Fact]
    public void NegativeSize_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                emptyDir:
                  sizeLimit: "-1" # expect: DS1364 spec.template.spec.volumes[0].emptyDir.sizeLimit
            """));
        Assert.Equal("Forbidden: SizeLimit field must be a valid resource quantity", findings.Single(x => x.RuleId == RuleCatalog.DS1364_EmptyDirSizeLimitMustNotBeNegative.Id).Message);
        Assert.Equal("sizeLimit must not be negative; remove the minus sign or the limit", findings.Single(x => x.RuleId == RuleCatalog.DS1364_EmptyDirSizeLimitMustNotBeNegative.Id).Hint);
    }
}

public sealed class FileModeMustBeInRangeTests
{
    [Fact]
    public void DecimalLookingLikeOctal_Triggers_WithFix()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                configMap:
                  name: cfg
                  defaultMode: 755 # expect: DS1365 spec.template.spec.volumes[0].configMap.defaultMode
            """));
        Assert.Equal(
            "Invalid value: 755: must be a number between 0 and 0777 (octal), both inclusive",
            findings.Single(x => x.RuleId == RuleCatalog.DS1365_FileModeMustBeInRange.Id).Message);
        Assert.Equal("755 is read as decimal; write 0755 for octal (YAML 1.1), or 493", findings.Single(x => x.RuleId == RuleCatalog.DS1365_FileModeMustBeInRange.Id).Hint);
    }

    [Fact]
    public void YamlOctal_DoesNotTrigger()
    {
        FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - {name: v, secret: {secretName: s, defaultMode: 0777}}
            """), ruleId: RuleCatalog.DS1365_FileModeMustBeInRange.Id);
    }
}

public sealed class DeprecatedVolumePluginTests
{
    [Fact]
    public void GitRepo_IsAWarning()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers: [{name: c, image: i}]
            volumes:
              - name: v
                gitRepo: {repository: "https://example.com/r.git"} # expect: DS6002 spec.template.spec.volumes[0].gitRepo
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS6002_DeprecatedVolumePlugin.Id);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("Invalid value: deprecated in v1.11", f.Message);
        Assert.Equal("Clone the repository in an init container into an emptyDir volume instead", f.Hint);
    }
}

public sealed class VolumeSourceFieldsMustBeValidTests
{
    [Fact]
    public void SecretWithoutName_Triggers_AndUnregistersTheVolume()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                volumeMounts:
                  - {name: tls, mountPath: /tls} # expect: DS1380 spec.template.spec.containers[0].volumeMounts[0].name
            volumes:
              - name: tls
                secret: {optional: true} # expect: DS1367 spec.template.spec.volumes[0].secret.secretName
            """));
        Assert.Equal("Required value", findings.Single(x => x.RuleId == RuleCatalog.DS1367_VolumeSourceFieldsMustBeValid.Id).Message);
        Assert.Equal("Name the Secret to mount", findings.Single(x => x.RuleId == RuleCatalog.DS1367_VolumeSourceFieldsMustBeValid.Id).Hint);
    }
}
