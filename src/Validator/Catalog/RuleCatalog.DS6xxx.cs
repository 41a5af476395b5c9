using DaemonLint.Model;
using DaemonLint.Rules.DS6xxx;

namespace DaemonLint.Catalog;

/// <summary>Catalog entries DS6001-DS6999: versions and deprecations.</summary>
public static partial class RuleCatalog
{
#pragma warning disable SA1600, CS1591 // the property names carry id and title
    public static RuleDescriptor DS6001_ApiVersionRemoved { get; } = Entry(
        "DS6001", "DaemonSet apiVersion was removed", RuleCategory.Versions, Severity.Error,
        "extensions/v1beta1 and apps/v1beta2 DaemonSets (and the whole apps/v1beta1 group version) are no longer served since Kubernetes 1.16; use apps/v1.",
        upstream: "CHANGELOG-1.16; kubernetes.io blog 'Deprecated APIs Removed In 1.16'",
        create: static () => new DS6001ApiVersionRemoved());

    public static RuleDescriptor DS6002_DeprecatedVolumePlugin { get; } = Entry(
        "DS6002", "Volume plugin is deprecated", RuleCategory.Versions, Severity.Warning,
        "The server warns about deprecated or removed in-tree volume plugins (gitRepo, cephfs, rbd, flocker, glusterfs, quobyte, storageos, scaleIO, photonPersistentDisk); most no longer work on current nodes.",
        upstream: PodWarnings + " GetWarningsForPodTemplate (deprecated and removed volume plugins)",
        create: static () => new DS6002DeprecatedVolumePlugin());
#pragma warning restore SA1600, CS1591
}
