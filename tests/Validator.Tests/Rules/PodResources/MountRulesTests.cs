using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodResources;

public sealed class VolumeMountMustReferenceVolumeTests
{
    [Fact]
    public void MountOfInvalidVolume_Triggers_NotFound()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                volumeMounts:
                  - {name: cfg, mountPath: /etc/app} # expect: DS1380 spec.template.spec.containers[0].volumeMounts[0].name
            volumes:
              - name: cfg
                configMap: {name: app, defaultMode: 999} # expect: DS1365 spec.template.spec.volumes[0].configMap.defaultMode
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1380_VolumeMountMustReferenceVolume.Id);
        Assert.Equal(FindingKind.NotFound, f.Kind);
        Assert.Equal("Not found: \"cfg\"", f.Message);
        Assert.Equal("Volume \"cfg\" (spec.template.spec.volumes[0]) is rejected for its own errors, so no mount can use it; fix that volume", f.Hint);
    }
}

public sealed class MountPathMustBeValidTests
{
    [Fact]
    public void DuplicatePath_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                volumeMounts:
                  - {name: a, mountPath: /x}
                  - {name: a, mountPath: /x} # expect: DS1381 spec.template.spec.containers[0].volumeMounts[1].mountPath
            volumes: [{name: a}]
            """));
        Assert.Equal("Invalid value: \"/x\": must be unique", findings.Single(x => x.RuleId == RuleCatalog.DS1381_MountPathMustBeValid.Id).Message);
        Assert.Equal("Mount each path once per container; use subPath to mount parts of volumes side by side", findings.Single(x => x.RuleId == RuleCatalog.DS1381_MountPathMustBeValid.Id).Hint);
    }
}

public sealed class SubPathMustBeRelativeTests
{
    [Fact]
    public void AbsoluteSubPath_Triggers_OnUnindexedPath_ShownAtTheMount()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                volumeMounts:
                  - name: a
                    mountPath: /x
                    subPath: /abs # expect: DS1382 spec.template.spec.containers[0].volumeMounts.subPath
            volumes: [{name: a}]
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1382_SubPathMustBeRelative.Id);
        Assert.Equal("Invalid value: \"/abs\": must be a relative path", f.Message);
        Assert.Equal("Write it relative to the volume root: abs", f.Hint);
        Assert.Equal("spec.template.spec.containers[0].volumeMounts.subPath", f.Path!.ToString());
    }
}

public sealed class MountPropagationMustBeValidTests
{
    [Fact]
    public void BidirectionalUnprivileged_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                volumeMounts:
                  - name: a
                    mountPath: /x
                    mountPropagation: Bidirectional # expect: DS1383 spec.template.spec.containers[0].volumeMounts.mountPropagation
            volumes: [{name: a, hostPath: {path: /mnt}}]
            """));
        Assert.Equal(
            "Forbidden: Bidirectional mount propagation is available only to privileged containers",
            findings.Single(x => x.RuleId == RuleCatalog.DS1383_MountPropagationMustBeValid.Id).Message);
        Assert.Equal("Set securityContext.privileged: true on this container, or use HostToContainer", findings.Single(x => x.RuleId == RuleCatalog.DS1383_MountPropagationMustBeValid.Id).Hint);
    }
}

public sealed class RecursiveReadOnlyMustBeValidTests
{
    [Fact]
    public void WithoutReadOnly_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                volumeMounts:
                  - name: a
                    mountPath: /x
                    recursiveReadOnly: IfPossible # expect: DS1384 spec.template.spec.containers[0].volumeMounts.recursiveReadOnly
            volumes: [{name: a}]
            """));
        Assert.Equal("Forbidden: may only be specified when readOnly is true", findings.Single(x => x.RuleId == RuleCatalog.DS1384_RecursiveReadOnlyMustBeValid.Id).Message);
        Assert.Equal("Add readOnly: true to this mount", findings.Single(x => x.RuleId == RuleCatalog.DS1384_RecursiveReadOnlyMustBeValid.Id).Hint);
    }
}

public sealed class SubPathOfImageVolumeTests
{
    [Fact]
    public void SubPathOnImageVolume_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                volumeMounts:
                  - name: model
                    mountPath: /model
                    subPath: weights # expect: DS1382 spec.template.spec.containers[0].volumeMounts[0].subPath
            volumes:
              - name: model
                image: {reference: "registry.example.com/model:1"}
            """));
        Assert.Equal("Invalid value: \"weights\": not allowed in image volume sources", findings.Single(x => x.RuleId == RuleCatalog.DS1382_SubPathMustBeRelative.Id).Message);
        Assert.Equal("Mount the whole image volume", findings.Single(x => x.RuleId == RuleCatalog.DS1382_SubPathMustBeRelative.Id).Hint);
    }
}
