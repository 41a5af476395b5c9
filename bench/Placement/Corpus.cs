using System;
using System.Collections.Generic;
using System.Globalization;
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

    /// <summary>Builds the nodes YAML (a v1 List).</summary>
    public static string NodesYaml(int count, int seed = 42)
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
            sb.Append("      node.kubernetes.io/instance-type: ").Append(pool == "gpu" ? "g4dn.xlarge" : Types[rnd.Next(Types.Length)]).Append('\n');
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
            sb.Append("  status:\n    conditions:\n    - {type: Ready, status: \"True\"}\n");
        }

        return sb.ToString();
    }

    /// <summary>Builds the DaemonSets YAML (multi-document).</summary>
    public static string DaemonSetsYaml(int count)
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

            sb.Append("      containers: [{name: c, image: busybox:1.36}]\n");
        }

        return sb.ToString();
    }

    /// <summary>Reads every object of a YAML text.</summary>
    public static List<ManifestObject> Read(string yaml) =>
        YamlManifestReader.ReadDocuments("bench.yaml", yaml, ReaderLimits.Default with { MaxExpandedNodes = 100_000_000 }).SelectMany(d => d.Objects).ToList();
}
