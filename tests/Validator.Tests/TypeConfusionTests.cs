using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Tests;

/// <summary>
/// Every rule against values of the wrong shape: in each fixture DaemonSet, every node in turn is replaced by a
/// string, a number, a boolean, a null, an empty mapping, an empty sequence, a sequence holding a scalar and a mapping
/// holding an odd key. A rule that throws is turned into DS9008 by the engine (the host never crashes), so any DS9008
/// here is a rule that does not guard a type: the schema layer (DS2002) is where wrong types are reported.
/// </summary>
public sealed class TypeConfusionTests
{
    private static readonly SourceSpan Nowhere = SourceSpan.At(SourcePosition.Start);

    private static readonly Func<ManifestNode>[] Replacements =
    {
        () => new ScalarNode(Nowhere, "text", ScalarType.String),
        () => new ScalarNode(Nowhere, "-7", ScalarType.Int, integer: -7, number: -7),
        () => new ScalarNode(Nowhere, "1e400", ScalarType.Float, number: double.PositiveInfinity),
        () => new ScalarNode(Nowhere, "yes", ScalarType.Bool, number: 1),
        () => new ScalarNode(Nowhere, "~", ScalarType.Null),
        () => new MappingNode(Nowhere, Array.Empty<MappingEntry>()),
        () => new SequenceNode(Nowhere, Array.Empty<ManifestNode>()),
        () => new SequenceNode(Nowhere, new ManifestNode[] { new ScalarNode(Nowhere, "x", ScalarType.String) }),
        () => new MappingNode(Nowhere, new[] { new MappingEntry("", Nowhere, new ScalarNode(Nowhere, "0", ScalarType.Int)) }),
    };

    [Fact]
    public void NoRuleThrows_WhateverShapeAFieldHas()
    {
        var validator = new ManifestValidator();
        var failures = new List<string>();
        var runs = 0;
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            foreach (var doc in YamlManifestReader.ReadDocuments(file, File.ReadAllText(file)))
            {
                foreach (var obj in doc.Objects.Where(o => o.Kind == "DaemonSet"))
                {
                    var count = Count(obj.Root);
                    for (var target = 1; target < count; target++)
                    {
                        foreach (var make in Replacements)
                        {
                            var next = 0;
                            var mutated = (MappingNode)Replace(obj.Root, target, make, ref next);
                            var findings = new List<Finding>();
                            validator.ValidateObject(new ManifestObject(mutated, obj.File, obj.Document), null, findings);
                            runs++;
                            foreach (var f in findings.Where(f => f.RuleId == RuleCatalog.DS9008_InternalError.Id))
                            {
                                failures.Add($"{Path.GetFileName(Path.GetDirectoryName(file))}/{Path.GetFileName(file)} doc {obj.Document}, node {target} as {mutated.GetType().Name}: {f.Message}");
                            }
                        }
                    }
                }
            }
        }

        Assert.True(runs > 10_000, $"only {runs} mutated objects were validated");
        Assert.True(failures.Count == 0, $"{failures.Count} rule failures in {runs} mutated objects:\n" + string.Join("\n", failures.Distinct().Take(30)));
    }

    private static int Count(ManifestNode node) => 1 + node switch
    {
        MappingNode m => m.Entries.Sum(e => Count(e.Value)),
        SequenceNode s => s.Items.Sum(Count),
        _ => 0,
    };

    // Rebuilds the tree with the node at pre-order position `target` replaced.
    private static ManifestNode Replace(ManifestNode node, int target, Func<ManifestNode> make, ref int next)
    {
        if (next++ == target)
        {
            return make();
        }

        switch (node)
        {
            case MappingNode m:
                var entries = new List<MappingEntry>(m.Count);
                foreach (var e in m.Entries)
                {
                    entries.Add(new MappingEntry(e.Key, e.KeySpan, Replace(e.Value, target, make, ref next)));
                }

                return new MappingNode(m.Span, entries, m.HasUnknownEntries);
            case SequenceNode s:
                var items = new List<ManifestNode>(s.Count);
                foreach (var i in s.Items)
                {
                    items.Add(Replace(i, target, make, ref next));
                }

                return new SequenceNode(s.Span, items, s.HasUnknownItems);
            default:
                return node;
        }
    }
}
