using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests;

/// <summary>
/// Keeps docs/rules/DSxxxx.md (one page per rule), docs/rules/README.md (the index) and the .editorconfig presets in
/// docs/presets/ in sync with the catalog (the Meziantou.Analyzer approach). The generated parts sit between
/// <c>&lt;!-- generated --&gt;</c> markers; text between <c>&lt;!-- prose --&gt;</c> markers is hand-written and kept.
/// CI fails when anything is stale; <c>DAEMONLINT_UPDATE_GENERATED=1 dotnet test --filter GeneratedDocsTests</c> rewrites it.
/// </summary>
public sealed class GeneratedDocsTests
{
    private static readonly Regex Prose = new(@"<!-- prose -->\n(?<text>.*?)<!-- /prose -->", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>The C# examples, written and checked by tests/Analyzers.Tests/RulePageCSharpExamplesTests.cs (which compiles them and runs the analyzer).</summary>
    private static readonly Regex CSharp = new(@"<!-- csharp -->\n(?<text>.*?)<!-- /csharp -->", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static bool Update => Environment.GetEnvironmentVariable("DAEMONLINT_UPDATE_GENERATED") == "1";

    private static string Docs => Path.Combine(RepoPaths.Root, "docs");

    [Fact]
    public void RulePages_AreInSyncWithTheCatalog()
    {
        var stale = new List<string>();
        foreach (var rule in RuleCatalog.All)
        {
            var path = Path.Combine(Docs, "rules", rule.Id + ".md");
            var existing = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : null;
            var expected = Page(rule, existing);
            if (existing != expected)
            {
                stale.Add(rule.Id);
                if (Update)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, expected);
                }
            }
        }

        foreach (var retired in RuleCatalog.Retired)
        {
            var path = Path.Combine(Docs, "rules", retired.Id + ".md");
            var existing = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : null;
            var expected = RetiredPage(retired);
            if (existing != expected)
            {
                stale.Add(retired.Id);
                if (Update)
                {
                    File.WriteAllText(path, expected);
                }
            }
        }

        var orphans = Directory.Exists(Path.Combine(Docs, "rules"))
            ? Directory.GetFiles(Path.Combine(Docs, "rules"), "DS*.md").Select(Path.GetFileNameWithoutExtension).Where(id => !RuleCatalog.TryGet(id!, out _) && !RuleCatalog.Retired.Any(r => r.Id == id)).ToList()
            : new List<string?>();
        Assert.True(stale.Count == 0 || Update, "stale rule pages (regenerate with DAEMONLINT_UPDATE_GENERATED=1): " + string.Join(", ", stale));
        Assert.True(orphans.Count == 0, "pages of rules that are not in the catalog (a rule that moved keeps its old id in RuleCatalog.Retired): " + string.Join(", ", orphans));
    }

