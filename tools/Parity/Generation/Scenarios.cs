using System;
using System.Collections.Generic;
using System.Linq;
using DaemonLint.Parity.Yaml;

namespace DaemonLint.Parity.Generation;

/// <summary>A curated mutation of fields that constrain each other.</summary>
internal sealed class Pair : IMutation
{
    private readonly Func<YMap, BuildContext, string?> apply;

    /// <summary>Initializes a new instance of the <see cref="Pair"/> class.</summary>
    public Pair(string id, string target, Func<YMap, BuildContext, string?> apply)
    {
        this.Id = MutationClass.Pair + ":" + id;
        this.Target = target;
        this.apply = apply;
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public string Class => MutationClass.Pair;

    /// <inheritdoc />
    public string Target { get; }

    /// <inheritdoc />
    public bool StorableWhenInvalid => true;

    /// <inheritdoc />
    public bool Apply(YMap root, BuildContext ctx, out string description)
    {
        description = this.apply(root, ctx) ?? string.Empty;
        return description.Length > 0;
    }
}

/// <summary>A curated update.</summary>
internal sealed class UpdatePair : IUpdateMutation
{
    private readonly Func<YMap, YMap, BuildContext, string?> apply;

    /// <summary>Initializes a new instance of the <see cref="UpdatePair"/> class.</summary>
    public UpdatePair(string id, string target, Func<YMap, YMap, BuildContext, string?> apply)
    {
        this.Id = MutationClass.Update + ":" + id;
        this.Target = target;
        this.apply = apply;
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public string Target { get; }

    /// <inheritdoc />
    public bool Apply(YMap oldRoot, YMap newRoot, BuildContext ctx, out string description)
    {
        description = this.apply(oldRoot, newRoot, ctx) ?? string.Empty;
        return description.Length > 0;
    }
}

/// <summary>
/// The curated cross-field mutations (requests and limits, probes and handlers, volumes and mounts and devices,
/// hostNetwork and ports, sidecars, selectors and labels, env sources, projected sources, Windows options, seccomp and
/// AppArmor annotations against fields, DNS, affinity, topology spread, ephemeral volumes, CSI, ObjectMeta) and the
/// curated updates (immutable selector, ratcheting of values already invalid in the stored object).
/// </summary>
internal static class Scenarios
{
    private const string PodSpecPath = "spec.template.spec";
    private const string ContainerPath = PodSpecPath + ".containers[*]";
    private const string InitPath = PodSpecPath + ".initContainers[*]";

