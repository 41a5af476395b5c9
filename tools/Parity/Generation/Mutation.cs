using System.Collections.Generic;
using DaemonLint.Parity.Yaml;

namespace DaemonLint.Parity.Generation;

/// <summary>The mutation classes (what a mutant's description and the generator tests name).</summary>
internal static class MutationClass
{
    /// <summary>A boundary or invalid value from the field's palette.</summary>
    public const string Value = "value";

    /// <summary>The field set to null (the decoder treats null as absent).</summary>
    public const string Null = "null";

    /// <summary>A value of the wrong JSON type (mapping for a scalar, scalar for a list...).</summary>
    public const string WrongType = "wrong-type";

    /// <summary>A required member removed.</summary>
    public const string RemoveRequired = "remove-required";

    /// <summary>An optional object or list the seed lacks, added with valid content.</summary>
    public const string AddValid = "add-valid";

    /// <summary>A field the schema does not declare.</summary>
    public const string UnknownField = "unknown-field";

    /// <summary>A declared key written with another case (<c>Name</c> for <c>name</c>).</summary>
    public const string CaseVariantKey = "case-variant-key";

    /// <summary>A mapping key written twice.</summary>
    public const string DuplicateYamlKey = "duplicate-yaml-key";

    /// <summary>A list emptied.</summary>
    public const string EmptyList = "empty-list";

    /// <summary>A list item repeated (same merge keys).</summary>
    public const string DuplicateItem = "duplicate-item";

    /// <summary>A curated pair of fields that constrain each other.</summary>
    public const string Pair = "pair";

    /// <summary>A curated update (old and new versions).</summary>
    public const string Update = "update";
}

/// <summary>One way to change a DaemonSet. Applying it is deterministic for a given random source.</summary>
internal interface IMutation
{
    /// <summary>Gets a stable id (class, path and value tag).</summary>
    string Id { get; }

    /// <summary>Gets the mutation class (<see cref="MutationClass"/>).</summary>
    string Class { get; }

    /// <summary>Gets the normalized field path the mutation aims at (indices as <c>[*]</c>).</summary>
    string Target { get; }

    /// <summary>Gets a value indicating whether the mutation may be applied to a stored (old) object: decode and strict
    /// errors cannot be in a stored object.</summary>
    bool StorableWhenInvalid { get; }

    /// <summary>Applies the mutation to a document.</summary>
    /// <param name="root">The DaemonSet (mutated in place).</param>
    /// <param name="ctx">The build context.</param>
    /// <param name="description">What was done, with the concrete path and value.</param>
    /// <returns>False when the mutation does not apply to this document (nothing was changed).</returns>
    bool Apply(YMap root, BuildContext ctx, out string description);
}

/// <summary>A curated update: it turns a seed into an old and a new version.</summary>
internal interface IUpdateMutation
{
    /// <summary>Gets a stable id.</summary>
    string Id { get; }

    /// <summary>Gets the normalized field path the update aims at.</summary>
    string Target { get; }

    /// <summary>Applies the update.</summary>
    /// <param name="oldRoot">The old version (a copy of the seed, mutated in place).</param>
    /// <param name="newRoot">The new version (another copy of the seed, mutated in place).</param>
    /// <param name="ctx">The build context.</param>
    /// <param name="description">What was done.</param>
    /// <returns>False when the update does not apply to this seed.</returns>
    bool Apply(YMap oldRoot, YMap newRoot, BuildContext ctx, out string description);
}

/// <summary>A mutant: one document (and for updates its stored old version) with where it came from.</summary>
internal sealed class Mutant
{
    /// <summary>Gets or sets the 0-based index in the run.</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets the id used as the object name suffix and in file names (<c>c000123</c>, <c>u000045</c>).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets a value indicating whether this is an update.</summary>
    public bool IsUpdate { get; set; }

    /// <summary>Gets or sets the seed it came from.</summary>
    public Seed Seed { get; set; } = null!;

    /// <summary>Gets or sets the mutation applied (create mutants and update variants).</summary>
    public IMutation? Operation { get; set; }

    /// <summary>Gets or sets the curated update applied (curated update mutants).</summary>
    public IUpdateMutation? CuratedUpdate { get; set; }

