using System;
using System.Collections.Generic;
using System.Linq;
using DaemonLint.Parity.Schema;
using DaemonLint.Parity.Yaml;

namespace DaemonLint.Parity.Generation;

/// <summary>What the materializer knows while it builds new objects inside one mutant.</summary>
internal sealed class BuildContext
{
    /// <summary>Initializes a new instance of the <see cref="BuildContext"/> class.</summary>
    public BuildContext(Rng rng, NameGen names)
    {
        this.Rng = rng;
        this.Names = names;
    }

    /// <summary>Gets the random source.</summary>
    public Rng Rng { get; }

    /// <summary>Gets the name source.</summary>
    public NameGen Names { get; }

    /// <summary>Gets or sets the pod spec the current path runs through, if any.</summary>
    public YMap? PodSpec { get; set; }

    /// <summary>Gets or sets a value indicating whether the current path runs through a volume (downward API files need a container name there).</summary>
    public bool InVolume { get; set; }
}

/// <summary>
/// Builds minimal valid objects for any schema type, so that a mutation can reach a field the seed does not use:
/// curated templates where validation needs more than the OpenAPI <c>required</c> list says (a container needs an
/// image, a volume exactly one source, a volume mount a volume of that name), the schema's required members otherwise.
/// </summary>
internal static class Templates
{
    /// <summary>
    /// Gets the one-of groups: types whose members exclude each other (exactly one volume source, one probe handler, one
    /// env source...), with the member a new object gets when the mutation does not ask for a specific one.
    /// </summary>
    public static IReadOnlyDictionary<string, (string[] Members, string Default)> OneOf { get; } = new Dictionary<string, (string[], string)>(StringComparer.Ordinal)
    {
        ["Volume"] = (new[] { "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image" }, "emptyDir"),
        ["Probe"] = (new[] { "exec", "httpGet", "tcpSocket", "grpc" }, "exec"),
        ["LifecycleHandler"] = (new[] { "exec", "httpGet", "tcpSocket", "sleep" }, "exec"),
        ["EnvVarSource"] = (new[] { "fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef" }, "fieldRef"),
        ["EnvVar"] = (new[] { "value", "valueFrom" }, "value"),
        ["VolumeProjection"] = (new[] { "configMap", "secret", "downwardAPI", "serviceAccountToken", "clusterTrustBundle" }, "configMap"),
        ["EnvFromSource"] = (new[] { "configMapRef", "secretRef" }, "configMapRef"),
        ["DownwardAPIVolumeFile"] = (new[] { "fieldRef", "resourceFieldRef" }, "fieldRef"),
    };

