using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Placement;

namespace DaemonLint.Tests.Placement;

/// <summary>
/// Inventory fixtures: <c>tests/Fixtures/DS3008/*.nodes.yml</c> are node inventories whose expectations are DS3008 findings
/// of the inventory itself. (DaemonSet fixtures of DS3006/DS3007 name their inventory with a <c># nodes: nodes.yml</c>
/// header and run in <see cref="FixtureTests"/>.)
/// </summary>
public sealed class InventoryFixtureTests
{
    public static IEnumerable<object[]> InventoryFixtures() =>
        Directory.EnumerateFiles(RepoPaths.Fixtures, "*.nodes.yml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Fixtures, f).Replace('\\', '/'))
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(InventoryFixtures))]
    public void InventoryFixture_MeetsItsExpectations(string fixture)
    {
        var path = Path.Combine(RepoPaths.Fixtures, fixture);
        var text = File.ReadAllText(path);
        var (expected, _) = FixtureVerifier.Parse(text);
        var inventory = Load(path);
        var actual = inventory.Problems.Select(p => $"{p.RuleId} {p.Path} line {p.Span.Start.Line}").OrderBy(x => x).ToList();
        Assert.Equal(expected.Select(e => $"{e.RuleId} {e.Path} line {e.Line}").OrderBy(x => x).ToList(), actual);
    }

    private static NodeInventory Load(string path) =>
        NodeInventory.FromObjects(PlacementTestKit.Objects(File.ReadAllText(path)));
}
