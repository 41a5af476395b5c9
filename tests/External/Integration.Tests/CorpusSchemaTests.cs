using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Model;
using DaemonLint.Schema;
using DaemonLint.Tests;
using DaemonLint.Yaml;

namespace DaemonLint.Integration.Tests;

/// <summary>The schema layer over ../shared/corpus/real-world: published DaemonSets have no schema issue.</summary>
public sealed class CorpusSchemaTests
{
    [Fact]
    public void RealWorldCorpus_AppsV1DaemonSetsAndLists_HaveNoSchemaIssues()
    {
        var daemonSets = 0;
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.RealWorldCorpus, "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
        {
            foreach (var obj in Read(File.ReadAllText(file)))
            {
                if (!obj.IsAppsV1DaemonSet)
                {
                    continue;
                }

                daemonSets++;
                foreach (var issue in SchemaValidator.Validate(obj.Root, SchemaSet.Kubernetes.ForKind(obj.ApiVersion, obj.Kind)!))
                {
                    problems.Add($"{Path.GetFileName(file)}: {issue.Path}: {issue.Detail}");
                }
            }
        }

        Assert.Empty(problems);
        Assert.Equal(103, daemonSets);
    }

    private static IEnumerable<ManifestObject> Read(string yaml) =>
        YamlManifestReader.ReadDocuments("test.yaml", yaml).SelectMany(d => d.Objects).ToList();
}
