using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using DaemonLint.Catalog;
using DaemonLint.Rules;

namespace DaemonLint.Tests;

/// <summary>Meta-tests over the rule catalog and the rule set: they also cover rules other areas add later.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void Ids_AreUnique_AndWellFormed()
    {
        var ids = RuleCatalog.All.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(@"^DS\d{4}$", id));
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
    }

    [Fact]
    public void EveryEntryProperty_IsInAll_Once_NamedAfterItsId()
    {
        // The entries are static properties of several partial files, whose initializers run in the order of the files:
        // All must hold every one of them, none null, whatever that order is in this build.
        var properties = EntryProperties();
        Assert.All(RuleCatalog.All, Assert.NotNull);
        Assert.Equal(properties.Length, RuleCatalog.All.Count);
        foreach (var p in properties)
        {
            var d = (RuleDescriptor?)p.GetValue(null);
            Assert.NotNull(d);
            Assert.StartsWith(d!.Id + "_", p.Name, StringComparison.Ordinal);
            Assert.Single(RuleCatalog.All, x => ReferenceEquals(x, d));
        }
    }

    [Fact]
    public void EveryEntry_HasItsRuleClass_OrSaysWhoReportsIt()
    {
        foreach (var d in RuleCatalog.All)
        {
            Assert.True((d.Create is null) != (d.ReportedBy is null), $"{d.Id}: an entry takes exactly one of create and reportedBy");
            if (d.ReportedBy is { } by && by != "engine")
            {
                Assert.True(RuleCatalog.TryGet(by, out var reporter) && reporter.Create is not null, $"{d.Id} is reported by {by}, which has no rule class");
            }
        }
    }

    [Fact]
    public void RetiredIds_AreNeverLiveAgain_AndPointToALiveRule()
    {
        Assert.NotEmpty(RuleCatalog.Retired);
        var retired = RuleCatalog.Retired.Select(r => r.Id).ToList();
        Assert.All(retired, id => Assert.Matches(@"^DS\d{4}$", id));
        Assert.Equal(retired.Distinct(StringComparer.Ordinal).OrderBy(i => i, StringComparer.Ordinal), retired);
        foreach (var r in RuleCatalog.Retired)
        {
            Assert.False(RuleCatalog.TryGet(r.Id, out _), $"{r.Id} is retired (replaced by {r.ReplacedBy}); a new rule takes a new id");
            Assert.True(RuleCatalog.TryGet(r.ReplacedBy, out var now) && now.Id == r.ReplacedBy, $"{r.Id} points to {r.ReplacedBy}, which is not a live id");
            Assert.False(Directory.Exists(Path.Combine(RepoPaths.Fixtures, r.Id)), $"{r.Id} is retired but has fixtures");
        }
    }

    [Fact]
    public void ThousandsDigit_IsTheCategory()
    {
        foreach (var d in RuleCatalog.All)
        {
            var expected = d.Category switch
            {
                RuleCategory.ApiCorrectness => '1',
                RuleCategory.Schema => '2',
                RuleCategory.Placement => '3',
                RuleCategory.Reliability => '4',
                RuleCategory.Security => '5',
                RuleCategory.Versions => '6',
                RuleCategory.Input => '9',
                _ => '?',
            };
            Assert.True(d.Id[2] == expected, $"{d.Id} is in category {d.Category}");
        }
    }

    [Fact]
    public void TitlesAndDescriptions_AreWrittenConsistently()
    {
        foreach (var d in RuleCatalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title), d.Id);
            Assert.False(d.Title.EndsWith(".", StringComparison.Ordinal), $"{d.Id} title ends with a period: {d.Title}");
            Assert.True(d.Description.EndsWith(".", StringComparison.Ordinal), $"{d.Id} description does not end with a period: {d.Description}");
            Assert.EndsWith($"docs/rules/{d.Id}.md", d.HelpUri);
            Assert.True(Uri.IsWellFormedUriString(d.HelpUri, UriKind.Absolute), d.HelpUri);
        }
    }

    [Fact]
    public void Severity_FollowsTheServerPrinciple_ForApiCorrectness()
    {
        // DS1xxx is exactly what the API server rejects: error by default.
        Assert.All(RuleCatalog.All.Where(d => d.Category == RuleCategory.ApiCorrectness), d => Assert.Equal(Model.Severity.Error, d.DefaultSeverity));
    }

    [Fact]
    public void Lookup_IsCaseInsensitive_AndRejectsUnknownIds()
    {
        Assert.Same(RuleCatalog.DS1009_RestartPolicyMustBeAlways, RuleCatalog.Get("ds1009"));
        Assert.False(RuleCatalog.TryGet("DS0000", out _));
        Assert.Throws<ArgumentException>(() => RuleCatalog.Get("DS0000"));
    }

    [Fact]
    public void EveryRuleInTheRuleSet_HasItsDescriptorInTheCatalog_Once()
    {
        Assert.NotEmpty(RuleSet.All);
        foreach (var rule in RuleSet.All)
        {
            Assert.True(RuleCatalog.TryGet(rule.Descriptor.Id, out var d), $"{rule.GetType().Name} has no catalog entry {rule.Descriptor.Id}");
            Assert.Same(d, rule.Descriptor);
        }

        // One instance per rule id (a class may serve several ids, e.g. the schema layer's one walk per object).
        var ids = RuleSet.All.Select(r => r.Descriptor.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void RuleSet_HasOneRulePerEntryWithARuleClass_InIdOrder_EachReportingItsEntry()
    {
        var withClass = RuleCatalog.All.Where(d => d.Create is not null).ToList();
        Assert.Equal(withClass.Select(d => d.Id), RuleSet.All.Select(r => r.Descriptor.Id));
        foreach (var (d, rule) in withClass.Zip(RuleSet.All))
        {
            Assert.Same(d, rule.Descriptor);
        }
    }

    [Fact]
    public void EveryRuleClassWithFixtures_HasFixturesThatFireAndDontFire()
    {
        // Every entry with a rule class of its own. Ids reported by another rule's class or by the engine (DS3004,
        // DS3008, DS9xxx) are tested where they are reported (their fixtures, RobustnessTests, the YAML front end tests).
        var ruleIds = RuleCatalog.All
            .Where(d => d.Create is not null)
            .Select(d => d.Id)
            .ToList();
        Assert.Contains("DS1001", ruleIds);
        var missing = ruleIds
            .Where(id =>
            {
                var dir = Path.Combine(RepoPaths.Fixtures, id);
                return !Directory.Exists(dir)
                    || !Directory.EnumerateFiles(dir, "fires*.yaml").Any()
                    || !Directory.EnumerateFiles(dir, "dont-fire*.yaml").Any();
            })
            .ToList();
        Assert.True(missing.Count == 0, "rules without fires*.yaml and dont-fire*.yaml fixtures: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryFiresFixture_ExpectsItsFolderRule()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Fixtures, "fires*.yaml", SearchOption.AllDirectories))
        {
            var id = Path.GetFileName(Path.GetDirectoryName(file))!;
            var (expected, _) = FixtureVerifier.Parse(File.ReadAllText(file));
            Assert.True(expected.Any(e => e.RuleId == id), $"{id}/{Path.GetFileName(file)} expects no {id} finding");
        }
    }

    [Fact]
    public void FixtureFolders_AreNamedAfterCatalogIds()
    {
        foreach (var dir in Directory.EnumerateDirectories(RepoPaths.Fixtures))
        {
            var name = Path.GetFileName(dir);
            Assert.True(Regex.IsMatch(name, @"^DS\d{4}$") && RuleCatalog.TryGet(name, out _), $"fixture folder {name} is not a catalog id");
        }
    }

    private static PropertyInfo[] EntryProperties() =>
        typeof(RuleCatalog).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(RuleDescriptor)).ToArray();
}
