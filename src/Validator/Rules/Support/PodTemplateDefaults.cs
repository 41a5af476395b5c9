using System;
using System.Collections.Generic;

namespace DaemonLint.Rules.Support;

/// <summary>How a field of a pod template gets its default.</summary>
internal enum DefaultKind
{
    /// <summary>No default.</summary>
    None,

    /// <summary>A constant (<see cref="FieldDefault.Value"/>): a value field when zero, a pointer field when nil.</summary>
    Constant,

    /// <summary>A pointer struct set to an empty struct when nil (<c>PodSpec.securityContext</c>).</summary>
    EmptyStruct,

    /// <summary><c>emptyDir: {}</c> for a volume that names no source (<c>SetDefaults_Volume</c>).</summary>
    EmptyDirWithoutSource,

    /// <summary>A container's <c>imagePullPolicy</c> from its <c>image</c> (<c>SetDefaults_Container</c>).</summary>
    PullPolicyFromImage,

    /// <summary>An image volume's <c>pullPolicy</c> from its <c>reference</c>, when ImageVolume is on (<c>SetDefaults_Volume</c>).</summary>
    PullPolicyFromReference,

    /// <summary>A container port's <c>hostPort</c> from its <c>containerPort</c> with hostNetwork, in templates up to 1.27 only.</summary>
    HostPortFromContainerPort,
}

/// <summary>The default of one field.</summary>
/// <param name="Kind">How it is computed.</param>
/// <param name="Value">The constant (a string, a long or a bool) of <see cref="DefaultKind.Constant"/>.</param>
internal readonly record struct FieldDefault(DefaultKind Kind, object? Value = null);

/// <summary>
/// What <c>SetObjectDefaults_PodTemplate</c> (<c>pkg/apis/core/v1/zz_generated.defaults.go</c>) sets in a pod template,
/// per OpenAPI definition and JSON name: the hand-written <c>SetDefaults_*</c> functions of
/// <c>pkg/apis/core/v1/defaults.go</c> and the declarative <c>+default</c> markers of
/// <c>staging/src/k8s.io/api/core/v1/types.go</c>, which the generated code applies to every occurrence of a type (so a
/// default keyed by its struct holds wherever that struct appears). Not here, because not in templates:
/// <c>SetDefaults_Pod</c> (requests from limits, <c>enableServiceLinks</c>, pod-level resources, and hostPort since
/// 1.28). The same in every release 1.27-1.35 but for the two entries that say otherwise: checked against the v1.31.1
/// and v1.32.2 oracles; later releases add only defaults of their new fields (<c>FileKeySelector.optional</c>, 1.34),
/// and 1.27 still defaulted hostPort in templates (kubernetes/kubernetes#117696 moved it to <c>SetDefaults_Pod</c> in
/// 1.28, with the deprecated gate DefaultHostNetworkHostPortsInPodTemplates to bring it back: off by default, removed in
/// 1.31, and not modelled here, as the core does not know that gate).
/// </summary>
internal static class PodTemplateDefaults
{
    private const string Core = PodTemplateGoTypes.Core;

