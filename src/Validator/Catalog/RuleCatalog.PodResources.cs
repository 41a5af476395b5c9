using DaemonLint.Model;

namespace DaemonLint.Catalog;

/// <summary>Catalog entries for DS1300-DS1499: resources, security context, volumes and mounts, sysctls, OS-specific fields (RULES.md §(c)).</summary>
public static partial class RuleCatalog
{
#pragma warning disable SA1600, CS1591 // the property names carry id and title
    public static RuleDescriptor DS1301_ResourceQuantityMustBeValid => PodResources.DS1301;

    public static RuleDescriptor DS1302_ResourceNameMustBeValid => PodResources.DS1302;

    public static RuleDescriptor DS1303_RequestMustNotExceedLimit => PodResources.DS1303;

    public static RuleDescriptor DS1304_NonOvercommitableRequestMustEqualLimit => PodResources.DS1304;

    public static RuleDescriptor DS1305_HugePagesRequireCpuOrMemory => PodResources.DS1305;

    public static RuleDescriptor DS4106_FractionalByteQuantity => PodResources.DS4106;

    public static RuleDescriptor DS1320_PrivilegedDisallowedByPolicy => PodResources.DS1320;

    public static RuleDescriptor DS1321_AllowPrivilegeEscalationConflict => PodResources.DS1321;

    public static RuleDescriptor DS1322_UserAndGroupIdsMustBeInRange => PodResources.DS1322;

    public static RuleDescriptor DS1323_SeccompProfileMustBeValid => PodResources.DS1323;

    public static RuleDescriptor DS1340_SysctlNameMustBeValid => PodResources.DS1340;

    public static RuleDescriptor DS1341_SysctlMustNotUseHostNamespace => PodResources.DS1341;

    public static RuleDescriptor DS1342_OsSpecificFieldsMustMatchPodOs => PodResources.DS1342;

    public static RuleDescriptor DS1360_VolumeNameMustBeValid => PodResources.DS1360;

    public static RuleDescriptor DS1361_VolumeMustHaveOneSource => PodResources.DS1361;

    public static RuleDescriptor DS1362_HostPathPathMustBeValid => PodResources.DS1362;

    public static RuleDescriptor DS1363_HostPathTypeMustBeSupported => PodResources.DS1363;

    public static RuleDescriptor DS1364_EmptyDirSizeLimitMustNotBeNegative => PodResources.DS1364;

    public static RuleDescriptor DS1365_FileModeMustBeInRange => PodResources.DS1365;

    public static RuleDescriptor DS6002_DeprecatedVolumePlugin => PodResources.DS6002;

    public static RuleDescriptor DS1367_VolumeSourceFieldsMustBeValid => PodResources.DS1367;

    public static RuleDescriptor DS1380_VolumeMountMustReferenceVolume => PodResources.DS1380;

    public static RuleDescriptor DS1381_MountPathMustBeValid => PodResources.DS1381;

    public static RuleDescriptor DS1382_SubPathMustBeRelative => PodResources.DS1382;

    public static RuleDescriptor DS1383_MountPropagationMustBeValid => PodResources.DS1383;

    public static RuleDescriptor DS1384_RecursiveReadOnlyMustBeValid => PodResources.DS1384;
#pragma warning restore SA1600, CS1591

    private static RuleDescriptor[] PodResourcesRules() => new[]
    {
        PodResources.DS1301, PodResources.DS1302, PodResources.DS1303, PodResources.DS1304, PodResources.DS1305, PodResources.DS4106,
        PodResources.DS1320, PodResources.DS1321, PodResources.DS1322, PodResources.DS1323,
        PodResources.DS1340, PodResources.DS1341, PodResources.DS1342,
        PodResources.DS1360, PodResources.DS1361, PodResources.DS1362, PodResources.DS1363, PodResources.DS1364, PodResources.DS1365, PodResources.DS6002, PodResources.DS1367,
        PodResources.DS1380, PodResources.DS1381, PodResources.DS1382, PodResources.DS1383, PodResources.DS1384,
    };

    // A nested class: its fields initialize on first use, whatever order the partial files' static initializers run in.
    private static class PodResources
    {
        private const string CVp = "pkg/apis/core/validation/validation.go";
        private const string Warnings = "pkg/api/pod/warnings.go";

        public static readonly RuleDescriptor DS1301 = new(
            RuleIds.ResourceQuantityMustBeValid, "Resource quantities must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "A quantity must parse as a Kubernetes quantity (digits with an optional SI suffix such as m, Mi or G, or an exponent), must not be negative, must be a whole number for extended resources, and a hugepages amount must be a multiple of its page size.",
            upstream: "staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go ParseQuantity; " + CVp + " ValidateResourceQuantityValue / validateResourceQuantityHugePageValue");

        public static readonly RuleDescriptor DS1302 = new(
            RuleIds.ResourceNameMustBeValid, "Container resource names must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "Container limits and requests take cpu, memory, ephemeral-storage, hugepages-<size>, or a fully qualified extended resource such as example.com/device.",
            upstream: CVp + " validateContainerResourceName");

