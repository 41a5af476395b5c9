using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Yaml;

namespace DaemonLint.Tests;

/// <summary>
/// Runs every fixture under tests/Fixtures/DSxxxx/ and checks its inline expectations. A fixture <c>name.yaml</c> with a
/// sibling <c>name.baseline.yml</c> is validated as an update of the objects in that file (update rules such as DS1005);
/// the <c>.yml</c> extension keeps the baseline itself from being run as a fixture.
/// </summary>
public sealed class FixtureTests
{
    public static IEnumerable<object[]> Fixtures() =>
        Directory.EnumerateFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Fixtures, f).Replace('\\', '/'))
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new object[] { f });

    /// <summary>Builds a baseline index from a YAML text.</summary>
    /// <param name="text">The prior versions.</param>
    /// <param name="file">The file name put on the objects.</param>
    /// <returns>The index.</returns>
    public static BaselineIndex BaselineFrom(string text, string file = "baseline.yaml")
    {
        var index = new BaselineIndex();
        foreach (var doc in YamlManifestReader.ReadDocuments(file, text))
        {
            Assert.Empty(doc.Problems);
            foreach (var obj in doc.Objects)
            {
                index.Add(obj);
            }
        }

        return index;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_MeetsItsExpectations(string fixture)
    {
        var path = Path.Combine(RepoPaths.Fixtures, fixture);
        var baselinePath = Path.ChangeExtension(path, ".baseline.yml");
        var baseline = File.Exists(baselinePath) ? BaselineFrom(File.ReadAllText(baselinePath), Path.GetFileName(baselinePath)) : null;
        FixtureVerifier.VerifyFile(path, baseline: baseline);
    }
}
