using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Validator.Tests;

/// <summary>
/// The <c>.daemonlint.yaml</c> glob matcher (issue 14 item 8): the meaning of the regex it replaces, at a cost bounded by
/// 2 × (path length + 1) × (pattern length + 1) steps, where the regex backtracks exponentially.
/// </summary>
public sealed class GlobTests
{
    [Fact]
    public void MatchesExactlyWhatTheReferenceRegexMatches_OnRandomGlobsAndPaths()
    {
        var random = new Random(14);
        const string GlobAlphabet = "ab/*?.";
        const string PathAlphabet = "ab/.";
        for (var i = 0; i < 20_000; i++)
        {
            var glob = RandomText(random, GlobAlphabet, random.Next(0, 9));
            var path = RandomText(random, PathAlphabet, random.Next(0, 10));

            var expected = SuppressionConfig.GlobToRegex(glob).IsMatch(path);

            Assert.True(expected == Glob.Parse(glob).IsMatch(path), $"glob '{glob}' path '{path}': the regex says {expected}");
        }
    }

    [Theory]
    [InlineData("**", "a\nb/c", true)]
    [InlineData("*", "a\nb", true)]
    [InlineData("a?b", "a\nb", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("**/", "a/", true)]
    [InlineData("a\\b/*.yaml", "a/b/c.yaml", true)]
    public void EveryCharacterOfAName_IsMatched_NewlinesToo(string glob, string path, bool matches) =>
        Assert.Equal(matches, Glob.Parse(glob).IsMatch(path));

    [Theory]
    [InlineData(30, 100_000)]
    [InlineData(200, 20_000)]
    public void APathologicalPattern_CostsAtMostPathTimesPattern(int stars, int length)
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", stars)) + "*b";
        var name = new string('a', length);
        var glob = Glob.Parse(pattern);
        var watch = Stopwatch.StartNew();

        var matches = glob.IsMatch(name);

        Assert.False(matches);
        Assert.True(glob.Steps <= 2L * (length + 1) * (pattern.Length + 1), $"{glob.Steps} steps");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.True(glob.IsMatch(name + "b"));
    }

    [Fact]
    public void AnIgnoreEntryWithAPathologicalGlob_IsMatchedInBoundedTime()
    {
        var glob = string.Concat(Enumerable.Repeat("*a", 40)) + "*b";
        var problems = new List<InputProblem>();
        var config = SuppressionConfig.Parse(".daemonlint.yaml", $"ignore:\n  - paths: [\"{glob}\"]\n    name: \"{glob}\"\n", problems);
        Assert.Empty(problems);
        var entry = Assert.Single(config.Ignore);
        var name = new string('a', 50_000);
        var watch = Stopwatch.StartNew();

        var matches = entry.Matches("DS1001", name, new ObjectRef(name, 0, "apps/v1", "DaemonSet", "default", name));

        Assert.False(matches);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    private static string RandomText(Random random, string alphabet, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return sb.ToString();
    }
}
