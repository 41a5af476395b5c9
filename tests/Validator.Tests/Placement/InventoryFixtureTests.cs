using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Placement;

namespace DaemonLint.Tests.Placement;

/// <summary>
/// Fixtures of the rules that need a node inventory: <c>tests/Fixtures/DS30xx/*.yml</c> are checked against the
/// inventory <c>nodes.yml</c> beside them (the generic fixture runner reads only <c>*.yaml</c>, without an inventory).
/// <c>*.nodes.yml</c> are inventories whose expectations are DS3008 findings of the inventory itself.
/// </summary>
public sealed class InventoryFixtureTests
{
    public static IEnumerable<object[]> DaemonSetFixtures() =>
        Directory.EnumerateFiles(RepoPaths.Fixtures, "*.yml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f))!.StartsWith("DS3", System.StringComparison.Ordinal))
            .Where(f => !f.EndsWith("nodes.yml", System.StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepoPaths.Fixtures, f).Replace('\\', '/'))
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new object[] { f });

    public static IEnumerable<object[]> InventoryFixtures() =>
        Directory.EnumerateFiles(RepoPaths.Fixtures, "*.nodes.yml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Fixtures, f).Replace('\\', '/'))
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(DaemonSetFixtures))]
    public void DaemonSetFixture_MeetsItsExpectationsAgainstTheInventory(string fixture)
    {
        var path = Path.Combine(RepoPaths.Fixtures, fixture);
        var inventory = Load(Path.Combine(Path.GetDirectoryName(path)!, "nodes.yml"));
        Assert.Empty(inventory.Problems);
        FixtureVerifier.VerifyFile(path, new ValidatorOptions { Nodes = inventory });
    }

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
