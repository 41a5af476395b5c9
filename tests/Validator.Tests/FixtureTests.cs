using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DaemonLint.Tests;

/// <summary>Runs every fixture under tests/Fixtures/DSxxxx/ and checks its inline expectations.</summary>
public sealed class FixtureTests
{
    public static IEnumerable<object[]> Fixtures() =>
        Directory.EnumerateFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Fixtures, f).Replace('\\', '/'))
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_MeetsItsExpectations(string fixture) =>
        FixtureVerifier.VerifyFile(Path.Combine(RepoPaths.Fixtures, fixture));
}
