using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Bench.Placement;

/// <summary>A deterministic, realistic inventory (kubectl get nodes -o yaml shape) and DaemonSets, built as YAML and read by the real front end.</summary>
public static class Corpus
{
    private static readonly string[] Zones = { "eu-west-1a", "eu-west-1b", "eu-west-1c" };
    private static readonly string[] Types = { "m5.xlarge", "m5.2xlarge", "c5.4xlarge", "r5.2xlarge", "g4dn.xlarge", "t3.large" };
    private static readonly string[] Pools = { "general", "general", "general", "infra", "gpu", "spot" };

    // Allocatable per instance type (cpu millicores, memory Ki, pods), as kubelets on those types report it.
    private static readonly Dictionary<string, (int Cpu, long MemKi, int Pods)> Allocatable = new()
    {
        ["m5.xlarge"] = (3920, 15_124_012, 58),
        ["m5.2xlarge"] = (7910, 31_481_896, 58),
        ["c5.4xlarge"] = (15890, 30_236_000, 234),
        ["r5.2xlarge"] = (7910, 64_119_240, 58),
        ["g4dn.xlarge"] = (3920, 15_257_088, 29),
        ["t3.large"] = (1930, 7_302_152, 35),
    };

    /// <summary>Builds the nodes YAML (a v1 List); <paramref name="realistic"/> adds the status kubectl prints (addresses, nodeInfo, images).</summary>
    public static string NodesYaml(int count, int seed = 42, bool realistic = false)
    {
        var rnd = new Random(seed);
        var sb = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        for (var i = 0; i < count; i++)
        {
            var name = "ip-10-0-" + (i / 250).ToString(CultureInfo.InvariantCulture) + "-" + (i % 250).ToString(CultureInfo.InvariantCulture) + ".eu-west-1.compute.internal";
            var cp = i < count / 50;
            var pool = cp ? "control-plane" : Pools[rnd.Next(Pools.Length)];
            sb.Append("- apiVersion: v1\n  kind: Node\n  metadata:\n    name: ").Append(name).Append("\n    labels:\n");
            sb.Append("      beta.kubernetes.io/arch: amd64\n      beta.kubernetes.io/os: linux\n      kubernetes.io/arch: ").Append(rnd.Next(10) == 0 ? "arm64" : "amd64").Append('\n');
            sb.Append("      kubernetes.io/hostname: ").Append(name).Append("\n      kubernetes.io/os: linux\n");
            var type = pool == "gpu" ? "g4dn.xlarge" : Types[rnd.Next(Types.Length)];
            sb.Append("      node.kubernetes.io/instance-type: ").Append(type).Append('\n');
            sb.Append("      topology.kubernetes.io/region: eu-west-1\n      topology.kubernetes.io/zone: ").Append(Zones[rnd.Next(3)]).Append('\n');
            sb.Append("      example.com/pool: ").Append(pool).Append('\n');
            sb.Append("      example.com/cpu: \"").Append((2 << rnd.Next(6)).ToString(CultureInfo.InvariantCulture)).Append("\"\n");
            if (cp)
            {
                sb.Append("      node-role.kubernetes.io/control-plane: \"\"\n");
            }

            if (rnd.Next(3) == 0)
            {
                sb.Append("      disktype: ssd\n");
            }

            var taints = new List<string>();
            if (cp)
            {
                taints.Add("{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}");
            }

            if (pool == "gpu")
            {
                taints.Add("{key: nvidia.com/gpu, value: \"true\", effect: NoSchedule}");
            }

            if (pool == "spot")
            {
                taints.Add("{key: example.com/spot, value: \"true\", effect: NoExecute}");
            }

            if (pool == "infra")
            {
                taints.Add("{key: dedicated, value: infra, effect: NoSchedule}");
            }

            var roll = rnd.Next(100);
            if (roll < 2)
            {
                taints.Add("{key: node.kubernetes.io/not-ready, effect: NoSchedule}");
                taints.Add("{key: node.kubernetes.io/not-ready, effect: NoExecute}");
            }
            else if (roll < 5)
            {
                taints.Add("{key: node.kubernetes.io/unschedulable, effect: NoSchedule}");
            }
            else if (roll < 6)
            {
                taints.Add("{key: node.kubernetes.io/memory-pressure, effect: NoSchedule}");
            }

            sb.Append("  spec:\n");
            if (roll >= 2 && roll < 5)
            {
                sb.Append("    unschedulable: true\n");
            }

            sb.Append("    taints: [").Append(string.Join(", ", taints)).Append("]\n");
            var a = Allocatable[type];
            sb.Append("  status:\n    allocatable:\n      cpu: ").Append(a.Cpu.ToString(CultureInfo.InvariantCulture)).Append("m\n      ephemeral-storage: \"95491281146\"\n      memory: ")
              .Append(a.MemKi.ToString(CultureInfo.InvariantCulture)).Append("Ki\n      pods: \"").Append(a.Pods.ToString(CultureInfo.InvariantCulture)).Append("\"\n");
            if (pool == "gpu")
            {
                sb.Append("      nvidia.com/gpu: \"1\"\n");
            }

            sb.Append("    conditions:\n    - {type: Ready, status: \"True\"}\n");
            if (realistic)
            {
                // What kubectl prints besides: addresses, nodeInfo and a list of images (skipped by the inventory reader).
                sb.Append("    addresses:\n    - {address: 10.0.").Append((i / 250).ToString(CultureInfo.InvariantCulture)).Append('.').Append((i % 250).ToString(CultureInfo.InvariantCulture)).Append(", type: InternalIP}\n    - {address: ").Append(name).Append(", type: Hostname}\n");
                sb.Append("    nodeInfo: {architecture: amd64, containerRuntimeVersion: \"containerd://1.7.22\", kernelVersion: 6.1.112, kubeProxyVersion: v1.31.1, kubeletVersion: v1.31.1, operatingSystem: linux, osImage: Amazon Linux 2023}\n    images:\n");
                for (var img = 0; img < 12; img++)
                {
                    sb.Append("    - names: [\"registry.example.com/team-").Append(img.ToString(CultureInfo.InvariantCulture)).Append("/service@sha256:").Append(new string((char)('a' + img), 64)).Append("\"]\n      sizeBytes: ").Append((123456789 + img).ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>Builds the DaemonSets YAML (multi-document); <paramref name="capacity"/> adds requests and host ports.</summary>
    public static string DaemonSetsYaml(int count, bool capacity = false)
    {
        var shapes = new[]
        {
            "tolerations: [{operator: Exists}]\n      hostNetwork: true",
            "tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]",
            "nodeSelector: {kubernetes.io/os: linux}",
            "nodeSelector: {example.com/pool: gpu}\n      tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]",
            "affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [eu-west-1a, eu-west-1b]}, {key: kubernetes.io/arch, operator: NotIn, values: [arm64]}]",
            "affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions: [{key: example.com/cpu, operator: Gt, values: [\"8\"]}]\n            - matchExpressions: [{key: disktype, operator: Exists}]",
            "tolerations: [{key: example.com/spot, operator: Exists, effect: NoExecute, tolerationSeconds: 300}, {key: dedicated, operator: Equal, value: infra, effect: NoSchedule}]",
            "nodeSelector: {example.com/pool: infra}\n      tolerations: [{key: dedicated, operator: Equal, value: infra}]",
            "affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchFields: [{key: metadata.name, operator: NotIn, values: [ip-10-0-0-1.eu-west-1.compute.internal]}]",
            string.Empty,
        };
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var shape = shapes[i % shapes.Length];
            sb.Append("---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds-").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\n  namespace: kube-system\nspec:\n");
            sb.Append("  updateStrategy:\n    rollingUpdate: {maxUnavailable: 10%}\n");
            sb.Append("  selector:\n    matchLabels: {app: ds-").Append(i.ToString(CultureInfo.InvariantCulture)).Append("}\n  template:\n    metadata:\n      labels: {app: ds-").Append(i.ToString(CultureInfo.InvariantCulture)).Append("}\n    spec:\n");
            if (shape.Length > 0)
            {
                sb.Append("      ").Append(shape).Append('\n');
            }

            if (!capacity)
            {
                sb.Append("      containers: [{name: c, image: busybox:1.36}]\n");
                continue;
            }

            // Requests from 50m/64Mi to 500m/512Mi; ds-97 asks for 6 cpu (too big for small instance types); every
            // hostNetwork DaemonSet (shape 0) holds port 9100+i; ds-13 wants 443, which ingress pods hold on some nodes.
            var cpu = i == 97 ? "6" : (50 * (1 + (i % 10))).ToString(CultureInfo.InvariantCulture) + "m";
            var mem = (64 * (1 + (i % 8))).ToString(CultureInfo.InvariantCulture) + "Mi";
            sb.Append("      containers:\n      - name: c\n        image: busybox:1.36\n        resources: {requests: {cpu: ").Append(cpu).Append(", memory: ").Append(mem).Append("}}\n");
            if (i % 10 == 0)
            {
                sb.Append("        ports: [{containerPort: ").Append((9100 + i).ToString(CultureInfo.InvariantCulture)).Append("}]\n");
            }
            else if (i == 13)
            {
                sb.Append("        ports: [{containerPort: 8443, hostPort: 443}]\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Builds the pods YAML of <c>kubectl get pods -A -o yaml</c> (without managedFields, as kubectl prints by default):
    /// <paramref name="perNode"/> pods on each of the <paramref name="nodes"/> nodes of <see cref="NodesYaml"/>. Per node: the
    /// pods of four run DaemonSets (ds-0, ds-10, ds-20, ds-30: hostNetwork, ports 9100+i) and application pods of
    /// ReplicaSets with varied requests; 3% of nodes nearly full, 5% run an ingress pod on hostPort 443, 2% of pods finished.
    /// </summary>
    public static string PodsYaml(int nodes, int perNode = 10, int seed = 7)
    {
        var sb = new StringBuilder(nodes * perNode * 3600);
        sb.Append("apiVersion: v1\nitems:\n");
        foreach (var item in PodItems(nodes, perNode, seed))
        {
            sb.Append(item);
        }

        sb.Append("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
        return sb.ToString();
    }

    /// <summary>The pods of <see cref="PodsYaml"/>, one YAML list item (<c>- apiVersion: v1 ...</c>) each.</summary>
    public static IEnumerable<string> PodItems(int nodes, int perNode = 10, int seed = 7)
    {
        var rnd = new Random(seed);
        var sb = new StringBuilder(4096);
        var cpus = new[] { 50, 100, 100, 200, 250, 500 };
        var mems = new[] { 64, 128, 256, 512, 1024 };
        for (var n = 0; n < nodes; n++)
        {
            var node = "ip-10-0-" + (n / 250).ToString(CultureInfo.InvariantCulture) + "-" + (n % 250).ToString(CultureInfo.InvariantCulture) + ".eu-west-1.compute.internal";
            var full = rnd.Next(100) < 3;
            var ingress = rnd.Next(100) < 5;
            for (var k = 0; k < perNode; k++)
            {
                sb.Clear();
                var unique = (n * perNode) + k;
                if (k < 4)
                {
                    var ds = k * 10;
                    Pod(sb, "kube-system", $"ds-{ds}-{Suffix(rnd)}{unique}", node, "DaemonSet", $"ds-{ds}", (50 * (1 + (ds % 10))).ToString(CultureInfo.InvariantCulture) + "m", (64 * (1 + (ds % 8))).ToString(CultureInfo.InvariantCulture) + "Mi", 9100 + ds, true, "Running", rnd);
                    yield return sb.ToString();
                    continue;
                }

                if (k == 4 && ingress)
                {
                    Pod(sb, "ingress", "ingress-nginx-controller-" + Suffix(rnd) + unique.ToString(CultureInfo.InvariantCulture), node, "ReplicaSet", "ingress-nginx-controller-7d9f8", "100m", "90Mi", 443, false, "Running", rnd);
                    yield return sb.ToString();
                    continue;
                }

                var cpu = full ? 1900 : cpus[rnd.Next(cpus.Length)];
                var mem = full ? 3000 : mems[rnd.Next(mems.Length)];
                var phase = rnd.Next(50) == 0 ? "Succeeded" : "Running";
                var app = "app-" + rnd.Next(400).ToString(CultureInfo.InvariantCulture);
                Pod(sb, "team-" + rnd.Next(20).ToString(CultureInfo.InvariantCulture), app + "-" + Suffix(rnd) + unique.ToString(CultureInfo.InvariantCulture), node, "ReplicaSet", app + "-6c9f7b", cpu.ToString(CultureInfo.InvariantCulture) + "m", mem.ToString(CultureInfo.InvariantCulture) + "Mi", 0, false, phase, rnd);
                yield return sb.ToString();
            }
        }
    }

    /// <summary>
    /// Writes YAML list items (<c>- apiVersion: ...</c>, two-space indentation) as the JSON of <c>kubectl get -o json</c>:
    /// each item is read by the manifest reader (typed scalars) and written as a JSON object.
    /// </summary>
    public static void WriteJsonList(IEnumerable<string> items, Stream output)
    {
        using var w = new System.Text.Json.Utf8JsonWriter(output, new System.Text.Json.JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("apiVersion", "v1");
        w.WriteStartArray("items");
        foreach (var item in items)
        {
            var doc = "  " + item.Substring(2);
            foreach (var o in Read(doc))
            {
                WriteJson(o.Root, w);
            }
        }

        w.WriteEndArray();
        w.WriteString("kind", "List");
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", string.Empty);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The node items of <see cref="NodesYaml"/>.</summary>
    public static IEnumerable<string> NodeItems(int count, int seed = 42, bool realistic = false)
    {
        var yaml = NodesYaml(count, seed, realistic);
        var start = yaml.IndexOf("\n- ", StringComparison.Ordinal) + 1;
        while (start > 0 && start < yaml.Length)
        {
            var next = yaml.IndexOf("\n- ", start, StringComparison.Ordinal);
            var end = next < 0 ? yaml.Length : next + 1;
            yield return yaml.Substring(start, end - start);
            start = next < 0 ? -1 : next + 1;
        }
    }

    private static void WriteJson(ManifestNode node, System.Text.Json.Utf8JsonWriter w)
    {
        switch (node)
        {
            case MappingNode m:
                w.WriteStartObject();
                foreach (var e in m.Entries)
                {
                    w.WritePropertyName(e.Key);
                    WriteJson(e.Value, w);
                }

                w.WriteEndObject();
                break;
            case SequenceNode q:
                w.WriteStartArray();
                foreach (var i in q.Items)
                {
                    WriteJson(i, w);
                }

                w.WriteEndArray();
                break;
            case ScalarNode { Type: ScalarType.Int } i:
                w.WriteNumberValue(i.IntValue!.Value);
                break;
            case ScalarNode { Type: ScalarType.Bool } b:
                w.WriteBooleanValue(b.BoolValue);
                break;
            case ScalarNode { Type: ScalarType.Null }:
                w.WriteNullValue();
                break;
            case ScalarNode s:
                w.WriteStringValue(s.Raw);
                break;
        }
    }

    private static string Suffix(Random rnd)
    {
        const string Chars = "bcdfghjklmnpqrstvwxz2456789";
        var c = new char[5];
        for (var i = 0; i < c.Length; i++)
        {
            c[i] = Chars[rnd.Next(Chars.Length)];
        }

        return new string(c);
    }

    private static void Pod(StringBuilder sb, string ns, string name, string node, string ownerKind, string owner, string cpu, string mem, int port, bool hostNetwork, string phase, Random rnd)
    {
        var uid = string.Format(CultureInfo.InvariantCulture, "{0:x8}-{1:x4}-{2:x4}-{3:x4}-{4:x8}{5:x4}", rnd.Next(), rnd.Next(0x10000), rnd.Next(0x10000), rnd.Next(0x10000), rnd.Next(), rnd.Next(0x10000));
        sb.Append("- apiVersion: v1\n  kind: Pod\n  metadata:\n    annotations:\n      kubectl.kubernetes.io/restartedAt: \"2026-11-20T10:00:00Z\"\n      prometheus.io/scrape: \"true\"\n");
        sb.Append("    creationTimestamp: \"2026-11-20T10:01:02Z\"\n    generateName: ").Append(owner).Append("-\n    labels:\n      app.kubernetes.io/name: ").Append(owner).Append("\n      pod-template-hash: 6c9f7b\n");
        sb.Append("    name: ").Append(name).Append("\n    namespace: ").Append(ns).Append("\n    ownerReferences:\n    - apiVersion: apps/v1\n      blockOwnerDeletion: true\n      controller: true\n      kind: ").Append(ownerKind)
          .Append("\n      name: ").Append(owner).Append("\n      uid: ").Append(uid).Append("\n    resourceVersion: \"").Append(rnd.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture)).Append("\"\n    uid: ").Append(uid).Append('\n');
        sb.Append("  spec:\n    containers:\n    - env:\n      - name: NODE_NAME\n        valueFrom:\n          fieldRef: {apiVersion: v1, fieldPath: spec.nodeName}\n      - name: LOG_LEVEL\n        value: info\n");
        sb.Append("      image: registry.example.com/").Append(owner).Append(":1.4.2\n      imagePullPolicy: IfNotPresent\n      name: main\n");
        if (port > 0)
        {
            sb.Append("      ports:\n      - containerPort: ").Append(port.ToString(CultureInfo.InvariantCulture)).Append("\n        hostPort: ").Append(port.ToString(CultureInfo.InvariantCulture)).Append("\n        name: p\n        protocol: TCP\n");
        }

        sb.Append("      readinessProbe:\n        httpGet: {path: /ready, port: 8080, scheme: HTTP}\n        periodSeconds: 10\n");
        sb.Append("      resources:\n        limits: {memory: ").Append(mem).Append("}\n        requests: {cpu: ").Append(cpu).Append(", memory: ").Append(mem).Append("}\n");
        sb.Append("      securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}\n      terminationMessagePath: /dev/termination-log\n      terminationMessagePolicy: File\n");
        sb.Append("      volumeMounts:\n      - {mountPath: /var/run/secrets/kubernetes.io/serviceaccount, name: kube-api-access, readOnly: true}\n");
        sb.Append("    dnsPolicy: ClusterFirst\n    enableServiceLinks: true\n");
        if (hostNetwork)
        {
            sb.Append("    hostNetwork: true\n");
        }

        sb.Append("    nodeName: ").Append(node).Append("\n    preemptionPolicy: PreemptLowerPriority\n    priority: 0\n    restartPolicy: Always\n    schedulerName: default-scheduler\n    securityContext: {}\n");
        sb.Append("    serviceAccountName: default\n    terminationGracePeriodSeconds: 30\n    tolerations:\n    - {effect: NoExecute, key: node.kubernetes.io/not-ready, operator: Exists, tolerationSeconds: 300}\n    - {effect: NoExecute, key: node.kubernetes.io/unreachable, operator: Exists, tolerationSeconds: 300}\n");
        sb.Append("    volumes:\n    - name: kube-api-access\n      projected:\n        defaultMode: 420\n        sources:\n        - serviceAccountToken: {expirationSeconds: 3607, path: token}\n        - configMap:\n            items: [{key: ca.crt, path: ca.crt}]\n            name: kube-root-ca.crt\n");
        sb.Append("  status:\n    conditions:\n    - {lastProbeTime: null, lastTransitionTime: \"2026-11-20T10:01:02Z\", status: \"True\", type: Initialized}\n    - {lastProbeTime: null, lastTransitionTime: \"2026-11-20T10:01:09Z\", status: \"True\", type: Ready}\n");
        sb.Append("    - {lastProbeTime: null, lastTransitionTime: \"2026-11-20T10:01:09Z\", status: \"True\", type: ContainersReady}\n    - {lastProbeTime: null, lastTransitionTime: \"2026-11-20T10:01:02Z\", status: \"True\", type: PodScheduled}\n");
        sb.Append("    containerStatuses:\n    - containerID: containerd://").Append(uid.Replace("-", string.Empty)).Append("\n      image: registry.example.com/").Append(owner).Append(":1.4.2\n      imageID: registry.example.com/").Append(owner).Append("@sha256:").Append(new string('f', 64)).Append('\n');
        sb.Append("      lastState: {}\n      name: main\n      ready: true\n      restartCount: 0\n      started: true\n      state:\n        running: {startedAt: \"2026-11-20T10:01:05Z\"}\n");
        sb.Append("    hostIP: 10.0.1.2\n    phase: ").Append(phase).Append("\n    podIP: 10.244.3.4\n    podIPs:\n    - {ip: 10.244.3.4}\n    qosClass: Burstable\n    startTime: \"2026-11-20T10:01:02Z\"\n");
    }

    /// <summary>Reads every object of a YAML text.</summary>
    public static List<ManifestObject> Read(string yaml) =>
        YamlManifestReader.ReadDocuments("bench.yaml", yaml, ReaderLimits.Default with { MaxExpandedNodes = 100_000_000 }).SelectMany(d => d.Objects).ToList();
}
