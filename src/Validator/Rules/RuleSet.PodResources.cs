using DaemonLint.Engine;
using DaemonLint.Rules.PodResources;

namespace DaemonLint.Rules;

/// <summary>Rule instances for DS1300-DS1499: resources, security context, volumes and mounts, sysctls, OS-specific fields (RULES.md §(c)).</summary>
public static partial class RuleSet
{
    private static Rule[] PodResourcesRules() => new Rule[]
    {
        new ResourceQuantityMustBeValid(),
        new ResourceNameMustBeValid(),
        new RequestMustNotExceedLimit(),
        new NonOvercommitableRequestMustEqualLimit(),
        new HugePagesRequireCpuOrMemory(),
        new FractionalByteQuantity(),
        new PrivilegedDisallowedByPolicy(),
        new AllowPrivilegeEscalationConflict(),
        new UserAndGroupIdsMustBeInRange(),
        new SeccompProfileMustBeValid(),
        new SysctlNameMustBeValid(),
        new SysctlMustNotUseHostNamespace(),
        new OsSpecificFieldsMustMatchPodOs(),
        new VolumeNameMustBeValid(),
        new VolumeMustHaveOneSource(),
        new HostPathPathMustBeValid(),
        new HostPathTypeMustBeSupported(),
        new EmptyDirSizeLimitMustNotBeNegative(),
        new FileModeMustBeInRange(),
        new DeprecatedVolumePlugin(),
        new VolumeSourceFieldsMustBeValid(),
        new VolumeMountMustReferenceVolume(),
        new MountPathMustBeValid(),
        new SubPathMustBeRelative(),
        new MountPropagationMustBeValid(),
        new RecursiveReadOnlyMustBeValid(),
    };
}
