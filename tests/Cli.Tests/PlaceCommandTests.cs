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
    public void Text_ListsRunningNodesExclusionsAndRollout()
    {
        var (code, stdout, stderr) = Run("place", "--nodes", Nodes, DaemonSets);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("monitoring/node-exporter: runs on 3 of 7 node(s)", stdout);
        Assert.Contains("  runs on: worker-1, worker-2, worker-3-cordoned", stdout);
        Assert.Matches(@"cp-1\s+UntoleratedTaint\s+node-role\.kubernetes\.io/control-plane:NoSchedule\s+\(KeptButNotScheduled\)", stdout);
        Assert.Matches(@"spot-1\s+UntoleratedTaint\s+lifecycle=spot:NoExecute", stdout);
        Assert.Matches(@"worker-2\s+NodeAffinityMismatch\s+disktype In \[ssd\]", stdout);
        Assert.Contains("rollout: RollingUpdate over 3 node(s): maxUnavailable 25% → 1", stdout);
        Assert.Contains("rollout: OnDelete: nothing rolls until pods are deleted", stdout);
        Assert.Contains("maxSurge 50% → 2", stdout);
        Assert.Contains("note: spot-1: Churn:TolerationSeconds", stdout);
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
    public void Html_IsOneSelfContainedMatrixWithTitlesAndLegend()
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
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("title=\"cp-1 × monitoring/node-exporter: UntoleratedTaint: node-role.kubernetes.io/control-plane:NoSchedule (KeptButNotScheduled)\"", html);
            Assert.Contains("class=\"legend\"", html);
            Assert.Equal(7, CountOf(html, "<th class=\"node\">"));
            Assert.Equal(7 * 5, CountOf(html, "<td class=\"c "));
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

    [Theory]
    [InlineData("place", DaemonSets)]
    [InlineData("place", "--nodes", Nodes)]
    [InlineData("place", "--nodes", Nodes, "--format", "sarif", DaemonSets)]
    [InlineData("place", "--nodes", "no-such-file.yaml", DaemonSets)]
    [InlineData("place", "--nodes", DaemonSets, DaemonSets)]
    [InlineData("place", "--nodes", Nodes, Nodes)]
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
