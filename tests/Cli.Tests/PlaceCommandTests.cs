using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using DaemonLint.Tests;

namespace DaemonLint.Cli.Tests;

/// <summary><c>daemonlint place</c> end to end, in process, in all three formats; and <c>validate --nodes</c>.</summary>
public sealed class PlaceCommandTests
{
    private const string Nodes = "bench/Placement/sample/nodes.yaml";
    private const string DaemonSets = "bench/Placement/sample/daemonsets.yaml";

    [Fact]
    public void Text_GroupsNodesThatLookAlike_WithReasonsAndRollout()
    {
        var (code, stdout, stderr) = Run("place", "--nodes", Nodes, DaemonSets);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        Assert.StartsWith("5 DaemonSet(s) over 7 node(s) in 7 class(es); capacity not checked", stdout);
        Assert.Contains("monitoring/node-exporter: runs on 3 of 7 node(s)", stdout);
        Assert.Contains("    3 node(s) (any node): worker-1, worker-2, worker-3-cordoned\n", stdout);
        Assert.Contains("    1 node(s) (node-role.kubernetes.io/control-plane:NoSchedule): UntoleratedTaint node-role.kubernetes.io/control-plane:NoSchedule, an existing pod is kept (KeptButNotScheduled): cp-1\n", stdout);
        Assert.Contains("    1 node(s) (lifecycle=spot:NoExecute): UntoleratedTaint lifecycle=spot:NoExecute, an existing pod is evicted: spot-1\n", stdout);

        // Nodes a selector or affinity rejects form one line per failing requirement, whatever their taints.
        Assert.Contains("    6 node(s) (no nvidia.com/gpu.present): NodeSelectorMismatch nvidia.com/gpu.present=true: cp-1, worker-1, worker-2 and 3 more\n", stdout);
        Assert.Contains("    4 node(s) (disktype=hdd|(none)): NodeAffinityMismatch disktype In [ssd]: cp-1, worker-2, gpu-1 and 1 more\n", stdout);
        Assert.Contains("rollout: RollingUpdate over 3 node(s): maxUnavailable 25% → 1", stdout);
        Assert.Contains("rollout: OnDelete: nothing rolls until pods are deleted", stdout);
        Assert.Contains("maxSurge 50% → 2", stdout);
        Assert.Contains("    1 node(s) (lifecycle=spot:NoExecute): spot-1\n      note: Churn:TolerationSeconds", stdout);
    }