    [Fact]
    public void Index_And_Presets_AreInSyncWithTheCatalog()
    {
        var files = new Dictionary<string, string>
        {
            [Path.Combine(Docs, "rules", "README.md")] = Index(),
            [Path.Combine(Docs, "releases.md")] = ReleasesPage(),
            [Path.Combine(Docs, "presets", "default.editorconfig")] = Preset("default", r => r.EnabledByDefault ? r.DefaultSeverity : Severity.None),
            [Path.Combine(Docs, "presets", "all-errors.editorconfig")] = Preset("all-errors", _ => Severity.Error),
            [Path.Combine(Docs, "presets", "all-warnings.editorconfig")] = Preset("all-warnings", r => r.DefaultSeverity == Severity.Error ? Severity.Error : Severity.Warning),
            [Path.Combine(Docs, "presets", "api-server-only.editorconfig")] = Preset("api-server-only", r => r.DefaultSeverity == Severity.Error ? Severity.Error : Severity.None),
        };
        var stale = new List<string>();
        foreach (var (path, expected) in files)
        {
            var actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : null;
            if (actual != expected)
            {
                stale.Add(Path.GetRelativePath(RepoPaths.Root, path));
                if (Update)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, expected);
                }
            }
        }

        Assert.True(stale.Count == 0 || Update, "stale generated files (regenerate with DAEMONLINT_UPDATE_GENERATED=1): " + string.Join(", ", stale));
    }

    [Fact]
    public void EveryHelpLink_ResolvesToItsPage()
    {
        foreach (var rule in RuleCatalog.All)
        {
            Assert.StartsWith(RuleDescriptor.HelpBase, rule.HelpUri, StringComparison.Ordinal);
            var relative = rule.HelpUri.Substring(RuleDescriptor.HelpBase.Length);
            var page = Path.Combine(Docs, "rules", relative);
            Assert.True(File.Exists(page), $"{rule.Id}: help link {rule.HelpUri} has no page {page}");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {rule.Id}: {rule.Title}", text, StringComparison.Ordinal);
            foreach (var heading in new[] { "## Cause", "## Why it matters", "## How to fix", "## Options", "## How to suppress" })
            {
                Assert.Contains(heading, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void RulePages_HaveHandWrittenProse()
    {
        // The generator starts a new page with a generic "Why it matters"; the rule's author replaces it (CONTRIBUTING.md).
        var generic = RuleCatalog.All
            .Where(r =>
            {
                var path = Path.Combine(Docs, "rules", r.Id + ".md");
                return !File.Exists(path) || Prose.Match(File.ReadAllText(path).Replace("\r\n", "\n")) is not { Success: true } m || m.Groups["text"].Value == DefaultProse(r);
            })
            .Select(r => r.Id)
            .ToList();
        Assert.True(generic.Count == 0, "rule pages whose <!-- prose --> part is still the generated default (say why the rule matters): " + string.Join(", ", generic));
    }

    internal static string Page(RuleDescriptor r, string? existing)
    {
        var prose = existing is not null && Prose.Match(existing) is { Success: true } m ? m.Groups["text"].Value : DefaultProse(r);
        var csharp = existing is not null && CSharp.Match(existing) is { Success: true } c ? c.Groups["text"].Value : string.Empty;
        var sb = new StringBuilder();
        sb.Append($"# {r.Id}: {r.Title}\n\n");
        sb.Append("<!-- generated -->\n");
        sb.Append("| | |\n|---|---|\n");
        sb.Append($"| Id | `{r.Id}` |\n");
        sb.Append($"| Category | {r.CategoryName} (`DS{(int)r.Category}xxx`) |\n");
        sb.Append($"| Default severity | {r.DefaultSeverity.ToText()}{(r.EnabledByDefault ? string.Empty : " (off by default)")} |\n");
        sb.Append($"| Reported by | {Hosts(r)} |\n");
        if (r.Gates.Count > 0)
        {
            sb.Append($"| Feature gates | {string.Join(", ", r.Gates.Select(g => $"`{g}`"))} (defaults per release: [releases](../releases.md)) |\n");
        }

        if (r.Upstream is not null)
        {
            sb.Append($"| Mirrors | `{r.Upstream}` (kubernetes/kubernetes) |\n");
        }

        sb.Append("\n## Cause\n\n").Append(r.Description).Append('\n');
        sb.Append("<!-- /generated -->\n\n");
        sb.Append("<!-- prose -->\n").Append(prose).Append("<!-- /prose -->\n\n");
        sb.Append("<!-- generated -->\n");
        sb.Append("## How to fix\n\n");
        var (bad, good) = Examples(r.Id);
        if (bad is not null)
        {
            sb.Append("Non-compliant (from `tests/Fixtures/").Append(r.Id).Append("/fires.yaml`):\n\n```yaml\n").Append(bad).Append("```\n\n");
        }

        if (good is not null)
        {
            sb.Append("Compliant (from `tests/Fixtures/").Append(r.Id).Append("/dont-fire.yaml`):\n\n```yaml\n").Append(good).Append("```\n\n");
        }

        if (bad is null && good is null)
        {
            sb.Append("See the cause above; the finding's message says what to write instead where that is certain.\n\n");
        }

        sb.Append("<!-- csharp -->\n").Append(csharp).Append("<!-- /csharp -->\n\n");

        sb.Append("## Options\n\n");
        sb.Append($"Severity, in an `.editorconfig` that covers the manifests (and the C# files, for the analyzers):\n\n```ini\n[*.{{yaml,yml,cs}}]\ndotnet_diagnostic.{r.Id}.severity = {(r.DefaultSeverity == Severity.Error ? "warning" : "error")}\n```\n\n");
        sb.Append("## How to suppress\n\n");
        sb.Append($"- One object: annotate it with `daemonlint.io/ignore: \"{r.Id}\"` (and say why in `daemonlint.io/ignore-reason`).\n");
        sb.Append($"- One line of YAML: `# daemonlint-disable-line {r.Id}` at the end of the line, or `# daemonlint-disable-next-line {r.Id}` above it.\n");
        sb.Append($"- Files you do not own: an `ignore:` entry in `.daemonlint.yaml` (`rules: [{r.Id}]`, `paths: [\"vendor/**\"]`, kind, namespace, name).\n");
        sb.Append($"- Everywhere: `dotnet_diagnostic.{r.Id}.severity = none` in `.editorconfig`; in C#, `#pragma warning disable {r.Id}` or `<NoWarn>$(NoWarn);{r.Id}</NoWarn>`.\n");
        sb.Append("\nA suppression that suppresses nothing is reported as [DS9010](DS9010.md).\n");
        sb.Append("<!-- /generated -->\n");
        return sb.ToString();
    }

    /// <summary>docs/releases.md: the rules whose verdict depends on a gate, and every gate's default per release.</summary>
    /// <returns>The page.</returns>
    internal static string ReleasesPage()
    {
        var releases = DaemonLint.Releases.KubernetesRelease.Supported;
        var sb = new StringBuilder();
        sb.Append("# Kubernetes releases and feature gates\n\n");
        sb.Append("<!-- generated by tests/Validator.Tests/GeneratedDocsTests.cs (DAEMONLINT_UPDATE_GENERATED=1) -->\n");
        sb.Append($"DaemonLint validates against one Kubernetes release, {DaemonLint.Releases.KubernetesRelease.Oldest} to {DaemonLint.Releases.KubernetesRelease.Newest}; ");
        sb.Append($"the default is the newest, {DaemonLint.Releases.KubernetesRelease.Default}. Every host takes the release and the feature-gate overrides the same way: ");
        sb.Append("`--kubernetes-version 1.31 --feature-gates Gate=true,Other=false` (CLI), `kubernetesVersion:` and `featureGates:` (`.daemonlint.yaml`), ");
        sb.Append("`DaemonLintKubernetesVersion` and `DaemonLintFeatureGates` (MSBuild task, and analyzers through `CompilerVisibleProperty`).\n\n");
        sb.Append("## Rules that depend on feature gates\n\n");
        sb.Append("| Rule | Title | Gates |\n|---|---|---|\n");
        foreach (var r in RuleCatalog.All.Where(r => r.Gates.Count > 0))
        {
            sb.Append($"| [{r.Id}](rules/{r.Id}.md) | {r.Title} | {string.Join(", ", r.Gates.Select(g => $"`{g}`"))} |\n");
        }

        sb.Append("\nFields of the pod template whose gate is off are dropped before validation, as the API server drops them, and reported as [DS6003](rules/DS6003.md). Fields that the release does not know at all (`lifecycle.stopSignal` before 1.33) are what its decoder drops: strict decoding refuses them ([DS2001](rules/DS2001.md), naming the releases that have them), and no other rule checks them.\n\n");
        sb.Append("## Gate defaults per release\n\n");
        sb.Append("`on`/`off`: the default; `α`/`β`: alpha/beta (GA otherwise); `🔒`: locked to its default; `–`: the release does not know the gate.\n\n");
        sb.Append("| Gate | ").Append(string.Join(" | ", releases)).Append(" | Rules | Effect |\n");
        sb.Append("|---|").Append(string.Concat(releases.Select(_ => "---|"))).Append("---|---|\n");
        foreach (var info in DaemonLint.Releases.FeatureGateTable.All)
        {
            sb.Append($"| `{info.Gate}` |");
            foreach (var release in releases)
            {
                var s = info.StateIn(release);
                var cell = !s.Known ? "–"
                    : (s.Default ? "on" : "off") + (s.Stage switch { DaemonLint.Releases.FeatureStage.Alpha => " α", DaemonLint.Releases.FeatureStage.Beta => " β", _ => string.Empty }) + (s.LockToDefault ? " 🔒" : string.Empty);
                sb.Append(' ').Append(cell).Append(" |");
            }

            var rules = RuleCatalog.All.Where(r => r.Gates.Contains(info.Gate)).Select(r => r.Id).ToList();
            sb.Append(' ').Append(rules.Count == 0 ? "–" : string.Join(", ", rules)).Append(" | ").Append(info.Effect.Replace("|", "\\|")).Append(" |\n");
        }

        sb.Append("\nSources: each row of `src/Validator/Releases/FeatureGateTable.cs` cites the upstream `pkg/features/kube_features.go` it was taken from.\n");
        return sb.ToString();
    }

    /// <summary>The page of a retired id: generated whole, it says what replaced it.</summary>
    /// <param name="r">The retired id.</param>
    /// <returns>The page.</returns>
    internal static string RetiredPage(RetiredId r)
    {
        var now = RuleCatalog.Get(r.ReplacedBy);
        var sb = new StringBuilder();
        sb.Append($"# {r.Id}: retired, see {now.Id}\n\n");
        sb.Append("<!-- generated -->\n");
        sb.Append($"{r.Id} no longer names a rule. Its rule is now [{now.Id}]({now.Id}.md), *{now.Title}*: {r.Why}.\n\n");
        sb.Append($"Ids are never reused: {r.Id} will not name another rule. Where your configuration names {r.Id}, write {now.Id} instead: ");
        sb.Append($"in `.daemonlint.yaml` {r.Id} is an unknown rule id ([DS9009](DS9009.md)), a `daemonlint.io/ignore` annotation or a `daemonlint-disable` comment that names it suppresses nothing ([DS9010](DS9010.md)), ");
        sb.Append($"and `dotnet_diagnostic.{r.Id}.severity` in `.editorconfig`, `#pragma warning disable {r.Id}` and `NoWarn` no longer match anything.\n");
        sb.Append("<!-- /generated -->\n");
        return sb.ToString();
    }

    private static string DefaultProse(RuleDescriptor r)
    {
        var why = r.Category switch
        {
            RuleCategory.ApiCorrectness or RuleCategory.Schema => "The API server rejects the object, so `kubectl apply`, a Helm release or a GitOps sync fails at deploy time; DaemonLint reports it at the same field path, in the editor, the build or the commit.",
            RuleCategory.Versions => "An apiVersion the server no longer serves makes the whole manifest fail to apply.",
            RuleCategory.Input => "DaemonLint cannot check what it cannot read; the rest of the input is still checked.",
            _ => "The server accepts this, but the DaemonSet does not behave as its author expects; that is why it is a warning, not an error.",
        };
        return "## Why it matters\n\n" + why + "\n";
    }

    private static string Hosts(RuleDescriptor r)
    {
        var needs = FixtureNeeds.Of(r.Id);
        if (needs.Baseline)
        {
            return "CLI (`--baseline`, `--baseline-ref`, or staged changes against HEAD in the pre-commit hook), MSBuild task (`Baseline`, `DaemonLintBaselineRef`)";
        }

        if (needs.Pods)
        {
            return "CLI (`--nodes`, and `--pods` for the free capacity of each node), MSBuild task (`Nodes`, `DaemonLintNodes`; `Pods`, `DaemonLintPods`)";
        }

        if (needs.Nodes)
        {
            return "CLI (`--nodes`), MSBuild task (`Nodes`, `DaemonLintNodes`)";
        }

        if (needs.Option is { } option)
        {
            return option switch
            {
                "AllowPrivileged" => "CLI, with `--disallow-privileged` (off by default: it mirrors an API server started with `--allow-privileged=false`)",
                "UserNamespaces" => "CLI, with `--user-namespaces` (off by default: it needs a cluster with user namespaces)",
                var o => $"CLI, with the option `{o}`",
            };
        }

        return r.Category switch
        {
            RuleCategory.Input => "CLI, MSBuild task, analyzers (YAML additional files)",
            RuleCategory.Schema when r.Id != RuleCatalog.DS2005_QuantityMustParse.Id => "CLI, MSBuild task, analyzers (YAML additional files; in C# the model types reject it at compile time)",
            _ => "CLI, MSBuild task, analyzers (C# and YAML additional files)",
        };
    }

    private static (string? Bad, string? Good) Examples(string id)
    {
        var folder = Path.Combine(RepoPaths.Fixtures, id);
        return (FirstDocument(Path.Combine(folder, "fires.yaml"), id), FirstDocument(Path.Combine(folder, "dont-fire.yaml"), id));
    }

    private static string? FirstDocument(string path, string id)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
        var sb = new StringBuilder();
        var started = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("---", StringComparison.Ordinal))
            {
                if (started)
                {
                    break;
                }

                continue;
            }

            if (!started && (line.StartsWith("#", StringComparison.Ordinal) || line.Trim().Length == 0))
            {
                continue;
            }

            if (Regex.IsMatch(line, @"^\s*#\s*\^+\s*$"))
            {
                continue; // a column marker of the fixture verifier
            }

            started = true;
            // Mark the lines where this rule reports; other rules' expectations in the fixture are not this page's business.
            var expect = Regex.Match(line, @"\s*#\s*expect:(?<list>.*)$");
            var mine = expect.Success && Regex.IsMatch(expect.Groups["list"].Value, @"(^|,)\s*" + id + @"\s");
            sb.Append(expect.Success ? line.Substring(0, expect.Index) + (mine ? "  # ← reported here" : string.Empty) : line).Append('\n');
        }

        return started ? sb.ToString() : null;
    }

    private static string Index()
    {
        var sb = new StringBuilder("# DaemonLint rules\n\n<!-- generated -->\n");
        sb.Append("Every rule, its category and default severity. `error` means the API server rejects the object; everything the server accepts is a `warning` or `info` at most.\n\n");
        sb.Append("| Id | Title | Category | Default severity |\n|---|---|---|---|\n");
        foreach (var r in RuleCatalog.All)
        {
            sb.Append($"| [{r.Id}]({r.Id}.md) | {r.Title} | {r.CategoryName} | {r.DefaultSeverity.ToText()}{(r.EnabledByDefault ? string.Empty : " (off)")} |\n");
        }

        sb.Append("\n## Retired ids\n\nIds are never reused. These named a rule once; each page says what replaced it.\n\n");
        sb.Append("| Id | Replaced by |\n|---|---|\n");
        foreach (var r in RuleCatalog.Retired)
        {
            sb.Append($"| [{r.Id}]({r.Id}.md) | [{r.ReplacedBy}]({r.ReplacedBy}.md) {RuleCatalog.Get(r.ReplacedBy).Title} |\n");
        }

        sb.Append("\nSeverity presets for `.editorconfig`: [default](../presets/default.editorconfig), [all-errors](../presets/all-errors.editorconfig), [all-warnings](../presets/all-warnings.editorconfig), [api-server-only](../presets/api-server-only.editorconfig).\n");
        sb.Append("<!-- /generated -->\n");
        return sb.ToString();
    }

    private static string Preset(string name, Func<RuleDescriptor, Severity> severity)
    {
        var sb = new StringBuilder();
        sb.Append($"# DaemonLint severity preset '{name}' (generated from the rule catalog; copy into your .editorconfig)\n");
        sb.Append("[*.{yaml,yml,json,cs}]\n");
        foreach (var r in RuleCatalog.All)
        {
            var s = severity(r);
            var text = s switch { Severity.Error => "error", Severity.Warning => "warning", Severity.Info => "suggestion", _ => "none" };
            sb.Append($"dotnet_diagnostic.{r.Id}.severity = {text}\n");
        }

        return sb.ToString();
    }
}
