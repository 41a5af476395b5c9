using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using DaemonLint.Catalog;
using DaemonLint.Engine;

namespace DaemonLint.Tests;

/// <summary>
/// Keeps the rules where a newcomer looks for them (CONTRIBUTING.md): the rule of DSnnnn is the internal sealed class
/// <c>DSnnnnName</c> in <c>src/Validator/Rules/DSnxxx/DSnnnnName.cs</c>, alone in its file, created by the catalog entry
/// <c>RuleCatalog.DSnnnn_Name</c> and by nothing else; shared code lives in <c>Rules/Support/</c>.
/// </summary>
public sealed class RuleLayoutTests
{
    private static readonly Regex TypeDeclaration = new(@"^(?:public|internal|file)\s+(?:(?:sealed|static|abstract|readonly|partial)\s+)*(?:class|record|struct|enum|interface)\s+(?<name>\w+)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static string RulesFolder => Path.Combine(RepoPaths.Root, "src", "Validator", "Rules");

    /// <summary>Gets every concrete rule class of the core.</summary>
    private static IReadOnlyList<Type> RuleClasses { get; } = typeof(Rule).Assembly.GetTypes()
        .Where(t => typeof(Rule).IsAssignableFrom(t) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void EveryRuleClass_IsCreatedByExactlyOneCatalogEntry_NamedAfterIt()
    {
        var created = new Dictionary<Type, string>();
        foreach (var p in typeof(RuleCatalog).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(RuleDescriptor)))
        {
            var d = (RuleDescriptor)p.GetValue(null)!;
            if (d.Create is null)
            {
                continue;
            }

            var type = d.Create().GetType();
            Assert.False(created.TryGetValue(type, out var other), $"{type.Name} is created by both {other} and {d.Id}");
            created[type] = d.Id;
            Assert.Equal(p.Name.Replace("_", string.Empty, StringComparison.Ordinal), type.Name);
            Assert.Equal($"DaemonLint.Rules.DS{d.Id[2]}xxx", type.Namespace);
        }

        Assert.NotEmpty(RuleClasses);
        var orphans = RuleClasses.Where(t => !created.ContainsKey(t)).Select(t => t.Name).ToList();
        Assert.True(orphans.Count == 0, "rule classes no catalog entry creates (add create: to the entry, or delete the class): " + string.Join(", ", orphans));
    }

    [Fact]
    public void RuleClassesAndTheirSupport_AreInternal_AndRuleClassesSealed()
    {
        Assert.All(RuleClasses, t => Assert.True(t.IsSealed && !t.IsVisible, $"{t.FullName} must be internal sealed"));
        var visible = typeof(Rule).Assembly.GetExportedTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("DaemonLint.Rules", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();
        Assert.Equal(new[] { "DaemonLint.Rules.RuleSet" }, visible);
    }

    [Fact]
    public void EveryRuleClass_IsAloneInAFileNamedAfterIt_InTheFolderOfItsIdRange()
    {
        foreach (var t in RuleClasses)
        {
            var folder = t.Namespace!.Substring("DaemonLint.Rules.".Length);
            var file = Path.Combine(RulesFolder, folder, t.Name + ".cs");
            Assert.True(File.Exists(file), $"{t.Name} is not in Rules/{folder}/{t.Name}.cs");
            var declared = TypeDeclaration.Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value).ToList();
            Assert.Equal(new[] { t.Name }, declared);
        }
    }

    [Fact]
    public void CatalogEntries_AreInTheFileOfTheirIdRange_SortedById_AllInOneForm()
    {
        var catalog = Path.Combine(RepoPaths.Root, "src", "Validator", "Catalog");
        var seen = new List<string>();
        foreach (var file in Directory.GetFiles(catalog, "RuleCatalog*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file).Replace("\r\n", "\n");
            var declared = Regex.Matches(text, @"public static RuleDescriptor (?<name>\w+)\s*(?:\{|=>)").Select(m => m.Groups["name"].Value).ToList();
            var entries = Regex.Matches(text, @"public static RuleDescriptor (?<id>DS\d{4})_\w+ \{ get; \} = Entry\(\n        ""(?<same>DS\d{4})"", ").ToList();
            var name = Path.GetFileName(file);
            Assert.True(declared.Count == entries.Count, $"{name}: every entry is written `public static RuleDescriptor DSnnnn_Name {{ get; }} = Entry(\"DSnnnn\", ...)`");
            var ids = entries.Select(m => m.Groups["id"].Value).ToList();
            Assert.All(entries, m => Assert.Equal(m.Groups["id"].Value, m.Groups["same"].Value));
            Assert.All(ids, id => Assert.Equal($"RuleCatalog.DS{id[2]}xxx.cs", name));
            Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
            seen.AddRange(ids);
        }

        Assert.Equal(RuleCatalog.All.Select(d => d.Id), seen.OrderBy(i => i, StringComparer.Ordinal));
    }

    [Fact]
    public void RulesFolder_HoldsOnlyIdRangeFolders_AndSupport()
    {
        var folders = Directory.GetDirectories(RulesFolder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.All(folders, f => Assert.Matches(@"^(DS\dxxx|Support)$", f));
        var ruleFiles = folders.Where(f => f != "Support")
            .SelectMany(f => Directory.GetFiles(Path.Combine(RulesFolder, f!), "*", SearchOption.AllDirectories))
            .Select(Path.GetFileNameWithoutExtension)
            .ToList();
        var classes = RuleClasses.Select(t => t.Name).ToHashSet();
        var strays = ruleFiles.Where(f => !classes.Contains(f!)).ToList();
        Assert.True(strays.Count == 0, "files in the id-range folders that are not one rule class (helpers go to Rules/Support/): " + string.Join(", ", strays));
    }
}
