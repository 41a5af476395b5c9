using System.Collections.Generic;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodResources;

/// <summary>Values the C# front end cannot compute never produce findings that depend on them.</summary>
public sealed class UnknownValuesTests
{
    private static readonly ManifestNode Unknown = new UnknownNode(default);

    [Fact]
    public void UnknownMountName_DoesNotTrigger()
    {
        var pod = M(
            ("containers", Q(M(("name", S("c")), ("image", S("i")), ("volumeMounts", Q(M(("name", Unknown), ("mountPath", Unknown))))))),
            ("volumes", Q(M(("name", S("a"))))));
        Assert.Empty(Run(pod));
    }

    [Fact]
    public void VolumesWithUnknownItems_HideNotFound()
    {
        var volumes = new SequenceNode(default, new[] { M(("name", S("a"))) }, hasUnknownItems: true);
        var pod = M(
            ("containers", Q(M(("name", S("c")), ("image", S("i")), ("volumeMounts", Q(M(("name", S("b")), ("mountPath", S("/b")))))))),
            ("volumes", volumes));
        Assert.Empty(Run(pod));
    }

    [Fact]
    public void VolumeWithUnknownPart_MayBeRegistered()
    {
        var pod = M(
            ("containers", Q(M(("name", S("c")), ("image", S("i")), ("volumeMounts", Q(M(("name", S("h")), ("mountPath", S("/h")))))))),
            ("volumes", Q(M(("name", S("h")), ("hostPath", M(("path", S("/var/log")), ("type", Unknown)))))));
        Assert.Empty(Run(pod));
    }

    [Fact]
    public void UnknownQuantities_AndHiddenLimits_DoNotTrigger()
    {
        var resources = new MappingNode(
            default,
            new[]
            {
                new MappingEntry("requests", default, M(("cpu", Unknown), ("nvidia.com/gpu", S("1")))),
                new MappingEntry("limits", default, new MappingNode(default, new[] { new MappingEntry("cpu", default, S("1")) }, hasUnknownEntries: true)),
            });
        var pod = M(("containers", Q(M(("name", S("c")), ("image", S("i")), ("resources", resources)))));
        Assert.Empty(Run(pod));
    }

    [Fact]
    public void UnknownSourceFields_DoNotTrigger()
    {
        var claimSpec = new MappingNode(default, new[] { new MappingEntry("accessModes", default, Unknown) }, hasUnknownEntries: true);
        var devices = Q(M(("name", Unknown), ("devicePath", S("/dev/a"))), M(("name", S("e")), ("devicePath", Unknown)));
        var container = M(("name", S("c")), ("image", S("i")), ("volumeDevices", devices));
        var volumes = Q(
            M(("name", S("csi")), ("csi", M(("driver", Unknown), ("nodePublishSecretRef", M(("name", Unknown)))))),
            M(("name", S("iscsi")), ("iscsi", M(("targetPortal", Unknown), ("iqn", Unknown), ("lun", Unknown), ("initiatorName", Unknown)))),
            M(("name", S("disk")), ("azureDisk", M(("diskName", S("d")), ("diskURI", S("/subscriptions/x")), ("kind", Unknown)))),
            M(("name", S("e")), ("ephemeral", M(("volumeClaimTemplate", M(("metadata", M(("name", Unknown))), ("spec", claimSpec)))))),
            M(("name", S("d")), ("downwardAPI", M(("items", Q(M(("path", S("p")), ("fieldRef", M(("fieldPath", Unknown))))))))));
        Assert.Empty(Run(M(("containers", Q(container)), ("volumes", volumes))));
    }

    private static List<Finding> Run(MappingNode podSpec)
    {
        var root = M(
            ("apiVersion", S("apps/v1")),
            ("kind", S("DaemonSet")),
            ("metadata", M(("name", S("ds")))),
            ("spec", M(
                ("selector", M(("matchLabels", M(("app", S("a")))))),
                ("template", M(("metadata", M(("labels", M(("app", S("a")))))), ("spec", podSpec))))));
        var findings = new List<Finding>();
        new ManifestValidator().ValidateObject(new ManifestObject(root), null, findings);
        return findings.Where(f => string.CompareOrdinal(f.RuleId, "DS1300") >= 0 && string.CompareOrdinal(f.RuleId, "DS1500") < 0).ToList();
    }

    private static ScalarNode S(string s) => new(default, s, ScalarType.String);

    private static SequenceNode Q(params ManifestNode[] items) => new(default, items);

    private static MappingNode M(params (string Key, ManifestNode Value)[] entries) =>
        new(default, entries.Select(e => new MappingEntry(e.Key, default, e.Value)).ToList());
}
