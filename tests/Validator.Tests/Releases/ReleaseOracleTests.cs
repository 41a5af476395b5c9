using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Releases;

/// <summary>
/// The core's feature gates, pod validation options and dropped fields against what the v1.31.1 and v1.32.2 oracles
/// answered for the same documents and gate overrides (<c>Releases/Oracle/recordings.json</c> and <c>gates.json</c>,
/// written by <c>tests/External/Releases/oracle_recordings.py</c>, which the external suite also runs to prove the
/// recordings current).
/// </summary>
public sealed class ReleaseOracleTests
{
    private static readonly string Data = Path.Combine(RepoPaths.Root, "tests", "Validator.Tests", "Releases", "Oracle");

    // For each document: the field the core may drop, and the oracle error field (a prefix) that shows the server kept it.
    private static readonly Dictionary<string, (string Dropped, string Revealed)[]> Probes = new()
    {
        ["drops.yaml"] = new[]
        {
            ("spec.template.spec.hostUsers", "spec.template.spec.hostNetwork"),
            ("spec.template.spec.securityContext.supplementalGroupsPolicy", "spec.template.spec.securityContext.supplementalGroupsPolicy"),
            ("spec.template.spec.resourceClaims", "spec.template.spec.resourceClaims[0]"),
            ("spec.template.spec.initContainers[0].restartPolicy", "spec.template.spec.initContainers[0].restartPolicy"),
            ("spec.template.spec.containers[0].securityContext.procMount", "spec.template.spec.containers[0].securityContext.procMount"),
            ("spec.template.spec.containers[0].resizePolicy", "spec.template.spec.containers[0].resizePolicy"),
            ("spec.template.spec.containers[0].volumeMounts[0].recursiveReadOnly", "spec.template.spec.containers[0].volumeMounts.recursiveReadOnly"),
            ("spec.template.spec.containers[0].volumeMounts[1]", "spec.template.spec.containers[0].volumeMounts[1].name"),
            ("spec.template.spec.containers[0].lifecycle.preStop.sleep", "spec.template.spec.containers[0].lifecycle.preStop.sleep"),
            ("spec.template.spec.volumes[1]", "spec.template.spec.volumes[1].image"),
            ("spec.template.spec.volumes[2].projected.sources[0].clusterTrustBundle", "spec.template.spec.volumes[2].projected.sources[0].clusterTrustBundle"),
            ("spec.template.spec.topologySpreadConstraints[0].minDomains", "spec.template.spec.topologySpreadConstraints[0].minDomains"),
            ("spec.template.spec.topologySpreadConstraints[0].nodeAffinityPolicy", "spec.template.spec.topologySpreadConstraints[0].nodeAffinityPolicy"),
            ("spec.template.spec.topologySpreadConstraints[0].nodeTaintsPolicy", "spec.template.spec.topologySpreadConstraints[0].nodeTaintsPolicy"),
            ("spec.template.spec.topologySpreadConstraints[0].matchLabelKeys", "spec.template.spec.topologySpreadConstraints[0].matchLabelKeys"),
            ("spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys", "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys"),
        },
        ["drops-132.yaml"] = new[]
        {
            ("spec.template.spec.securityContext.seLinuxChangePolicy", "spec.template.spec.securityContext.seLinuxChangePolicy"),
            ("spec.template.spec.resources", "spec.template.spec.resources"),
        },
    };