    /// <summary>The create pairs.</summary>
    public static List<IMutation> Pairs()
    {
        var l = new List<IMutation>();
        void P(string id, string target, Func<YMap, BuildContext, string?> f) => l.Add(new Pair(id, target, f));

        // ---- resources (ValidateContainerResourceRequirements / ValidateResourceRequirements)
        P("resources/requests-exceed-limits-cpu", ContainerPath + ".resources.requests", (d, x) => Res(d, x, req: new() { ["cpu"] = "2" }, lim: new() { ["cpu"] = "1" }));
        P("resources/requests-exceed-limits-memory", ContainerPath + ".resources.requests", (d, x) => Res(d, x, req: new() { ["memory"] = "2Gi" }, lim: new() { ["memory"] = "1Gi" }));
        P("resources/requests-exceed-limits-ephemeral", ContainerPath + ".resources.requests", (d, x) => Res(d, x, req: new() { ["ephemeral-storage"] = "2Gi" }, lim: new() { ["ephemeral-storage"] = "1Gi" }));
        P("resources/hugepages-without-cpu-memory", ContainerPath + ".resources", (d, x) => Res(d, x, req: null, lim: new() { ["hugepages-2Mi"] = "2Mi" }));
        P("resources/hugepages-indivisible", ContainerPath + ".resources.limits", (d, x) => Res(d, x, req: null, lim: new() { ["hugepages-2Mi"] = "3Mi", ["memory"] = "1Gi" }));
        P("resources/hugepages-request-differs", ContainerPath + ".resources.requests", (d, x) => Res(d, x, req: new() { ["hugepages-2Mi"] = "2Mi", ["memory"] = "1Gi" }, lim: new() { ["hugepages-2Mi"] = "4Mi", ["memory"] = "1Gi" }));
        P("resources/two-hugepage-sizes", ContainerPath + ".resources.limits", (d, x) => Res(d, x, req: null, lim: new() { ["hugepages-2Mi"] = "2Mi", ["hugepages-1Gi"] = "1Gi", ["memory"] = "2Gi" }));
        P("resources/extended-request-differs", ContainerPath + ".resources.requests", (d, x) => Res(d, x, req: new() { ["nvidia.com/gpu"] = "1" }, lim: new() { ["nvidia.com/gpu"] = "2" }));
        P("resources/extended-request-only", ContainerPath + ".resources.limits", (d, x) => Res(d, x, req: new() { ["nvidia.com/gpu"] = "1" }, lim: null));
        P("resources/extended-fraction", ContainerPath + ".resources.limits", (d, x) => Res(d, x, req: null, lim: new() { ["example.com/dongle"] = "500m" }));
        P("resources/limits-only", ContainerPath + ".resources.limits", (d, x) => Res(d, x, req: null, lim: new() { ["cpu"] = "500m", ["memory"] = "128Mi" }));
        P("resources/requests-zero-limits", ContainerPath + ".resources.limits", (d, x) => Res(d, x, req: new() { ["cpu"] = "1" }, lim: new() { ["cpu"] = "0" }));
        P("resources/init-requests-exceed-limits", InitPath + ".resources.requests", (d, x) =>
        {
            var (c, p) = NewInit(d, x, sidecar: x.Rng.Chance(0.5));
            c.Set("resources", M(("requests", M(("cpu", S("2")))), ("limits", M(("cpu", S("1"))))));
            return $"{p}.resources: requests.cpu 2 > limits.cpu 1";
        });
        P("resources/overhead", PodSpecPath + ".overhead", (d, x) => { PS(d).Set("overhead", M(("cpu", S("100m")))); return $"{PodSpecPath}.overhead = {{cpu: 100m}}"; });
        P("resources/pod-level", PodSpecPath + ".resources", (d, x) => { PS(d).Set("resources", M(("requests", M(("cpu", S("2")))), ("limits", M(("cpu", S("1")))))); return $"{PodSpecPath}.resources (pod-level, gate off) requests > limits"; });

        // ---- probes and handlers (validateProbe / validateHandler / validateLifecycle / validateSleepAction)
        P("probes/two-handlers", ContainerPath + ".livenessProbe", (d, x) => Probe(d, x, "livenessProbe", M(("exec", M(("command", YSeq.Of(S("true"))))), ("httpGet", M(("port", I(8080))))), "exec and httpGet"));
        P("probes/no-handler", ContainerPath + ".readinessProbe", (d, x) => Probe(d, x, "readinessProbe", M(("periodSeconds", I(5))), "no handler"));
        P("probes/liveness-success-threshold", ContainerPath + ".livenessProbe.successThreshold", (d, x) => Probe(d, x, "livenessProbe", M(("tcpSocket", M(("port", I(8080)))), ("successThreshold", I(2))), "successThreshold 2"));
        P("probes/startup-success-threshold", ContainerPath + ".startupProbe.successThreshold", (d, x) => Probe(d, x, "startupProbe", M(("tcpSocket", M(("port", I(8080)))), ("successThreshold", I(2))), "successThreshold 2"));
        P("probes/readiness-success-threshold", ContainerPath + ".readinessProbe.successThreshold", (d, x) => Probe(d, x, "readinessProbe", M(("tcpSocket", M(("port", I(8080)))), ("successThreshold", I(3))), "successThreshold 3"));
        P("probes/readiness-grace-period", ContainerPath + ".readinessProbe.terminationGracePeriodSeconds", (d, x) => Probe(d, x, "readinessProbe", M(("exec", M(("command", YSeq.Of(S("true"))))), ("terminationGracePeriodSeconds", I(10))), "terminationGracePeriodSeconds on readiness"));
        P("probes/liveness-grace-period-zero", ContainerPath + ".livenessProbe.terminationGracePeriodSeconds", (d, x) => Probe(d, x, "livenessProbe", M(("exec", M(("command", YSeq.Of(S("true"))))), ("terminationGracePeriodSeconds", I(0))), "terminationGracePeriodSeconds 0"));
        P("probes/grpc-port-zero", ContainerPath + ".livenessProbe.grpc.port", (d, x) => Probe(d, x, "livenessProbe", M(("grpc", M(("port", I(0))))), "grpc port 0"));
        P("probes/exec-empty-command", ContainerPath + ".livenessProbe.exec.command", (d, x) => Probe(d, x, "livenessProbe", M(("exec", M(("command", new YSeq())))), "exec command []"));
        P("probes/http-header-names", ContainerPath + ".livenessProbe.httpGet.httpHeaders", (d, x) => Probe(d, x, "livenessProbe", M(("httpGet", M(("port", I(8080)), ("httpHeaders", YSeq.Of(M(("name", S("a b")), ("value", S("v"))), M(("name", S("X-Ok")), ("value", S("v")))))))), "httpHeaders[0].name 'a b'"));
        P("probes/http-named-port", ContainerPath + ".readinessProbe.httpGet.port", (d, x) => Probe(d, x, "readinessProbe", M(("httpGet", M(("port", S("metrics")), ("path", S("/m"))))), "named port 'metrics'"));
        P("probes/init-liveness", InitPath + ".livenessProbe", (d, x) => { var (c, p) = NewInit(d, x, sidecar: false); c.Set("livenessProbe", M(("exec", M(("command", YSeq.Of(S("true"))))))); return $"{p}.livenessProbe on a regular init container"; });
        P("probes/init-readiness", InitPath + ".readinessProbe", (d, x) => { var (c, p) = NewInit(d, x, sidecar: false); c.Set("readinessProbe", M(("exec", M(("command", YSeq.Of(S("true"))))))); return $"{p}.readinessProbe on a regular init container"; });
        P("probes/init-startup", InitPath + ".startupProbe", (d, x) => { var (c, p) = NewInit(d, x, sidecar: false); c.Set("startupProbe", M(("exec", M(("command", YSeq.Of(S("true"))))))); return $"{p}.startupProbe on a regular init container"; });
        P("probes/init-lifecycle", InitPath + ".lifecycle", (d, x) => { var (c, p) = NewInit(d, x, sidecar: false); c.Set("lifecycle", M(("preStop", M(("exec", M(("command", YSeq.Of(S("true"))))))))); return $"{p}.lifecycle on a regular init container"; });
        P("sidecar/probes-and-lifecycle", InitPath + ".restartPolicy", (d, x) =>
        {
            var (c, p) = NewInit(d, x, sidecar: true);
            c.Set("livenessProbe", M(("exec", M(("command", YSeq.Of(S("true")))))));
            c.Set("readinessProbe", M(("tcpSocket", M(("port", I(8080))))));
            c.Set("startupProbe", M(("httpGet", M(("port", I(8080)), ("path", S("/"))))));
            c.Set("lifecycle", M(("postStart", M(("exec", M(("command", YSeq.Of(S("true")))))))));
            return $"{p}: sidecar (restartPolicy Always) with liveness, readiness, startup probes and lifecycle";
        });
        P("sidecar/readiness-success-threshold", InitPath + ".readinessProbe.successThreshold", (d, x) => { var (c, p) = NewInit(d, x, sidecar: true); c.Set("readinessProbe", M(("exec", M(("command", YSeq.Of(S("true"))))), ("successThreshold", I(2)))); return $"{p}: sidecar readiness successThreshold 2"; });
        P("sidecar/liveness-success-threshold", InitPath + ".livenessProbe.successThreshold", (d, x) => { var (c, p) = NewInit(d, x, sidecar: true); c.Set("livenessProbe", M(("exec", M(("command", YSeq.Of(S("true"))))), ("successThreshold", I(2)))); return $"{p}: sidecar liveness successThreshold 2"; });
        P("sidecar/lifecycle-sleep-zero", InitPath + ".lifecycle.preStop.sleep.seconds", (d, x) => { var (c, p) = NewInit(d, x, sidecar: true); c.Set("lifecycle", M(("preStop", M(("sleep", M(("seconds", I(0)))))))); return $"{p}: sidecar preStop sleep 0"; });
        P("init/restart-policy-on-failure", InitPath + ".restartPolicy", (d, x) => { var (c, p) = NewInit(d, x, sidecar: false); c.Set("restartPolicy", S(x.Rng.Chance(0.5) ? "OnFailure" : "Never")); return $"{p}.restartPolicy = {c.Str("restartPolicy")}"; });
        P("containers/restart-policy", ContainerPath + ".restartPolicy", (d, x) => { var (c, p) = Container(d, x); c.Set("restartPolicy", S("Always")); return $"{p}.restartPolicy = Always on a regular container"; });
        P("lifecycle/sleep-zero", ContainerPath + ".lifecycle.preStop.sleep.seconds", (d, x) => Lifecycle(d, x, "preStop", M(("sleep", M(("seconds", I(0))))), "sleep 0"));
        P("lifecycle/sleep-negative", ContainerPath + ".lifecycle.postStart.sleep.seconds", (d, x) => Lifecycle(d, x, "postStart", M(("sleep", M(("seconds", I(-1))))), "sleep -1"));
        P("lifecycle/sleep-beyond-grace", ContainerPath + ".lifecycle.preStop.sleep.seconds", (d, x) =>
        {
            PS(d).Set("terminationGracePeriodSeconds", I(30));
            return Lifecycle(d, x, "preStop", M(("sleep", M(("seconds", I(31))))), "sleep 31 with terminationGracePeriodSeconds 30");
        });
        P("lifecycle/sleep-equal-grace", ContainerPath + ".lifecycle.preStop.sleep.seconds", (d, x) =>
        {
            PS(d).Set("terminationGracePeriodSeconds", I(30));
            return Lifecycle(d, x, "preStop", M(("sleep", M(("seconds", I(30))))), "sleep 30 with terminationGracePeriodSeconds 30");
        });
        P("lifecycle/two-handlers", ContainerPath + ".lifecycle.preStop", (d, x) => Lifecycle(d, x, "preStop", M(("exec", M(("command", YSeq.Of(S("true"))))), ("sleep", M(("seconds", I(1))))), "exec and sleep"));
        P("lifecycle/empty-handler", ContainerPath + ".lifecycle.postStart", (d, x) => Lifecycle(d, x, "postStart", new YMap(), "no handler"));
        P("lifecycle/grpc", ContainerPath + ".lifecycle.preStop", (d, x) => Lifecycle(d, x, "preStop", M(("grpc", M(("port", I(9090))))), "grpc (not a lifecycle handler)"));

        // ---- volumes, mounts and devices (ValidateVolumes / ValidateVolumeMounts / ValidateVolumeDevices)
        P("mounts/unknown-volume", ContainerPath + ".volumeMounts[*].name", (d, x) => { var (c, p) = Container(d, x); c.Seq("volumeMounts").Items.Add(M(("name", S("no-such-volume")), ("mountPath", S("/nowhere")))); return $"{p}.volumeMounts: mount of a volume that does not exist"; });
        P("mounts/duplicate-path", ContainerPath + ".volumeMounts[*].mountPath", (d, x) =>
        {
            var (c, p) = Container(d, x);
            var v1 = Templates.EnsureVolume(Ctx(d, x), false);
            var v2 = Templates.EnsureVolume(Ctx(d, x), false);
            c.Seq("volumeMounts").Items.Add(M(("name", S(v1)), ("mountPath", S("/same"))));
            c.Seq("volumeMounts").Items.Add(M(("name", S(v2)), ("mountPath", S("/same"))));
            return $"{p}.volumeMounts: two mounts at /same";
        });
        P("mounts/subpath-and-expr", ContainerPath + ".volumeMounts[*].subPathExpr", (d, x) => Mount(d, x, m => { m.Set("subPath", S("a")); m.Set("subPathExpr", S("$(POD_NAME)")); }, "subPath and subPathExpr"));
        P("mounts/subpath-backstep", ContainerPath + ".volumeMounts[*].subPath", (d, x) => Mount(d, x, m => m.Set("subPath", S("../x")), "subPath ../x"));
        P("mounts/subpathexpr-absolute", ContainerPath + ".volumeMounts[*].subPathExpr", (d, x) => Mount(d, x, m => m.Set("subPathExpr", S("/x")), "subPathExpr /x"));
        P("mounts/bidirectional-unprivileged", ContainerPath + ".volumeMounts[*].mountPropagation", (d, x) => Mount(d, x, m => m.Set("mountPropagation", S("Bidirectional")), "Bidirectional propagation (container not privileged unless the seed made it so)"));
        P("mounts/bidirectional-privileged", ContainerPath + ".volumeMounts[*].mountPropagation", (d, x) =>
        {
            var r = Mount(d, x, m => m.Set("mountPropagation", S("Bidirectional")), "Bidirectional propagation, privileged", out var container);
            container.Map("securityContext").Set("privileged", YScalar.Bool(true));
            return r;
        });
        P("mounts/rro-enabled-not-readonly", ContainerPath + ".volumeMounts[*].recursiveReadOnly", (d, x) => Mount(d, x, m => m.Set("recursiveReadOnly", S("Enabled")), "recursiveReadOnly Enabled without readOnly"));
        P("mounts/rro-enabled-propagation", ContainerPath + ".volumeMounts[*].recursiveReadOnly", (d, x) => Mount(d, x, m => { m.Set("readOnly", YScalar.Bool(true)); m.Set("recursiveReadOnly", S("Enabled")); m.Set("mountPropagation", S("HostToContainer")); }, "recursiveReadOnly Enabled, readOnly, HostToContainer"));
        P("mounts/rro-ifpossible-not-readonly", ContainerPath + ".volumeMounts[*].recursiveReadOnly", (d, x) => Mount(d, x, m => m.Set("recursiveReadOnly", S("IfPossible")), "recursiveReadOnly IfPossible without readOnly"));
        P("devices/emptydir-volume", ContainerPath + ".volumeDevices[*].name", (d, x) =>
        {
            var (c, p) = Container(d, x);
            var v = x.Names.Next("v");
            PS(d).Seq("volumes").Items.Add(M(("name", S(v)), ("emptyDir", new YMap())));
            c.Seq("volumeDevices").Items.Add(M(("name", S(v)), ("devicePath", S("/dev/xvda"))));
            return $"{p}.volumeDevices: device of an emptyDir volume";
        });
        P("devices/ephemeral-volume", ContainerPath + ".volumeDevices[*].name", (d, x) =>
        {
            var (c, p) = Container(d, x);
            var v = x.Names.Next("v");
            PS(d).Seq("volumes").Items.Add(M(("name", S(v)), ("ephemeral", M(("volumeClaimTemplate", M(("spec", M(("accessModes", YSeq.Of(S("ReadWriteOnce"))), ("volumeMode", S("Block")), ("resources", M(("requests", M(("storage", S("1Gi"))))))))))))));
            c.Seq("volumeDevices").Items.Add(M(("name", S(v)), ("devicePath", S("/dev/xvda"))));
            return $"{p}.volumeDevices: device of an ephemeral volume";
        });
        P("devices/unknown-volume", ContainerPath + ".volumeDevices[*].name", (d, x) => { var (c, p) = Container(d, x); c.Seq("volumeDevices").Items.Add(M(("name", S("no-such-volume")), ("devicePath", S("/dev/xvda")))); return $"{p}.volumeDevices: device of a volume that does not exist"; });
        P("devices/mounted-and-device", ContainerPath + ".volumeDevices[*].name", (d, x) =>
        {
            var (c, p) = Container(d, x);
            var v = Templates.EnsureVolume(Ctx(d, x), true);
            c.Seq("volumeDevices").Items.Add(M(("name", S(v)), ("devicePath", S("/dev/xvdb"))));
            c.Seq("volumeMounts").Items.Add(M(("name", S(v)), ("mountPath", S("/data"))));
            return $"{p}: volume {v} both mounted and used as a device";
        });
        P("devices/path-is-mount-path", ContainerPath + ".volumeDevices[*].devicePath", (d, x) =>
        {
            var (c, p) = Container(d, x);
            var dev = Templates.EnsureVolume(Ctx(d, x), true);
            var mnt = Templates.EnsureVolume(Ctx(d, x), false);
            c.Seq("volumeMounts").Items.Add(M(("name", S(mnt)), ("mountPath", S("/dev/shared"))));
            c.Seq("volumeDevices").Items.Add(M(("name", S(dev)), ("devicePath", S("/dev/shared"))));
            return $"{p}: devicePath equals a mountPath";
        });
        P("devices/duplicate-path", ContainerPath + ".volumeDevices[*].devicePath", (d, x) =>
        {
            var (c, p) = Container(d, x);
            var a = Templates.EnsureVolume(Ctx(d, x), true);
            var b = Templates.EnsureVolume(Ctx(d, x), true);
            c.Seq("volumeDevices").Items.Add(M(("name", S(a)), ("devicePath", S("/dev/same"))));
            c.Seq("volumeDevices").Items.Add(M(("name", S(b)), ("devicePath", S("/dev/same"))));
            return $"{p}: two devices at /dev/same";
        });
        P("devices/duplicate-name", ContainerPath + ".volumeDevices[*].name", (d, x) =>
        {
            var (c, p) = Container(d, x);
            var a = Templates.EnsureVolume(Ctx(d, x), true);
            c.Seq("volumeDevices").Items.Add(M(("name", S(a)), ("devicePath", S("/dev/a"))));
            c.Seq("volumeDevices").Items.Add(M(("name", S(a)), ("devicePath", S("/dev/b"))));
            return $"{p}: the same volume as two devices";
        });
        P("devices/backstep", ContainerPath + ".volumeDevices[*].devicePath", (d, x) => { var (c, p) = Container(d, x); var a = Templates.EnsureVolume(Ctx(d, x), true); c.Seq("volumeDevices").Items.Add(M(("name", S(a)), ("devicePath", S("/dev/../x")))); return $"{p}: devicePath /dev/../x"; });
        P("volumes/two-sources", PodSpecPath + ".volumes[*]", (d, x) => Vol(d, x, M(("emptyDir", new YMap()), ("hostPath", M(("path", S("/tmp")))))));
        P("volumes/two-sources-csi-secret", PodSpecPath + ".volumes[*]", (d, x) => Vol(d, x, M(("secret", M(("secretName", S("s")))), ("csi", M(("driver", S("csi.example.com")))))));
        P("volumes/no-source", PodSpecPath + ".volumes[*]", (d, x) => Vol(d, x, new YMap()));
        P("volumes/duplicate-name", PodSpecPath + ".volumes[*].name", (d, x) =>
        {
            var vs = PS(d).Seq("volumes");
            var n = x.Names.Next("v");
            vs.Items.Add(M(("name", S(n)), ("emptyDir", new YMap())));
            vs.Items.Add(M(("name", S(n)), ("hostPath", M(("path", S("/tmp"))))));
            return $"{PodSpecPath}.volumes: two volumes named {n}";
        });
        P("volumes/iscsi-initiator-long-name", PodSpecPath + ".volumes[*].name", (d, x) => Vol(d, x, M(("iscsi", M(("targetPortal", S("10.0.0.1:3260")), ("iqn", S("iqn.2001-04.com.example:storage")), ("lun", I(0)), ("initiatorName", S("iqn.2001-04.com.example:node"))))), name: "v" + new string('a', 60)));
        P("volumes/iscsi-chap-without-secret", PodSpecPath + ".volumes[*].iscsi.secretRef", (d, x) => Vol(d, x, M(("iscsi", M(("targetPortal", S("10.0.0.1:3260")), ("iqn", S("iqn.2001-04.com.example:storage")), ("lun", I(0)), ("chapAuthSession", YScalar.Bool(true)))))));
        P("volumes/fc-both", PodSpecPath + ".volumes[*].fc", (d, x) => Vol(d, x, M(("fc", M(("targetWWNs", YSeq.Of(S("500a0982991b8dc5"))), ("wwids", YSeq.Of(S("w"))), ("lun", I(0)))))));
        P("volumes/fc-wwn-without-lun", PodSpecPath + ".volumes[*].fc.lun", (d, x) => Vol(d, x, M(("fc", M(("targetWWNs", YSeq.Of(S("500a0982991b8dc5"))))))));
        P("volumes/flocker-both", PodSpecPath + ".volumes[*].flocker", (d, x) => Vol(d, x, M(("flocker", M(("datasetName", S("a")), ("datasetUUID", S("u")))))));
        P("volumes/azure-disk-managed-https", PodSpecPath + ".volumes[*].azureDisk.diskURI", (d, x) => Vol(d, x, M(("azureDisk", M(("diskName", S("d")), ("diskURI", S("https://a.blob.core.windows.net/c/d.vhd")), ("kind", S("Managed")))))));
        P("volumes/flex-reserved-option", PodSpecPath + ".volumes[*].flexVolume.options", (d, x) => Vol(d, x, M(("flexVolume", M(("driver", S("example/flex")), ("options", M(("kubernetes.io/x", S("y")))))))));
        P("volumes/quobyte-bad-registry", PodSpecPath + ".volumes[*].quobyte.registry", (d, x) => Vol(d, x, M(("quobyte", M(("registry", S("no-port")), ("volume", S("v")))))));
        P("volumes/hostpath-type", PodSpecPath + ".volumes[*].hostPath.type", (d, x) => Vol(d, x, M(("hostPath", M(("path", S("/var/x")), ("type", S(x.Rng.Pick(new[] { "directory", "Bogus", "Socket" }))))))));
        P("volumes/emptydir-negative-size", PodSpecPath + ".volumes[*].emptyDir.sizeLimit", (d, x) => Vol(d, x, M(("emptyDir", M(("sizeLimit", S("-1Gi")))))));
        P("volumes/emptydir-medium", PodSpecPath + ".volumes[*].emptyDir.medium", (d, x) => Vol(d, x, M(("emptyDir", M(("medium", S(x.Rng.Pick(new[] { "memory", "Bogus", "HugePages-1Gi" }))))))));
        P("volumes/gitrepo-backstep", PodSpecPath + ".volumes[*].gitRepo.directory", (d, x) => Vol(d, x, M(("gitRepo", M(("repository", S("https://example.com/r.git")), ("directory", S("../x")))))));
        P("volumes/configmap-item-paths", PodSpecPath + ".volumes[*].configMap.items[*].path", (d, x) => Vol(d, x, M(("configMap", M(("name", S("cm")), ("items", YSeq.Of(M(("key", S("a")), ("path", S(x.Rng.Pick(new[] { "..", "/abs", "..a", "a/../b" })))))))))));
        P("volumes/secret-item-mode", PodSpecPath + ".volumes[*].secret.items[*].mode", (d, x) => Vol(d, x, M(("secret", M(("secretName", S("s")), ("items", YSeq.Of(M(("key", S("a")), ("path", S("a")), ("mode", I(512))))))))));
        P("volumes/pvc-empty-claim", PodSpecPath + ".volumes[*].persistentVolumeClaim.claimName", (d, x) => Vol(d, x, M(("persistentVolumeClaim", M(("claimName", S(string.Empty)))))));
        P("downward/fieldref-and-resourcefieldref", PodSpecPath + ".volumes[*].downwardAPI.items[*]", (d, x) => Vol(d, x, M(("downwardAPI", M(("items", YSeq.Of(M(("path", S("f")), ("fieldRef", M(("fieldPath", S("metadata.name")))), ("resourceFieldRef", M(("containerName", S(FirstName(d))), ("resource", S("limits.cpu"))))))))))));
        P("downward/no-source", PodSpecPath + ".volumes[*].downwardAPI.items[*]", (d, x) => Vol(d, x, M(("downwardAPI", M(("items", YSeq.Of(M(("path", S("f"))))))))));
        P("downward/fieldpath-not-in-volume", PodSpecPath + ".volumes[*].downwardAPI.items[*].fieldRef.fieldPath", (d, x) => Vol(d, x, M(("downwardAPI", M(("items", YSeq.Of(M(("path", S("f")), ("fieldRef", M(("fieldPath", S(x.Rng.Pick(new[] { "spec.nodeName", "status.podIP", "metadata.labels['a']", "metadata.annotations['A_b']" })))))))))))));
        P("downward/resource-without-container", PodSpecPath + ".volumes[*].downwardAPI.items[*].resourceFieldRef.containerName", (d, x) => Vol(d, x, M(("downwardAPI", M(("items", YSeq.Of(M(("path", S("f")), ("resourceFieldRef", M(("resource", S("limits.memory"))))))))))));
        P("downward/resource-divisor", PodSpecPath + ".volumes[*].downwardAPI.items[*].resourceFieldRef.divisor", (d, x) => Vol(d, x, M(("downwardAPI", M(("items", YSeq.Of(M(("path", S("f")), ("resourceFieldRef", M(("containerName", S(FirstName(d))), ("resource", S("requests.memory")), ("divisor", S("1m"))))))))))));
        P("projected/duplicate-paths", PodSpecPath + ".volumes[*].projected.sources", (d, x) => Vol(d, x, M(("projected", M(("sources", YSeq.Of(
            M(("configMap", M(("name", S("cm")), ("items", YSeq.Of(M(("key", S("a")), ("path", S("same")))))))),
            M(("secret", M(("name", S("s")), ("items", YSeq.Of(M(("key", S("b")), ("path", S("same")))))))))))))));
        P("projected/duplicate-downward-paths", PodSpecPath + ".volumes[*].projected.sources", (d, x) => Vol(d, x, M(("projected", M(("sources", YSeq.Of(
            M(("downwardAPI", M(("items", YSeq.Of(M(("path", S("same")), ("fieldRef", M(("fieldPath", S("metadata.name"))))), M(("path", S("same")), ("fieldRef", M(("fieldPath", S("metadata.uid")))))))))))))))));
        P("projected/two-kinds-in-source", PodSpecPath + ".volumes[*].projected.sources[*]", (d, x) => Vol(d, x, M(("projected", M(("sources", YSeq.Of(M(("configMap", M(("name", S("cm")))), ("secret", M(("name", S("s"))))))))))));
        P("projected/empty-source", PodSpecPath + ".volumes[*].projected.sources[*]", (d, x) => Vol(d, x, M(("projected", M(("sources", YSeq.Of(new YMap())))))));
        P("projected/token-expiration", PodSpecPath + ".volumes[*].projected.sources[*].serviceAccountToken.expirationSeconds", (d, x) => Vol(d, x, M(("projected", M(("sources", YSeq.Of(M(("serviceAccountToken", M(("path", S("t")), ("expirationSeconds", I(x.Rng.Pick(new long[] { 599, 600, 4294967296, 4294967297 })))))))))))));
        P("projected/token-path", PodSpecPath + ".volumes[*].projected.sources[*].serviceAccountToken.path", (d, x) => Vol(d, x, M(("projected", M(("sources", YSeq.Of(M(("serviceAccountToken", M(("path", S(x.Rng.Pick(new[] { string.Empty, "../t", "/t", "..t" })))))))))))));
        P("projected/two-tokens-same-path", PodSpecPath + ".volumes[*].projected.sources", (d, x) => Vol(d, x, M(("projected", M(("sources", YSeq.Of(M(("serviceAccountToken", M(("path", S("t"))))), M(("serviceAccountToken", M(("path", S("t")), ("audience", S("a"))))))))))));
        P("projected/configmap-no-name", PodSpecPath + ".volumes[*].projected.sources[*].configMap.name", (d, x) => Vol(d, x, M(("projected", M(("sources", YSeq.Of(M(("configMap", M(("optional", YScalar.Bool(true))))))))))));
        P("projected/downward-resource-no-container", PodSpecPath + ".volumes[*].projected.sources[*].downwardAPI.items[*].resourceFieldRef", (d, x) => Vol(d, x, M(("projected", M(("sources", YSeq.Of(M(("downwardAPI", M(("items", YSeq.Of(M(("path", S("cpu")), ("resourceFieldRef", M(("resource", S("limits.cpu")))))))))))))))));
        P("projected/cluster-trust-bundle", PodSpecPath + ".volumes[*].projected.sources[*].clusterTrustBundle", (d, x) => Vol(d, x, M(("projected", M(("sources", YSeq.Of(M(("clusterTrustBundle", M(("path", S("../ca"))))))))))));
        P("ephemeral/metadata-name", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.metadata", (d, x) => Ephemeral(d, x, t => t.Set("metadata", M(("name", S("x")), ("labels", M(("a", S("b"))))))));
        P("ephemeral/metadata-namespace", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.metadata", (d, x) => Ephemeral(d, x, t => t.Set("metadata", M(("namespace", S("x"))))));
        P("ephemeral/metadata-bad-label", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.metadata.labels", (d, x) => Ephemeral(d, x, t => t.Set("metadata", M(("labels", M(("a", S("-b"))))))));
        P("ephemeral/no-template", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate", (d, x) => Vol(d, x, M(("ephemeral", new YMap()))));
        P("ephemeral/no-spec", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.spec", (d, x) => Vol(d, x, M(("ephemeral", M(("volumeClaimTemplate", M(("metadata", M(("labels", M(("a", S("b")))))))))))));
        P("ephemeral/no-access-modes", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.spec.accessModes", (d, x) => Ephemeral(d, x, t => t.Map("spec").Remove("accessModes")));
        P("ephemeral/bad-access-mode", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.spec.accessModes", (d, x) => Ephemeral(d, x, t => t.Map("spec").Set("accessModes", YSeq.Of(S(x.Rng.Pick(new[] { "ReadWriteOncePod", "readwriteonce", "Bogus" }))))));
        P("ephemeral/no-storage", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.spec.resources", (d, x) => Ephemeral(d, x, t => t.Map("spec").Set("resources", M(("requests", M(("cpu", S("1"))))))));
        P("ephemeral/storage-zero", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.spec.resources.requests", (d, x) => Ephemeral(d, x, t => t.Map("spec").Set("resources", M(("requests", M(("storage", S(x.Rng.Pick(new[] { "0", "-1Gi", "1.5" })))))))));
        P("ephemeral/data-source-kind", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.spec.dataSource", (d, x) => Ephemeral(d, x, t => t.Map("spec").Set("dataSource", M(("kind", S("VolumeSnapshot")), ("name", S("snap"))))));
        P("ephemeral/data-source-ref", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.spec.dataSourceRef", (d, x) => Ephemeral(d, x, t => t.Map("spec").Set("dataSourceRef", M(("kind", S("VolumeSnapshot")), ("name", S("snap")), ("apiGroup", S("snapshot.storage.k8s.io"))))));
        P("ephemeral/selector", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.spec.selector", (d, x) => Ephemeral(d, x, t => t.Map("spec").Set("selector", M(("matchExpressions", YSeq.Of(M(("key", S("a")), ("operator", S("In")))))))));
        P("ephemeral/volume-mode", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.spec.volumeMode", (d, x) => Ephemeral(d, x, t => t.Map("spec").Set("volumeMode", S("block"))));
        P("ephemeral/storage-class", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.spec.storageClassName", (d, x) => Ephemeral(d, x, t => t.Map("spec").Set("storageClassName", S("Bad_Class"))));
        P("ephemeral/limits", PodSpecPath + ".volumes[*].ephemeral.volumeClaimTemplate.spec.resources.limits", (d, x) => Ephemeral(d, x, t => t.Map("spec").Map("resources").Set("limits", M(("storage", S("1Mi"))))));
        P("csi/secret-ref-empty-name", PodSpecPath + ".volumes[*].csi.nodePublishSecretRef.name", (d, x) => Vol(d, x, M(("csi", M(("driver", S("csi.example.com")), ("nodePublishSecretRef", new YMap()))))));
        P("csi/secret-ref-bad-name", PodSpecPath + ".volumes[*].csi.nodePublishSecretRef.name", (d, x) => Vol(d, x, M(("csi", M(("driver", S("csi.example.com")), ("nodePublishSecretRef", M(("name", S(x.Rng.Pick(new[] { "Bad_Name", "-a", new string('a', 254) }))))))))));
        P("csi/upper-case-driver", PodSpecPath + ".volumes[*].csi.driver", (d, x) => Vol(d, x, M(("csi", M(("driver", S("CSI.Example.COM")))))));
        P("csi/attributes", PodSpecPath + ".volumes[*].csi.volumeAttributes", (d, x) => Vol(d, x, M(("csi", M(("driver", S("csi.example.com")), ("volumeAttributes", M(("a b", S("x")), ("", S("y")))))))));
        P("storageos/bad-names", PodSpecPath + ".volumes[*].storageos", (d, x) => Vol(d, x, M(("storageos", M(("volumeName", S("Bad_Name")), ("volumeNamespace", S("A")), ("secretRef", new YMap()))))));
        P("cinder/secret-ref", PodSpecPath + ".volumes[*].cinder.secretRef", (d, x) => Vol(d, x, M(("cinder", M(("volumeID", S("v")), ("secretRef", new YMap()))))));

        // ---- hostNetwork and ports (validateHostNetwork / validateContainerPorts / AccumulateUniqueHostPorts)
        P("ports/hostnetwork-mismatch", ContainerPath + ".ports[*].containerPort", (d, x) => { PS(d).Set("hostNetwork", YScalar.Bool(true)); var (c, p) = Container(d, x); c.Seq("ports").Items.Add(M(("containerPort", I(7070)), ("hostPort", I(7071)))); return $"hostNetwork true and {p}.ports: containerPort 7070, hostPort 7071"; });
        P("ports/hostnetwork-defaulted", ContainerPath + ".ports[*].hostPort", (d, x) => { PS(d).Set("hostNetwork", YScalar.Bool(true)); var (c, p) = Container(d, x); c.Seq("ports").Items.Add(M(("containerPort", I(7072)))); return $"hostNetwork true and {p}.ports: containerPort 7072 without hostPort (defaulted)"; });
        P("ports/hostnetwork-init", InitPath + ".ports[*].containerPort", (d, x) => { PS(d).Set("hostNetwork", YScalar.Bool(true)); var (c, p) = NewInit(d, x, sidecar: x.Rng.Chance(0.5)); c.Seq("ports").Items.Add(M(("containerPort", I(7073)), ("hostPort", I(7074)))); return $"hostNetwork true and {p}.ports: containerPort 7073, hostPort 7074"; });
        P("ports/host-port-conflict", ContainerPath + ".ports[*].hostPort", (d, x) =>
        {
            var ps = PS(d);
            var c1 = NewContainer(d, x);
            var c2 = NewContainer(d, x);
            c1.Seq("ports").Items.Add(M(("containerPort", I(7080)), ("hostPort", I(7080))));
            c2.Seq("ports").Items.Add(M(("containerPort", I(7081)), ("hostPort", I(7080))));
            return "two containers with hostPort 7080/TCP";
        });
        P("ports/host-port-protocols", ContainerPath + ".ports[*].hostPort", (d, x) =>
        {
            var c1 = NewContainer(d, x);
            c1.Seq("ports").Items.Add(M(("containerPort", I(7090)), ("hostPort", I(7090))));
            c1.Seq("ports").Items.Add(M(("containerPort", I(7090)), ("hostPort", I(7090)), ("protocol", S("UDP"))));
            return "hostPort 7090 TCP and UDP in one container";
        });
        P("ports/host-port-init-conflict", InitPath + ".ports[*].hostPort", (d, x) =>
        {
            var (a, _) = NewInit(d, x, sidecar: false);
            var (b, _) = NewInit(d, x, sidecar: x.Rng.Chance(0.5));
            a.Seq("ports").Items.Add(M(("containerPort", I(7100)), ("hostPort", I(7100))));
            b.Seq("ports").Items.Add(M(("containerPort", I(7100)), ("hostPort", I(7100))));
            var c = NewContainer(d, x);
            c.Seq("ports").Items.Add(M(("containerPort", I(7100)), ("hostPort", I(7100))));
            return "the same hostPort in two init containers and a container";
        });
        P("ports/duplicate-names", ContainerPath + ".ports[*].name", (d, x) => { var (c, p) = Container(d, x); c.Seq("ports").Items.Add(M(("name", S("dup")), ("containerPort", I(7110)))); c.Seq("ports").Items.Add(M(("name", S("dup")), ("containerPort", I(7111)))); return $"{p}.ports: two ports named dup"; });
        P("ports/host-ip", ContainerPath + ".ports[*].hostIP", (d, x) => { var (c, p) = Container(d, x); c.Seq("ports").Items.Add(M(("containerPort", I(7120)), ("hostIP", S("not-an-ip")))); return $"{p}.ports: hostIP not-an-ip"; });

        // ---- selectors and labels (ValidateDaemonSetSpec)
        P("selector/not-matching", "spec.selector", (d, x) => { Sel(d).Set("matchLabels", M(("app", S("other-" + x.Names.Number())))); Sel(d).Remove("matchExpressions"); return "spec.selector.matchLabels does not match the template labels"; });
        P("selector/empty", "spec.selector", (d, x) => { d.Map("spec").Set("selector", new YMap()); return "spec.selector = {}"; });
        P("selector/in-without-values", "spec.selector.matchExpressions[*].values", (d, x) => { Sel(d).Seq("matchExpressions").Items.Add(M(("key", S("app")), ("operator", S("In")))); return "spec.selector.matchExpressions: In without values"; });
        P("selector/exists-with-values", "spec.selector.matchExpressions[*].values", (d, x) => { Sel(d).Seq("matchExpressions").Items.Add(M(("key", S("zz")), ("operator", S("DoesNotExist")), ("values", YSeq.Of(S("a"))))); return "spec.selector.matchExpressions: DoesNotExist with values"; });
        P("selector/expressions-only", "spec.selector.matchExpressions", (d, x) =>
        {
            var labels = TemplateLabels(d);
            if (labels.Entries.Count == 0)
            {
                return null;
            }

            var k = labels.Entries[0];
            d.Map("spec").Set("selector", M(("matchExpressions", YSeq.Of(M(("key", S(k.Key)), ("operator", S("In")), ("values", YSeq.Of(k.Value.Clone())))))));
            return $"spec.selector with matchExpressions only ({k.Key} In)";
        });
        P("selector/template-labels-missing", "spec.template.metadata.labels", (d, x) => { d.Map("spec").Map("template").Map("metadata").Remove("labels"); return "spec.template.metadata.labels removed"; });
        P("selector/bad-value", "spec.selector.matchLabels", (d, x) =>
        {
            Sel(d).Map("matchLabels").Set("zz", S("-bad"));
            TemplateLabels(d).Set("zz", S("-bad"));
            return "selector and template label zz: -bad (invalid label value)";
        });

        // ---- env (ValidateEnv / validateEnvVarValueFrom / ValidateEnvFrom)
        P("env/value-and-valuefrom", ContainerPath + ".env[*].valueFrom", (d, x) => Env(d, x, M(("name", S("A")), ("value", S("v")), ("valueFrom", M(("fieldRef", M(("fieldPath", S("metadata.name")))))))));
        P("env/two-sources", ContainerPath + ".env[*].valueFrom", (d, x) => Env(d, x, M(("name", S("A")), ("valueFrom", M(("fieldRef", M(("fieldPath", S("metadata.name")))), ("secretKeyRef", M(("name", S("s")), ("key", S("k")))))))));
        P("env/empty-valuefrom", ContainerPath + ".env[*].valueFrom", (d, x) => Env(d, x, M(("name", S("A")), ("valueFrom", new YMap()))));
        P("env/fieldref-path", ContainerPath + ".env[*].valueFrom.fieldRef.fieldPath", (d, x) => Env(d, x, M(("name", S("A")), ("valueFrom", M(("fieldRef", M(("fieldPath", S(x.Rng.Pick(new[] { "metadata.labels", "metadata.annotations", "status.hostIPs", "spec.nodeName", "metadata.labels['app.kubernetes.io/name']", "metadata.annotations['Example.com/A']", "metadata.name['x']" }))))))))));
        P("env/resource-divisor", ContainerPath + ".env[*].valueFrom.resourceFieldRef.divisor", (d, x) => Env(d, x, M(("name", S("A")), ("valueFrom", M(("resourceFieldRef", M(("resource", S(x.Rng.Pick(new[] { "limits.cpu", "requests.memory", "limits.ephemeral-storage", "requests.hugepages-2Mi" }))), ("divisor", S(x.Rng.Pick(new[] { "1m", "1Mi", "2", "1k" }))))))))));
        P("env/resource-container-unknown", ContainerPath + ".env[*].valueFrom.resourceFieldRef.containerName", (d, x) => Env(d, x, M(("name", S("A")), ("valueFrom", M(("resourceFieldRef", M(("containerName", S("no-such-container")), ("resource", S("limits.cpu")))))))));
        P("env/configmap-ref-empty-name", ContainerPath + ".env[*].valueFrom.configMapKeyRef.name", (d, x) => Env(d, x, M(("name", S("A")), ("valueFrom", M(("configMapKeyRef", M(("key", S("k")))))))));
        P("env/secret-ref-bad-key", ContainerPath + ".env[*].valueFrom.secretKeyRef.key", (d, x) => Env(d, x, M(("name", S("A")), ("valueFrom", M(("secretKeyRef", M(("name", S("s")), ("key", S("a/b")), ("optional", YScalar.Bool(true)))))))));
        P("env/duplicate-names", ContainerPath + ".env[*].name", (d, x) => { var (c, p) = Container(d, x); c.Seq("env").Items.Add(M(("name", S("DUP")), ("value", S("1")))); c.Seq("env").Items.Add(M(("name", S("DUP")), ("value", S("2")))); return $"{p}.env: DUP twice"; });
        P("env/relaxed-name", ContainerPath + ".env[*].name", (d, x) => Env(d, x, M(("name", S(x.Rng.Pick(new[] { "my.var/x", "1START", "a b", "a=b" }))), ("value", S("v")))));
        P("envfrom/both", ContainerPath + ".envFrom[*]", (d, x) => { var (c, p) = Container(d, x); c.Seq("envFrom").Items.Add(M(("configMapRef", M(("name", S("cm")))), ("secretRef", M(("name", S("s")))))); return $"{p}.envFrom: configMapRef and secretRef in one entry"; });
        P("envfrom/none", ContainerPath + ".envFrom[*]", (d, x) => { var (c, p) = Container(d, x); c.Seq("envFrom").Items.Add(M(("prefix", S("P_")))); return $"{p}.envFrom: no source"; });
        P("envfrom/bad-prefix", ContainerPath + ".envFrom[*].prefix", (d, x) => { var (c, p) = Container(d, x); c.Seq("envFrom").Items.Add(M(("prefix", S(x.Rng.Pick(new[] { "1", "a=b", "my.prefix/" }))), ("configMapRef", M(("name", S("cm")))))); return $"{p}.envFrom: prefix {c.Seq("envFrom").Items[^1]}"; });

        // ---- security context (validatePodSpecSecurityContext / ValidateSecurityContext / validateWindows*)
        P("windows/hostprocess-without-hostnetwork", PodSpecPath + ".securityContext.windowsOptions.hostProcess", (d, x) => { PS(d).Map("securityContext").Map("windowsOptions").Set("hostProcess", YScalar.Bool(true)); PS(d).Set("hostNetwork", YScalar.Bool(false)); return "pod windowsOptions.hostProcess true, hostNetwork false"; });
        P("windows/hostprocess-mixed", ContainerPath + ".securityContext.windowsOptions.hostProcess", (d, x) =>
        {
            PS(d).Set("hostNetwork", YScalar.Bool(true));
            PS(d).Map("securityContext").Map("windowsOptions").Set("hostProcess", YScalar.Bool(true));
            var (c, p) = Container(d, x);
            c.Map("securityContext").Map("windowsOptions").Set("hostProcess", YScalar.Bool(false));
            return $"pod hostProcess true, {p} hostProcess false";
        });
        P("windows/hostprocess-all", PodSpecPath + ".securityContext.windowsOptions.hostProcess", (d, x) =>
        {
            var ps = PS(d);
            ps.Set("hostNetwork", YScalar.Bool(true));
            ps.Map("securityContext").Map("windowsOptions").Set("hostProcess", YScalar.Bool(true));
            ps.Set("os", M(("name", S("windows"))));
            StripLinuxOnly(ps);
            return "windows pod, hostNetwork, hostProcess true (linux-only fields stripped)";
        });
        P("windows/hostprocess-container-only", ContainerPath + ".securityContext.windowsOptions.hostProcess", (d, x) => { var (c, p) = Container(d, x); c.Map("securityContext").Map("windowsOptions").Set("hostProcess", YScalar.Bool(true)); return $"{p}.securityContext.windowsOptions.hostProcess true (pod not)"; });
        P("windows/linux-pod-with-windows-options", PodSpecPath + ".os.name", (d, x) => { PS(d).Set("os", M(("name", S("linux")))); var (c, p) = Container(d, x); c.Map("securityContext").Map("windowsOptions").Set("runAsUserName", S("u")); return $"os linux and {p}.securityContext.windowsOptions"; });
        P("windows/windows-pod-linux-fields", PodSpecPath + ".os.name", (d, x) =>
        {
            var ps = PS(d);
            ps.Set("os", M(("name", S("windows"))));
            var sc = ps.Map("securityContext");
            switch (x.Rng.Below(6))
            {
                case 0: sc.Set("runAsUser", I(1000)); return "windows pod with securityContext.runAsUser";
                case 1: sc.Set("seccompProfile", M(("type", S("RuntimeDefault")))); return "windows pod with securityContext.seccompProfile";
                case 2: ps.Set("hostPID", YScalar.Bool(true)); return "windows pod with hostPID";
                case 3: sc.Set("sysctls", YSeq.Of(M(("name", S("net.core.somaxconn")), ("value", S("1"))))); return "windows pod with sysctls";
                case 4: var (c, p) = Container(d, x); c.Map("securityContext").Set("privileged", YScalar.Bool(false)); return $"windows pod with {p}.securityContext.privileged";
                default: sc.Set("fsGroupChangePolicy", S("Always")); return "windows pod with fsGroupChangePolicy";
            }
        });
        P("windows/run-as-user-name", PodSpecPath + ".securityContext.windowsOptions.runAsUserName", (d, x) => { PS(d).Map("securityContext").Map("windowsOptions").Set("runAsUserName", S(x.Rng.Pick(new[] { new string('a', 257), "dom\\" + new string('u', 21), "a\"b", "CON", "..\\u", "a\\b\\c" }))); return "pod windowsOptions.runAsUserName"; });
        P("windows/gmsa", PodSpecPath + ".securityContext.windowsOptions.gmsaCredentialSpec", (d, x) => { PS(d).Map("securityContext").Map("windowsOptions").Set("gmsaCredentialSpec", S(string.Empty)); return "pod windowsOptions.gmsaCredentialSpec empty"; });
        P("security/privileged-no-escalation", ContainerPath + ".securityContext.allowPrivilegeEscalation", (d, x) => { var (c, p) = Container(d, x); var sc = c.Map("securityContext"); sc.Set("privileged", YScalar.Bool(true)); sc.Set("allowPrivilegeEscalation", YScalar.Bool(false)); return $"{p}: privileged with allowPrivilegeEscalation false"; });
        P("security/sysadmin-no-escalation", ContainerPath + ".securityContext.allowPrivilegeEscalation", (d, x) => { var (c, p) = Container(d, x); var sc = c.Map("securityContext"); sc.Set("capabilities", M(("add", YSeq.Of(S(x.Rng.Pick(new[] { "SYS_ADMIN", "CAP_SYS_ADMIN", "sys_admin" })))))); sc.Set("allowPrivilegeEscalation", YScalar.Bool(false)); return $"{p}: SYS_ADMIN with allowPrivilegeEscalation false"; });
        P("security/seccomp-localhost-no-profile", ContainerPath + ".securityContext.seccompProfile.localhostProfile", (d, x) => { var (c, p) = Container(d, x); c.Map("securityContext").Set("seccompProfile", M(("type", S("Localhost")))); return $"{p}: seccompProfile Localhost without localhostProfile"; });
        P("security/seccomp-profile-not-localhost", PodSpecPath + ".securityContext.seccompProfile.localhostProfile", (d, x) => { PS(d).Map("securityContext").Set("seccompProfile", M(("type", S("RuntimeDefault")), ("localhostProfile", S("a.json")))); return "pod seccompProfile RuntimeDefault with localhostProfile"; });
        P("security/apparmor-localhost-no-profile", ContainerPath + ".securityContext.appArmorProfile.localhostProfile", (d, x) => { var (c, p) = Container(d, x); c.Map("securityContext").Set("appArmorProfile", M(("type", S("Localhost")))); return $"{p}: appArmorProfile Localhost without localhostProfile"; });
        P("security/apparmor-profile-not-localhost", PodSpecPath + ".securityContext.appArmorProfile.localhostProfile", (d, x) => { PS(d).Map("securityContext").Set("appArmorProfile", M(("type", S("Unconfined")), ("localhostProfile", S("p")))); return "pod appArmorProfile Unconfined with localhostProfile"; });
        P("security/selinux", PodSpecPath + ".securityContext.seLinuxOptions", (d, x) => { PS(d).Map("securityContext").Set("seLinuxOptions", M(("level", S("s0:c123,c456")), ("type", S("spc_t")))); return "pod seLinuxOptions"; });
        P("security/proc-mount", ContainerPath + ".securityContext.procMount", (d, x) => { var (c, p) = Container(d, x); c.Map("securityContext").Set("procMount", S(x.Rng.Pick(new[] { "Unmasked", "Bogus" }))); return $"{p}.securityContext.procMount (gate off: dropped)"; });
        P("security/share-pid-host-pid", PodSpecPath + ".shareProcessNamespace", (d, x) => { PS(d).Set("shareProcessNamespace", YScalar.Bool(true)); PS(d).Set("hostPID", YScalar.Bool(true)); return "shareProcessNamespace and hostPID"; });
        P("security/host-users", PodSpecPath + ".hostUsers", (d, x) => { PS(d).Set("hostUsers", YScalar.Bool(false)); PS(d).Set("hostNetwork", YScalar.Bool(true)); return "hostUsers false with hostNetwork (gate off: dropped)"; });
        P("security/supplemental-groups-policy", PodSpecPath + ".securityContext.supplementalGroupsPolicy", (d, x) => { PS(d).Map("securityContext").Set("supplementalGroupsPolicy", S("Bogus")); return "supplementalGroupsPolicy Bogus (gate off: dropped)"; });
        P("security/selinux-change-policy", PodSpecPath + ".securityContext.seLinuxChangePolicy", (d, x) => { PS(d).Map("securityContext").Set("seLinuxChangePolicy", S(x.Rng.Pick(new[] { "MountOption", "Bogus" }))); return "seLinuxChangePolicy (gate off: dropped)"; });
        P("sysctls/duplicate", PodSpecPath + ".securityContext.sysctls[*].name", (d, x) => { PS(d).Map("securityContext").Set("sysctls", YSeq.Of(M(("name", S("net.core.somaxconn")), ("value", S("1"))), M(("name", S("net.core.somaxconn")), ("value", S("2"))))); return "sysctls: net.core.somaxconn twice"; });
        P("sysctls/net-with-host-network", PodSpecPath + ".securityContext.sysctls[*].name", (d, x) => { PS(d).Set("hostNetwork", YScalar.Bool(true)); PS(d).Map("securityContext").Set("sysctls", YSeq.Of(M(("name", S(x.Rng.Pick(new[] { "net.core.somaxconn", "net.ipv4.ip_local_port_range", "net/ipv4/tcp_syncookies" }))), ("value", S("1"))))); return "hostNetwork with a net.* sysctl"; });
        P("sysctls/ipc-with-host-ipc", PodSpecPath + ".securityContext.sysctls[*].name", (d, x) => { PS(d).Set("hostIPC", YScalar.Bool(true)); PS(d).Map("securityContext").Set("sysctls", YSeq.Of(M(("name", S(x.Rng.Pick(new[] { "kernel.shm_rmid_forced", "kernel.msgmax", "fs.mqueue.msg_max" }))), ("value", S("1"))))); return "hostIPC with an IPC sysctl"; });
        P("sysctls/node-level", PodSpecPath + ".securityContext.sysctls[*].name", (d, x) => { PS(d).Map("securityContext").Set("sysctls", YSeq.Of(M(("name", S("vm.swappiness")), ("value", S("1"))))); return "sysctl vm.swappiness"; });

        // ---- annotations against fields (ValidatePodSpecificAnnotations / validateSeccompAnnotationsAndFields / validateAppArmorAnnotationsAndFieldsMatchOnCreate)
        P("seccomp/pod-annotation", "spec.template.metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]", (d, x) => Ann(d, "seccomp.security.alpha.kubernetes.io/pod", x.Rng.Pick(ValueTable.Palettes["seccompAnnotation"]).Node));
        P("seccomp/container-annotation", "spec.template.metadata.annotations[container.seccomp.security.alpha.kubernetes.io/*]", (d, x) => Ann(d, "container.seccomp.security.alpha.kubernetes.io/" + FirstName(d), x.Rng.Pick(ValueTable.Palettes["seccompAnnotation"]).Node));
        P("seccomp/annotation-vs-field", "spec.template.spec.securityContext.seccompProfile", (d, x) =>
        {
            Ann(d, "seccomp.security.alpha.kubernetes.io/pod", S(x.Rng.Pick(new[] { "runtime/default", "unconfined", "localhost/a.json" })));
            PS(d).Map("securityContext").Set("seccompProfile", x.Rng.Chance(0.5) ? M(("type", S("Unconfined"))) : M(("type", S("Localhost")), ("localhostProfile", S("b.json"))));
            return "seccomp pod annotation and a different seccompProfile field";
        });
        P("seccomp/container-annotation-vs-field", ContainerPath + ".securityContext.seccompProfile", (d, x) =>
        {
            var (c, p) = Container(d, x);
            Ann(d, "container.seccomp.security.alpha.kubernetes.io/" + c.Str("name"), S("runtime/default"));
            c.Map("securityContext").Set("seccompProfile", M(("type", S("Unconfined"))));
            return $"container seccomp annotation runtime/default and {p} seccompProfile Unconfined";
        });
        P("apparmor/annotation-unknown-container", "spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/*]", (d, x) => Ann(d, "container.apparmor.security.beta.kubernetes.io/no-such-container", S("runtime/default")));
        P("apparmor/annotation-profile", "spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/*]", (d, x) => Ann(d, "container.apparmor.security.beta.kubernetes.io/" + FirstName(d), x.Rng.Pick(ValueTable.Palettes["appArmorAnnotation"]).Node));
        P("apparmor/annotation-vs-field", ContainerPath + ".securityContext.appArmorProfile", (d, x) =>
        {
            var (c, p) = Container(d, x);
            Ann(d, "container.apparmor.security.beta.kubernetes.io/" + c.Str("name"), S(x.Rng.Pick(new[] { "runtime/default", "localhost/a", "unconfined" })));
            c.Map("securityContext").Set("appArmorProfile", x.Rng.Chance(0.5) ? M(("type", S("Unconfined"))) : M(("type", S("Localhost")), ("localhostProfile", S("b"))));
            return $"apparmor annotation and a different {p}.securityContext.appArmorProfile";
        });
        P("apparmor/annotation-vs-pod-field", PodSpecPath + ".securityContext.appArmorProfile", (d, x) =>
        {
            Ann(d, "container.apparmor.security.beta.kubernetes.io/" + FirstName(d), S("localhost/a"));
            PS(d).Map("securityContext").Set("appArmorProfile", M(("type", S("RuntimeDefault"))));
            return "apparmor annotation localhost/a and pod appArmorProfile RuntimeDefault";
        });
        P("apparmor/init-container-annotation", "spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/*]", (d, x) => { var (c, _) = NewInit(d, x, false); return Ann(d, "container.apparmor.security.beta.kubernetes.io/" + c.Str("name"), S("runtime/default")); });
        P("annotations/mirror", "spec.template.metadata.annotations[kubernetes.io/config.mirror]", (d, x) => { if (x.Rng.Chance(0.5)) { PS(d).Set("nodeName", S("node-1")); } return Ann(d, "kubernetes.io/config.mirror", S("x")); });
        P("annotations/pod-deletion-cost", "spec.template.metadata.annotations[controller.kubernetes.io/pod-deletion-cost]", (d, x) => Ann(d, "controller.kubernetes.io/pod-deletion-cost", x.Rng.Pick(ValueTable.Palettes["podDeletionCost"]).Node));
        P("annotations/tolerations", "spec.template.metadata.annotations[scheduler.alpha.kubernetes.io/tolerations]", (d, x) => Ann(d, "scheduler.alpha.kubernetes.io/tolerations", S(x.Rng.Pick(new[] { "not json", "[{\"key\":\"-bad\",\"operator\":\"Equal\"}]", "[{\"operator\":\"Exists\"}]" }))));
        P("annotations/too-large", "metadata.annotations", (d, x) => { d.Map("metadata").Map("annotations").Set("example.com/big", S(new string('a', 262144))); return "metadata.annotations: a 256 KiB value"; });
        P("annotations/template-too-large", "spec.template.metadata.annotations", (d, x) => Ann(d, "example.com/big", S(new string('a', 262144 - 15))));
        P("annotations/template-generation", "metadata.annotations[deprecated.daemonset.template.generation]", (d, x) => { d.Map("metadata").Map("annotations").Set("deprecated.daemonset.template.generation", S(x.Rng.Pick(new[] { "5", "-1", "x", "99999999999999999999" }))); return "deprecated.daemonset.template.generation annotation"; });

        // ---- DNS (validateDNSPolicy / validatePodDNSConfig)
        P("dns/none-without-config", PodSpecPath + ".dnsConfig", (d, x) => { PS(d).Set("dnsPolicy", S("None")); PS(d).Remove("dnsConfig"); return "dnsPolicy None without dnsConfig"; });
        P("dns/none-without-nameservers", PodSpecPath + ".dnsConfig.nameservers", (d, x) => { PS(d).Set("dnsPolicy", S("None")); PS(d).Set("dnsConfig", M(("searches", YSeq.Of(S("a.b"))))); return "dnsPolicy None, dnsConfig without nameservers"; });
        P("dns/nameservers", PodSpecPath + ".dnsConfig.nameservers", (d, x) => { PS(d).Map("dnsConfig").Set("nameservers", YSeq.Of(Enumerable.Range(1, x.Rng.Pick(new[] { 3, 4 })).Select(i => (YNode)S("10.0.0." + i)).ToArray())); return $"dnsConfig with {((YSeq)PS(d).Map("dnsConfig")["nameservers"]!).Items.Count} nameservers"; });
        P("dns/searches-count", PodSpecPath + ".dnsConfig.searches", (d, x) => { var n = x.Rng.Pick(new[] { 6, 7, 32, 33 }); PS(d).Map("dnsConfig").Set("searches", YSeq.Of(Enumerable.Range(1, n).Select(i => (YNode)S("s" + i + ".example.com")).ToArray())); return $"dnsConfig with {n} searches"; });
        P("dns/searches-length", PodSpecPath + ".dnsConfig.searches", (d, x) => { var total = x.Rng.Pick(new[] { 256, 257, 2048, 2049 }); PS(d).Map("dnsConfig").Set("searches", SearchesOfLength(total)); return $"dnsConfig searches of {total} characters with spaces"; });
        P("dns/search-underscore", PodSpecPath + ".dnsConfig.searches[*]", (d, x) => { PS(d).Map("dnsConfig").Set("searches", YSeq.Of(S(x.Rng.Pick(new[] { "_tcp.example.com", "a_b.example.com", ".", "example.com." })))); return "dnsConfig search with _ or dots"; });
        P("dns/option-empty-name", PodSpecPath + ".dnsConfig.options[*].name", (d, x) => { PS(d).Map("dnsConfig").Set("options", YSeq.Of(M(("value", S("2"))))); return "dnsConfig option without name"; });
        P("dns/cluster-first-host-net", PodSpecPath + ".dnsPolicy", (d, x) => { PS(d).Set("dnsPolicy", S("ClusterFirstWithHostNet")); PS(d).Set("hostNetwork", YScalar.Bool(x.Rng.Chance(0.5))); return "dnsPolicy ClusterFirstWithHostNet"; });

        // ---- affinity (validateAffinity / validatePodAffinityTerm / ValidateNodeSelector)
        P("affinity/namespaces", PodSpecPath + ".affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[*].namespaces", (d, x) => Affinity(d, x, t => t.Set("namespaces", YSeq.Of(S(x.Rng.Pick(new[] { "A", "a_b", new string('a', 64), string.Empty }))))));
        P("affinity/namespace-selector", PodSpecPath + ".affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[*].namespaceSelector", (d, x) => Affinity(d, x, t => t.Set("namespaceSelector", M(("matchExpressions", YSeq.Of(M(("key", S("a")), ("operator", S(x.Rng.Pick(new[] { "In", "Gt", "exists" }))))))))));
        P("affinity/match-label-keys-in-selector", PodSpecPath + ".affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[*].matchLabelKeys", (d, x) => Affinity(d, x, t => t.Set("matchLabelKeys", YSeq.Of(S("app")))));
        P("affinity/match-and-mismatch", PodSpecPath + ".affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[*].mismatchLabelKeys", (d, x) => Affinity(d, x, t => { t.Set("matchLabelKeys", YSeq.Of(S("k"))); t.Set("mismatchLabelKeys", YSeq.Of(S("k"))); }, anti: true));
        P("affinity/match-label-keys-no-selector", PodSpecPath + ".affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[*].matchLabelKeys", (d, x) => Affinity(d, x, t => { t.Remove("labelSelector"); t.Set("matchLabelKeys", YSeq.Of(S("k"))); }));
        P("affinity/match-label-keys-bad", PodSpecPath + ".affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[*].matchLabelKeys", (d, x) => Affinity(d, x, t => t.Set("matchLabelKeys", YSeq.Of(S(x.Rng.Pick(new[] { "-a", "a/b/c", string.Empty })))), anti: true));
        P("affinity/empty-topology-key", PodSpecPath + ".affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[*].topologyKey", (d, x) => Affinity(d, x, t => t.Set("topologyKey", S(string.Empty)), anti: true));
        P("affinity/selector-bad-value", PodSpecPath + ".affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[*].labelSelector", (d, x) => Affinity(d, x, t => t.Set("labelSelector", M(("matchLabels", M(("app", S("-bad"))))))));
        P("affinity/weighted", PodSpecPath + ".affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[*].weight", (d, x) =>
        {
            PS(d).Map("affinity").Map("podAffinity").Seq("preferredDuringSchedulingIgnoredDuringExecution").Items.Add(M(("weight", I(x.Rng.Pick(new long[] { 0, 101, 100 }))), ("podAffinityTerm", M(("topologyKey", S("kubernetes.io/hostname")), ("labelSelector", M(("matchLabels", M(("a", S("b"))))))))));
            return "weighted pod affinity term";
        });
        P("affinity/node-empty-terms", PodSpecPath + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms", (d, x) => { PS(d).Map("affinity").Map("nodeAffinity").Set("requiredDuringSchedulingIgnoredDuringExecution", M(("nodeSelectorTerms", new YSeq()))); return "required node affinity with no terms"; });
        P("affinity/node-empty-term", PodSpecPath + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[*]", (d, x) => { PS(d).Map("affinity").Map("nodeAffinity").Set("requiredDuringSchedulingIgnoredDuringExecution", M(("nodeSelectorTerms", YSeq.Of(new YMap())))); return "required node affinity with an empty term"; });
        P("affinity/match-fields", PodSpecPath + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[*].matchFields", (d, x) =>
        {
            var req = x.Rng.Below(4) switch
            {
                0 => M(("key", S("metadata.name")), ("operator", S("In")), ("values", YSeq.Of(S("n1"), S("n2")))),
                1 => M(("key", S("spec.nodeName")), ("operator", S("In")), ("values", YSeq.Of(S("n1")))),
                2 => M(("key", S("metadata.name")), ("operator", S("Exists"))),
                _ => M(("key", S("metadata.name")), ("operator", S("NotIn")), ("values", YSeq.Of(S("Bad_Node")))),
            };
            PS(d).Map("affinity").Map("nodeAffinity").Set("requiredDuringSchedulingIgnoredDuringExecution", M(("nodeSelectorTerms", YSeq.Of(M(("matchFields", YSeq.Of(req)))))));
            return "node affinity matchFields " + SchemaMutation.Short(req);
        });
        P("affinity/gt-values", PodSpecPath + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[*].matchExpressions[*].values", (d, x) =>
        {
            var values = x.Rng.Below(3) switch { 0 => YSeq.Of(S("1"), S("2")), 1 => YSeq.Of(S("x")), _ => new YSeq() };
            PS(d).Map("affinity").Map("nodeAffinity").Set("requiredDuringSchedulingIgnoredDuringExecution", M(("nodeSelectorTerms", YSeq.Of(M(("matchExpressions", YSeq.Of(M(("key", S("cores")), ("operator", S(x.Rng.Chance(0.5) ? "Gt" : "Lt")), ("values", values)))))))));
            return "node affinity Gt/Lt with values " + SchemaMutation.Short(values);
        });
        P("affinity/preferred-node-weight", PodSpecPath + ".affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[*].weight", (d, x) => { PS(d).Map("affinity").Map("nodeAffinity").Seq("preferredDuringSchedulingIgnoredDuringExecution").Items.Add(M(("weight", I(x.Rng.Pick(new long[] { 0, 101, -1 }))), ("preference", M(("matchExpressions", YSeq.Of(M(("key", S("a")), ("operator", S("Exists"))))))))); return "preferred node affinity weight"; });

        // ---- topology spread (validateTopologySpreadConstraints)
        P("spread/duplicate", PodSpecPath + ".topologySpreadConstraints[*]", (d, x) => { var t = Spread(d, x, "kubernetes.io/hostname"); var t2 = (YMap)t.Clone(); t2.Set("maxSkew", I(2)); PS(d).Seq("topologySpreadConstraints").Items.Add(t2); return "two constraints on kubernetes.io/hostname / DoNotSchedule"; });
        P("spread/max-skew-zero", PodSpecPath + ".topologySpreadConstraints[*].maxSkew", (d, x) => { Spread(d, x, "zone").Set("maxSkew", I(0)); return "maxSkew 0"; });
        P("spread/min-domains", PodSpecPath + ".topologySpreadConstraints[*].minDomains", (d, x) => { var t = Spread(d, x, "zone"); t.Set("minDomains", I(x.Rng.Pick(new long[] { 0, -1, 2 }))); if (x.Rng.Chance(0.5)) { t.Set("whenUnsatisfiable", S("ScheduleAnyway")); } return "minDomains " + t["minDomains"] + " with " + t.Str("whenUnsatisfiable"); });
        P("spread/policies", PodSpecPath + ".topologySpreadConstraints[*].nodeAffinityPolicy", (d, x) => { var t = Spread(d, x, "zone"); t.Set(x.Rng.Chance(0.5) ? "nodeAffinityPolicy" : "nodeTaintsPolicy", S(x.Rng.Pick(new[] { "honor", "Bogus", "Ignore" }))); return "node inclusion policy"; });
        P("spread/match-label-keys-in-selector", PodSpecPath + ".topologySpreadConstraints[*].matchLabelKeys", (d, x) => { var t = Spread(d, x, "zone"); t.Set("labelSelector", M(("matchLabels", M(("app", S("x")))))); t.Set("matchLabelKeys", YSeq.Of(S("app"))); return "matchLabelKeys key also in labelSelector"; });
        P("spread/match-label-keys-no-selector", PodSpecPath + ".topologySpreadConstraints[*].matchLabelKeys", (d, x) => { var t = Spread(d, x, "zone"); t.Remove("labelSelector"); t.Set("matchLabelKeys", YSeq.Of(S("app"))); return "matchLabelKeys without labelSelector"; });
        P("spread/match-label-keys-bad", PodSpecPath + ".topologySpreadConstraints[*].matchLabelKeys[*]", (d, x) => { var t = Spread(d, x, "zone"); t.Set("matchLabelKeys", YSeq.Of(S(x.Rng.Pick(new[] { "-a", string.Empty, "a/b/c" })))); return "invalid matchLabelKeys entry"; });
        P("spread/selector-bad-value", PodSpecPath + ".topologySpreadConstraints[*].labelSelector", (d, x) => { var t = Spread(d, x, "zone"); t.Set("labelSelector", M(("matchLabels", M(("app", S("-bad")))))); return "labelSelector with an invalid label value"; });
        P("spread/when-unsatisfiable", PodSpecPath + ".topologySpreadConstraints[*].whenUnsatisfiable", (d, x) => { var t = Spread(d, x, "zone"); t.Set("whenUnsatisfiable", S(x.Rng.Pick(new[] { "donotschedule", string.Empty, "Bogus" }))); return "whenUnsatisfiable " + t["whenUnsatisfiable"]; });

        // ---- tolerations and node selection (ValidateTolerations / ValidateLabels)
        P("tolerations/exists-with-value", PodSpecPath + ".tolerations[*].operator", (d, x) => { PS(d).Seq("tolerations").Items.Add(M(("key", S("k")), ("operator", S("Exists")), ("value", S("v")))); return "toleration Exists with value"; });
        P("tolerations/empty-key-equal", PodSpecPath + ".tolerations[*].operator", (d, x) => { PS(d).Seq("tolerations").Items.Add(M(("operator", S("Equal")), ("value", S("v")))); return "toleration without key, operator Equal"; });
        P("tolerations/seconds-without-noexecute", PodSpecPath + ".tolerations[*].effect", (d, x) => { PS(d).Seq("tolerations").Items.Add(M(("key", S("k")), ("operator", S("Exists")), ("effect", S(x.Rng.Pick(new[] { "NoSchedule", string.Empty }))), ("tolerationSeconds", I(60)))); return "tolerationSeconds without NoExecute"; });
        P("tolerations/bad-value", PodSpecPath + ".tolerations[*].value", (d, x) => { PS(d).Seq("tolerations").Items.Add(M(("key", S("k")), ("value", S("-bad")))); return "toleration value -bad (operator defaulted)"; });

        // ---- DaemonSet spec and template (ValidateDaemonSetSpec / ValidateRollingUpdateDaemonSet)
        P("strategy/surge-and-unavailable", "spec.updateStrategy.rollingUpdate", (d, x) => { Strategy(d).Set("rollingUpdate", M(("maxSurge", x.Rng.Chance(0.5) ? I(1) : S("10%")), ("maxUnavailable", x.Rng.Chance(0.5) ? I(1) : S("10%")))); return "maxSurge and maxUnavailable both non-zero"; });
        P("strategy/both-zero", "spec.updateStrategy.rollingUpdate", (d, x) => { Strategy(d).Set("rollingUpdate", M(("maxSurge", x.Rng.Chance(0.5) ? I(0) : S("0%")), ("maxUnavailable", x.Rng.Chance(0.5) ? I(0) : S("0%")))); return "maxSurge and maxUnavailable both zero"; });
        P("strategy/surge-only", "spec.updateStrategy.rollingUpdate.maxSurge", (d, x) => { Strategy(d).Set("rollingUpdate", M(("maxSurge", S(x.Rng.Pick(new[] { "25%", "100%", "101%" }))), ("maxUnavailable", I(0)))); return "maxSurge with maxUnavailable 0"; });
        P("strategy/ondelete-with-rolling", "spec.updateStrategy", (d, x) => { d.Map("spec").Set("updateStrategy", M(("type", S("OnDelete")), ("rollingUpdate", M(("maxUnavailable", S("200%")))))); return "OnDelete with an invalid rollingUpdate"; });
        P("strategy/no-type", "spec.updateStrategy.type", (d, x) => { d.Map("spec").Set("updateStrategy", M(("rollingUpdate", M(("maxUnavailable", I(2)))))); return "updateStrategy without type (defaulted)"; });
        P("template/restart-policy", PodSpecPath + ".restartPolicy", (d, x) => { PS(d).Set("restartPolicy", S(x.Rng.Pick(new[] { "OnFailure", "Never", "always" }))); return "template restartPolicy " + PS(d).Str("restartPolicy"); });
        P("template/active-deadline", PodSpecPath + ".activeDeadlineSeconds", (d, x) => { PS(d).Set("activeDeadlineSeconds", I(x.Rng.Pick(new long[] { 10, 0, -1 }))); return "template activeDeadlineSeconds"; });
        P("template/ephemeral-containers", PodSpecPath + ".ephemeralContainers", (d, x) => { PS(d).Set("ephemeralContainers", YSeq.Of(M(("name", S("debug")), ("image", S("busybox"))))); return "ephemeralContainers in a template"; });
        P("template/no-containers", PodSpecPath + ".containers", (d, x) => { PS(d).Set("containers", new YSeq()); return "containers: []"; });
        P("template/container-name-reused-by-init", InitPath + ".name", (d, x) => { var (c, p) = NewInit(d, x, x.Rng.Chance(0.5)); c.Set("name", S(FirstName(d))); return $"{p} reuses the name of a container"; });
        P("pod/host-aliases", PodSpecPath + ".hostAliases[*]", (d, x) => { PS(d).Seq("hostAliases").Items.Add(M(("ip", S(x.Rng.Pick(new[] { "10.0.0.1", "bad", "::1" }))), ("hostnames", YSeq.Of(S(x.Rng.Pick(new[] { "ok.example.com", "Bad_Host", string.Empty })))))); return "hostAliases entry"; });
        P("pod/readiness-gates", PodSpecPath + ".readinessGates[*].conditionType", (d, x) => { PS(d).Seq("readinessGates").Items.Add(M(("conditionType", S(x.Rng.Pick(new[] { "a b", "example.com/ok", string.Empty }))))); return "readinessGates entry"; });
        P("pod/scheduling-gates-duplicate", PodSpecPath + ".schedulingGates[*].name", (d, x) => { PS(d).Set("schedulingGates", YSeq.Of(M(("name", S("example.com/g"))), M(("name", S("example.com/g"))))); return "schedulingGates: example.com/g twice"; });
        P("pod/image-pull-secrets", PodSpecPath + ".imagePullSecrets[*].name", (d, x) => { PS(d).Set("imagePullSecrets", YSeq.Of(M(("name", S(x.Rng.Pick(new[] { string.Empty, "Bad_Name", "ok" })))), M(("name", S("ok"))))); return "imagePullSecrets"; });
        P("pod/preemption", PodSpecPath + ".preemptionPolicy", (d, x) => { PS(d).Set("preemptionPolicy", S(x.Rng.Pick(new[] { string.Empty, "never", "Never" }))); return "preemptionPolicy " + PS(d)["preemptionPolicy"]; });
        P("pod/priority", PodSpecPath + ".priority", (d, x) => { PS(d).Set("priority", I(x.Rng.Pick(new long[] { 1000, -1, 2000000000 }))); return "priority " + PS(d)["priority"]; });
        P("pod/node-selector-value", PodSpecPath + ".nodeSelector", (d, x) => { PS(d).Map("nodeSelector").Set("example.com/k", S("-bad")); return "nodeSelector value -bad"; });
        P("pod/resource-claims", PodSpecPath + ".resourceClaims", (d, x) => { PS(d).Set("resourceClaims", YSeq.Of(M(("name", S("Bad_Name"))))); var (c, p) = Container(d, x); c.Map("resources").Set("claims", YSeq.Of(M(("name", S("other"))))); return "resourceClaims and resources.claims (gate off: dropped)"; });
        P("pod/resize-policy", ContainerPath + ".resizePolicy", (d, x) => { var (c, p) = Container(d, x); c.Set("resizePolicy", YSeq.Of(M(("resourceName", S("cpu")), ("restartPolicy", S("Bogus"))), M(("resourceName", S("cpu")), ("restartPolicy", S("NotRequired"))))); return $"{p}.resizePolicy (gate off: dropped)"; });
        P("pod/image-volume", PodSpecPath + ".volumes[*].image", (d, x) => Vol(d, x, M(("image", M(("reference", S(string.Empty)), ("pullPolicy", S("Bogus")))))));
        P("pod/termination-grace-negative", PodSpecPath + ".terminationGracePeriodSeconds", (d, x) => { PS(d).Set("terminationGracePeriodSeconds", I(x.Rng.Pick(new long[] { -1, 0 }))); return "terminationGracePeriodSeconds " + PS(d)["terminationGracePeriodSeconds"]; });
        P("pod/service-account-both", PodSpecPath + ".serviceAccount", (d, x) => { PS(d).Set("serviceAccountName", S("a")); PS(d).Set("serviceAccount", S("b")); return "serviceAccountName a and deprecated serviceAccount b"; });
        P("pod/os-windows-plain", PodSpecPath + ".os.name", (d, x) => { var ps = PS(d); ps.Set("os", M(("name", S("windows")))); StripLinuxOnly(ps); return "os windows (linux-only fields stripped)"; });

        // ---- ObjectMeta (ValidateObjectMeta: name, generateName, finalizers, ownerReferences)
        P("meta/no-name", "metadata.name", (d, x) => { d.Map("metadata").Remove("name"); d.Map("metadata").Remove("generateName"); return "metadata without name or generateName"; });
        P("meta/generate-name", "metadata.generateName", (d, x) => { d.Map("metadata").Remove("name"); d.Map("metadata").Set("generateName", S(x.Rng.Pick(new[] { "ds-", "Bad_", new string('a', 253) + "-", "a" }))); return "generateName " + d.Map("metadata")["generateName"] + " without name"; });
        P("meta/name-and-generate-name", "metadata.generateName", (d, x) => { d.Map("metadata").Set("generateName", S(x.Rng.Pick(new[] { "ok-", "Bad_" }))); return "name and generateName " + d.Map("metadata")["generateName"]; });
        P("meta/finalizers-duplicate", "metadata.finalizers", (d, x) => { d.Map("metadata").Set("finalizers", YSeq.Of(S("example.com/f"), S("example.com/f"))); return "finalizers: example.com/f twice"; });
        P("meta/owner-two-controllers", "metadata.ownerReferences", (d, x) => { d.Map("metadata").Set("ownerReferences", YSeq.Of(Owner("a", "11111111-1111-1111-1111-111111111111", true), Owner("b", "22222222-2222-2222-2222-222222222222", true))); return "two ownerReferences with controller true"; });
        P("meta/owner-missing-field", "metadata.ownerReferences[*]", (d, x) => { var o = Owner("a", "11111111-1111-1111-1111-111111111111", false); o.Remove(x.Rng.Pick(new[] { "apiVersion", "kind", "name", "uid" })); d.Map("metadata").Set("ownerReferences", YSeq.Of(o)); return "ownerReference without " + new[] { "apiVersion", "kind", "name", "uid" }.First(k => o[k] is null); });
        P("meta/owner-banned", "metadata.ownerReferences[*]", (d, x) => { var o = Owner("e", "11111111-1111-1111-1111-111111111111", false); o.Set("kind", S("Event")); o.Set("apiVersion", S(x.Rng.Pick(new[] { "v1", "events.k8s.io/v1" }))); d.Map("metadata").Set("ownerReferences", YSeq.Of(o)); return "ownerReference to an Event"; });
        P("meta/owner-duplicate-uid", "metadata.ownerReferences", (d, x) => { d.Map("metadata").Set("ownerReferences", YSeq.Of(Owner("a", "11111111-1111-1111-1111-111111111111", false), Owner("a", "11111111-1111-1111-1111-111111111111", false))); return "the same ownerReference twice"; });
        P("meta/system-fields", "metadata", (d, x) =>
        {
            var m = d.Map("metadata");
            switch (x.Rng.Below(6))
            {
                case 0: m.Set("resourceVersion", S("123")); return "resourceVersion set on create";
                case 1: m.Set("creationTimestamp", S("2020-01-01T00:00:00Z")); return "creationTimestamp set";
                case 2: m.Set("deletionTimestamp", S("2020-01-01T00:00:00Z")); return "deletionTimestamp set";
                case 3: m.Set("deletionGracePeriodSeconds", I(30)); return "deletionGracePeriodSeconds set";
                case 4: m.Set("generation", I(-1)); return "generation -1";
                default: m.Set("uid", S("not-a-uid")); return "uid set";
            }
        });
        P("meta/namespace", "metadata.namespace", (d, x) => { d.Map("metadata").Set("namespace", S(x.Rng.Pick(new[] { "kube-system", "Bad_NS", new string('n', 64) }))); return "namespace " + d.Map("metadata")["namespace"]; });
        P("meta/label-on-template-name", "spec.template.metadata.name", (d, x) => { d.Map("spec").Map("template").Map("metadata").Set("name", S("Bad_Name")); return "template metadata.name Bad_Name (not validated)"; });
        P("meta/template-namespace", "spec.template.metadata.namespace", (d, x) => { d.Map("spec").Map("template").Map("metadata").Set("namespace", S("other")); return "template metadata.namespace other"; });
        P("meta/template-finalizers", "spec.template.metadata.finalizers", (d, x) => { d.Map("spec").Map("template").Map("metadata").Set("finalizers", YSeq.Of(S("bad finalizer"))); return "template metadata.finalizers"; });
        return l;
    }

    /// <summary>The curated updates.</summary>
    public static List<IUpdateMutation> Updates()
    {
        var l = new List<IUpdateMutation>();
        void U(string id, string target, Func<YMap, YMap, BuildContext, string?> f) => l.Add(new UpdatePair(id, target, f));

        U("selector/changed", "spec.selector", (o, n, x) =>
        {
            Sel(n).Map("matchLabels").Set("tier", S("new"));
            TemplateLabels(n).Set("tier", S("new"));
            return "spec.selector.matchLabels gains tier=new (template labels too)";
        });
        U("selector/reordered-expressions", "spec.selector", (o, n, x) =>
        {
            Sel(o).Seq("matchExpressions").Items.Add(M(("key", S("zz")), ("operator", S("DoesNotExist"))));
            Sel(n).Seq("matchExpressions").Items.Add(M(("key", S("zz")), ("operator", S("DoesNotExist"))));
            Sel(n).Seq("matchExpressions").Items.Insert(0, M(("key", S("zy")), ("operator", S("DoesNotExist"))));
            return "spec.selector.matchExpressions gains an entry";
        });
        U("selector/template-labels-changed", "spec.template.metadata.labels", (o, n, x) => { TemplateLabels(n).Set("extra", S("x")); return "template labels gain extra=x (selector unchanged)"; });
        U("strategy/changed", "spec.updateStrategy", (o, n, x) => { n.Map("spec").Set("updateStrategy", M(("type", S("OnDelete")))); return "updateStrategy changed to OnDelete"; });
        U("template-generation/changed", "metadata.annotations[deprecated.daemonset.template.generation]", (o, n, x) =>
        {
            o.Map("metadata").Map("annotations").Set("deprecated.daemonset.template.generation", S("1"));
            n.Map("metadata").Map("annotations").Set("deprecated.daemonset.template.generation", S(x.Rng.Pick(new[] { "2", "0", "1" })));
            return "templateGeneration annotation changed";
        });
        U("meta/uid-changed", "metadata.uid", (o, n, x) => { o.Map("metadata").Set("uid", S("11111111-1111-1111-1111-111111111111")); n.Map("metadata").Set("uid", S("22222222-2222-2222-2222-222222222222")); return "metadata.uid changed"; });
        U("meta/creation-timestamp-changed", "metadata.creationTimestamp", (o, n, x) => { o.Map("metadata").Set("creationTimestamp", S("2020-01-01T00:00:00Z")); n.Map("metadata").Set("creationTimestamp", S("2021-01-01T00:00:00Z")); return "metadata.creationTimestamp changed"; });
        U("meta/generate-name-changed", "metadata.generateName", (o, n, x) => { o.Map("metadata").Set("generateName", S("a-")); n.Map("metadata").Set("generateName", S("b-")); return "metadata.generateName changed"; });
        U("meta/finalizers-added", "metadata.finalizers", (o, n, x) => { n.Map("metadata").Set("finalizers", YSeq.Of(S(x.Rng.Pick(new[] { "example.com/f", "bad" })))); return "finalizer added on update"; });
        U("meta/resource-version-conflict", "metadata.resourceVersion", (o, n, x) => { o.Map("metadata").Set("resourceVersion", S("5")); n.Map("metadata").Set("resourceVersion", S(x.Rng.Pick(new[] { "5", "4" }))); return "update with resourceVersion " + n.Map("metadata")["resourceVersion"] + " against stored 5"; });
        U("apparmor/annotation-added", "spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/*]", (o, n, x) => Ann(n, "container.apparmor.security.beta.kubernetes.io/" + FirstName(n), S("runtime/default")));
        U("apparmor/annotation-removed", "spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/*]", (o, n, x) => Ann(o, "container.apparmor.security.beta.kubernetes.io/" + FirstName(o), S("runtime/default")));
        U("mirror/annotation-added", "spec.template.metadata.annotations[kubernetes.io/config.mirror]", (o, n, x) => { PS(n).Set("nodeName", S("n1")); PS(o).Set("nodeName", S("n1")); return Ann(n, "kubernetes.io/config.mirror", S("x")); });
        U("strategy/invalid-kept", "spec.updateStrategy.rollingUpdate", (o, n, x) =>
        {
            var ru = M(("maxSurge", I(1)), ("maxUnavailable", I(1)));
            Strategy(o).Set("rollingUpdate", ru.Clone());
            Strategy(n).Set("rollingUpdate", ru);
            return "maxSurge and maxUnavailable both 1 in old and new (no ratchet)";
        });
        U("sidecar/added", InitPath + ".restartPolicy", (o, n, x) => { var (c, p) = NewInit(n, x, sidecar: true); return $"{p}: sidecar added on update"; });

        // Ratcheting: a value already invalid in the stored template may stay (pkg/api/pod GetValidationOptionsFromPodTemplate).
        foreach (var (id, target, inject) in RatchetInjectors())
        {
            U("ratchet/" + id + "/kept", target, (o, n, x) =>
            {
                var a = inject(o, x, 0);
                var b = inject(n, Fresh(x), 0);
                if (a is null || b is null)
                {
                    return null;
                }

                BumpImage(n);
                return $"old and new both: {a}; new also changes an image";
            });
            U("ratchet/" + id + "/introduced", target, (o, n, x) => inject(n, x, 0) is { } a ? "new only: " + a : null);
            U("ratchet/" + id + "/changed", target, (o, n, x) =>
            {
                var a = inject(o, x, 0);
                var b = inject(n, Fresh(x), 1);
                return a is null || b is null ? null : $"old: {a}; new: {b}";
            });
            U("ratchet/" + id + "/removed", target, (o, n, x) => inject(o, x, 0) is { } a ? "old only: " + a : null);
        }

        return l;
    }

    /// <summary>Values the update path lets stay when the stored template already had them, in two variants each.</summary>
    private static IEnumerable<(string Id, string Target, Func<YMap, BuildContext, int, string?> Inject)> RatchetInjectors()
    {
        yield return ("indivisible-hugepages", ContainerPath + ".resources.limits[hugepages-2Mi]", (d, x, v) =>
        {
            var (c, p) = FirstContainer(d);
            c.Set("resources", M(("limits", M(("hugepages-2Mi", S(v == 0 ? "3Mi" : "5Mi")), ("memory", S("1Gi"))))));
            return $"{p}.resources.limits hugepages-2Mi {(v == 0 ? "3Mi" : "5Mi")}";
        });
        yield return ("topology-spread-selector", PodSpecPath + ".topologySpreadConstraints[*].labelSelector", (d, x, v) =>
        {
            PS(d).Set("topologySpreadConstraints", YSeq.Of(M(("maxSkew", I(1)), ("topologyKey", S("zone")), ("whenUnsatisfiable", S("DoNotSchedule")), ("labelSelector", M(("matchLabels", M(("app", S(v == 0 ? "-bad" : "bad-")))))))));
            return $"topologySpreadConstraints labelSelector app={(v == 0 ? "-bad" : "bad-")}";
        });
        yield return ("projected-token-path", PodSpecPath + ".volumes[*].projected.sources[*].serviceAccountToken.path", (d, x, v) =>
        {
            PS(d).Seq("volumes").Items.Add(M(("name", S("tok")), ("projected", M(("sources", YSeq.Of(M(("serviceAccountToken", M(("path", S(v == 0 ? "../token" : "/token")))))))))));
            return $"projected serviceAccountToken path {(v == 0 ? "../token" : "/token")}";
        });
        yield return ("host-network-sysctl", PodSpecPath + ".securityContext.sysctls", (d, x, v) =>
        {
            PS(d).Set("hostNetwork", YScalar.Bool(true));
            PS(d).Map("securityContext").Set("sysctls", YSeq.Of(M(("name", S(v == 0 ? "net.core.somaxconn" : "net.ipv4.tcp_syncookies")), ("value", S("1")))));
            return $"hostNetwork with sysctl {(v == 0 ? "net.core.somaxconn" : "net.ipv4.tcp_syncookies")}";
        });
        yield return ("pod-deletion-cost", "spec.template.metadata.annotations[controller.kubernetes.io/pod-deletion-cost]", (d, x, v) => Ann(d, "controller.kubernetes.io/pod-deletion-cost", S(v == 0 ? "x" : "1.5")));
        yield return ("affinity-selector-value", PodSpecPath + ".affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[*].labelSelector", (d, x, v) =>
        {
            PS(d).Map("affinity").Map("podAntiAffinity").Set("requiredDuringSchedulingIgnoredDuringExecution", YSeq.Of(M(("topologyKey", S("kubernetes.io/hostname")), ("labelSelector", M(("matchLabels", M(("app", S(v == 0 ? "-bad" : "bad-")))))))));
            return $"pod anti-affinity labelSelector app={(v == 0 ? "-bad" : "bad-")}";
        });
        yield return ("spec-selector-value", "spec.selector.matchExpressions[*].values", (d, x, v) =>
        {
            Sel(d).Seq("matchExpressions").Items.Add(M(("key", S("zz")), ("operator", S("NotIn")), ("values", YSeq.Of(S(v == 0 ? "-bad" : "bad-")))));
            return $"spec.selector NotIn {(v == 0 ? "-bad" : "bad-")}";
        });
        yield return ("relaxed-env-name", ContainerPath + ".env[*].name", (d, x, v) =>
        {
            var (c, p) = FirstContainer(d);
            c.Seq("env").Items.Add(M(("name", S(v == 0 ? "my.var/x" : "1START")), ("value", S("v"))));
            return $"{p}.env name {(v == 0 ? "my.var/x" : "1START")}";
        });
        yield return ("sleep-zero", ContainerPath + ".lifecycle.preStop.sleep.seconds", (d, x, v) =>
        {
            var (c, p) = FirstContainer(d);
            c.Set("lifecycle", M((v == 0 ? "preStop" : "postStart", M(("sleep", M(("seconds", I(0))))))));
            return $"{p}.lifecycle {(v == 0 ? "preStop" : "postStart")} sleep 0";
        });
        yield return ("dns-search-underscore", PodSpecPath + ".dnsConfig.searches", (d, x, v) =>
        {
            PS(d).Map("dnsConfig").Set("searches", YSeq.Of(S(v == 0 ? "_tcp.example.com" : "a_b.example.com")));
            return $"dnsConfig search {(v == 0 ? "_tcp.example.com" : "a_b.example.com")}";
        });
        yield return ("sidecar-resize-policy", InitPath + ".resizePolicy", (d, x, v) =>
        {
            var inits = PS(d).Seq("initContainers");
            inits.Items.Add(M(("name", S("sidecar-r")), ("image", S("busybox:1.36")), ("restartPolicy", S("Always")), ("resizePolicy", YSeq.Of(M(("resourceName", S(v == 0 ? "cpu" : "memory")), ("restartPolicy", S("NotRequired")))))));
            return $"sidecar with resizePolicy {(v == 0 ? "cpu" : "memory")}";
        });
        yield return ("template-label-value", "spec.template.metadata.labels", (d, x, v) =>
        {
            TemplateLabels(d).Set("extra", S(v == 0 ? "-bad" : "bad-"));
            return $"template label extra={(v == 0 ? "-bad" : "bad-")} (not ratcheted upstream)";
        });
    }

    private static BuildContext Fresh(BuildContext x) => new(Rng.For(x.Rng.Next()), new NameGen(500));

    private static BuildContext Ctx(YMap d, BuildContext x)
    {
        x.PodSpec = PS(d);
        return x;
    }

    // ---- helpers
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

    private static YMap PS(YMap d) => d.Map("spec").Map("template").Map("spec");

    private static YMap Sel(YMap d) => d.Map("spec").Map("selector");

    private static YMap Strategy(YMap d) => d.Map("spec").Map("updateStrategy");

    private static YMap TemplateLabels(YMap d) => d.Map("spec").Map("template").Map("metadata").Map("labels");

    private static string FirstName(YMap d) => PS(d)["containers"] is YSeq { Items.Count: > 0 } s && s.Items[0] is YMap c ? c.Str("name") ?? "c" : "c";

    private static (YMap Map, string Path) FirstContainer(YMap d)
    {
        var cs = PS(d).Seq("containers");
        if (cs.Items.Count == 0 || cs.Items[0] is not YMap c)
        {
            c = M(("name", S("c")), ("image", S("busybox:1.36")));
            cs.Items.Insert(0, c);
        }

        return (c, ContainerPath.Replace("[*]", "[0]", StringComparison.Ordinal));
    }

    private static (YMap Map, string Path) Container(YMap d, BuildContext x)
    {
        var cs = PS(d).Seq("containers");
        var maps = cs.Items.Select((n, i) => (n, i)).Where(t => t.n is YMap).ToList();
        if (maps.Count == 0)
        {
            var c = NewContainer(d, x);
            return (c, $"{PodSpecPath}.containers[{cs.Items.Count - 1}]");
        }

        var (node, index) = maps[x.Rng.Below(maps.Count)];
        return ((YMap)node, $"{PodSpecPath}.containers[{index}]");
    }

    private static YMap NewContainer(YMap d, BuildContext x)
    {
        var c = M(("name", S(x.Names.Next("c"))), ("image", S("busybox:1.36")));
        PS(d).Seq("containers").Items.Add(c);
        return c;
    }

    private static (YMap Map, string Path) NewInit(YMap d, BuildContext x, bool sidecar)
    {
        var inits = PS(d).Seq("initContainers");
        var c = M(("name", S(x.Names.Next("i"))), ("image", S("busybox:1.36")));
        if (sidecar)
        {
            c.Add("restartPolicy", S("Always"));
        }

        inits.Items.Add(c);
        return (c, $"{PodSpecPath}.initContainers[{inits.Items.Count - 1}]");
    }

    private static string Res(YMap d, BuildContext x, Dictionary<string, string>? req, Dictionary<string, string>? lim)
    {
        var (c, p) = Container(d, x);
        var r = new YMap();
        if (req is not null)
        {
            r.Add("requests", Quantities(req));
        }

        if (lim is not null)
        {
            r.Add("limits", Quantities(lim));
        }

        c.Set("resources", r);
        return $"{p}.resources = {SchemaMutation.Short(r)}";

        static YMap Quantities(Dictionary<string, string> q)
        {
            var m = new YMap();
            foreach (var (k, v) in q)
            {
                m.Add(k, S(v));
            }

            return m;
        }
    }

    private static string Probe(YMap d, BuildContext x, string probe, YMap value, string what)
    {
        var (c, p) = Container(d, x);
        c.Set(probe, value);
        return $"{p}.{probe}: {what}";
    }

    private static string Lifecycle(YMap d, BuildContext x, string hook, YMap value, string what)
    {
        var (c, p) = Container(d, x);
        c.Map("lifecycle").Set(hook, value);
        return $"{p}.lifecycle.{hook}: {what}";
    }

    private static string Mount(YMap d, BuildContext x, Action<YMap> change, string what) => Mount(d, x, change, what, out _);

    private static string Mount(YMap d, BuildContext x, Action<YMap> change, string what, out YMap container)
    {
        var (c, p) = Container(d, x);
        container = c;
        var v = Templates.EnsureVolume(Ctx(d, x), false);
        var m = M(("name", S(v)), ("mountPath", S("/mnt/" + x.Names.Next("m"))));
        change(m);
        c.Seq("volumeMounts").Items.Add(m);
        return $"{p}.volumeMounts[{c.Seq("volumeMounts").Items.Count - 1}]: {what}";
    }

    private static string Vol(YMap d, BuildContext x, YMap source, string? name = null)
    {
        var v = M(("name", S(name ?? x.Names.Next("v"))));
        foreach (var e in source.Entries)
        {
            v.Add(e.Key, e.Value);
        }

        var vs = PS(d).Seq("volumes");
        vs.Items.Add(v);
        return $"{PodSpecPath}.volumes[{vs.Items.Count - 1}] = {SchemaMutation.Short(v)}";
    }

    private static string Ephemeral(YMap d, BuildContext x, Action<YMap> change)
    {
        var t = M(("spec", M(("accessModes", YSeq.Of(S("ReadWriteOnce"))), ("resources", M(("requests", M(("storage", S("1Gi")))))))));
        change(t);
        return Vol(d, x, M(("ephemeral", M(("volumeClaimTemplate", t)))));
    }

    private static string Env(YMap d, BuildContext x, YMap env)
    {
        var (c, p) = Container(d, x);
        var list = c.Seq("env");
        list.Items.Add(env);
        return $"{p}.env[{list.Items.Count - 1}] = {SchemaMutation.Short(env)}";
    }

    private static string Ann(YMap d, string key, YNode value)
    {
        d.Map("spec").Map("template").Map("metadata").Map("annotations").Set(key, value);
        return $"spec.template.metadata.annotations[{key}] = {SchemaMutation.Short(value)}";
    }

    private static string Affinity(YMap d, BuildContext x, Action<YMap> change, bool anti = false)
    {
        var term = M(("labelSelector", M(("matchLabels", M(("app", S("x")))))), ("topologyKey", S("kubernetes.io/hostname")));
        change(term);
        var kind = anti ? "podAntiAffinity" : "podAffinity";
        PS(d).Map("affinity").Map(kind).Seq("requiredDuringSchedulingIgnoredDuringExecution").Items.Add(term);
        return $"{PodSpecPath}.affinity.{kind} term {SchemaMutation.Short(term)}";
    }

    private static YMap Spread(YMap d, BuildContext x, string key)
    {
        var t = M(("maxSkew", I(1)), ("topologyKey", S(key)), ("whenUnsatisfiable", S("DoNotSchedule")), ("labelSelector", M(("matchLabels", M(("app", S("x")))))));
        PS(d).Seq("topologySpreadConstraints").Items.Add(t);
        return t;
    }

    private static YMap Owner(string name, string uid, bool controller)
    {
        var o = M(("apiVersion", S("v1")), ("kind", S("ConfigMap")), ("name", S(name)), ("uid", S(uid)));
        if (controller)
        {
            o.Add("controller", YScalar.Bool(true));
        }

        return o;
    }

    private static YSeq SearchesOfLength(int total)
    {
        // n names of 63 characters joined by spaces, the last one trimmed to reach the total exactly
        var s = new YSeq();
        var left = total;
        while (left > 0)
        {
            var len = Math.Min(63, left);
            if (s.Items.Count > 0)
            {
                len = Math.Min(63, left - 1);
                left--;
            }

            if (len <= 0)
            {
                break;
            }

            s.Items.Add(S(new string('a', len)));
            left -= len;
        }

        return s;
    }

    private static void BumpImage(YMap d)
    {
        var (c, _) = FirstContainer(d);
        c.Set("image", S((c.Str("image") ?? "busybox") + "-v2"));
    }

    private static void StripLinuxOnly(YMap ps)
    {
        foreach (var f in new[] { "hostPID", "hostIPC", "shareProcessNamespace", "hostUsers" })
        {
            ps.Remove(f);
        }

        if (ps["securityContext"] is YMap sc)
        {
            foreach (var f in new[] { "seLinuxOptions", "seccompProfile", "appArmorProfile", "fsGroup", "fsGroupChangePolicy", "sysctls", "runAsUser", "runAsGroup", "supplementalGroups", "supplementalGroupsPolicy", "seLinuxChangePolicy", "runAsNonRoot" })
            {
                sc.Remove(f);
            }
        }

        foreach (var list in new[] { "containers", "initContainers" })
        {
            if (ps[list] is YSeq cs)
            {
                foreach (var c in cs.Items.OfType<YMap>())
                {
                    if (c["securityContext"] is YMap csc)
                    {
                        foreach (var f in new[] { "seLinuxOptions", "seccompProfile", "appArmorProfile", "capabilities", "readOnlyRootFilesystem", "privileged", "allowPrivilegeEscalation", "procMount", "runAsUser", "runAsGroup", "runAsNonRoot" })
                        {
                            csc.Remove(f);
                        }
                    }
                }
            }
        }
    }
}
