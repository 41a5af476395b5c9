using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DaemonLint.Placement;

namespace DaemonLint.Tests.Placement;

/// <summary>
/// Capacity fixtures (<c>tests/Validator.Tests/Placement/Capacity/*.yaml</c>): Nodes, Pods and DaemonSets in one file, with
/// the verdict expected for every DaemonSet on every node:
/// <code>
/// # expect: kube-system/agent @ node-a: Pending: Insufficient cpu (requests 500m, free 200m of 4)
/// # expect: kube-system/agent @ node-b: fits
/// # expect: kube-system/agent @ node-c: -          (the controller creates no pod there: not checked)
/// # expect-existing: kube-system/agent 3 removed 1 (pods it has on the nodes, and those the controller deletes)
/// # pods: given                                    (an empty pod inventory, when the file holds no Pod)
/// </code>
/// Nodes and pods go through <see cref="InventoryReader"/>, as the CLI reads them. Every pair must be expected.
/// </summary>
public sealed class CapacityFixtureTests
{
    private static readonly Regex Expect = new(@"^#\s*expect:\s*(?<ds>\S+)\s+@\s+(?<node>\S+):\s*(?<verdict>.+?)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex ExpectExisting = new(@"^#\s*expect-existing:\s*(?<ds>\S+)\s+(?<existing>\d+)\s+removed\s+(?<removed>\d+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Validator.Tests", "Placement", "Capacity");

    public static IEnumerable<object[]> Fixtures() =>
        Directory.EnumerateFiles(Folder, "*.yaml").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { f! });

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_MeetsItsExpectations(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name));
        var run = Run(text, name);
        var expected = Expect.Matches(text).Select(m => (m.Groups["ds"].Value, m.Groups["node"].Value, m.Groups["verdict"].Value)).ToList();
        Assert.NotEmpty(expected);
        var actual = new List<(string, string, string)>();
        foreach (var r in run.Results)
        {
            for (var i = 0; i < r.Nodes.Count; i++)
            {
                actual.Add((r.Plan.DisplayName, r.Nodes[i].Name, Describe(r, i)));
            }
        }

        var want = expected.OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2, StringComparer.Ordinal).Select(Line).ToList();
        var got = actual.OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2, StringComparer.Ordinal).Select(Line).ToList();
        Assert.True(want.SequenceEqual(got), "expected:\n  " + string.Join("\n  ", want) + "\nactual:\n  " + string.Join("\n  ", got));

        foreach (Match m in ExpectExisting.Matches(text))
        {
            var r = run.Results.Single(x => x.Plan.DisplayName == m.Groups["ds"].Value);
            Assert.Equal($"{m.Groups["existing"].Value} removed {m.Groups["removed"].Value}", $"{r.ExistingPods} removed {r.PodsRemoved}");
        }
    }

    [Fact]
    public void EveryFixture_CitesUpstream()
    {
        foreach (var f in Directory.EnumerateFiles(Folder, "*.yaml"))
        {
            Assert.Matches(@"(?m)^# upstream: \S", File.ReadAllText(f));
        }
    }

    /// <summary>Runs a fixture text: nodes and pods through the inventory reader, DaemonSets through the manifest reader.</summary>
    public static PlacementRun Run(string text, string name = "fixture.yaml")
    {
        var inventory = InventoryReader.Read(name, text);
        Assert.Empty(inventory.Problems);
        var nodes = NodeInventory.FromObjects(inventory.Objects);
        Assert.Empty(nodes.Problems);
        var podObjects = inventory.Objects.Where(o => o.Kind == "Pod").ToList();
        if (podObjects.Count > 0 || text.Contains("# pods: given", StringComparison.Ordinal))
        {
            var pods = PodInventory.FromObjects(podObjects);
            Assert.Empty(pods.Problems);
            nodes.WithPods(pods);
        }

        var daemonSets = PlacementTestKit.Objects(text).Where(o => o.IsAppsV1DaemonSet).ToList();
        return PlacementRun.Evaluate(daemonSets, nodes);
    }

    private static string Describe(PlacementResult r, int node) => r.Fits?[node] switch
    {
        null => "not checked",
        { Status: FitStatus.Fits } => "fits",
        { Status: FitStatus.Pending } f => f.Problem!.Text,
        _ => "-",
    };

    private static string Line((string Ds, string Node, string Verdict) x) => $"{x.Ds} @ {x.Node}: {x.Verdict}";
}