    /// <summary>
    /// Gets the members that validation requires although the OpenAPI does not mark them required (checked by the
    /// upstream functions named in <c>Data/upstream-functions.json</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> ValidationRequired { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Container"] = new[] { "image" },
        ["EphemeralContainer"] = new[] { "image" },
        ["DaemonSet"] = new[] { "metadata" },
        ["ObjectMeta"] = Array.Empty<string>(),
        ["PodAffinityTerm"] = new[] { "topologyKey" },
        ["ExecAction"] = new[] { "command" },
        ["ISCSIVolumeSource"] = new[] { "targetPortal", "iqn" },
        ["ScaleIOVolumeSource"] = new[] { "volumeName" },
        ["StorageOSVolumeSource"] = new[] { "volumeName" },
        ["SecretVolumeSource"] = new[] { "secretName" },
        ["ConfigMapVolumeSource"] = new[] { "name" },
        ["SecretProjection"] = new[] { "name" },
        ["ConfigMapProjection"] = new[] { "name" },
        ["PersistentVolumeClaimSpec"] = new[] { "accessModes", "resources" },
        ["OwnerReference"] = new[] { "apiVersion", "kind", "name", "uid" },
        ["ConfigMapKeySelector"] = new[] { "name", "key" },
        ["SecretKeySelector"] = new[] { "name", "key" },
        ["ConfigMapEnvSource"] = new[] { "name" },
        ["SecretEnvSource"] = new[] { "name" },
    };

    /// <summary>Builds a minimal valid value of a type.</summary>
    /// <param name="type">The type.</param>
    /// <param name="fieldKey">The definition key of the field the value goes in (<c>Container.name</c>), for scalar rules.</param>
    /// <param name="path">The normalized path of the field.</param>
    /// <param name="ctx">The build context.</param>
    /// <param name="member">For one-of types: the member to set (null: the default member; empty: none, the caller adds one).</param>
    public static YNode Minimal(SchemaType type, string fieldKey, string path, BuildContext ctx, string? member = null)
    {
        switch (type.Kind)
        {
            case SchemaKind.Scalar:
                return ValueTable.ValidValue(ValueTable.For(fieldKey, path, type), type, ctx.Names);
            case SchemaKind.Array:
                return new YSeq();
            case SchemaKind.Map:
            case SchemaKind.OpenObject:
                return new YMap();
        }

        var name = type.Name ?? string.Empty;
        if (Special(name, type, path, ctx, member) is { } special)
        {
            return special;
        }

        var m = new YMap();
        var required = new HashSet<string>(type.Required, StringComparer.Ordinal);
        if (ValidationRequired.TryGetValue(name, out var more))
        {
            required.UnionWith(more);
        }

        var oneOf = OneOf.TryGetValue(name, out var g) ? g : default;
        foreach (var p in type.Properties)
        {
            if (oneOf.Members is not null && oneOf.Members.Contains(p.Name))
            {
                continue;
            }

            if (required.Contains(p.Name))
            {
                m.Add(p.Name, MinimalRequired(p, name, path, ctx));
            }
        }

        if (oneOf.Members is not null && member != string.Empty)
        {
            var chosen = member ?? oneOf.Default;
            var prop = type.Property(chosen)!;
            m.Add(chosen, Minimal(prop.Type, name + "." + chosen, path + "." + chosen, ctx));
        }

        return m;
    }

    private static YNode MinimalRequired(SchemaProperty p, string owner, string path, BuildContext ctx)
    {
        var childPath = path + "." + p.Name;
        if (p.Type.Kind == SchemaKind.Array)
        {
            // a required list gets one valid item
            var el = p.Type.Element!;
            return YSeq.Of(Minimal(el, owner + "." + p.Name + "[]", childPath + "[*]", ctx));
        }

        if (p.Type.Kind == SchemaKind.Map && p.Name == "requests" && owner == "VolumeResourceRequirements")
        {
            return new YMap().Add("storage", YScalar.Str("1Gi"));
        }

        return Minimal(p.Type, owner + "." + p.Name, childPath, ctx);
    }

    private static YMap M(params (string Key, YNode Value)[] entries)
    {
        var m = new YMap();
        foreach (var (k, v) in entries)
        {
            m.Add(k, v);
        }

        return m;
    }

    private static YScalar S(string s) => YScalar.Str(s);

    private static YScalar I(long v) => YScalar.Int(v);

    private static YMap? Special(string name, SchemaType type, string path, BuildContext ctx, string? member)
    {
        var n = ctx.Names;
        switch (name)
        {
            case "Container":
                return M(("name", S(n.Next("c"))), ("image", S("busybox:1.36")));
            case "EphemeralContainer":
                return M(("name", S(n.Next("e"))), ("image", S("busybox:1.36")));
            case "ContainerPort":
                return M(("containerPort", I(8000 + n.Number())));
            case "EnvVar":
                var env = M(("name", S(n.Next("MUT_"))));
                if (member == "valueFrom")
                {
                    env.Add("valueFrom", M(("fieldRef", M(("fieldPath", S("metadata.name"))))));
                }
                else
                {
                    env.Add("value", S("v"));
                }

                return env;
            case "VolumeMount":
                return M(("name", S(EnsureVolume(ctx, device: false))), ("mountPath", S("/mnt/" + n.Next("m"))));
            case "VolumeDevice":
                return M(("name", S(EnsureVolume(ctx, device: true))), ("devicePath", S("/dev/" + n.Next("d"))));
            case "KeyToPath":
                return M(("key", S("k")), ("path", S(n.Next("p"))));
            case "ObjectFieldSelector":
                return M(("fieldPath", S("metadata.name")));
            case "ResourceFieldSelector":
                var rf = M(("resource", S("limits.cpu")));
                if (ctx.InVolume)
                {
                    rf.Add("containerName", S(FirstContainerName(ctx) ?? "c"));
                }

                return rf;
            case "ConfigMapKeySelector":
                return M(("name", S("cm")), ("key", S("k")));
            case "SecretKeySelector":
                return M(("name", S("secret")), ("key", S("k")));
            case "HTTPGetAction":
                return M(("port", I(8080)));
            case "TCPSocketAction":
                return M(("port", I(8080)));
            case "GRPCAction":
                return M(("port", I(9090)));
            case "ExecAction":
                return M(("command", YSeq.Of(S("true"))));
            case "SleepAction":
                return M(("seconds", I(1)));
            case "Toleration":
                return M(("operator", S("Exists")));
            case "NodeSelector":
                return M(("nodeSelectorTerms", YSeq.Of(NodeTerm())));
            case "NodeSelectorTerm":
                return NodeTerm();
            case "NodeSelectorRequirement":
            case "LabelSelectorRequirement":
                return M(("key", S("example.com/k")), ("operator", S("Exists")));
            case "PreferredSchedulingTerm":
                return M(("weight", I(1)), ("preference", NodeTerm()));
            case "PodAffinityTerm":
                return M(("labelSelector", M(("matchLabels", M(("app", S("x")))))), ("topologyKey", S("kubernetes.io/hostname")));
            case "WeightedPodAffinityTerm":
                return M(("weight", I(1)), ("podAffinityTerm", M(("labelSelector", M(("matchLabels", M(("app", S("x")))))), ("topologyKey", S("kubernetes.io/hostname")))));
            case "TopologySpreadConstraint":
                return M(("maxSkew", I(1)), ("topologyKey", S(n.Next("example.com/zone"))), ("whenUnsatisfiable", S("DoNotSchedule")), ("labelSelector", M(("matchLabels", M(("app", S("x")))))));
            case "HostAlias":
                return M(("ip", S("10.0.0.1")), ("hostnames", YSeq.Of(S("host.example.com"))));
            case "PodDNSConfigOption":
                return M(("name", S("ndots")), ("value", S("2")));
            case "Sysctl":
                return M(("name", S("net.ipv4.tcp_syncookies")), ("value", S("1")));
            case "SeccompProfile":
            case "AppArmorProfile":
                return M(("type", S("RuntimeDefault")));
            case "PodOS":
                return M(("name", S("linux")));
            case "PodReadinessGate":
                return M(("conditionType", S("example.com/ready")));
            case "PodSchedulingGate":
                return M(("name", S(n.Next("example.com/gate"))));
            case "HTTPHeader":
                return M(("name", S("X-Mut")), ("value", S("v")));
            case "OwnerReference":
                return M(("apiVersion", S("v1")), ("kind", S("ConfigMap")), ("name", S("owner")), ("uid", S("6d2e1b8e-5f3c-4c4e-9b1a-2a6f1e0d9c11")));
            case "HostPathVolumeSource":
                return M(("path", S("/var/" + n.Next("h"))));
            case "SecretVolumeSource":
                return M(("secretName", S("secret")));
            case "ConfigMapVolumeSource":
                return M(("name", S("cm")));
            case "NFSVolumeSource":
                return M(("server", S("nfs.example.com")), ("path", S("/exports")));
            case "ISCSIVolumeSource":
                return M(("targetPortal", S("10.0.0.1:3260")), ("iqn", S("iqn.2001-04.com.example:storage")), ("lun", I(0)));
            case "RBDVolumeSource":
                return M(("monitors", YSeq.Of(S("10.0.0.1:6789"))), ("image", S("img")));
            case "FCVolumeSource":
                return M(("wwids", YSeq.Of(S("3600508b400105e210000900000490000"))));
            case "FlockerVolumeSource":
                return M(("datasetName", S("ds")));
            case "QuobyteVolumeSource":
                return M(("registry", S("registry.example.com:7861")), ("volume", S("vol")));
            case "AzureDiskVolumeSource":
                return M(("diskName", S("disk")), ("diskURI", S("https://account.blob.core.windows.net/c/disk.vhd")));
            case "ScaleIOVolumeSource":
                return M(("gateway", S("https://gw")), ("system", S("sys")), ("secretRef", M(("name", S("secret")))), ("volumeName", S("vol")));
            case "StorageOSVolumeSource":
                return M(("volumeName", S("vol")));
            case "CSIVolumeSource":
                return M(("driver", S("csi.example.com")));
            case "ServiceAccountTokenProjection":
                return M(("path", S(n.Next("token"))));
            case "ClusterTrustBundleProjection":
                return M(("path", S("ca.pem")), ("name", S("bundle")));
            case "DownwardAPIVolumeFile":
                var file = M(("path", S(n.Next("f"))));
                if (member == "resourceFieldRef")
                {
                    file.Add("resourceFieldRef", M(("containerName", S(FirstContainerName(ctx) ?? "c")), ("resource", S("limits.cpu"))));
                }
                else
                {
                    file.Add("fieldRef", M(("fieldPath", S("metadata.name"))));
                }

                return file;
            case "PersistentVolumeClaimSpec":
                return PvcSpec();
            case "PersistentVolumeClaimTemplate":
                return M(("spec", PvcSpec()));
            case "EphemeralVolumeSource":
                return M(("volumeClaimTemplate", M(("spec", PvcSpec()))));
            case "VolumeResourceRequirements":
                return M(("requests", M(("storage", S("1Gi")))));
            case "TypedLocalObjectReference":
            case "TypedObjectReference":
                return M(("kind", S("PersistentVolumeClaim")), ("name", S("src")));
            case "ImageVolumeSource":
                return M(("reference", S("busybox:1.36")));
            case "ContainerResizePolicy":
                return M(("resourceName", S("cpu")), ("restartPolicy", S("NotRequired")));
            case "PodResourceClaim":
                return M(("name", S(n.Next("claim"))), ("resourceClaimName", S("rc")));
            case "ResourceClaim":
                return M(("name", S("claim")));
            case "DaemonSetUpdateStrategy":
                return M(("type", S("RollingUpdate")));
            case "RollingUpdateDaemonSet":
                return M(("maxUnavailable", I(1)));
            case "LabelSelector":
                return M(("matchLabels", M(("app", S("x")))));
            default:
                return null;
        }

        static YMap NodeTerm() => M(("matchExpressions", YSeq.Of(M(("key", S("example.com/k")), ("operator", S("Exists"))))));

        static YMap PvcSpec() => M(("accessModes", YSeq.Of(S("ReadWriteOnce"))), ("resources", M(("requests", M(("storage", S("1Gi")))))));
    }

    /// <summary>The first container name of the pod spec in context.</summary>
    public static string? FirstContainerName(BuildContext ctx) =>
        ctx.PodSpec?["containers"] is YSeq { Items.Count: > 0 } cs && cs.Items[0] is YMap c ? c.Str("name") : null;

    /// <summary>Returns the name of a volume a new mount (or device) can use, adding one to the pod spec when none fits.</summary>
    public static string EnsureVolume(BuildContext ctx, bool device)
    {
        if (ctx.PodSpec is null)
        {
            return "vol";
        }

        var volumes = ctx.PodSpec.Seq("volumes");
        if (!device && volumes.Items.Count > 0 && ctx.Rng.Chance(0.5))
        {
            var existing = volumes.Items.OfType<YMap>().Select(v => v.Str("name")).Where(v => v is not null).ToList();
            if (existing.Count > 0)
            {
                return existing[ctx.Rng.Below(existing.Count)]!;
            }
        }

        var name = ctx.Names.Next("v");
        volumes.Items.Add(device
            ? M(("name", S(name)), ("persistentVolumeClaim", M(("claimName", S("claim")))))
            : M(("name", S(name)), ("emptyDir", new YMap())));
        return name;
    }
}
