using System;
using System.Collections.Generic;

namespace DaemonLint.Rules.Support;

/// <summary>
/// What the OpenAPI does not say about the Go types a pod template decodes into, and <c>Semantic.DeepEqual</c> needs:
/// which struct fields are values (an absent one equals its zero value) and which are pointers (an absent one is nil,
/// unequal to any value, zero included). Keyed by OpenAPI definition and JSON name, for every release 1.27-1.35.
/// </summary>
/// <remarks>
/// <para>Structs: an object property is a pointer (<c>lifecycle: {}</c> is not an absent lifecycle) except the value
/// structs of <see cref="IsValueStruct"/>, which are exactly the object properties the OpenAPI v3 documents give
/// <c>"default": {}</c> (the generator marks non-pointer struct fields so).</para>
/// <para>Scalars: a scalar property is a value (<c>hostNetwork: false</c> equals absent) except the pointers of
/// <see cref="IsPointer"/>, read from <c>staging/src/k8s.io/api/core/v1/types.go</c> and
/// <c>staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go</c> (the fields declared <c>*bool</c>, <c>*int32</c>,
/// <c>*int64</c>, <c>*string</c>, a pointer to a string type, <c>*resource.Quantity</c>, <c>*metav1.Time</c>,
/// <c>*FieldsV1</c>) and checked field by field against the v1.31.1 and v1.32.2 oracles (an absent field against its
/// zero value: tests/External/Parity.Tests/ApiEqualityOracleTests.cs). The server compares the internal types
/// (<c>pkg/apis/core/types.go</c>); they mirror core/v1 here but for
/// <c>ServiceAccountTokenProjection.expirationSeconds</c> (a value internally), which defaulting always sets.</para>
/// </remarks>
internal static class PodTemplateGoTypes
{
    /// <summary>The OpenAPI definition name prefix of core/v1.</summary>
    public const string Core = "io.k8s.api.core.v1.";

    /// <summary>The OpenAPI definition name prefix of meta/v1.</summary>
    public const string Meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    // Non-pointer struct fields reachable from a PodTemplateSpec ("default": {} in the OpenAPI v3 documents).
    private static readonly Dictionary<string, string[]> ValueStructs = Table(
        (Core + "PodTemplateSpec", new[] { "metadata", "spec" }),
        (Core + "Container", new[] { "resources" }),
        (Core + "EphemeralContainer", new[] { "resources" }),
        (Core + "PreferredSchedulingTerm", new[] { "preference" }),
        (Core + "WeightedPodAffinityTerm", new[] { "podAffinityTerm" }),
        (Core + "PersistentVolumeClaimTemplate", new[] { "metadata", "spec" }),
        (Core + "PersistentVolumeClaimSpec", new[] { "resources" }),
        (Core + "PodResourceClaim", new[] { "source" })); // ClaimSource, 1.27-1.30