    /// <summary>Gets or sets the mutation id(s).</summary>
    public string MutationId { get; set; } = string.Empty;

    /// <summary>Gets or sets the mutation class.</summary>
    public string Class { get; set; } = string.Empty;

    /// <summary>Gets or sets the normalized target path.</summary>
    public string Target { get; set; } = string.Empty;

    /// <summary>Gets or sets the update variant (<c>new</c>, <c>old</c>, <c>both</c>, or a curated update), null for creates.</summary>
    public string? Variant { get; set; }

    /// <summary>Gets or sets what was done.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Gets or sets the document.</summary>
    public YMap Document { get; set; } = null!;

    /// <summary>Gets or sets the stored old version (updates).</summary>
    public YMap? Old { get; set; }

    /// <summary>Gets or sets the YAML text of the document.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Gets or sets the YAML text of the old version.</summary>
    public string? OldText { get; set; }

    /// <summary>Gets or sets how far it is from its seed (changed nodes), for picking minimal reproducers.</summary>
    public int Distance { get; set; }
}

/// <summary>A valid DaemonSet the mutants start from.</summary>
internal sealed class Seed
{
    /// <summary>Gets or sets where it came from (<c>tests/Fixtures/DS1001/dont-fire.yaml#2</c>).</summary>
    public string Origin { get; set; } = string.Empty;

    /// <summary>Gets or sets the document.</summary>
    public YMap Document { get; set; } = null!;

    /// <summary>Gets or sets its canonical YAML text.</summary>
    public string Text { get; set; } = string.Empty;
}

/// <summary>Helpers shared by mutations.</summary>
internal static class Trees
{
    /// <summary>The node at a concrete field path as the tools print it (<c>a.b[0].c</c>, <c>m[key]</c>), or null.</summary>
    public static YNode? Resolve(YNode root, string path)
    {
        YNode? cur = root;
        var i = 0;
        while (i < path.Length && cur is not null)
        {
            if (path[i] == '.')
            {
                i++;
                continue;
            }

            if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    return null;
                }

                var key = path.Substring(i + 1, end - i - 1);
                cur = cur switch
                {
                    YSeq s when int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n < s.Items.Count ? s.Items[n] : null,
                    YMap m => m[key],
                    _ => null,
                };
                i = end + 1;
                continue;
            }

            var j = i;
            while (j < path.Length && path[j] != '.' && path[j] != '[')
            {
                j++;
            }

            cur = cur is YMap fm ? fm[path.Substring(i, j - i)] : null;
            i = j;
        }

        return cur;
    }

    /// <summary>The text of the scalar at a concrete path (a string's value, or raw YAML text), or null.</summary>
    public static string? ValueAt(YNode root, string path) => Resolve(root, path) is YScalar s ? s.Text : null;

    /// <summary>The number of nodes that differ between two trees (a changed scalar counts 1, an added subtree its size).</summary>
    public static int Distance(YNode? a, YNode? b)
    {
        if (a is null || b is null)
        {
            return (a?.Size() ?? 0) + (b?.Size() ?? 0);
        }

        switch (a)
        {
            case YMap ma when b is YMap mb:
                var d = 0;
                var seen = new HashSet<string>();
                foreach (var e in ma.Entries)
                {
                    if (!seen.Add(e.Key))
                    {
                        d += e.Value.Size();
                        continue;
                    }

                    d += Distance(e.Value, mb[e.Key]);
                }

                var seenB = new HashSet<string>();
                foreach (var e in mb.Entries)
                {
                    if (!seenB.Add(e.Key) || !ma.TryGet(e.Key, out _))
                    {
                        d += e.Value.Size();
                    }
                }

                return d;
            case YSeq sa when b is YSeq sb:
                var n = 0;
                for (var i = 0; i < System.Math.Max(sa.Items.Count, sb.Items.Count); i++)
                {
                    n += Distance(i < sa.Items.Count ? sa.Items[i] : null, i < sb.Items.Count ? sb.Items[i] : null);
                }

                return n;
            default:
                return a.SameAs(b) ? 0 : System.Math.Max(1, System.Math.Min(a.Size(), b.Size()));
        }
    }
}
