using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaemonLint.Parity.Compare;

namespace DaemonLint.Parity.Report;

/// <summary>Writes a run's report: markdown, JSON and one reproducer file per disagreement group.</summary>
internal static class ReportWriter
{
    /// <summary>How many groups the markdown details (all are in the table and the JSON).</summary>
    public const int DetailedGroups = 80;

    /// <summary>The groups ordered as reported (most documents first), numbered G001, G002...</summary>
    public static List<(string Id, Group Group)> Ordered(HarnessResult r) =>
        r.Groups.Values
            .OrderByDescending(g => g.Documents)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select((g, i) => ("G" + (i + 1).ToString("D3", CultureInfo.InvariantCulture), g))
            .ToList();

    /// <summary>Writes everything into a folder.</summary>
    /// <returns>The markdown path.</returns>
    public static string Write(HarnessResult r, string dir)
    {
        Directory.CreateDirectory(dir);
        var repro = Path.Combine(dir, "reproducers");
        if (Directory.Exists(repro))
        {
            Directory.Delete(repro, recursive: true);
        }

        Directory.CreateDirectory(repro);
        var groups = Ordered(r);
        foreach (var (id, g) in groups)
        {
            g.Reproducer = WriteReproducer(repro, id, g);
        }

        var md = Path.Combine(dir, "report.md");
        File.WriteAllText(md, Markdown(r, groups));
        File.WriteAllText(Path.Combine(dir, "report.json"), Json(r, groups));
        return md;
    }

    /// <summary>The one-paragraph summary printed at the end of a run.</summary>
    public static string Summary(HarnessResult r)
    {
        var sb = new StringBuilder();
        var c = r.ByCategory;
        sb.AppendLine($"oracle: {r.OracleVersion}");
        sb.AppendLine($"seeds: {r.SeedsFound} found, {r.SeedsOracleRejected.Count} rejected by the oracle (dropped), {r.SeedsCoreRejected.Count} rejected by the core only, {r.SeedsUsed} used");
        sb.AppendLine($"mutants: {r.Creates} create + {r.Updates} update compared ({r.DistinctMutations} distinct mutations; not compared: {r.SkippedByBoth} skipped by both tools, {r.OracleSkipped} of a kind the oracle does not judge, {r.OldUnstorable} updates whose stored version does not decode)");
        sb.AppendLine($"verdicts: {c[Category.Agree]} agree, {c[Category.Known]} known differences only, {c[Category.Missed]} missed errors, {c[Category.False]} false errors, {c[Category.Different]} same verdict with different (path, type)");
        sb.AppendLine($"disagreements: {r.DisagreementCount} documents in {r.Groups.Count} groups");
        sb.AppendLine($"time: {r.Elapsed.TotalSeconds:F1} s (oracle {r.OracleTime.TotalSeconds:F1} s, core {r.CoreTime.TotalSeconds:F1} s, generation {r.GenerateTime.TotalSeconds:F1} s, reproducer search {r.MinimizeTime.TotalSeconds:F1} s)");
        if (r.CoreNote is not null)
        {
            sb.AppendLine("core: " + r.CoreNote);
        }

        return sb.ToString();
    }

    /// <summary>A compact list of the largest groups (for test failure messages).</summary>
    public static string TopGroups(HarnessResult r, int n)
    {
        var sb = new StringBuilder();
        foreach (var (id, g) in Ordered(r).Take(n))
        {
            sb.AppendLine($"{id} {g.Documents,6} {g.Direction,-11} {g.Type,-14} {g.Path}  [{g.Function}]{(g.Rules.Count > 0 ? " core: " + string.Join(",", g.Rules) : string.Empty)}");
        }

        return sb.ToString();
    }

    private static string Markdown(HarnessResult r, List<(string Id, Group Group)> groups)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        var c = r.ByCategory;
        sb.AppendLine("# Parity run");
        sb.AppendLine();
        sb.AppendLine($"`dotnet run --project tools/Parity -- run --seed {o.Seed} --count {o.Count}{(o.Update ? " --update" : string.Empty)}{(o.Cluster.KubernetesVersion is null ? string.Empty : " --kubernetes-version " + o.Cluster.KubernetesVersion)}{(o.Cluster.FeatureGates is null ? string.Empty : " --feature-gates " + o.Cluster.FeatureGates)}`");
        sb.AppendLine();
        sb.AppendLine($"* Oracle: `{r.OracleVersion}` (`{Rel(o.OraclePath, o.RepoRoot)}`), namespace `{o.Cluster.Namespace}`, allow-privileged {o.Cluster.AllowPrivileged.ToString().ToLowerInvariant()}.");
        sb.AppendLine($"* Schema walked: `{Rel(o.SchemaPath, o.RepoRoot)}`; {r.CreateOperations} create mutations, {r.UpdateOperations} update mutations; {r.DistinctMutations} distinct ones exercised in this run.");
        if (r.CoreNote is not null)
        {
            sb.AppendLine($"* Core: {r.CoreNote}.");
        }

