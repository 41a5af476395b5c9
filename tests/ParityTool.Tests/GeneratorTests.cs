using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DaemonLint.Parity.Generation;
using DaemonLint.Parity.Yaml;
using DaemonLint.Yaml;

namespace DaemonLint.Parity.Tests;

public class GeneratorTests
{
    private static readonly Regex SetOrAdd = new("^(?:set|add) (?<path>.+?) = ", RegexOptions.CultureInvariant);

    [Fact]
    public void The_same_seed_makes_the_same_mutants()
    {
        var a = new Generator(TestData.Schema, TestData.Seeds(), 7);
        var b = new Generator(TestData.Schema, TestData.Seeds(), 7);
        for (var i = 0; i < 300; i++)
        {
            var x = a.Create(i);
            var y = b.Create(i);
            Assert.Equal(x.MutationId, y.MutationId);
            Assert.Equal(x.Description, y.Description);
            Assert.Equal(x.Text, y.Text);
        }

        for (var i = 0; i < 150; i++)
        {
            var x = a.Update(i);
            var y = b.Update(i);
            Assert.Equal(x.MutationId + x.Variant, y.MutationId + y.Variant);
            Assert.Equal(x.OldText, y.OldText);
            Assert.Equal(x.Text, y.Text);
        }
    }

    [Fact]
    public void Another_seed_makes_other_mutants()
    {
        var a = new Generator(TestData.Schema, TestData.Seeds(), 7);
        var b = new Generator(TestData.Schema, TestData.Seeds(), 8);
        var differ = Enumerable.Range(0, 100).Count(i => a.Create(i).MutationId != b.Create(i).MutationId);
        Assert.True(differ > 80, $"only {differ} of 100 mutants differ between seeds 7 and 8");
    }

    [Fact]
    public void Mutants_have_unique_names_and_are_valid_yaml()
    {
        var g = new Generator(TestData.Schema, TestData.Seeds(), 3);
        var names = new HashSet<string>();
        for (var i = 0; i < 400; i++)
        {
            var m = g.Create(i);
            var docs = YamlManifestReader.ReadDocuments("m.yaml", m.Text).ToList();
            Assert.Single(docs);
            if (m.Class != MutationClass.DuplicateYamlKey)
            {
                Assert.Empty(docs[0].Problems);
            }

            if (m.Target is not ("metadata.name" or "metadata" or "metadata.generateName") && docs[0].Objects.FirstOrDefault()?.Name is { } name)
            {
                Assert.True(names.Add(name), $"{m.Id}: name {name} repeated");
                Assert.True(name.EndsWith("-" + m.Id, System.StringComparison.Ordinal), $"{m.Id} {m.MutationId}: name {name}");
            }
        }
    }

    [Fact]
    public void The_walk_reaches_fields_no_seed_uses()
    {
        // No seed has a hostPath volume: the mutation adds a volume with a valid name and a hostPath to hold the value.
        var op = TestData.OfClass(MutationClass.Value).First(m => m.Target == "spec.template.spec.volumes[*].hostPath.path" && m.Value!.Tag == "backstep");
        var (seed, doc, description) = TestData.Apply(op);
        var path = SetOrAdd.Match(description).Groups["path"].Value;
        Assert.Matches(@"^spec\.template\.spec\.volumes\[\d+\]\.hostPath\.path$", path);
        Assert.Equal("/a/../b", ((YScalar)TestData.Resolve(doc, path)!).Text);
        var volume = (YMap)TestData.Resolve(doc, TestData.Split(TestData.Split(path).Parent).Parent)!;
        Assert.StartsWith("mut-v", volume.Str("name"));
        Assert.Null(volume["emptyDir"]);
        Assert.Null(TestData.Resolve(seed.Document, path));

        // A field under an optional object of a list item: the probe's tcpSocket of a container with no probe.
        Assert.Contains(SchemaMutations.Enumerate(TestData.Schema), m => m.Target == "spec.template.spec.containers[*].livenessProbe.tcpSocket.host");
    }

