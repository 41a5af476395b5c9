using System;
using System.Collections.Generic;
using System.Linq;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Placement;

/// <summary>Builds DaemonSets and nodes for placement tests.</summary>
public static class PlacementTestKit
{
    /// <summary>A DaemonSet whose pod spec holds <paramref name="podSpec"/> (YAML at column 0) next to one container.</summary>
    public static ManifestObject DaemonSet(string podSpec, string spec = "", string name = "t")
    {
        var yaml = $"""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: {name}
              namespace: ns
            spec:
            {Indent(spec, 2)}
              selector:
                matchLabels: {"{"}app: t{"}"}
              template:
                metadata:
                  labels: {"{"}app: t{"}"}
                spec:
            {Indent(podSpec, 6)}
                  containers:
                  - name: c
                    image: busybox:1.36
            """;
        return Objects(yaml).Single();
    }

    /// <summary>Reads every object of a YAML text.</summary>
    public static List<ManifestObject> Objects(string yaml) =>
        YamlManifestReader.ReadDocuments("test.yaml", yaml).SelectMany(d =>
        {
            Assert.Empty(d.Problems);
            return d.Objects;
        }).ToList();

    /// <summary>A node: labels "a=b,c=" and taints "k=v:NoSchedule,k2:NoExecute".</summary>
    public static NodeInfo Node(string name, string labels = "", string taints = "", bool cordoned = false)
    {
        var l = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Split(labels))
        {
            var eq = pair.IndexOf('=');
            l[eq < 0 ? pair : pair.Substring(0, eq)] = eq < 0 ? string.Empty : pair.Substring(eq + 1);
        }

        return new NodeInfo(name, l, Split(taints).Select(ParseTaint).ToList(), cordoned);
    }

    /// <summary>Parses <c>key=value:Effect</c> or <c>key:Effect</c>.</summary>
    public static Taint ParseTaint(string text)
    {
        var colon = text.LastIndexOf(':');
        var kv = text.Substring(0, colon);
        var eq = kv.IndexOf('=');
        return new Taint(eq < 0 ? kv : kv.Substring(0, eq), eq < 0 ? string.Empty : kv.Substring(eq + 1), text.Substring(colon + 1));
    }

    /// <summary>Formats a decision the way scenario tables write it: <c>runs</c>, <c>Reason</c>, <c>UntoleratedTaint/kept</c>.</summary>
    public static string Describe(PlacementDecision d) => d.ShouldRun
        ? "runs"
        : d.Reason == PlacementReason.UntoleratedTaint ? "UntoleratedTaint/" + (d.ShouldContinueRunning ? "kept" : "evict") : d.Reason.ToString();

    private static IEnumerable<string> Split(string s) => s.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(x => x.Trim());

    private static string Indent(string text, int n)
    {
        var pad = new string(' ', n);
        var lines = text.Replace("\r\n", "\n").Trim('\n').Split('\n');
        return string.Join("\n", lines.Where(x => x.Length > 0).Select(x => pad + x));
    }
}