        public static readonly RuleDescriptor DS1303 = new(
            RuleIds.RequestMustNotExceedLimit, "A request must not exceed its limit", RuleCategory.ApiCorrectness, Severity.Error,
            "For every resource with both a request and a limit, the request must be less than or equal to the limit; the server compares the exact quantities.",
            upstream: CVp + " validateResourceRequirements");

        public static readonly RuleDescriptor DS1304 = new(
            RuleIds.NonOvercommitableRequestMustEqualLimit, "Extended resources and hugepages cannot be overcommitted", RuleCategory.ApiCorrectness, Severity.Error,
            "Hugepages and extended resources (such as nvidia.com/gpu) cannot be overcommitted: a request needs a limit, and the two must be equal.",
            upstream: CVp + " validateResourceRequirements (IsOvercommitAllowed)");

        public static readonly RuleDescriptor DS1305 = new(
            RuleIds.HugePagesRequireCpuOrMemory, "Hugepages require a cpu or memory request or limit", RuleCategory.ApiCorrectness, Severity.Error,
            "A container that asks for hugepages must also set cpu or memory in its requests or limits.",
            upstream: CVp + " validateResourceRequirements");

        public static readonly RuleDescriptor DS4106 = new(
            RuleIds.FractionalByteQuantity, "Memory and ephemeral-storage must be whole bytes", RuleCategory.Reliability, Severity.Warning,
            "The server accepts a fractional byte count (such as 0.5 or 1500m of memory) but warns that it is invalid; write whole bytes, usually with a binary suffix such as Mi.",
            upstream: Warnings + " GetWarningsForPodTemplate (fractional memory/ephemeral-storage)");

        public static readonly RuleDescriptor DS1320 = new(
            RuleIds.PrivilegedDisallowedByPolicy, "Privileged containers are disallowed by cluster policy", RuleCategory.ApiCorrectness, Severity.Error,
            "When kube-apiserver runs with --allow-privileged=false (ValidatorOptions.AllowPrivileged false), a container with securityContext.privileged: true is rejected.",
            upstream: CVp + " ValidateSecurityContext");

        public static readonly RuleDescriptor DS1321 = new(
            RuleIds.AllowPrivilegeEscalationConflict, "allowPrivilegeEscalation false conflicts with privileged or CAP_SYS_ADMIN", RuleCategory.ApiCorrectness, Severity.Error,
            "A container cannot set allowPrivilegeEscalation: false and also be privileged or add the CAP_SYS_ADMIN capability.",
            upstream: CVp + " ValidateSecurityContext");

        public static readonly RuleDescriptor DS1322 = new(
            RuleIds.UserAndGroupIdsMustBeInRange, "User and group ids must be in range", RuleCategory.ApiCorrectness, Severity.Error,
            "runAsUser, runAsGroup, fsGroup and supplementalGroups must be between 0 and 2147483647, the range apimachinery's IsValidUserID and IsValidGroupID accept.",
            upstream: "staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsValidUserID / IsValidGroupID");

        public static readonly RuleDescriptor DS1323 = new(
            RuleIds.SeccompProfileMustBeValid, "seccompProfile must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "A seccompProfile needs a type of Localhost, RuntimeDefault or Unconfined; localhostProfile is required with Localhost, must be a relative path without '..', and is forbidden with other types.",
            upstream: CVp + " validateSeccompProfileField");

        public static readonly RuleDescriptor DS1340 = new(
            RuleIds.SysctlNameMustBeValid, "Sysctl names must be valid and unique", RuleCategory.ApiCorrectness, Severity.Error,
            "Each securityContext.sysctls name is required, at most 253 characters of lower-case segments separated by '.' or '/', and unique.",
            upstream: CVp + " validateSysctls");

        public static readonly RuleDescriptor DS1341 = new(
            RuleIds.SysctlMustNotUseHostNamespace, "Namespaced sysctls are forbidden with host namespaces", RuleCategory.ApiCorrectness, Severity.Error,
            "net.* sysctls cannot be set when hostNetwork is true, and IPC sysctls (kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*) cannot be set when hostIPC is true: they would change the node itself.",
            upstream: CVp + " ValidateHostSysctl");

        public static readonly RuleDescriptor DS1342 = new(
            RuleIds.OsSpecificFieldsMustMatchPodOs, "OS-specific fields must match the pod OS", RuleCategory.ApiCorrectness, Severity.Error,
            "With os.name: windows, Linux-only fields (seLinuxOptions, seccompProfile, runAsUser, privileged, capabilities, hostPID, sysctls, ...) are forbidden; with os.name: linux, windowsOptions is forbidden; os.name itself must be linux or windows.",
            upstream: CVp + " validateOS / validateWindows / validateLinux");

        public static readonly RuleDescriptor DS1360 = new(
            RuleIds.VolumeNameMustBeValid, "Volume names must be valid and unique", RuleCategory.ApiCorrectness, Severity.Error,
            "Each volume needs a name that is a lowercase RFC 1123 label (at most 63 characters) and unique among the valid volumes.",
            upstream: CVp + " ValidateVolumes");

