using System;
using System.Collections.Generic;
using System.Linq;
using DaemonLint.Parity.Schema;
using DaemonLint.Parity.Yaml;

namespace DaemonLint.Parity.Generation;

/// <summary>
/// Produces the mutants of a run, deterministically for a seed: create mutants cycle through the schema mutations and
/// the curated pairs (shuffled once by the seed), each applied to a seed picked by the seed; update mutants cycle
/// through the curated updates and, for every storable mutation, its three update variants: mutated new version against
/// the seed (<c>new</c>), the seed against a mutated stored version (<c>old</c>), and the same mutation in both with an
/// unrelated change in the new version (<c>both</c>: ratcheting).
/// </summary>
internal sealed class Generator
{
    /// <summary>The share of update mutants that come from the curated updates (the rest are variants of mutations).</summary>
    public const double CuratedUpdateShare = 0.3;

    /// <summary>How many times each curated pair is entered among the create mutations.</summary>
    public const int PairWeight = 4;

    private readonly IReadOnlyList<Seed> seeds;
    private readonly ulong runSeed;
    private readonly List<IMutation> createOps;
    private readonly List<(IMutation Op, string Variant)> updateOps;
    private readonly List<IUpdateMutation> curatedUpdates;

    /// <summary>Initializes a new instance of the <see cref="Generator"/> class.</summary>
    public Generator(OpenApiSchema schema, IReadOnlyList<Seed> seeds, ulong runSeed)
    {
        if (seeds.Count == 0)
        {
            throw new InvalidOperationException("no seed DaemonSet to mutate");
        }

        this.seeds = seeds;
        this.runSeed = runSeed;
        this.createOps = SchemaMutations.Enumerate(schema);

        // A curated pair makes random choices (which value, which variant): it is entered several times so that a run
        // of a given size tries more of them (each entry applies with its own random source).
        for (var i = 0; i < PairWeight; i++)
        {
            this.createOps.AddRange(Scenarios.Pairs());
        }

        var rng = Rng.For(runSeed, 1);
        rng.Shuffle(this.createOps);

        this.updateOps = new List<(IMutation, string)>();
        foreach (var op in this.createOps)
        {
            if (UpdateApplicable(op))
            {
                this.updateOps.Add((op, "new"));
                if (op.StorableWhenInvalid)
                {
                    this.updateOps.Add((op, "old"));
                    this.updateOps.Add((op, "both"));
                }
            }
        }

        Rng.For(runSeed, 2).Shuffle(this.updateOps);
        this.curatedUpdates = Scenarios.Updates();
        Rng.For(runSeed, 3).Shuffle(this.curatedUpdates);
    }

    /// <summary>Gets the create mutations, in the run's order.</summary>
    public IReadOnlyList<IMutation> CreateOperations => this.createOps;

    /// <summary>Gets the update mutation variants, in the run's order.</summary>
    public IReadOnlyList<(IMutation Op, string Variant)> UpdateOperations => this.updateOps;

    /// <summary>Gets the curated updates, in the run's order.</summary>
    public IReadOnlyList<IUpdateMutation> CuratedUpdates => this.curatedUpdates;

    /// <summary>Makes create mutant number <paramref name="index"/>.</summary>
    public Mutant Create(int index)
    {
        var id = "c" + index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var op = this.createOps[(index + attempt * 7919) % this.createOps.Count];
            var rng = Rng.For(this.runSeed, 10, (ulong)index, (ulong)attempt);
            for (var s = 0; s < 4; s++)
            {
                var seed = this.seeds[rng.Below(this.seeds.Count)];
                if (TryCreate(op, seed, rng, id) is { } m)
                {
                    m.Index = index;
                    return m;
                }
            }
        }