    public static IEnumerable<object[]> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Data, "recordings.json")));
        var i = 0;
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            yield return new object[] { i++, $"{c.GetProperty("doc").GetString()} @ {c.GetProperty("release").GetString()} [{c.GetProperty("gates").GetString()}]" };
        }
    }

    public static IEnumerable<object[]> GateAnswers()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Data, "gates.json")));
        foreach (var g in doc.RootElement.EnumerateArray())
        {
            foreach (var value in new[] { "true", "false" })
            {
                yield return new object[] { g.GetProperty("release").GetString()!, g.GetProperty("gate").GetString()!, value, g.GetProperty(value).GetString()! };
            }
        }
    }

    [Theory]
    [MemberData(nameof(GateAnswers))]
    public void FeatureGateOverride_IsAcceptedOrRefused_AsTheOracle(string release, string gate, string value, string oracleError)
    {
        Assert.True(FeatureGateSet.TryParse($"{gate}={value}", out var pairs, out var parseError), parseError);
        FeatureGateSet.TryCreate(KubernetesRelease.Parse(release), pairs, out _, out var error);
        if (oracleError.Length == 0)
        {
            Assert.Null(error);
        }
        else
        {
            // The core's message is the apiserver's, sometimes followed by a parenthesis that says why.
            Assert.NotNull(error);
            Assert.True(error == oracleError || error!.StartsWith(oracleError + " (", StringComparison.Ordinal), $"core: {error}\noracle: {oracleError}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OptionsAndDroppedFields_MatchTheOracle(int index, string title)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Data, "recordings.json")));
        var c = json.RootElement[index];
        var docName = c.GetProperty("doc").GetString()!;
        var release = KubernetesRelease.Parse(c.GetProperty("release").GetString()!);
        Assert.True(FeatureGateSet.TryParse(c.GetProperty("gates").GetString(), out var pairs, out var parseError), parseError);
        Assert.True(FeatureGateSet.TryCreate(release, pairs, out var gates, out var gateError), gateError);

        var text = File.ReadAllText(Path.Combine(Data, "docs", docName));
        var objects = YamlManifestReader.ReadDocuments(docName, text).SelectMany(d => d.Objects).ToList();
        var update = Regex.IsMatch(text, @"^# mode: update$", RegexOptions.Multiline);

        // The oracle stores the old object through the create path first (its gated fields dropped), then updates it.
        var stored = update ? TemplatePruner.Prune(objects[0], null, gates, out _) : null;
        foreach (var r in c.GetProperty("results").EnumerateArray())
        {
            var obj = objects[r.GetProperty("doc").GetInt32()];
            Assert.Equal(update ? "update" : "create", r.GetProperty("mode").GetString());
            var pruned = TemplatePruner.Prune(obj, stored, gates, out var drops);
            var dropped = drops ?? Array.Empty<DroppedField>();

            // 1. The options, field for field, in the release's struct order.
            var options = PodValidationOptions.Compute(gates, Nodes(pruned, "template"), stored is null ? null : Nodes(stored, "template"), stored is null ? null : Nodes(stored, "selector"));
            var expected = r.GetProperty("options").EnumerateArray().Select(p => $"{p[0].GetString()}={p[1].GetBoolean()}").ToList();
            var actual = options.ToList().Select(p => $"{p.Key}={p.Value}").ToList();
            Assert.True(expected.SequenceEqual(actual), $"{title}: options differ\noracle: {string.Join(", ", expected)}\ncore:   {string.Join(", ", actual)}");

            // 2. Nothing the core drops is validated by the server.
            var errors = r.GetProperty("errors").EnumerateArray().Select(e => e[0].GetString()!).ToList();
            foreach (var d in dropped)
            {
                var under = errors.FirstOrDefault(e => IsUnder(e, d.Path.ToString()));
                Assert.True(under is null, $"{title}: the core drops {d.Path}, but the server validated {under}");
            }

            // 3. Each probe: dropped by the core exactly when the server's error that shows the field is absent.
            foreach (var (path, revealed) in Probes.TryGetValue(docName, out var probes) ? probes : Array.Empty<(string, string)>())
            {
                var coreDropped = dropped.Any(d => d.Path.ToString() == path);
                var serverKept = errors.Any(e => IsAtOrUnder(e, revealed));
                Assert.True(coreDropped != serverKept, $"{title}: {path}: core {(coreDropped ? "drops" : "keeps")} it, server {(serverKept ? "keeps" : "drops")} it");
            }
        }
    }

    private static MappingNode? Nodes(ManifestObject obj, string specField) => obj.Root["spec"] is MappingNode spec ? spec[specField] as MappingNode : null;

    private static bool IsAtOrUnder(string path, string ancestor) =>
        path.StartsWith(ancestor, StringComparison.Ordinal) && (path.Length == ancestor.Length || path[ancestor.Length] is '.' or '[');

    // Whether an error path lies at or under a field. Some upstream paths leave out a list index
    // ("volumeMounts.recursiveReadOnly"); such a path is under no particular item, so it matches only the whole list.
    private static bool IsUnder(string error, string field)
    {
        var e = Segments(error);
        var f = Segments(field);
        if (e.Count < f.Count)
        {
            return false;
        }

        for (var i = 0; i < f.Count; i++)
        {
            if (e[i].Name != f[i].Name || (f[i].Index is { } index && e[i].Index != index))
            {
                return false;
            }
        }

        return true;
    }

    private static List<(string Name, int? Index)> Segments(string path) =>
        Regex.Matches(path, @"([^.\[]+)(?:\[(\d+)\])?").Select(m => (m.Groups[1].Value, m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : (int?)null)).ToList();
}
