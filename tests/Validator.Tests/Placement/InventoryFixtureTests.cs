using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Placement;

namespace DaemonLint.Tests.Placement;

/// <summary>
/// Inventory fixtures: <c>tests/Fixtures/DS3008/*.nodes.yml</c> are node inventories whose expectations are DS3008 findings
/// of the inventory itself, and <c>tests/Fixtures/DS3010/*.pods.yml</c> pod inventories with DS3010 findings. Both are read by
/// the inventory reader the hosts use. (DaemonSet fixtures of DS3006, DS3007 and DS3009 name their inventories with
/// <c># nodes: nodes.yml</c> and <c># pods: pods.yml</c> headers and run in <see cref="FixtureTests"/>.)
/// </summary>
public sealed class InventoryFixtureTests
{
    public static IEnumerable<object[]> InventoryFixtures() =>
        Directory.EnumerateFiles(RepoPaths.Fixtures, "*.yml", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".nodes.yml", System.StringComparison.Ordinal) || f.EndsWith(".pods.yml", System.StringComparison.Ordinal))
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
        var read = InventoryReader.Read(path, text);
        Assert.Empty(read.Problems);
        var problems = fixture.EndsWith(".pods.yml", System.StringComparison.Ordinal)
            ? PodInventory.FromObjects(read.Objects).Problems
            : NodeInventory.FromObjects(read.Objects).Problems;
        var actual = problems.Select(p => $"{p.RuleId} {p.Path} line {p.Span.Start.Line}").OrderBy(x => x).ToList();
        Assert.Equal(expected.Select(e => $"{e.RuleId} {e.Path} line {e.Line}").OrderBy(x => x).ToList(), actual);
    }
}