        sb.AppendLine($"* Time: {r.Elapsed.TotalSeconds:F0} s wall (oracle {r.OracleTime.TotalSeconds:F0} s and core {r.CoreTime.TotalSeconds:F0} s, run side by side; generation {r.GenerateTime.TotalSeconds:F0} s; reproducer search {r.MinimizeTime.TotalSeconds:F0} s).");
        sb.AppendLine();
        sb.AppendLine("## Totals");
        sb.AppendLine();
        sb.AppendLine("| | documents |");
        sb.AppendLine("|---|---:|");
        sb.AppendLine($"| seeds found (dont-fire fixtures, sample, real-world corpus) | {r.SeedsFound} |");
        sb.AppendLine($"| seeds the oracle rejects (dropped) | {r.SeedsOracleRejected.Count} |");
        sb.AppendLine($"| seeds the core rejects, the oracle accepts (counted as disagreements, not mutated) | {r.SeedsCoreRejected.Count} |");
        sb.AppendLine($"| seeds used | {r.SeedsUsed} |");
        sb.AppendLine($"| create mutants compared | {r.Creates} |");
        sb.AppendLine($"| update mutants compared | {r.Updates} |");
        sb.AppendLine($"| not compared: skipped by both tools (not a DaemonSet for either) | {r.SkippedByBoth} |");
        sb.AppendLine($"| not compared: a kind the oracle does not judge (kubectl would fail to map it), checked by the core | {r.OracleSkipped} |");
        sb.AppendLine($"| not compared: updates whose stored version does not decode (the oracle treats them as creates) | {r.OldUnstorable} |");
        sb.AppendLine($"| **agree** (verdict and (path, type) set) | {c[Category.Agree]} |");
        sb.AppendLine($"| agree but for cited known differences | {c[Category.Known]} |");
        sb.AppendLine($"| **missed errors** (oracle rejects, core accepts) | {c[Category.Missed]} |");
        sb.AppendLine($"| **false errors** (core rejects, oracle accepts) | {c[Category.False]} |");
        sb.AppendLine($"| **same verdict, different (path, type)** | {c[Category.Different]} |");
        sb.AppendLine();
        sb.AppendLine("## Known differences in force");
        sb.AppendLine();
        if (r.Known.Entries.Count == 0)
        {
            sb.AppendLine("None.");
        }
        else
        {
            sb.AppendLine("| id | rule | side | type | path | documents | citation |");
            sb.AppendLine("|---|---|---|---|---|---:|---|");
            foreach (var k in r.Known.Entries)
            {
                sb.AppendLine($"| {k.Id} | {k.Rule} | {k.Side} | {k.Type} | `{k.Path}` | {r.KnownUsed.GetValueOrDefault(k.Id)} | {Cell(k.Citation)} |");
            }
        }

