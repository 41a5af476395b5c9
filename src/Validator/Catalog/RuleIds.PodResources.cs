namespace DaemonLint.Catalog;

/// <summary>Rule ids DS1300-DS1499: resources, security context, sysctls, OS-specific fields, volumes and mounts.</summary>
public static partial class RuleIds
{
#pragma warning disable CS1591 // the names say it; RuleCatalog holds the descriptions
    public const string ResourceQuantityMustBeValid = "DS1301";
    public const string ResourceNameMustBeValid = "DS1302";
    public const string RequestMustNotExceedLimit = "DS1303";
    public const string NonOvercommitableRequestMustEqualLimit = "DS1304";
    public const string HugePagesRequireCpuOrMemory = "DS1305";
    public const string FractionalByteQuantity = "DS4106";

    public const string PrivilegedDisallowedByPolicy = "DS1320";
    public const string AllowPrivilegeEscalationConflict = "DS1321";
    public const string UserAndGroupIdsMustBeInRange = "DS1322";
    public const string SeccompProfileMustBeValid = "DS1323";

    public const string SysctlNameMustBeValid = "DS1340";
    public const string SysctlMustNotUseHostNamespace = "DS1341";
    public const string OsSpecificFieldsMustMatchPodOs = "DS1342";

    public const string VolumeNameMustBeValid = "DS1360";
    public const string VolumeMustHaveOneSource = "DS1361";
    public const string HostPathPathMustBeValid = "DS1362";
    public const string HostPathTypeMustBeSupported = "DS1363";
    public const string EmptyDirSizeLimitMustNotBeNegative = "DS1364";
    public const string FileModeMustBeInRange = "DS1365";
    public const string DeprecatedVolumePlugin = "DS6002";
    public const string VolumeSourceFieldsMustBeValid = "DS1367";

    public const string VolumeMountMustReferenceVolume = "DS1380";
    public const string MountPathMustBeValid = "DS1381";
    public const string SubPathMustBeRelative = "DS1382";
    public const string MountPropagationMustBeValid = "DS1383";
    public const string RecursiveReadOnlyMustBeValid = "DS1384";
#pragma warning restore CS1591
}
