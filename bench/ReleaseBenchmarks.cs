using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Yaml;

namespace DaemonLint.Bench;

/// <summary>
/// What the release machinery costs per object, on trees built once: the drop of disabled-gate fields
/// (<c>DropDisabledTemplateFields</c>) with a gate set that drops nothing (every droppable gate on: the plan is empty),
/// with the default release's gates (a few gates off, rarely anything to drop), and with 1.31's (many gates off); and
/// the pod validation options.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class ReleaseBenchmarks
{
    private ManifestObject[] objects = System.Array.Empty<ManifestObject>();
    private FeatureGateSet nothingPlanned = null!;
    private FeatureGateSet defaults = null!;
    private FeatureGateSet older = null!;

    /// <summary>Gets or sets the corpus.</summary>
    [Params(CorpusKind.Generated10k)]
    public CorpusKind Corpus { get; set; }

    /// <summary>Builds the trees and the gate sets once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        this.objects = DaemonLint.Bench.Corpus.Get(this.Corpus).Files
            .SelectMany(f => YamlManifestReader.ReadDocuments(f.Name, f.Text))
            .SelectMany(d => d.Objects)
            .Where(o => o.IsAppsV1DaemonSet)
            .ToArray();
        var on = new List<KeyValuePair<string, bool>>();
        foreach (var g in new[] { "ContainerStopSignals", "ClusterTrustBundleProjection", "PodCertificateRequest", "GenericWorkload" })
        {
            on.Add(new KeyValuePair<string, bool>(g, true));
        }

        FeatureGateSet.TryCreate(KubernetesRelease.Newest, on, out this.nothingPlanned, out _);
        this.defaults = FeatureGateSet.Defaults(KubernetesRelease.Default);
        this.older = FeatureGateSet.Defaults(KubernetesRelease.Parse("1.31"));
    }

    /// <summary>Prune with an empty plan: the engine's cost when no gate that drops fields is off.</summary>
    /// <returns>The number of objects copied (0).</returns>
    [Benchmark(Baseline = true, Description = "Prune, nothing planned")]
    public int PruneNothingPlanned() => this.Prune(this.nothingPlanned);

    /// <summary>Prune with the default release's gates.</summary>
    /// <returns>The number of objects copied.</returns>
    [Benchmark(Description = "Prune, default gates")]
    public int PruneDefault() => this.Prune(this.defaults);

    /// <summary>Prune with 1.31's gates.</summary>
    /// <returns>The number of objects copied.</returns>
    [Benchmark(Description = "Prune, 1.31 gates")]
    public int PruneOlder() => this.Prune(this.older);

    /// <summary>Compute the pod validation options of every object (create).</summary>
    /// <returns>The number of objects with relaxed env names allowed.</returns>
    [Benchmark(Description = "PodValidationOptions")]
    public int Options()
    {
        var n = 0;
        foreach (var o in this.objects)
        {
            var template = (o.Root["spec"] as MappingNode)?["template"] as MappingNode;
            n += PodValidationOptions.Compute(this.defaults, template, null, null).AllowRelaxedEnvironmentVariableValidation ? 1 : 0;
        }

        return n;
    }

    private int Prune(FeatureGateSet gates)
    {
        var copied = 0;
        foreach (var o in this.objects)
        {
            if (!ReferenceEquals(TemplatePruner.Prune(o, null, gates, out _), o))
            {
                copied++;
            }
        }

        return copied;
    }
}