    [Fact]
    public void A_one_of_member_replaces_the_other_members()
    {
        // The seed's probe uses tcpSocket: reaching exec must not leave two handlers behind.
        var op = TestData.OfClass(MutationClass.Value).First(m => m.Target == "spec.template.spec.containers[*].livenessProbe.periodSeconds" && m.Value!.Tag == "zero");
        var exec = TestData.OfClass(MutationClass.AddValid).First(m => m.Target == "spec.template.spec.containers[*].livenessProbe.exec");
        for (ulong salt = 0; salt < 20; salt++)
        {
            var (_, doc, _) = TestData.Apply(exec, salt);
            foreach (var c in ((YSeq)TestData.Resolve(doc, "spec.template.spec.containers")!).Items.OfType<YMap>())
            {
                if (c["livenessProbe"] is YMap probe && probe["exec"] is not null)
                {
                    Assert.Null(probe["tcpSocket"]);
                }
            }
        }

        Assert.NotNull(op);
    }

    [Fact]
    public void Value_mutations_put_their_value_at_their_target()
    {
        var ops = TestData.OfClass(MutationClass.Value);
        Assert.True(ops.Count > 100, $"only {ops.Count} value mutations");
        foreach (var op in ops)
        {
            var (_, doc, description) = TestData.Apply(op);
            if (description.StartsWith("add key ", System.StringComparison.Ordinal))
            {
                // a map key: the key is the value
                var m = Regex.Match(description, @"^add key (?<map>.*?)\[(?<key>[^\[\]]*)\] = ");
                var map = (YMap)TestData.Resolve(doc, m.Groups["map"].Value)!;
                Assert.True(map.TryGet(((YScalar)op.Value!.Node).Text, out _), $"{op.Id}: {description}");
                continue;
            }

            var path = SetOrAdd.Match(description).Groups["path"].Value;
            var node = TestData.Resolve(doc, path);
            Assert.True(node is not null && node.SameAs(op.Value!.Node), $"{op.Id}: {description}: found {node}");
            Assert.Equal(op.Target, Normalize(path));
        }
    }

    [Fact]
    public void Null_wrong_type_and_empty_list_mutations_change_the_kind_of_their_field()
    {
        foreach (var op in TestData.OfClass(MutationClass.Null))
        {
            var (_, doc, description) = TestData.Apply(op);
            Assert.True(TestData.Resolve(doc, SetOrAdd.Match(description).Groups["path"].Value) is YScalar { IsRaw: true, Text: "null" }, $"{op.Id}: {description}");
        }

        foreach (var op in TestData.OfClass(MutationClass.WrongType))
        {
            var (_, doc, description) = TestData.Apply(op);
            var node = TestData.Resolve(doc, SetOrAdd.Match(description).Groups["path"].Value);
            var declared = op.Steps[^1].Type.Kind;
            var wrong = declared switch
            {
                Schema.SchemaKind.Scalar => node is YMap or YSeq,
                Schema.SchemaKind.Array => node is YMap or YScalar,
                _ => node is YScalar or YSeq,
            };
            Assert.True(wrong, $"{op.Id}: {description}: {node}");
        }

        foreach (var op in TestData.OfClass(MutationClass.EmptyList))
        {
            var (_, doc, description) = TestData.Apply(op);
            Assert.True(TestData.Resolve(doc, SetOrAdd.Match(description).Groups["path"].Value) is YSeq { Items.Count: 0 }, $"{op.Id}: {description}");
        }
    }