    [Fact]
    public void Text_StaysShort_At200Nodes()
    {
        // The issue's complaint: 200 nodes × 10 DaemonSets printed a 200-name line and 1,351 lines. Classes bound it.
        var dir = Directory.CreateTempSubdirectory("daemonlint-place-");
        try
        {
            var nodes = new System.Text.StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
            for (var i = 0; i < 200; i++)
            {
                var spot = i % 10 == 0;
                nodes.Append($"- {{apiVersion: v1, kind: Node, metadata: {{name: node-{i}, labels: {{pool: {(spot ? "spot" : "general")}, kubernetes.io/hostname: node-{i}}}}}, spec: {{taints: [{(spot ? "{key: lifecycle, value: spot, effect: NoExecute}" : string.Empty)}]}}}}\n");
            }

            File.WriteAllText(Path.Combine(dir.FullName, "nodes.yaml"), nodes.ToString());
            var ds = string.Join("---\n", Enumerable.Range(0, 10).Select(i => $"apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: ds-{i}, namespace: ops}}\nspec:\n  selector: {{matchLabels: {{app: a}}}}\n  template:\n    metadata: {{labels: {{app: a}}}}\n    spec:\n      {(i % 2 == 0 ? "nodeSelector: {pool: general}" : "tolerations: [{operator: Exists}]")}\n      containers: [{{name: c, image: i}}]\n"));
            File.WriteAllText(Path.Combine(dir.FullName, "ds.yaml"), ds);
            var (code, stdout, _) = RunIn(dir.FullName, string.Empty, "place", "--nodes", "nodes.yaml", "ds.yaml");
            Assert.Equal(0, code);
            Assert.Contains("    180 node(s) (pool=general): node-1, node-2, node-3 and 177 more\n", stdout);
            Assert.Contains("    20 node(s) (pool=spot): NodeSelectorMismatch pool=general: node-0, node-10, node-20 and 17 more\n", stdout);
            Assert.Contains("    200 node(s) (any node): node-0, node-1, node-2 and 197 more\n", stdout);
            Assert.True(stdout.Split('\n').Length < 80, stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Json_FollowsThePlacementContract()
    {
        var (code, stdout, _) = Run("place", "--nodes", Nodes, "--format", "json", DaemonSets);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var placements = root.GetProperty("placements").EnumerateArray().ToList();
        Assert.Equal(new[] { "kube-system/calico-node", "monitoring/node-exporter", "kube-system/nvidia-device-plugin", "storage/ssd-cache", "ops/spot-agent" }, placements.Select(p => p.GetProperty("daemonSet").GetString()));
        var exporter = placements[1];
        var nodes = exporter.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(7, nodes.Count);
        var worker = nodes.Single(n => n.GetProperty("name").GetString() == "worker-1");
        Assert.True(worker.GetProperty("runs").GetBoolean());
        Assert.False(worker.TryGetProperty("reason", out _));
        var cp = nodes.Single(n => n.GetProperty("name").GetString() == "cp-1");
        Assert.False(cp.GetProperty("runs").GetBoolean());
        Assert.Equal("UntoleratedTaint", cp.GetProperty("reason").GetString());
        Assert.Equal("node-role.kubernetes.io/control-plane:NoSchedule", cp.GetProperty("detail").GetString());
        Assert.True(cp.GetProperty("keepsExistingPod").GetBoolean());
        Assert.Equal(3, exporter.GetProperty("desired").GetInt32());
        Assert.Equal(1, exporter.GetProperty("rollout").GetProperty("maxUnavailable").GetInt32());
        var spot = placements[4].GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "spot-1");
        Assert.Equal("Churn:TolerationSeconds", spot.GetProperty("notes")[0].GetString());
    }

    [Fact]
    public void Html_IsOneSelfContainedPageOfClasses_WithReasonsInTheCells()
    {
        var dir = Directory.CreateTempSubdirectory("daemonlint-place-");
        try
        {
            var file = Path.Combine(dir.FullName, "placement.html");
            var (code, stdout, _) = Run("place", "--nodes", Nodes, "--format", "html", "--output", file, DaemonSets);
            Assert.Equal(0, code);
            Assert.Equal(string.Empty, stdout);
            var html = File.ReadAllText(file);
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("<style>", html);

            // Self-contained: nothing fetched (no external script, stylesheet, font, image or URL).
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(1, CountOf(html, "<script>"));

            // One row per class, one cell per DaemonSet; the reason is in the cell's text, not only in a tooltip.
            // (Line-break opportunities after '-', '.', '/', '=' and ':' are dropped for the comparisons.)
            var text = html.Replace("<wbr>", string.Empty);
            Assert.Contains("<td class=\"k\">K <small>node-<wbr>role.<wbr>kubernetes.<wbr>io/<wbr>control-<wbr>plane:<wbr>NoSchedule</small></td>", html);
            Assert.Equal(7, CountOf(html, "<th class=\"cls\">"));
            Assert.Equal(7 * 5, CountOf(html, "<td class="));
            Assert.Contains("<td class=\"k\">K <small>node-role.kubernetes.io/control-plane:NoSchedule</small></td>", text);
            Assert.Contains("<td class=\"t\">T <small>lifecycle=spot:NoExecute</small></td>", text);
            Assert.Contains("<td class=\"s\">S <small>nvidia.com/gpu.present=true</small></td>", text);
            Assert.Contains("<td class=\"a\">A <small>disktype In [ssd]</small></td>", text);
            Assert.Contains("<details><summary><b>1</b> <span class=\"d\">disktype=ssd, node.kubernetes.io/unschedulable:NoSchedule, cordoned</span></summary><p class=\"names\">worker-3-cordoned</p></details>", text);

            // Headers: sticky, wrap only after '-', '.', '/' or '_'.
            Assert.Contains("position: sticky", html);
            Assert.Contains("word-break: keep-all", html);
            Assert.Contains("<span class=\"nm\">nvidia-<wbr>device-<wbr>plugin</span>", html);
            Assert.Contains("@media print", html);
            Assert.Contains("<p class=\"ok\">Every DaemonSet runs on some node.</p>", html);
            Assert.Contains("class=\"legend\"", html);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void EmptyList_IsAnInventoryWithoutNodes_EveryDaemonSetRunsNowhere_ExitsOne()
    {
        var dir = Directory.CreateTempSubdirectory("daemonlint-place-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "nodes.yaml"), "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
            File.Copy(Path.Combine(RepoPaths.Root, DaemonSets), Path.Combine(dir.FullName, "ds.yaml"));
            var (code, stdout, stderr) = RunIn(dir.FullName, string.Empty, "place", "--nodes", "nodes.yaml", "ds.yaml");
            Assert.Equal(1, code);
            Assert.Equal(string.Empty, stderr);
            Assert.StartsWith("5 DaemonSet(s) over 0 node(s) in 0 class(es)", stdout);
            Assert.Contains("runs nowhere: kube-system/calico-node (the inventory has no node);", stdout);
            Assert.Contains("kube-system/calico-node: runs on 0 of 0 node(s)", stdout);

            var (htmlCode, html, _) = RunIn(dir.FullName, string.Empty, "place", "--nodes", "nodes.yaml", "--format", "html", "ds.yaml");
            Assert.Equal(1, htmlCode);
            Assert.Contains("Runs nowhere (5)", html);
            var (jsonCode, json, _) = RunIn(dir.FullName, string.Empty, "place", "--nodes", "nodes.yaml", "--format", "json", "ds.yaml");
            Assert.Equal(1, jsonCode);
            using var doc = JsonDocument.Parse(json);
            Assert.Equal(0, doc.RootElement.GetProperty("nodeCount").GetInt32());
            Assert.All(doc.RootElement.GetProperty("placements").EnumerateArray(), p => Assert.True(p.GetProperty("runsNowhere").GetBoolean()));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Pods_CapacityInAllThreeFormats_AndFitsNowhere_ExitsOne()
    {
        var dir = Directory.CreateTempSubdirectory("daemonlint-place-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "nodes.yaml"), """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: Node, metadata: {name: a, labels: {pool: web}}, status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}}
                - {apiVersion: v1, kind: Node, metadata: {name: b, labels: {pool: web}}, status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}}
                - {apiVersion: v1, kind: Node, metadata: {name: c, labels: {pool: db}}, status: {allocatable: {cpu: "4", memory: 8Gi, pods: "2"}}}
                """);
            File.WriteAllText(Path.Combine(dir.FullName, "pods.yaml"), """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: Pod, metadata: {name: web-1, namespace: shop}, spec: {nodeName: a, containers: [{name: c, resources: {requests: {cpu: 3800m}}}]}, status: {phase: Running}}
                - {apiVersion: v1, kind: Pod, metadata: {name: db-1, namespace: shop}, spec: {nodeName: c, containers: [{name: c}]}, status: {phase: Running}}
                - {apiVersion: v1, kind: Pod, metadata: {name: db-2, namespace: shop}, spec: {nodeName: c, containers: [{name: c}]}, status: {phase: Running}}
                """);
            File.WriteAllText(Path.Combine(dir.FullName, "ds.yaml"), """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: ops}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      containers: [{name: c, image: i, resources: {requests: {cpu: 500m}}}]
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: huge, namespace: ops}
                spec:
                  selector: {matchLabels: {app: huge}}
                  template:
                    metadata: {labels: {app: huge}}
                    spec:
                      nodeSelector: {pool: web}
                      containers: [{name: c, image: i, resources: {requests: {cpu: "5"}}}]
                """);
            var (code, stdout, stderr) = RunIn(dir.FullName, string.Empty, "place", "--nodes", "nodes.yaml", "--pods", "pods.yaml", "ds.yaml");
            Assert.Equal(1, code); // ops/huge fits none of the nodes it should run on
            Assert.Equal(string.Empty, stderr);
            Assert.Contains("capacity from status.allocatable minus the requests of 3 bound pod(s) (--pods;", stdout);
            Assert.Contains("runs nowhere: ops/huge (eligible on 2 node(s), fits none: Insufficient cpu on 2)", stdout);
            Assert.Contains("loses nodes: ops/agent (Pending on 2 of 3 eligible: Insufficient cpu on 1, Too many pods on 1)", stdout);
            Assert.Contains("ops/agent: runs on 3 of 3 node(s), fits on 1", stdout);
            Assert.Contains("    3 node(s) (any node): a, b, c\n      Pending on 2: Insufficient cpu on 1 (a: requests 500m, free 200m of 4); Too many pods on 1 (c: 2 of 2 already)\n", stdout);
            Assert.Contains("    2 node(s) (pool=web): a, b\n      Pending on 2: Insufficient cpu on 2 (e.g. a: requests 5, free 200m of 4)\n", stdout);

            var (jsonCode, json, _) = RunIn(dir.FullName, string.Empty, "place", "--nodes", "nodes.yaml", "--pods", "pods.yaml", "--format", "json", "ds.yaml");
            Assert.Equal(1, jsonCode);
            using var doc = JsonDocument.Parse(json);
            Assert.Equal("allocatable+pods", doc.RootElement.GetProperty("capacity").GetProperty("source").GetString());
            var agent = doc.RootElement.GetProperty("placements")[0];
            Assert.Equal(1, agent.GetProperty("fits").GetInt32());
            Assert.Equal(2, agent.GetProperty("pending").GetInt32());
            var nodeA = agent.GetProperty("nodes")[0];
            Assert.False(nodeA.GetProperty("fits").GetBoolean());
            Assert.Equal("Insufficient cpu", nodeA.GetProperty("pending").GetProperty("reasons")[0].GetString());
            Assert.Equal("Pending: Insufficient cpu (requests 500m, free 200m of 4)", nodeA.GetProperty("pending").GetProperty("detail").GetString());
            Assert.Equal(500, agent.GetProperty("requests").GetProperty("milliCpu").GetInt32());

            var (_, html, _) = RunIn(dir.FullName, string.Empty, "place", "--nodes", "nodes.yaml", "--pods", "pods.yaml", "--format", "html", "ds.yaml");
            Assert.Contains("Runs nowhere (1)", html);
            Assert.Contains("Loses nodes (1)", html);
            Assert.Contains(">P <small>pods</small></td>", html);
            Assert.Contains(">✓ 1 · P <small>cpu ×1</small></td>", html);
            Assert.Contains("title=\"a: Pending: Insufficient cpu (requests 500m, free 200m of 4)\"", html);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void JsonNodeList_AndStdinDaemonSet_RunsOnNoNode_ExitsOne()
    {
        var dir = Directory.CreateTempSubdirectory("daemonlint-place-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "nodes.json"), """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "a", "labels": {"zone": "x"}}},
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "b", "labels": {"zone": "y"}}}]}
                """);
            var ds = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: lost, namespace: ops}
                spec:
                  selector: {matchLabels: {app: lost}}
                  template:
                    metadata: {labels: {app: lost}}
                    spec:
                      nodeSelector: {zone: z}
                      containers: [{name: c, image: busybox}]
                """;
            var (code, stdout, _) = RunIn(dir.FullName, ds, "place", "--nodes", "nodes.json", "-");
            Assert.Equal(1, code);
            Assert.Contains("ops/lost: runs on 0 of 2 node(s)", stdout);
            Assert.Contains("runs on: (no node)", stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void NodesFolder_AndSingleNodeDocuments_AreInventories()
    {
        // A folder: only its Node objects count (the DaemonSet fixtures beside nodes.yml are skipped).
        var (code, stdout, _) = Run("place", "--nodes", "tests/Fixtures/DS3006", "--format", "json", "tests/Fixtures/DS3006/dont-fire-inventory.yaml");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var first = doc.RootElement.GetProperty("placements")[0];
        Assert.Equal(new[] { "cp-1", "worker-1", "gpu-1" }, first.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));

        var dir = Directory.CreateTempSubdirectory("daemonlint-place-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "node.yaml"), "apiVersion: v1\nkind: Node\nmetadata:\n  name: solo\n");
            File.Copy(Path.Combine(RepoPaths.Root, DaemonSets), Path.Combine(dir.FullName, "ds.yaml"));
            var (soloCode, soloOut, _) = RunIn(dir.FullName, string.Empty, "place", "--nodes", "node.yaml", "ds.yaml");
            Assert.Equal(1, soloCode); // nvidia-device-plugin selects gpu nodes only: it runs on no node of this inventory
            Assert.Contains("kube-system/nvidia-device-plugin: runs on 0 of 1 node(s)", soloOut);
            Assert.Contains("kube-system/calico-node: runs on 1 of 1 node(s)", soloOut);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void JsonInventories_ReadLikeYamlOnes_ThroughTheFastPath()
    {
        var yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Node
              metadata: {name: a, labels: {pool: web, zone: "1"}}
              spec: {unschedulable: true, taints: [{key: k, value: v, effect: NoSchedule}]}
              status: {allocatable: {cpu: 3920m, memory: 15Gi, pods: "110", nvidia.com/gpu: 1}}
            - apiVersion: v1
              kind: Pod
              metadata: {name: p, namespace: x, ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: d, controller: true}]}
              spec:
                nodeName: a
                overhead: {cpu: 10m}
                initContainers: [{name: s, restartPolicy: Always, resources: {requests: {cpu: 1}}, ports: [{containerPort: 80, hostPort: 80}]}]
                containers: [{name: c, resources: {requests: {cpu: 0.5, memory: 1Gi}}, ports: [{containerPort: 53, hostPort: 53, protocol: UDP, hostIP: 10.0.0.1}]}]
              status: {phase: Running}
            """;
        var json = """
            {
                "apiVersion": "v1",
                "items": [
                    {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "a", "labels": {"pool": "web", "zone": "1"}, "annotations": {"x": "y"}},
                     "spec": {"unschedulable": true, "taints": [{"key": "k", "value": "v", "effect": "NoSchedule"}]},
                     "status": {"allocatable": {"cpu": "3920m", "memory": "15Gi", "pods": "110", "nvidia.com/gpu": 1}, "images": [{"names": ["i"], "sizeBytes": 1}]}},
                    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "x", "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "d", "controller": true}]},
                     "spec": {"nodeName": "a", "overhead": {"cpu": "10m"},
                              "initContainers": [{"name": "s", "restartPolicy": "Always", "resources": {"requests": {"cpu": 1}}, "ports": [{"containerPort": 80, "hostPort": 80}]}],
                              "containers": [{"name": "c", "env": [{"name": "A", "value": "1"}], "resources": {"requests": {"cpu": 0.5, "memory": "1Gi"}}, "ports": [{"containerPort": 53, "hostPort": 53, "protocol": "UDP", "hostIP": "10.0.0.1"}]}]},
                     "status": {"phase": "Running", "conditions": []}}
                ],
                "kind": "List",
                "metadata": {"resourceVersion": ""}
            }
            """;
        string Describe(DaemonLint.Placement.InventoryDocuments docs)
        {
            var nodes = DaemonLint.Placement.NodeInventory.FromObjects(docs.Objects);
            var pods = DaemonLint.Placement.PodInventory.FromObjects(docs.Objects);
            return string.Join("\n", nodes.Nodes.Select(n => $"{n.Name} {string.Join(",", n.Labels.OrderBy(l => l.Key).Select(l => l.Key + "=" + l.Value))} {string.Join(",", n.Taints.Select(t => t.Display))} {n.Unschedulable} {n.Allocatable}")
                .Concat(pods.Pods.Select(p => $"{p.DisplayName} {p.NodeName} {p.Phase} {p.OwnerDaemonSet} {p.Requests} {string.Join(",", p.HostPorts)}")));
        }

        var fromYaml = DaemonLint.Placement.InventoryReader.Read("i.yaml", yaml);
        var fromJson = DaemonLint.Cli.Commands.JsonInventoryParser.Read("i.json", System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Empty(fromYaml.Problems);
        Assert.Empty(fromJson.Problems);
        Assert.Equal(Describe(fromYaml), Describe(fromJson));
        Assert.Equal("a pool=web,zone=1 k=v:NoSchedule True cpu 3920m, memory 15Gi, pods 110, nvidia.com/gpu 1\nx/p a Running x/d cpu 1510m, memory 1Gi 80/TCP,10.0.0.1:53/UDP", Describe(fromJson));

        // Positions point at the JSON text: line of the Node's name.
        Assert.Equal(4, fromJson.Objects[0].Root["metadata"]!.Span.Start.Line);
    }

    [Fact]
    public void JsonInventory_SyntaxErrorsAndDuplicateKeys_AreInputErrors()
    {
        var dir = Directory.CreateTempSubdirectory("daemonlint-place-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "broken.json"), "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n  {\"apiVersion\": \"v1\", \"kind\": \"Node\",\n");
            File.WriteAllText(Path.Combine(dir.FullName, "dup.json"), "{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"a\",\n \"name\": \"b\"}}");
            File.Copy(Path.Combine(RepoPaths.Root, DaemonSets), Path.Combine(dir.FullName, "ds.yaml"));
            var (code, _, stderr) = RunIn(dir.FullName, string.Empty, "place", "--nodes", "broken.json", "ds.yaml");
            Assert.Equal(2, code);
            Assert.Contains("broken.json(", stderr);
            Assert.Contains("error DS9001: JSON syntax error", stderr);
            File.WriteAllBytes(Path.Combine(dir.FullName, "bad-utf8.json"), new byte[] { (byte)'{', (byte)'"', (byte)'k', (byte)'i', (byte)'n', (byte)'d', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' });
            var (utf8Code, _, utf8Err) = RunIn(dir.FullName, string.Empty, "place", "--nodes", "bad-utf8.json", "ds.yaml");
            Assert.Equal(2, utf8Code);
            Assert.Contains("bad-utf8.json(1,10): error DS9003: the file is not valid UTF-8 (byte 0xC3 at offset 9)", utf8Err);
            var (dupCode, _, dupErr) = RunIn(dir.FullName, string.Empty, "place", "--nodes", "dup.json", "ds.yaml");
            Assert.Equal(2, dupCode);
            Assert.Contains("dup.json(2,2): error DS9004: mapping key \"name\" already defined at line 1", dupErr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("place", DaemonSets)]
    [InlineData("place", "--nodes", Nodes)]
    [InlineData("place", "--nodes", Nodes, "--format", "sarif", DaemonSets)]
    [InlineData("place", "--nodes", "no-such-file.yaml", DaemonSets)]
    [InlineData("place", "--nodes", DaemonSets, DaemonSets)]
    [InlineData("place", "--nodes", Nodes, Nodes)]
    [InlineData("place", "--nodes", Nodes, "--pods", "no-such-pods.yaml", DaemonSets)]
    [InlineData("place", "--nodes", Nodes, "--pods", "-", DaemonSets)]
    [InlineData("place", "--nodes", Nodes, "--pods")]
    public void UsageAndInputErrors_ExitTwo(params string[] args)
    {
        var (code, _, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("daemonlint: ", stderr);
    }

    [Fact]
    public void Validate_WithNodes_ReportsInventoryRules()
    {
        var (code, stdout, _) = Run("validate", "--nodes", "tests/Fixtures/DS3006/nodes.yml", "--fail-on", "warning", "tests/Fixtures/DS3006/fires.yaml");
        Assert.Equal(1, code);
        Assert.Equal(3, CountOf(stdout, "warning DS3006"));
        var (plain, plainOut, _) = Run("validate", "tests/Fixtures/DS3006/fires.yaml");
        Assert.Equal(0, plain);
        Assert.DoesNotContain("DS3006", plainOut);
    }

    [Fact]
    public void Validate_WithNodesAndPods_ReportsDs3009AgainstFreeCapacity()
    {
        var dir = Directory.CreateTempSubdirectory("daemonlint-place-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "nodes.yaml"), "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: a}, status: {allocatable: {cpu: '4', memory: 8Gi, pods: '110'}}}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "pods.yaml"), "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: x}, spec: {nodeName: a, containers: [{name: c, resources: {requests: {cpu: 3800m}}}]}, status: {phase: Running}}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "ds.yaml"), "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: ops}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: c, image: i, resources: {requests: {cpu: 500m}}}]\n");
            var (code, stdout, _) = RunIn(dir.FullName, string.Empty, "validate", "--nodes", "nodes.yaml", "--pods", "pods.yaml", "--fail-on", "warning", "ds.yaml");
            Assert.Equal(1, code);
            Assert.Contains("ds.yaml(9,68): warning DS3009: Invalid value: the daemon pod stays Pending on 1 of the 1 node(s) that should run it: Insufficient cpu (e.g. a: requests 500m, free 200m of 4)", stdout);

            // Allocatable alone: the pod fits the empty node.
            var (plain, plainOut, _) = RunIn(dir.FullName, string.Empty, "validate", "--nodes", "nodes.yaml", "--fail-on", "warning", "ds.yaml");
            Assert.Equal(0, plain);
            Assert.DoesNotContain("DS3009", plainOut);

            var (usage, _, usageErr) = RunIn(dir.FullName, string.Empty, "validate", "--pods", "pods.yaml", "ds.yaml");
            Assert.Equal(2, usage);
            Assert.Contains("--pods needs --nodes", usageErr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Validate_WithBrokenInventory_ReportsDs3008AsFindings()
    {
        var (_, stdout, _) = Run("validate", "--nodes", "tests/Fixtures/DS3008/fires.nodes.yml", "tests/Fixtures/DS3008/dont-fire.yaml");
        Assert.Equal(3, CountOf(stdout, "warning DS3008"));
        Assert.Contains("tests/Fixtures/DS3008/fires.nodes.yml(4,1): warning DS3008", stdout);
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, string.Empty).Length) / what.Length;

    private static (int Code, string Stdout, string Stderr) Run(params string[] args) => RunIn(RepoPaths.Root, string.Empty, args);

    private static (int Code, string Stdout, string Stderr) RunIn(string cwd, string stdin, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Program.Run(args, new StringReader(stdin), o, e, cwd);
        return (code, o.ToString(), e.ToString());
    }
}