    // Pointer scalar fields reachable from a PodTemplateSpec (types.go).
    private static readonly Dictionary<string, string[]> Pointers = Table(
        (Core + "AppArmorProfile", new[] { "localhostProfile" }),
        (Core + "AzureDiskVolumeSource", new[] { "cachingMode", "fsType", "readOnly", "kind" }),
        (Core + "CSIVolumeSource", new[] { "readOnly", "fsType" }),
        (Core + "ClaimSource", new[] { "resourceClaimName", "resourceClaimTemplateName" }),
        (Core + "ClusterTrustBundleProjection", new[] { "name", "signerName", "optional" }),
        (Core + "ConfigMapEnvSource", new[] { "optional" }),
        (Core + "ConfigMapKeySelector", new[] { "optional" }),
        (Core + "ConfigMapProjection", new[] { "optional" }),
        (Core + "ConfigMapVolumeSource", new[] { "defaultMode", "optional" }),
        (Core + "Container", new[] { "restartPolicy" }),
        (Core + "DownwardAPIVolumeFile", new[] { "mode" }),
        (Core + "DownwardAPIVolumeSource", new[] { "defaultMode" }),
        (Core + "EmptyDirVolumeSource", new[] { "sizeLimit" }),
        (Core + "EphemeralContainer", new[] { "restartPolicy" }),
        (Core + "FCVolumeSource", new[] { "lun" }),
        (Core + "FileKeySelector", new[] { "optional" }),
        (Core + "GRPCAction", new[] { "service" }),
        (Core + "HostPathVolumeSource", new[] { "type" }),
        (Core + "ISCSIVolumeSource", new[] { "initiatorName" }),
        (Core + "KeyToPath", new[] { "mode" }),
        (Core + "Lifecycle", new[] { "stopSignal" }),
        (Core + "PersistentVolumeClaimSpec", new[] { "storageClassName", "volumeMode", "volumeAttributesClassName" }),
        (Core + "PodCertificateProjection", new[] { "maxExpirationSeconds" }),
        (Core + "PodDNSConfigOption", new[] { "value" }),
        (Core + "PodResourceClaim", new[] { "resourceClaimName", "resourceClaimTemplateName" }),
        (Core + "PodSecurityContext", new[] { "runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup", "fsGroupChangePolicy", "supplementalGroupsPolicy", "seLinuxChangePolicy" }),
        (Core + "PodSpec", new[]
        {
            "activeDeadlineSeconds", "automountServiceAccountToken", "enableServiceLinks", "hostUsers", "hostnameOverride", "preemptionPolicy",
            "priority", "runtimeClassName", "setHostnameAsFQDN", "shareProcessNamespace", "terminationGracePeriodSeconds",
        }),
        (Core + "Probe", new[] { "terminationGracePeriodSeconds" }),
        (Core + "ProjectedVolumeSource", new[] { "defaultMode" }),
        (Core + "SeccompProfile", new[] { "localhostProfile" }),
        (Core + "SecretEnvSource", new[] { "optional" }),
        (Core + "SecretKeySelector", new[] { "optional" }),
        (Core + "SecretProjection", new[] { "optional" }),
        (Core + "SecretVolumeSource", new[] { "defaultMode", "optional" }),
        (Core + "SecurityContext", new[] { "privileged", "runAsUser", "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "procMount" }),
        (Core + "ServiceAccountTokenProjection", new[] { "expirationSeconds" }),
        (Core + "Toleration", new[] { "tolerationSeconds" }),
        (Core + "TopologySpreadConstraint", new[] { "minDomains", "nodeAffinityPolicy", "nodeTaintsPolicy" }),
        (Core + "TypedLocalObjectReference", new[] { "apiGroup" }),
        (Core + "TypedObjectReference", new[] { "apiGroup", "namespace" }),
        (Core + "VolumeMount", new[] { "mountPropagation", "recursiveReadOnly" }),
        (Core + "WindowsSecurityContextOptions", new[] { "gmsaCredentialSpecName", "gmsaCredentialSpec", "runAsUserName", "hostProcess" }),
        (Meta + "ObjectMeta", new[] { "deletionTimestamp", "deletionGracePeriodSeconds" }),
        (Meta + "OwnerReference", new[] { "controller", "blockOwnerDeletion" }),
        (Meta + "ManagedFieldsEntry", new[] { "time", "fieldsV1" }));

    /// <summary>Gets every value-struct entry, as definition and property.</summary>
    public static IEnumerable<(string Definition, string Property)> AllValueStructs => Pairs(ValueStructs);

    /// <summary>Gets every pointer entry, as definition and property.</summary>
    public static IEnumerable<(string Definition, string Property)> AllPointers => Pairs(Pointers);

    /// <summary>Whether an object-typed field is a value struct (absent equals <c>{}</c>).</summary>
    /// <param name="definition">The OpenAPI definition of the struct that declares it.</param>
    /// <param name="property">The JSON name.</param>
    /// <returns>True for a value struct; false for a pointer.</returns>
    public static bool IsValueStruct(string? definition, string property) => Has(ValueStructs, definition, property);

    /// <summary>Whether a scalar field (or a quantity, time or free-form field) is a pointer (absent is nil).</summary>
    /// <param name="definition">The OpenAPI definition of the struct that declares it.</param>
    /// <param name="property">The JSON name.</param>
    /// <returns>True for a pointer; false for a value.</returns>
    public static bool IsPointer(string? definition, string property) => Has(Pointers, definition, property);

    private static bool Has(Dictionary<string, string[]> table, string? definition, string property) =>
        definition is not null && table.TryGetValue(definition, out var fields) && Array.IndexOf(fields, property) >= 0;

    private static IEnumerable<(string, string)> Pairs(Dictionary<string, string[]> table)
    {
        foreach (var e in table)
        {
            foreach (var p in e.Value)
            {
                yield return (e.Key, p);
            }
        }
    }

    private static Dictionary<string, string[]> Table(params (string Definition, string[] Fields)[] rows)
    {
        var d = new Dictionary<string, string[]>(rows.Length, StringComparer.Ordinal);
        foreach (var (definition, fields) in rows)
        {
            d.Add(definition, fields);
        }

        return d;
    }
}
