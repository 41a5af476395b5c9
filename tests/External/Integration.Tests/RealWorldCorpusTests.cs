using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Tests;

namespace DaemonLint.Integration.Tests;

/// <summary>
/// The published manifests in ../shared/corpus/real-world (CI has the folder beside the clone): clusters accepted them,
/// so no error may be reported except the removed API versions that SOURCES.md lists.
/// </summary>
public sealed class RealWorldCorpusTests
{
    private const string RemovedHeading = "## Files whose DaemonSets use removed API versions";

    private static readonly Lazy<Dictionary<string, FileReport>> Reports = new(() =>
    {
        var validator = new ManifestValidator();
        return CorpusFiles().ToDictionary(
            f => Path.GetFileName(f),
            f => validator.ValidateBytes(Path.GetFileName(f), File.ReadAllBytes(f)),
            StringComparer.Ordinal);
    });

    public static IEnumerable<object[]> Files() => CorpusFiles().Select(f => new object[] { Path.GetFileName(f) });

    [Fact]
    public void CorpusFolder_Exists()
    {
        Assert.True(Directory.Exists(RepoPaths.RealWorldCorpus), $"the real-world corpus is missing: {RepoPaths.RealWorldCorpus} (CI checks it out beside the repository)");
        Assert.True(File.Exists(Path.Combine(RepoPaths.RealWorldCorpus, "SOURCES.md")), "SOURCES.md is missing from the corpus");
        Assert.True(Reports.Value.Count >= 100, $"only {Reports.Value.Count} corpus files");
    }

    [Fact]
    public void RemovedVersionList_IsParsedFromSources()
    {
        var removed = RemovedVersionFiles();
        Assert.Equal(17, removed.Count); // SOURCES.md: "17 files hold DaemonSets in a removed API version"
        Assert.All(removed, f => Assert.True(Reports.Value.ContainsKey(f), $"{f} is listed in SOURCES.md but not in the folder"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void File_HasNoErrors_UnlessItUsesARemovedVersion(string file)
    {
        var report = Reports.Value[file];
        var errors = report.Findings.Where(f => f.Severity == Severity.Error).ToList();
        if (RemovedVersionFiles().Contains(file))
        {
            // DS6001, and what the object gets once it says apps/v1, marked as such (issue 17: one fix reveals the next; an
            // extensions/v1beta1 DaemonSet without a selector relied on defaulting that apps/v1 no longer does).
            Assert.Contains(errors, f => f.RuleId == RuleCatalog.DS6001_ApiVersionRemoved.Id);
            var others = errors.Where(f => f.RuleId != RuleCatalog.DS6001_ApiVersionRemoved.Id && f.WhenApiVersion is null).ToList();
            Assert.True(others.Count == 0, Describe(file, others));
            Assert.All(errors.Where(f => f.WhenApiVersion is not null), f => Assert.EndsWith(ManifestValidator.AsAppsV1Suffix, f.Message, System.StringComparison.Ordinal));
        }
        else
        {
            Assert.True(errors.Count == 0, Describe(file, errors));
            Assert.DoesNotContain(report.Findings, f => f.RuleId == RuleCatalog.DS6001_ApiVersionRemoved.Id);
        }
    }

    [Fact]
    public void DaemonSetsRead_MatchSources()
    {
        // SOURCES.md: 126 DaemonSets (103 apps/v1, 20 extensions/v1beta1, 3 apps/v1beta2).
        Assert.Equal(126, Reports.Value.Values.Sum(r => r.DaemonSets));
        var removedFindings = Reports.Value.Values.SelectMany(r => r.Findings).Count(f => f.RuleId == RuleCatalog.DS6001_ApiVersionRemoved.Id);
        Assert.Equal(23, removedFindings);
    }

    private static IEnumerable<string> CorpusFiles()
    {
        if (!Directory.Exists(RepoPaths.RealWorldCorpus))
        {
            // Fail (not skip) in CorpusFolder_Exists; the theory then has a single entry that fails clearly too.
            return new[] { Path.Combine(RepoPaths.RealWorldCorpus, "(corpus folder missing)") };
        }

        return Directory.EnumerateFiles(RepoPaths.RealWorldCorpus)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    private static HashSet<string> RemovedVersionFiles()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.RealWorldCorpus, "SOURCES.md"));
        var start = text.IndexOf(RemovedHeading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"SOURCES.md has no '{RemovedHeading}' section");
        var section = text.Substring(start + RemovedHeading.Length);
        var next = section.IndexOf("\n## ", StringComparison.Ordinal);
        if (next >= 0)
        {
            section = section.Substring(0, next);
        }

        return new HashSet<string>(
            Regex.Matches(section, @"^\*\s+`(?<file>[^`]+)`", RegexOptions.Multiline).Select(m => m.Groups["file"].Value),
            StringComparer.Ordinal);
    }

    private static string Describe(string file, IEnumerable<Finding> findings) =>
        file + ":\n" + string.Join("\n", findings.Select(f => $"  {f.Span.Start}: {f.RuleId} {f.Path} {f.Message}"));
}
