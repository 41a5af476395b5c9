using DaemonLint.Model;
using DaemonLint.Rules.DS6xxx;

namespace DaemonLint.Catalog;

/// <summary>Catalog entries DS6001-DS6999: versions and deprecations.</summary>
public static partial class RuleCatalog
{
#pragma warning disable SA1600, CS1591 // the property names carry id and title
    public static RuleDescriptor DS6001_ApiVersionRemoved { get; } = Entry(
        "DS6001", "DaemonSet apiVersion was removed", RuleCategory.Versions, Severity.Error,
        "The target release no longer serves this DaemonSet apiVersion (extensions/v1beta1 and apps/v1beta2 since Kubernetes 1.16; apps/v1beta1 never served DaemonSets); use apps/v1.",
        upstream: "CHANGELOG-1.16; kubernetes.io blog 'Deprecated APIs Removed In 1.16'",
        create: static () => new DS6001ApiVersionRemoved());

    public static RuleDescriptor DS6002_DeprecatedVolumePlugin { get; } = Entry(
        "DS6002", "Volume plugin is deprecated", RuleCategory.Versions, Severity.Warning,
        "The server warns about deprecated or removed in-tree volume plugins (gitRepo, cephfs, rbd, flocker, glusterfs, quobyte, storageos, scaleIO, photonPersistentDisk); most no longer work on current nodes.",
        upstream: PodWarnings + " GetWarningsForPodTemplate (deprecated and removed volume plugins)",
        create: static () => new DS6002DeprecatedVolumePlugin());

    public static RuleDescriptor DS6003_FieldDroppedByApiServer { get; } = Entry(
        "DS6003", "Field is dropped by the API server", RuleCategory.Versions, Severity.Info,
        "The template sets a field whose feature gate is off in the target release: the API server removes it (or resets it to its default) before validating and storing the object, so it has no effect.",
        upstream: "pkg/api/pod/util.go DropDisabledTemplateFields",
        create: static () => new DS6003FieldDroppedByApiServer());
#pragma warning restore SA1600, CS1591
}