        sb.AppendLine();
        sb.AppendLine("## Disagreements by upstream function");
        sb.AppendLine();
        sb.AppendLine("Documents can count in several groups (one per unmatched item), so the columns add up to more than the totals.");
        sb.AppendLine();
        sb.AppendLine("| upstream function | groups | documents | missed | false | different | groups (ids) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var area in groups.GroupBy(x => x.Group.Function).OrderByDescending(a => a.Sum(x => x.Group.Documents)).ThenBy(a => a.Key, StringComparer.Ordinal))
        {
            var docs = area.Sum(x => x.Group.Documents);
            int Cat(Category k) => area.Sum(x => x.Group.ByCategory.GetValueOrDefault(k));
            sb.AppendLine($"| {Cell(area.Key)} | {area.Count()} | {docs} | {Cat(Category.Missed)} | {Cat(Category.False)} | {Cat(Category.Different)} | {string.Join(" ", area.Select(x => x.Id))} |");
        }

        sb.AppendLine();
        sb.AppendLine("## All groups");
        sb.AppendLine();
        sb.AppendLine("`oracle-only`: the oracle reports this (path, type) and the core does not (a missed error, or the core reports it elsewhere). `core-only`: the core reports it and the oracle does not.");
        sb.AppendLine();
        sb.AppendLine("| group | docs | missed/false/diff | updates | direction | type | path | core rules | reproducer |");
        sb.AppendLine("|---|---:|---|---:|---|---|---|---|---|");
        foreach (var (id, g) in groups)
        {
            sb.AppendLine($"| {id} | {g.Documents} | {g.ByCategory.GetValueOrDefault(Category.Missed)}/{g.ByCategory.GetValueOrDefault(Category.False)}/{g.ByCategory.GetValueOrDefault(Category.Different)} | {g.Updates} | {g.Direction} | {g.Type} | `{Cell(g.Path)}` | {string.Join(" ", g.Rules)} | [{Path.GetFileName(g.Reproducer)}](reproducers/{Path.GetFileName(g.Reproducer)}) |");
        }

        sb.AppendLine();
        sb.AppendLine($"## Groups in detail (the {Math.Min(DetailedGroups, groups.Count)} largest)");
        foreach (var (id, g) in groups.Take(DetailedGroups))
        {
            var ex = g.Example!;
            var cmp = ex.Comparison;
            sb.AppendLine();
            sb.AppendLine($"### {id}: {g.Direction} `{g.Type}` at `{g.Path}`");
            sb.AppendLine();
            sb.AppendLine($"* Upstream: {g.Function}");
            sb.AppendLine($"* Documents: {g.Documents} (missed {g.ByCategory.GetValueOrDefault(Category.Missed)}, false {g.ByCategory.GetValueOrDefault(Category.False)}, different {g.ByCategory.GetValueOrDefault(Category.Different)}; {g.Updates} updates); mutation classes: {string.Join(", ", g.Classes.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value}"))}");
            sb.AppendLine($"* Reproducer: `reproducers/{Path.GetFileName(g.Reproducer)}` ({(ex.Mutant.IsUpdate ? "update of `" + Path.GetFileName(g.Reproducer)!.Replace(".yaml", ".old.yaml", StringComparison.Ordinal) + "`, " : string.Empty)}seed `{ex.Mutant.Seed.Origin}`): {Cell(ex.Mutant.Description)}");
            sb.AppendLine($"* Oracle said: {Said(cmp.Oracle, cmp.OracleRejects)}");
            sb.AppendLine($"* Core said: {Said(cmp.Core, cmp.CoreRejects)}");
            if (g.Messages.Count > 1)
            {
                sb.AppendLine($"* Other messages in the group: {string.Join(" · ", g.Messages.Skip(1).Select(m => "`" + Cell(m) + "`"))}");
            }
        }

        if (r.SeedsCoreRejected.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Seeds the core rejects (the oracle accepts them)");
            sb.AppendLine();
            foreach (var (s, cmp) in r.SeedsCoreRejected)
            {
                sb.AppendLine($"* `{s.Origin}`: core {Said(cmp.CoreOnly, true)}");
            }
        }

        sb.AppendLine();
        sb.AppendLine("## Seeds the oracle rejects (dropped)");
        sb.AppendLine();
        foreach (var (origin, why) in r.SeedsOracleRejected)
        {
            sb.AppendLine($"* `{origin}`: {Cell(why)}");
        }

        return sb.ToString();
    }

    private static string Said(List<Item> items, bool rejects)
    {
        if (items.Count == 0)
        {
            return rejects ? "rejects (no item)" : "accepts";
        }

        return string.Join("; ", items.Take(8).Select(i => $"`{Cell(i.Path)}` {i.Type}{(i.RuleId is null ? string.Empty : " " + i.RuleId)}: \"{Cell(Trim(i.Message, 160))}\"")) + (items.Count > 8 ? $"; … ({items.Count} items)" : string.Empty);
    }

    private static string Trim(string s, int n) => s.Length > n ? s.Substring(0, n) + "…" : s;

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);

    private static string Rel(string path, string root)
    {
        var rel = Path.GetRelativePath(root, path).Replace('\\', '/');
        return rel;
    }

    private static string WriteReproducer(string dir, string id, Group g)
    {
        var ex = g.Example!;
        var m = ex.Mutant;
        var slug = Regex.Replace(string.Join("-", g.Path.Split('.').TakeLast(2)) + "-" + g.Type, "[^A-Za-z0-9]+", "-").Trim('-').ToLowerInvariant();
        if (slug.Length > 60)
        {
            slug = slug.Substring(0, 60).TrimEnd('-');
        }

        var name = $"{id}-{slug}.yaml";
        var header = new StringBuilder();
        header.AppendLine($"# Parity reproducer {id}: {g.Direction} {g.Type} at {g.Path}");
        header.AppendLine($"# upstream: {g.Function}");
        header.AppendLine($"# seed: {m.Seed.Origin}");
        header.AppendLine($"# mutant {m.Id} ({m.MutationId}{(m.Variant is null ? string.Empty : ", " + m.Variant)}): {OneLine(m.Description)}");
        foreach (var i in ex.Comparison.Oracle.Take(10))
        {
            header.AppendLine($"# oracle: {i.Path} {i.Type}: {OneLine(Trim(i.Message, 200))}");
        }

        if (ex.Comparison.Oracle.Count == 0)
        {
            header.AppendLine("# oracle: accepts");
        }

        foreach (var i in ex.Comparison.Core.Take(10))
        {
            header.AppendLine($"# core: {i.RuleId} {i.Path} {i.Type}: {OneLine(Trim(i.Message, 200))}");
        }

        if (ex.Comparison.Core.Count == 0)
        {
            header.AppendLine("# core: accepts");
        }

        if (m.IsUpdate)
        {
            var old = name.Replace(".yaml", ".old.yaml", StringComparison.Ordinal);
            header.AppendLine($"# run: ../shared/oracle/v1.32/daemonset-oracle --baseline {old} {name}");
            header.AppendLine($"#      dotnet run --project src/Cli -- validate --baseline {old} {name}");
            File.WriteAllText(Path.Combine(dir, old), $"# Stored (old) version for {name}\n" + m.OldText);
        }
        else
        {
            header.AppendLine($"# run: ../shared/oracle/v1.32/daemonset-oracle {name}");
            header.AppendLine($"#      dotnet run --project src/Cli -- validate {name}");
        }

        File.WriteAllText(Path.Combine(dir, name), header + m.Text);
        return name;
    }

    private static string OneLine(string s) => s.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Json(HarnessResult r, List<(string Id, Group Group)> groups)
    {
        var doc = new
        {
            oracle = r.OracleVersion,
            seed = r.Options.Seed,
            count = r.Options.Count,
            update = r.Options.Update,
            kubernetesVersion = r.Options.Cluster.KubernetesVersion,
            featureGates = r.Options.Cluster.FeatureGates,
            seeds = new { found = r.SeedsFound, oracleRejected = r.SeedsOracleRejected.Select(s => new { origin = s.Origin, why = s.Why }), coreRejected = r.SeedsCoreRejected.Select(s => s.Seed.Origin), used = r.SeedsUsed },
            mutants = new { creates = r.Creates, updates = r.Updates, skippedByBoth = r.SkippedByBoth, oracleSkipped = r.OracleSkipped, oldUnstorable = r.OldUnstorable, distinctMutations = r.DistinctMutations, createOperations = r.CreateOperations, updateOperations = r.UpdateOperations },
            verdicts = r.ByCategory.ToDictionary(k => k.Key.ToString(), k => k.Value),
            known = r.Known.Entries.Select(k => new { k.Id, k.Rule, k.Side, k.Type, k.Path, documents = r.KnownUsed.GetValueOrDefault(k.Id), k.Reason, k.Citation }),
            seconds = new { total = r.Elapsed.TotalSeconds, oracle = r.OracleTime.TotalSeconds, core = r.CoreTime.TotalSeconds, generation = r.GenerateTime.TotalSeconds },
            groups = groups.Select(x => new
            {
                id = x.Id,
                direction = x.Group.Direction,
                type = x.Group.Type,
                path = x.Group.Path,
                function = x.Group.Function,
                documents = x.Group.Documents,
                missed = x.Group.ByCategory.GetValueOrDefault(Category.Missed),
                @false = x.Group.ByCategory.GetValueOrDefault(Category.False),
                different = x.Group.ByCategory.GetValueOrDefault(Category.Different),
                updates = x.Group.Updates,
                rules = x.Group.Rules,
                messages = x.Group.Messages,
                reproducer = "reproducers/" + x.Group.Reproducer,
                example = new
                {
                    mutant = x.Group.Example!.Mutant.Id,
                    seed = x.Group.Example.Mutant.Seed.Origin,
                    mutation = x.Group.Example.Mutant.MutationId,
                    description = x.Group.Example.Mutant.Description,
                    oracle = x.Group.Example.Comparison.Oracle,
                    core = x.Group.Example.Comparison.Core,
                },
            }),
            disagreements = r.Disagreements.Select(d => new
            {
                mutant = d.Mutant.Id,
                update = d.Mutant.IsUpdate,
                seed = d.Mutant.Seed.Origin,
                mutation = d.Mutant.MutationId,
                variant = d.Mutant.Variant,
                description = d.Mutant.Description,
                category = d.Comparison.Category.ToString(),
                oracleOnly = d.Comparison.OracleOnly.Select(i => new { i.Path, i.Type, i.Message }),
                coreOnly = d.Comparison.CoreOnly.Select(i => new { i.Path, i.Type, i.RuleId, i.Message }),
            }),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n";
    }
}