    [Fact]
    public void Structure_mutations_do_what_their_description_says()
    {
        foreach (var op in TestData.OfClass(MutationClass.RemoveRequired))
        {
            var (_, doc, description) = TestData.Apply(op);
            var path = Regex.Match(description, "^remove required (?<p>.+)$").Groups["p"].Value;
            var (parent, last) = TestData.Split(path);
            Assert.True(TestData.Resolve(doc, parent) is YMap m && m[last] is null, $"{op.Id}: {description}");
            Assert.Equal(op.Target, Normalize(path));
        }

        foreach (var op in TestData.OfClass(MutationClass.UnknownField))
        {
            var (_, doc, description) = TestData.Apply(op);
            var path = Regex.Match(description, "^add unknown field (?<p>.+)$").Groups["p"].Value;
            Assert.True(TestData.Resolve(doc, path) is YScalar, $"{op.Id}: {description}");
            Assert.EndsWith(".bogusField", path);
        }

        foreach (var op in TestData.OfClass(MutationClass.DuplicateYamlKey))
        {
            var (_, doc, description) = TestData.Apply(op);
            var m = Regex.Match(description, "^write key (?<k>.+) of (?<p>.+) twice$");
            var (parent, key) = (m.Groups["p"].Value == "(root)" ? string.Empty : m.Groups["p"].Value, m.Groups["k"].Value);
            var map = (YMap)TestData.Resolve(doc, parent)!;
            Assert.Equal(2, map.Entries.Count(e => e.Key == key));
            var problems = YamlManifestReader.ReadDocuments("d.yaml", YamlWriter.Write(doc)).SelectMany(d => d.Problems).ToList();
            Assert.Contains(problems, p => p.RuleId == "DS9004");
        }

        foreach (var op in TestData.OfClass(MutationClass.DuplicateItem))
        {
            var (_, doc, description) = TestData.Apply(op);
            var m = Regex.Match(description, @"^repeat (?<p>.+)\[(?<i>\d+)\] as .+\[(?<j>\d+)\]$");
            var list = (YSeq)TestData.Resolve(doc, m.Groups["p"].Value)!;
            Assert.True(list.Items[int.Parse(m.Groups["i"].Value)].SameAs(list.Items[int.Parse(m.Groups["j"].Value)]), $"{op.Id}: {description}");
        }

        foreach (var op in TestData.OfClass(MutationClass.CaseVariantKey))
        {
            for (ulong salt = 0; salt < 10; salt++)
            {
                var seed = TestData.Seeds()[1];
                var doc = (YMap)seed.Document.Clone();
                if (!op.Apply(doc, new BuildContext(Rng.For(salt), new NameGen()), out var description))
                {
                    continue;
                }

                var m = Regex.Match(description, "^rename (?<p>.+) to (?<v>.+)$");
                var (parent, key) = TestData.Split(m.Groups["p"].Value);
                var map = (YMap)TestData.Resolve(doc, parent)!;
                Assert.Null(map[key]);
                Assert.NotNull(map[m.Groups["v"].Value]);
                Assert.Equal(char.ToUpperInvariant(key[0]) + key.Substring(1), m.Groups["v"].Value);
            }
        }
    }

    [Fact]
    public void Add_valid_adds_what_the_seed_lacks_and_nothing_it_has()
    {
        var ops = TestData.OfClass(MutationClass.AddValid);
        Assert.Contains(ops, o => o.Target == "spec.updateStrategy");
        var applied = 0;
        foreach (var op in ops)
        {
            if (!TestData.TryApply(op, out var seed, out var doc, out var description))
            {
                // Only what every seed has already (metadata, the template...) or what a new parent always gets (a
                // required member, such as an exec action's command) cannot be added.
                var last = op.Steps[^1];
                var requiredInParent = last.Owner.Required.Contains(last.Name)
                    || (last.Owner.Name is not null && Templates.ValidationRequired.TryGetValue(last.Owner.Name, out var r) && r.Contains(last.Name));
                Assert.True(requiredInParent || op.Target is "metadata" or "spec" or "spec.selector" or "spec.template" or "spec.template.metadata" or "spec.template.spec" or "spec.selector.matchLabels" or "spec.template.metadata.labels", op.Id);
                continue;
            }

            applied++;
            var path = SetOrAdd.Match(description).Groups["path"].Value;
            Assert.NotNull(TestData.Resolve(doc, path));
            Assert.Null(TestData.Resolve(seed.Document, path));
        }

        Assert.True(applied >= ops.Count / 2, $"only {applied} of {ops.Count} add-valid mutations applied");
    }