        public static readonly RuleDescriptor DS1361 = new(
            RuleIds.VolumeMustHaveOneSource, "A volume must have exactly one source", RuleCategory.ApiCorrectness, Severity.Error,
            "A volume may specify only one source (emptyDir, hostPath, configMap, ...); the server blames the later one in its fixed order. A volume with no source is defaulted to emptyDir.",
            upstream: CVp + " validateVolumeSource");

        public static readonly RuleDescriptor DS1362 = new(
            RuleIds.HostPathPathMustBeValid, "hostPath path is required and must not contain '..'", RuleCategory.ApiCorrectness, Severity.Error,
            "A hostPath volume needs a path, and the path may not contain a '..' element.",
            upstream: CVp + " validateHostPathVolumeSource / validatePathNoBacksteps");

        public static readonly RuleDescriptor DS1363 = new(
            RuleIds.HostPathTypeMustBeSupported, "hostPath type must be supported", RuleCategory.ApiCorrectness, Severity.Error,
            "hostPath.type is case-sensitive and must be empty (the default), DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.",
            upstream: CVp + " validateHostPathType");

        public static readonly RuleDescriptor DS1364 = new(
            RuleIds.EmptyDirSizeLimitMustNotBeNegative, "emptyDir sizeLimit must not be negative", RuleCategory.ApiCorrectness, Severity.Error,
            "emptyDir.sizeLimit must be a non-negative quantity.",
            upstream: CVp + " validateVolumeSource");

        public static readonly RuleDescriptor DS1365 = new(
            RuleIds.FileModeMustBeInRange, "File modes must be between 0 and 0777", RuleCategory.ApiCorrectness, Severity.Error,
            "defaultMode and mode of secret, configMap, downwardAPI and projected volumes are numbers between 0 and 0777 octal (511 decimal); YAML reads 0640 as octal, 640 as decimal.",
            upstream: CVp + " validateSecretVolumeSource / validateConfigMapVolumeSource / validateKeyToPath / validateDownwardAPIVolumeFile / validateProjectedVolumeSource");

        public static readonly RuleDescriptor DS6002 = new(
            RuleIds.DeprecatedVolumePlugin, "Volume plugin is deprecated", RuleCategory.Versions, Severity.Warning,
            "The server warns about deprecated or removed in-tree volume plugins (gitRepo, cephfs, rbd, flocker, glusterfs, quobyte, storageos, scaleIO, photonPersistentDisk); most no longer work on current nodes.",
            upstream: Warnings + " GetWarningsForPodTemplate (deprecated and removed volume plugins)");

        public static readonly RuleDescriptor DS1367 = new(
            RuleIds.VolumeSourceFieldsMustBeValid, "Volume source fields must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "Common volume sources need their reference (secret.secretName, configMap.name, persistentVolumeClaim.claimName, nfs server and absolute path, gitRepo repository), projected items need a key and a relative path without '..', and downwardAPI items need a path and exactly one of fieldRef and resourceFieldRef.",
            upstream: CVp + " validateSecretVolumeSource / validateConfigMapVolumeSource / validateKeyToPath / validateDownwardAPIVolumeFile / validateProjectionSources / validateNFSVolumeSource");

        public static readonly RuleDescriptor DS1380 = new(
            RuleIds.VolumeMountMustReferenceVolume, "A volume mount must name a valid volume", RuleCategory.ApiCorrectness, Severity.Error,
            "Every volumeMounts name must match a volume of the pod; a volume that has any error of its own is not registered, so its mounts are rejected too.",
            upstream: CVp + " ValidateVolumeMounts / ValidateVolumes");

        public static readonly RuleDescriptor DS1381 = new(
            RuleIds.MountPathMustBeValid, "mountPath is required and unique per container", RuleCategory.ApiCorrectness, Severity.Error,
            "Every volume mount needs a mountPath, and no two mounts of one container may use the same mountPath.",
            upstream: CVp + " ValidateVolumeMounts");

        public static readonly RuleDescriptor DS1382 = new(
            RuleIds.SubPathMustBeRelative, "subPath and subPathExpr must be relative and exclusive", RuleCategory.ApiCorrectness, Severity.Error,
            "subPath and subPathExpr must be relative paths without '..', a mount may set only one of them, and image volumes take neither. The server reports the path checks without the mount index.",
            upstream: CVp + " ValidateVolumeMounts / validateLocalDescendingPath");

        public static readonly RuleDescriptor DS1383 = new(
            RuleIds.MountPropagationMustBeValid, "mountPropagation must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "mountPropagation is None, HostToContainer or Bidirectional, and Bidirectional is allowed only in privileged containers.",
            upstream: CVp + " validateMountPropagation");

        public static readonly RuleDescriptor DS1384 = new(
            RuleIds.RecursiveReadOnlyMustBeValid, "recursiveReadOnly must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "recursiveReadOnly is Disabled, IfPossible or Enabled; the last two need readOnly: true and no mountPropagation other than None.",
            upstream: CVp + " validateMountRecursiveReadOnly");
    }
}