    private static readonly Dictionary<string, Dictionary<string, FieldDefault>> Table = Build(
        // SetDefaults_PodSpec
        (Core + "PodSpec", "dnsPolicy", Str("ClusterFirst")),
        (Core + "PodSpec", "restartPolicy", Str("Always")),
        (Core + "PodSpec", "securityContext", new FieldDefault(DefaultKind.EmptyStruct)),
        (Core + "PodSpec", "terminationGracePeriodSeconds", Int(30)),
        (Core + "PodSpec", "schedulerName", Str("default-scheduler")),

        // SetDefaults_Container, SetDefaults_EphemeralContainer
        (Core + "Container", "imagePullPolicy", new FieldDefault(DefaultKind.PullPolicyFromImage)),
        (Core + "Container", "terminationMessagePath", Str("/dev/termination-log")),
        (Core + "Container", "terminationMessagePolicy", Str("File")),
        (Core + "EphemeralContainer", "imagePullPolicy", new FieldDefault(DefaultKind.PullPolicyFromImage)),
        (Core + "EphemeralContainer", "terminationMessagePath", Str("/dev/termination-log")),
        (Core + "EphemeralContainer", "terminationMessagePolicy", Str("File")),

        // ContainerPort.Protocol +default="TCP"; SetDefaults_PodSpec's defaultHostNetworkPorts (1.27)
        (Core + "ContainerPort", "protocol", Str("TCP")),
        (Core + "ContainerPort", "hostPort", new FieldDefault(DefaultKind.HostPortFromContainerPort)),

        // SetDefaults_Probe, SetDefaults_HTTPGetAction, GRPCAction.Service +default=""
        (Core + "Probe", "timeoutSeconds", Int(1)),
        (Core + "Probe", "periodSeconds", Int(10)),
        (Core + "Probe", "successThreshold", Int(1)),
        (Core + "Probe", "failureThreshold", Int(3)),
        (Core + "HTTPGetAction", "path", Str("/")),
        (Core + "HTTPGetAction", "scheme", Str("HTTP")),
        (Core + "GRPCAction", "service", Str(string.Empty)),

        // SetDefaults_ObjectFieldSelector
        (Core + "ObjectFieldSelector", "apiVersion", Str("v1")),

        // SetDefaults_Volume and the volume sources' defaulters
        (Core + "Volume", "emptyDir", new FieldDefault(DefaultKind.EmptyDirWithoutSource)),
        (Core + "ImageVolumeSource", "pullPolicy", new FieldDefault(DefaultKind.PullPolicyFromReference)),
        (Core + "HostPathVolumeSource", "type", Str(string.Empty)),
        (Core + "SecretVolumeSource", "defaultMode", Int(420)),
        (Core + "ConfigMapVolumeSource", "defaultMode", Int(420)),
        (Core + "DownwardAPIVolumeSource", "defaultMode", Int(420)),
        (Core + "ProjectedVolumeSource", "defaultMode", Int(420)),
        (Core + "ServiceAccountTokenProjection", "expirationSeconds", Int(3600)),
        (Core + "PersistentVolumeClaimSpec", "volumeMode", Str("Filesystem")),
        (Core + "ISCSIVolumeSource", "iscsiInterface", Str("default")),
        (Core + "RBDVolumeSource", "pool", Str("rbd")),
        (Core + "RBDVolumeSource", "user", Str("admin")),
        (Core + "RBDVolumeSource", "keyring", Str("/etc/ceph/keyring")),
        (Core + "AzureDiskVolumeSource", "cachingMode", Str("ReadWrite")),
        (Core + "AzureDiskVolumeSource", "fsType", Str("ext4")),
        (Core + "AzureDiskVolumeSource", "readOnly", new FieldDefault(DefaultKind.Constant, false)),
        (Core + "AzureDiskVolumeSource", "kind", Str("Shared")),
        (Core + "ScaleIOVolumeSource", "storageMode", Str("ThinProvisioned")),
        (Core + "ScaleIOVolumeSource", "fsType", Str("xfs")),

        // FileKeySelector.Optional +default=false (1.34)
        (Core + "FileKeySelector", "optional", new FieldDefault(DefaultKind.Constant, false)));

    /// <summary>Gets every entry, as definition, property and default.</summary>
    public static IEnumerable<(string Definition, string Property, FieldDefault Default)> All
    {
        get
        {
            foreach (var d in Table)
            {
                foreach (var p in d.Value)
                {
                    yield return (d.Key, p.Key, p.Value);
                }
            }
        }
    }

    /// <summary>
    /// Gets the power of ten every quantity map of a template is rounded up to (milli-units): <c>SetDefaults_ResourceList</c> runs on each
    /// <c>ResourceList</c> (containers' limits and requests, <c>overhead</c>, pod-level resources, claim templates'
    /// resources), and a template holds no other map of quantities.
    /// </summary>
    public static int QuantityMapScale => -3;

    /// <summary>Gets the default of a field.</summary>
    /// <param name="definition">The OpenAPI definition of the struct that declares it.</param>
    /// <param name="property">The JSON name.</param>
    /// <returns>The default (<see cref="DefaultKind.None"/> when it has none).</returns>
    public static FieldDefault For(string? definition, string property) =>
        definition is not null && Table.TryGetValue(definition, out var fields) && fields.TryGetValue(property, out var d) ? d : default;

    private static FieldDefault Str(string value) => new(DefaultKind.Constant, value);

    private static FieldDefault Int(long value) => new(DefaultKind.Constant, value);

    private static Dictionary<string, Dictionary<string, FieldDefault>> Build(params (string Definition, string Property, FieldDefault Default)[] rows)
    {
        var d = new Dictionary<string, Dictionary<string, FieldDefault>>(StringComparer.Ordinal);
        foreach (var (definition, property, value) in rows)
        {
            if (!d.TryGetValue(definition, out var fields))
            {
                d[definition] = fields = new Dictionary<string, FieldDefault>(StringComparer.Ordinal);
            }

            fields.Add(property, value);
        }

        return d;
    }
}