    [Fact]
    public void A_mount_added_to_reach_a_field_refers_to_a_volume_of_the_pod()
    {
        var op = TestData.OfClass(MutationClass.Value).First(m => m.Target == "spec.template.spec.containers[*].volumeMounts[*].readOnly" && m.Value!.Tag == "true");
        for (ulong salt = 0; salt < 30; salt++)
        {
            var doc = (YMap)TestData.Seeds()[0].Document.Clone();
            Assert.True(op.Apply(doc, new BuildContext(Rng.For(salt), new NameGen()), out _));
            var spec = (YMap)TestData.Resolve(doc, "spec.template.spec")!;
            var volumes = ((YSeq)spec["volumes"]!).Items.OfType<YMap>().Select(v => v.Str("name")).ToHashSet();
            foreach (var c in ((YSeq)spec["containers"]!).Items.OfType<YMap>())
            {
                foreach (var mount in (c["volumeMounts"] as YSeq)?.Items.OfType<YMap>() ?? Enumerable.Empty<YMap>())
                {
                    Assert.Contains(mount.Str("name"), volumes);
                }
            }
        }
    }

    [Fact]
    public void Update_variants_change_what_they_name()
    {
        var g = new Generator(TestData.Schema, TestData.Seeds(), 11);
        var seen = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            var m = g.Update(i);
            seen.Add(m.Variant!);
            var oldChanged = !m.Old!.SameAs(Renamed(m.Seed.Document, m.Old));
            var newChanged = !m.Document.SameAs(Renamed(m.Seed.Document, m.Document));
            switch (m.Variant)
            {
                case "new":
                    Assert.False(oldChanged, $"{m.Id} {m.Description}");
                    Assert.True(newChanged, $"{m.Id} {m.Description}");
                    break;
                case "old":
                    Assert.True(oldChanged, $"{m.Id} {m.Description}");
                    Assert.False(newChanged, $"{m.Id} {m.Description}");
                    break;
                case "both":
                    Assert.True(oldChanged && newChanged, $"{m.Id} {m.Description}");
                    break;
            }

            // old and new are matched by namespace/name
            Assert.Equal(m.Old!.Map("metadata").Str("name"), m.Document.Map("metadata").Str("name"));
        }

        Assert.Superset(new HashSet<string> { "new", "old", "both", "curated" }, seen);
        Assert.Equal(4, seen.Count);
    }

    [Fact]
    public void Curated_pairs_and_updates_apply_to_an_ordinary_seed()
    {
        // Every curated pair must be able to change a plain DaemonSet (the full schema is needed for the paths they use,
        // so they are applied to the seed tree directly).
        foreach (var p in Scenarios.Pairs())
        {
            var doc = (YMap)TestData.Seeds()[1].Document.Clone();
            Assert.True(p.Apply(doc, new BuildContext(Rng.For(5), new NameGen()), out var d), p.Id);
            Assert.False(doc.SameAs(TestData.Seeds()[1].Document), p.Id + ": " + d);
        }

        foreach (var u in Scenarios.Updates())
        {
            var o = (YMap)TestData.Seeds()[1].Document.Clone();
            var n = (YMap)TestData.Seeds()[1].Document.Clone();
            Assert.True(u.Apply(o, n, new BuildContext(Rng.For(5), new NameGen()), out var d), u.Id);
            Assert.False(o.SameAs(n) && o.SameAs(TestData.Seeds()[1].Document), u.Id + ": " + d);
        }
    }

    private static YMap Renamed(YMap seed, YMap like)
    {
        var copy = (YMap)seed.Clone();
        copy.Map("metadata").Set("name", like.Map("metadata")["name"]!);
        return copy;
    }

    private static string Normalize(string concrete) => Regex.Replace(concrete, @"\[[^\]]*\]", "[*]");
}
