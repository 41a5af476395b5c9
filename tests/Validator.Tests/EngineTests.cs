using System;
using System.Collections.Generic;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules;

namespace DaemonLint.Tests;

/// <summary>Which rule classes the engine runs, and the order of what they find.</summary>
public sealed class EngineTests
{
    // A default toleration with tolerationSeconds (DS3004) and one without (DS3003), both found by DS3003's class.
    private const string Tolerations = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: a}}\n"
        + "  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: c, image: i}]\n      tolerations:\n"
        + "        - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 30}\n"
        + "        - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute}\n";

    [Fact]
    public void TurningOffTheClassesOwnId_KeepsTheOtherIdItReports()
    {
        var ids = Run(Off("DS3003"));
        Assert.Contains("DS3004", ids);
        Assert.DoesNotContain("DS3003", ids);
    }

    [Fact]
    public void TurningOffTheOtherId_KeepsTheClassesOwnId()
    {
        var ids = Run(Off("DS3004"));
        Assert.Contains("DS3003", ids);
        Assert.DoesNotContain("DS3004", ids);
    }

    [Fact]
    public void BothOn_BothReported()
    {
        var ids = Run(null);
        Assert.Contains("DS3003", ids);
        Assert.Contains("DS3004", ids);
    }

    [Fact]
    public void AClassRuns_WhenAnyIdItReportsIsOn_AndNotWhenAllAreOff()
    {
        Assert.Equal(new[] { RuleCatalog.DS3003_TolerationRepeatsDaemonDefault, RuleCatalog.DS3004_TolerationSecondsOnDaemonDefaultIsDropped }, RuleCatalog.ReportedByClassOf(RuleCatalog.DS3003_TolerationRepeatsDaemonDefault));
        Assert.Equal(1, Runs(Off("DS3003")));
        Assert.Equal(1, Runs(Off("DS3004")));
        Assert.Equal(0, Runs(Off("DS3003", "DS3004")));
    }

    [Fact]
    public void FindingsAreInTheSameOrder_WhateverTheOrderOfRulesAndFiles()
    {
        // Several findings of one rule at one position (DS1007: an invalid key and an invalid value of the same label)
        // and findings at the same position from several rules.
        var files = new Dictionary<string, string>
        {
            ["a.yaml"] = Tolerations.Replace("metadata: {name: ds}", "metadata: {name: ds, labels: {\"-k\": \"-v\", \"-x\": \"-y\"}}"),
            ["b.yaml"] = Tolerations.Replace("containers: [{name: c, image: i}]", "containers: [{name: c, image: i}, {name: c, image: \"\"}, {name: C_1}]")
                + "---\n" + Tolerations.Replace("name: ds", "name: ds2"),
            ["c.yaml"] = "a: 1\na: 2\nkind: [unclosed\n",
        };

        var baseline = Render(ValidateAll(files.Keys.ToList(), RuleSet.All, files));
        Assert.True(baseline.Count > 10, string.Join("\n", baseline));
        var random = new Random(7);
        for (var round = 0; round < 20; round++)
        {
            var rules = RuleSet.All.OrderBy(_ => random.Next()).ToList();
            var order = files.Keys.OrderBy(_ => random.Next()).ToList();
            Assert.Equal(baseline, Render(ValidateAll(order, rules, files)));
        }
    }

    [Fact]
    public void TheOrderIsTotal_TiesOnPositionAndIdAreBrokenByPathAndMessage()
    {
        var span = new SourceSpan(new SourcePosition(3, 5, 40), new SourcePosition(3, 9, 44));
        Finding F(string message, string? path) => new()
        {
            RuleId = "DS9009",
            Severity = Severity.Error,
            Message = message,
            Kind = FindingKind.Invalid,
            Path = path is null ? null : FieldPath.Parse(path),
            File = "f.yaml",
            Span = span,
        };

        var findings = new List<Finding> { F("b", "x"), F("a", "y"), F("a", "x"), F("c", null), F("a", null) };
        var expected = new[] { "a ", "c ", "a x", "b x", "a y" };
        for (var round = 0; round < 30; round++)
        {
            var shuffled = findings.OrderBy(_ => Guid.NewGuid()).ToList();
            ManifestValidator.SortFindings(shuffled);
            Assert.Equal(expected, shuffled.Select(f => f.Message + " " + f.Path));
        }
    }

    [Fact]
    public void OneValidator_RunsTheRulesOfEachFile_AsItsSeveritiesSay_InAnyOrderOfFilesAndCalls()
    {
        // The rules a file gets are worked out once per file and kept for the next object (and shared with the next file whose
        // rules are the same): a rule turned off for one file must neither stay off for the next file nor stay on when the first
        // file comes back, whichever entry point is used.
        var options = new ValidatorOptions { SeverityOverride = (id, file) => id == "DS3003" && file!.StartsWith("off", StringComparison.Ordinal) ? Severity.None : null };
        var validator = new ManifestValidator(options);
        var root = DaemonLint.Yaml.YamlManifestReader.ReadDocuments("any.yaml", Tolerations).Single().Objects.Single().Root;
        List<string> Object(string file)
        {
            var into = new List<Finding>();
            validator.ValidateObject(new ManifestObject(root, file), null, into);
            return into.Select(f => f.RuleId).ToList();
        }

        List<string> Text(string file) => validator.ValidateText(file, Tolerations).Findings.Select(f => f.RuleId).ToList();

        foreach (var run in new Func<string, List<string>>[] { Object, Text })
        {
            for (var round = 0; round < 2; round++)
            {
                Assert.DoesNotContain("DS3003", run("off.yaml"));
                Assert.Contains("DS3004", run("off.yaml"));
                Assert.DoesNotContain("DS3003", run("off-too.yaml"));
                Assert.Contains("DS3003", run("on.yaml"));
                Assert.Contains("DS3003", run("on-too.yaml"));
                Assert.DoesNotContain("DS3003", run("off.yaml"));
                Assert.Contains("DS3003", run("on.yaml"));
            }
        }
    }

    [Fact]
    public void FilesOfOneSeverityScope_ShareTheirRules_WithoutAskingEachRulesSeverityAgain()
    {
        // Files for which the host's scope is one object get the plan of the first; another scope is asked anew. DS1001 finds
        // nothing in this text, so its severity is asked only to plan a file's rules.
        var planned = new List<string>();
        var quiet = new object();
        var loud = new object();
        var options = new ValidatorOptions
        {
            SeverityOverride = (id, file) =>
            {
                if (id == "DS1001")
                {
                    planned.Add(file!);
                }

                return id == "DS3003" && file!.StartsWith("quiet", StringComparison.Ordinal) ? Severity.None : null;
            },
            SeverityScope = file => file!.StartsWith("quiet", StringComparison.Ordinal) ? quiet : loud,
        };
        var validator = new ManifestValidator(options);
        List<string> Ids(string file) => validator.ValidateText(file, Tolerations).Findings.Select(f => f.RuleId).ToList();

        foreach (var (file, reportsDs3003) in new[] { ("quiet-1.yaml", false), ("quiet-2.yaml", false), ("loud-1.yaml", true), ("loud-2.yaml", true), ("quiet-3.yaml", false) })
        {
            var ids = Ids(file);
            Assert.DoesNotContain("DS1001", ids);
            Assert.Equal(reportsDs3003, ids.Contains("DS3003"));
        }

        Assert.Equal(new[] { "quiet-1.yaml", "loud-1.yaml", "quiet-3.yaml" }, planned);
    }

    [Fact]
    public void SharedValues_AreComputedOncePerObject_HoweverManyThereAre()
    {
        // More keys than the context's first table holds: each value is still computed once, and each key gets its own.
        var keys = Enumerable.Range(0, 40).Select(_ => new object()).ToArray();
        var rule = new SharingRule(keys);
        new ManifestValidator(rules: new Rule[] { rule }).ValidateText("t.yaml", Tolerations + "---\n" + Tolerations.Replace("name: ds", "name: ds2"));
        Assert.Equal(2 * keys.Length, rule.Computed);
        Assert.True(rule.AllMatched);
    }

    [Fact]
    public void SharedValues_AskedForInsideAnotherOnesFactory_AreAllKept()
    {
        // The first value's factory asks for more values than the context's first table holds.
        var inner = Enumerable.Range(0, 20).Select(_ => new object()).ToArray();
        var rule = new NestingRule(inner);
        var findings = new ManifestValidator(rules: new Rule[] { rule }).ValidateText("t.yaml", Tolerations).Findings;
        Assert.DoesNotContain(findings, f => f.RuleId == RuleCatalog.DS9008_InternalError.Id);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "inner" + i).Prepend("outer").ToList(), rule.Seen);
        Assert.Equal(21, rule.Computed);
    }

    private static List<Finding> ValidateAll(List<string> order, IReadOnlyList<Rule> rules, Dictionary<string, string> files)
    {
        var validator = new ManifestValidator(rules: rules);
        var all = new List<Finding>();
        foreach (var name in order)
        {
            all.AddRange(validator.ValidateText(name, files[name]).Findings);
        }

        ManifestValidator.SortFindings(all);
        return all;
    }

    private static List<string> Render(List<Finding> findings) =>
        findings.Select(f => $"{f.File}|{f.Span}|{f.RuleId}|{f.Severity}|{f.Kind}|{f.Path}|{f.LocationPath}|{f.BadValue}|{f.Object?.Document}|{f.Message}").ToList();

    private static ValidatorOptions Off(params string[] ids) =>
        new() { SeverityOverride = (id, _) => ids.Contains(id) ? Severity.None : null };

    private static List<string> Run(ValidatorOptions? options) =>
        new ManifestValidator(options).ValidateText("t.yaml", Tolerations).Findings.Select(f => f.RuleId).ToList();

    private static int Runs(ValidatorOptions options)
    {
        var rule = new CountingRule();
        new ManifestValidator(options, new Rule[] { rule }).ValidateText("t.yaml", Tolerations);
        return rule.Checks;
    }

    private sealed class CountingRule : Rule
    {
        public CountingRule()
            : base(RuleCatalog.DS3003_TolerationRepeatsDaemonDefault)
        {
        }

        public int Checks { get; private set; }

        public override void Check(RuleContext context) => this.Checks++;
    }

    private sealed class SharingRule : Rule
    {
        private readonly object[] keys;

        public SharingRule(object[] keys)
            : base(RuleCatalog.DS3003_TolerationRepeatsDaemonDefault) => this.keys = keys;

        public int Computed { get; private set; }

        public bool AllMatched { get; private set; } = true;

        public override void Check(RuleContext context)
        {
            for (var pass = 0; pass < 3; pass++)
            {
                for (var i = 0; i < this.keys.Length; i++)
                {
                    var index = i;
                    var value = context.Shared(this.keys[i], _ =>
                    {
                        this.Computed++;
                        return Tuple.Create(index, context.Object.Name);
                    });
                    this.AllMatched &= value.Item1 == i && value.Item2 == context.Object.Name;
                }
            }
        }
    }

    private sealed class NestingRule : Rule
    {
        private static readonly object OuterKey = new();
        private readonly object[] inner;

        public NestingRule(object[] inner)
            : base(RuleCatalog.DS3003_TolerationRepeatsDaemonDefault) => this.inner = inner;

        public int Computed { get; private set; }

        public List<string> Seen { get; } = new();

        public override void Check(RuleContext context)
        {
            this.Seen.Add(context.Shared(OuterKey, c =>
            {
                for (var i = 0; i < this.inner.Length; i++)
                {
                    var index = i;
                    c.Shared(this.inner[i], _ =>
                    {
                        this.Computed++;
                        return "inner" + index;
                    });
                }

                this.Computed++;
                return "outer";
            }));
            for (var i = 0; i < this.inner.Length; i++)
            {
                this.Seen.Add(context.Shared<string>(this.inner[i], _ => throw new InvalidOperationException("computed twice")));
            }
        }
    }
}
