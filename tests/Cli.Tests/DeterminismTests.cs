using System.Collections.Generic;
using System.Linq;

namespace DaemonLint.Cli.Tests;

/// <summary>
/// The same inputs in any order give byte-identical output in every format (issue 14 item 7): files are grouped and
/// ordered by their display path (ordinal), never by the order of the arguments.
/// </summary>
public sealed class DeterminismTests
{
    public static TheoryData<string> Formats() => new() { "text", "json", "sarif", "junit", "github" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryPermutationOfThePaths_GivesTheSameBytes(string format)
    {
        using var dir = new TempFolder();
        dir.Write("z.yaml", Manifests.RestartPolicy + "\n---\n" + Manifests.Clean);
        dir.Write("a/b.yaml", Manifests.DaemonSet("b-one", "b-one") + "\n---\n" + Manifests.RestartPolicy.Replace("bad-restart", "b-bad"));
        dir.Write("B.yaml", "key: [unclosed\n");
        dir.Write("cm.yaml", Manifests.ConfigMap);
        var paths = new[] { "z.yaml", "a", "B.yaml", "cm.yaml" };

        var outputs = Permutations(paths)
            .Select(p => Cli.Run(dir.Path, new[] { "validate", "--verbose", "--format", format }.Concat(p).ToArray()))
            .ToList();

        Assert.Equal(24, outputs.Count);
        Assert.All(outputs, o => Assert.Equal(Program.ExitFindings, o.ExitCode));
        Assert.All(outputs, o => Assert.Equal(outputs[0].Stdout, o.Stdout));
        Assert.Contains("z.yaml", outputs[0].Stdout);
        Assert.Contains("b.yaml", outputs[0].Stdout);
    }

    [Fact]
    public void JUnitSuites_AndSarifResults_FollowTheOrdinalOrderOfTheDisplayPaths()
    {
        using var dir = new TempFolder();
        dir.Write("z.yaml", Manifests.RestartPolicy);
        dir.Write("a/b.yaml", Manifests.RestartPolicy);
        dir.Write("B.yaml", Manifests.RestartPolicy);
        var expected = new[] { "B.yaml", "a/b.yaml", "z.yaml" };

        var junit = Cli.Run(dir.Path, "validate", "--format", "junit", "z.yaml", "a", "B.yaml");
        var sarif = Cli.Run(dir.Path, "validate", "--format", "sarif", "z.yaml", "a", "B.yaml");

        var suites = System.Xml.Linq.XDocument.Parse(junit.Stdout).Root!.Elements("testsuite").Select(s => (string?)s.Attribute("name"));
        Assert.Equal(expected, suites);
        using var doc = System.Text.Json.JsonDocument.Parse(sarif.Stdout);
        var uris = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(expected, uris);
    }

    private static IEnumerable<string[]> Permutations(string[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var p in Permutations(rest))
            {
                yield return new[] { items[i] }.Concat(p).ToArray();
            }
        }
    }
}
