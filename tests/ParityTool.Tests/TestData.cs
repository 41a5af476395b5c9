using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DaemonLint.Parity.Generation;
using DaemonLint.Parity.Schema;
using DaemonLint.Parity.Yaml;

namespace DaemonLint.Parity.Tests;

/// <summary>The schema excerpt and seeds the generator tests use, and helpers to look into trees.</summary>
internal static class TestData
{
    /// <summary>Two seeds: a minimal DaemonSet, and one with a volume, a mount, a port and labels.</summary>
    public const string SeedYaml = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: small
        spec:
          selector:
            matchLabels:
              app: small
          template:
            metadata:
              labels:
                app: small
            spec:
              containers:
                - name: c
                  image: busybox:1.36
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: fuller
          labels:
            team: a
        spec:
          selector:
            matchLabels:
              app: fuller
          template:
            metadata:
              labels:
                app: fuller
            spec:
              containers:
                - name: agent
                  image: agent:1
                  ports:
                    - containerPort: 9100
                      name: metrics
                  volumeMounts:
                    - name: data
                      mountPath: /data
                  livenessProbe:
                    tcpSocket:
                      port: 9100
              volumes:
                - name: data
                  emptyDir: {}
        """;

    private static readonly Lazy<OpenApiSchema> SchemaLazy = new(() => OpenApiSchema.Load(Path.Combine(AppContext.BaseDirectory, "apps-v1-excerpt.json")));

    /// <summary>Gets the schema excerpt.</summary>
    public static OpenApiSchema Schema => SchemaLazy.Value;

    /// <summary>The seeds.</summary>
    public static List<Seed> Seeds() => DaemonLint.Parity.Seeds.FromText("seeds.yaml", SeedYaml);

    /// <summary>Finds a node by a concrete path (<c>spec.template.spec.containers[0].ports[1]</c>, <c>metadata.labels[a/b]</c>).</summary>
    public static YNode? Resolve(YNode root, string path)
    {
        YNode? cur = root;
        foreach (var seg in Segments(path))
        {
            cur = seg switch
            {
                (string name, null) when cur is YMap m => m[name],
                (null, string key) when cur is YSeq s && int.TryParse(key, out var i) => i < s.Items.Count ? s.Items[i] : null,
                (null, string key) when cur is YMap km => km[key],
                _ => null,
            };
            if (cur is null)
            {
                return null;
            }
        }

        return cur;
    }

    /// <summary>Splits a concrete path into field names and bracketed indices or keys.</summary>
    public static IEnumerable<(string? Field, string? Bracket)> Segments(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
                continue;
            }

            if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                yield return (null, path.Substring(i + 1, end - i - 1));
                i = end + 1;
                continue;
            }

            var j = i;
            while (j < path.Length && path[j] != '.' && path[j] != '[')
            {
                j++;
            }

            yield return (path.Substring(i, j - i), null);
            i = j;
        }
    }

    /// <summary>The parent path and last field of a concrete path.</summary>
    public static (string Parent, string Last) Split(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? (string.Empty, path) : (path.Substring(0, dot), path.Substring(dot + 1));
    }

    /// <summary>Unquotes a description value the way <see cref="YScalar.ToString"/> wrote it.</summary>
    public static string Unquote(string s) => s.StartsWith('"') ? Regex.Unescape(s.Substring(1, s.Length - 2)) : s;

    /// <summary>All schema mutations of a class.</summary>
    public static List<SchemaMutation> OfClass(string mutationClass) =>
        SchemaMutations.Enumerate(Schema).OfType<SchemaMutation>().Where(m => m.Class == mutationClass).ToList();

    /// <summary>Applies a mutation to a copy of each seed in turn until it applies; false when it applies to none.</summary>
    public static bool TryApply(IMutation m, out Seed seed, out YMap doc, out string description)
    {
        foreach (var s in Seeds())
        {
            var d = (YMap)s.Document.Clone();
            if (m.Apply(d, new BuildContext(Rng.For(1), new NameGen()), out description))
            {
                seed = s;
                doc = d;
                return true;
            }
        }

        (seed, doc, description) = (null!, null!, string.Empty);
        return false;
    }

    /// <summary>Applies a mutation to a copy of each seed in turn until it applies.</summary>
    public static (Seed Seed, YMap Doc, string Description) Apply(IMutation m, ulong salt = 1)
    {
        foreach (var seed in Seeds())
        {
            var doc = (YMap)seed.Document.Clone();
            if (m.Apply(doc, new BuildContext(Rng.For(salt), new NameGen()), out var d))
            {
                return (seed, doc, d);
            }
        }

        throw new InvalidOperationException($"{m.Id} applies to no seed");
    }
}