        throw new InvalidOperationException($"no mutation applied for create mutant {index}");
    }

    /// <summary>Makes update mutant number <paramref name="index"/>.</summary>
    public Mutant Update(int index)
    {
        var curatedEvery = (int)Math.Round(1 / CuratedUpdateShare);
        var useCurated = index % curatedEvery == 0;
        var id = "u" + index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var rng = Rng.For(this.runSeed, 20, (ulong)index, (ulong)attempt);
            var seed = this.seeds[rng.Below(this.seeds.Count)];
            var salt = Rng.For(this.runSeed, 30, (ulong)index, (ulong)attempt).Next();
            var m = useCurated
                ? TryUpdate(this.curatedUpdates[((index / curatedEvery) + attempt) % this.curatedUpdates.Count], null, "curated", seed, salt, id)
                : TryUpdateVariant(this.updateOps[((index - (index / curatedEvery) - 1) + attempt * 7919) % this.updateOps.Count], seed, salt, id);
            if (m is not null)
            {
                m.Index = index;
                return m;
            }
        }

        throw new InvalidOperationException($"no update applied for update mutant {index}");
    }

    /// <summary>Applies the mutation of a mutant again, to another seed (to find a smaller reproducer).</summary>
    /// <returns>The new mutant, or null when the mutation does not apply to that seed.</returns>
    public static Mutant? Reapply(Mutant m, Seed seed, ulong salt, string id)
    {
        if (!m.IsUpdate)
        {
            return m.Operation is null ? null : TryCreate(m.Operation, seed, Rng.For(salt), id);
        }

        return m.CuratedUpdate is not null
            ? TryUpdate(m.CuratedUpdate, null, "curated", seed, salt, id)
            : m.Operation is null ? null : TryUpdateVariant((m.Operation, m.Variant!), seed, salt, id);
    }

    private static Mutant? TryCreate(IMutation op, Seed seed, Rng rng, string id)
    {
        var doc = (YMap)seed.Document.Clone();
        if (!op.Apply(doc, new BuildContext(rng, new NameGen()), out var description))
        {
            return null;
        }

        Rename(doc, id, op.Target);
        return new Mutant
        {
            Id = id,
            Seed = seed,
            Operation = op,
            MutationId = op.Id,
            Class = op.Class,
            Target = op.Target,
            Description = description,
            Document = doc,
            Text = YamlWriter.Write(doc),
            Distance = Trees.Distance(seed.Document, doc),
        };
    }

    private static Mutant? TryUpdateVariant((IMutation Op, string Variant) v, Seed seed, ulong salt, string id) => TryUpdate(null, v.Op, v.Variant, seed, salt, id);

    private static Mutant? TryUpdate(IUpdateMutation? curated, IMutation? op, string variant, Seed seed, ulong salt, string id)
    {
        var oldDoc = (YMap)seed.Document.Clone();
        var newDoc = (YMap)seed.Document.Clone();
        string? description;
        if (curated is not null)
        {
            description = curated.Apply(oldDoc, newDoc, new BuildContext(Rng.For(salt), new NameGen()), out var d) ? d : null;
        }
        else
        {
            // "both": the same mutation, with the same random choices, in the stored and the new version.
            description = variant switch
            {
                "new" => op!.Apply(newDoc, new BuildContext(Rng.For(salt), new NameGen()), out var dn) ? "new: " + dn : null,
                "old" => op!.Apply(oldDoc, new BuildContext(Rng.For(salt), new NameGen()), out var dold) ? "old: " + dold : null,
                _ => op!.Apply(oldDoc, new BuildContext(Rng.For(salt), new NameGen()), out var db) && op.Apply(newDoc, new BuildContext(Rng.For(salt), new NameGen()), out _)
                    ? $"old and new: {db}; new also changes an image" : null,
            };
            if (description is not null && variant == "both")
            {
                BumpImage(newDoc);
            }
        }

        if (description is null)
        {
            return null;
        }

        Rename(oldDoc, id, null);
        Rename(newDoc, id, null);
        KeepStoredUid(oldDoc, newDoc);
        return new Mutant
        {
            Id = id,
            IsUpdate = true,
            Seed = seed,
            Operation = op,
            CuratedUpdate = curated,
            MutationId = curated?.Id ?? op!.Id,
            Class = curated is null ? op!.Class : MutationClass.Update,
            Target = curated?.Target ?? op!.Target,
            Variant = variant,
            Description = description,
            Document = newDoc,
            Old = oldDoc,
            Text = YamlWriter.Write(newDoc),
            OldText = YamlWriter.Write(oldDoc),
            Distance = Trees.Distance(seed.Document, newDoc) + Trees.Distance(seed.Document, oldDoc),
        };
    }

    /// <summary>Whether a mutation can run in update mode: the oracle and the core match old and new by namespace/name,
    /// so mutations of those (and of the kind) would turn the update into a create.</summary>
    private static bool UpdateApplicable(IMutation op) =>
        !(op.Target is "metadata.name" or "metadata.namespace" or "metadata.generateName" or "apiVersion" or "kind" or "metadata")
        && !op.Id.StartsWith("pair:meta/no-name", StringComparison.Ordinal)
        && !op.Id.StartsWith("pair:meta/generate-name", StringComparison.Ordinal)
        && !op.Id.StartsWith("pair:meta/namespace", StringComparison.Ordinal);

    /// <summary>Gives the mutant a unique name (unless the mutation is about the name), keeping it a valid DNS subdomain.</summary>
    private static void Rename(YMap doc, string id, string? target)
    {
        if (target is "metadata.name" or "metadata.generateName" or "metadata")
        {
            return;
        }

        if (doc["metadata"] is not YMap meta || meta["name"] is not YScalar { IsRaw: false } name)
        {
            return;
        }

        var baseName = name.Text.Length > 40 ? name.Text.Substring(0, 40).TrimEnd('-', '.') : name.Text;
        meta.Set("name", YScalar.Str(baseName + "-" + id));
    }

    /// <summary>
    /// A new version that repeats the stored object's uid is sent without it. The server treats both the same way
    /// (<c>rest.BeforeUpdate</c>: "Use the existing UID if none is provided"), but the oracle stores the old version
    /// through the create path, which gives it a fresh uid, and would then call the repeated uid a change.
    /// </summary>
    private static void KeepStoredUid(YMap oldDoc, YMap newDoc)
    {
        if (oldDoc["metadata"] is YMap om && newDoc["metadata"] is YMap nm && om["uid"] is YScalar ou && nm["uid"] is YScalar nu && ou.SameAs(nu))
        {
            nm.Remove("uid");
        }
    }

    private static void BumpImage(YMap d)
    {
        if (d["spec"] is YMap s && s["template"] is YMap t && t["spec"] is YMap ps && ps["containers"] is YSeq { Items.Count: > 0 } cs && cs.Items[0] is YMap c)
        {
            c.Set("image", YScalar.Str((c.Str("image") ?? "busybox") + "-v2"));
        }
    }
}
