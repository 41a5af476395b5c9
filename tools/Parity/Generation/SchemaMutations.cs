using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DaemonLint.Parity.Schema;
using DaemonLint.Parity.Yaml;

namespace DaemonLint.Parity.Generation;

/// <summary>How a step of a schema path moves.</summary>
internal enum StepKind
{
    /// <summary>Into a property of an object.</summary>
    Field,

    /// <summary>Into an item of an array.</summary>
    Item,

    /// <summary>Onto a key of a map.</summary>
    MapKey,

    /// <summary>Into a value of a map.</summary>
    MapValue,
}

/// <summary>One step of a schema path.</summary>
/// <param name="Kind">How it moves.</param>
/// <param name="Name">The property name (fields).</param>
/// <param name="Owner">The type it moves out of.</param>
/// <param name="Type">The type it moves into.</param>
internal sealed record Step(StepKind Kind, string Name, SchemaType Owner, SchemaType Type)
{
    /// <summary>Gets the rule key of the field (<c>Container.name</c>, <c>ObjectMeta.labels#key</c>, <c>PodDNSConfig.searches[]</c>).</summary>
    public string Key { get; init; } = string.Empty;
}

/// <summary>
/// Walks the <c>apps/v1</c> DaemonSet schema and produces the field mutations: for every field the schema can reach
/// (seeds or not), its palette values, null, wrong types, removal of required members, valid additions of optional
/// objects, unknown and case-variant keys, duplicated YAML keys, empty and duplicated lists.
/// </summary>
internal static class SchemaMutations
{
    /// <summary>Subtrees the walk does not enter: status is cleared on create, ephemeral containers are forbidden in
    /// templates as a whole, and each is still covered by a few mutations of its own.</summary>
    private static readonly HashSet<string> Shallow = new(StringComparer.Ordinal)
    {
        "status",
        "spec.template.spec.ephemeralContainers[*]",
    };

    /// <summary>
    /// Subtrees the walk leaves out entirely. <c>metadata.managedFields</c>: a real API server runs the field manager
    /// before validation, and it drops request managedFields it cannot decode (and a generated entry never decodes:
    /// <c>fieldsType</c> is not <c>FieldsV1</c>), taking the live object's instead
    /// (<c>staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/fieldmanager.go</c> decodeLiveOrNew). The
    /// oracle does not model the field manager (its README, "What it does NOT reproduce") and would report
    /// <c>ValidateManagedFields</c> errors the server never does.
    /// </summary>
    private static readonly HashSet<string> Excluded = new(StringComparer.Ordinal)
    {
        "metadata.managedFields",
    };

    /// <summary>Enumerates the mutations of a schema, in a fixed order.</summary>
    public static List<IMutation> Enumerate(OpenApiSchema schema)
    {
        var list = new List<IMutation>();
        var steps = new List<Step>();
        Walk(schema.DaemonSet, steps, list, new HashSet<string>(StringComparer.Ordinal));
        return list;
    }

    /// <summary>Prints a normalized path for steps (<c>spec.template.spec.containers[*].name</c>).</summary>
    public static string PathOf(IReadOnlyList<Step> steps)
    {
        var sb = new StringBuilder();
        foreach (var s in steps)
        {
            switch (s.Kind)
            {
                case StepKind.Field:
                    if (sb.Length > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append(s.Name);
                    break;
                default:
                    sb.Append("[*]");
                    break;
            }
        }

        return sb.ToString();
    }

    private static void Walk(SchemaType type, List<Step> steps, List<IMutation> into, HashSet<string> onPath)
    {
        var path = PathOf(steps);
        if (Excluded.Contains(path))
        {
            return;
        }

        var shallow = Shallow.Contains(path);
        if (steps.Count > 0)
        {
            AddFieldMutations(type, steps, into, shallow);
        }

        if (shallow || (type.Name is not null && !onPath.Add(type.Name)))
        {
            return;
        }

        switch (type.Kind)
        {
            case SchemaKind.Object:
                foreach (var p in type.Properties)
                {
                    steps.Add(new Step(StepKind.Field, p.Name, type, p.Type) { Key = type.Name + "." + p.Name });
                    Walk(p.Type, steps, into, onPath);
                    steps.RemoveAt(steps.Count - 1);
                }

                break;
            case SchemaKind.Array:
                var owner = steps.Count > 0 ? steps[^1].Key : "root";
                steps.Add(new Step(StepKind.Item, string.Empty, type, type.Element!) { Key = owner + "[]" });
                if (type.Element!.Kind == SchemaKind.Scalar)
                {
                    AddScalarValues(type.Element, steps, into);
                }
                else
                {
                    Walk(type.Element, steps, into, onPath);
                }

                steps.RemoveAt(steps.Count - 1);
                break;
            case SchemaKind.Map:
                var mapOwner = steps[^1].Key;
                steps.Add(new Step(StepKind.MapKey, string.Empty, type, type.Element!) { Key = mapOwner + "#key" });
                AddScalarValues(new SchemaType { Kind = SchemaKind.Scalar, ScalarType = "string" }, steps, into);
                steps[^1] = new Step(StepKind.MapValue, string.Empty, type, type.Element!) { Key = mapOwner + "#value" };
                if (type.Element!.Kind == SchemaKind.Scalar)
                {
                    AddScalarValues(type.Element, steps, into);
                }

                steps.RemoveAt(steps.Count - 1);
                break;
        }

        if (type.Name is not null)
        {
            onPath.Remove(type.Name);
        }
    }

    private static void AddFieldMutations(SchemaType type, List<Step> steps, List<IMutation> into, bool shallow)
    {
        var last = steps[^1];
        if (last.Kind != StepKind.Field)
        {
            // list items and map entries: structure mutations of objects in lists
            if (last.Kind == StepKind.Item && type.Kind == SchemaKind.Object)
            {
                AddObjectMutations(type, steps, into);
            }

            return;
        }

        var s = steps.ToArray();
        into.Add(new SchemaMutation(s, MutationClass.Null, null));
        switch (type.Kind)
        {
            case SchemaKind.Scalar:
                AddScalarValues(type, steps, into);
                into.Add(new SchemaMutation(s, MutationClass.WrongType, new PaletteValue(new YMap().Add("a", YScalar.Str("b")), "mapping")));
                into.Add(new SchemaMutation(s, MutationClass.WrongType, new PaletteValue(YSeq.Of(YScalar.Str("a")), "list")));
                break;
            case SchemaKind.Object:
                into.Add(new SchemaMutation(s, MutationClass.AddValid, null));
                into.Add(new SchemaMutation(s, MutationClass.WrongType, new PaletteValue(YScalar.Str("x"), "string")));
                into.Add(new SchemaMutation(s, MutationClass.WrongType, new PaletteValue(YSeq.Of(new YMap()), "list")));
                if (!shallow)
                {
                    AddObjectMutations(type, steps, into);
                }

                break;
            case SchemaKind.OpenObject:
                into.Add(new SchemaMutation(s, MutationClass.WrongType, new PaletteValue(YScalar.Str("x"), "string")));
                break;
            case SchemaKind.Map:
                into.Add(new SchemaMutation(s, MutationClass.WrongType, new PaletteValue(YScalar.Str("x"), "string")));
                into.Add(new SchemaMutation(s, MutationClass.WrongType, new PaletteValue(YSeq.Of(YScalar.Str("a")), "list")));
                into.Add(new SchemaMutation(s, MutationClass.DuplicateYamlKey, null));
                break;
            case SchemaKind.Array:
                into.Add(new SchemaMutation(s, MutationClass.AddValid, null));
                into.Add(new SchemaMutation(s, MutationClass.EmptyList, null));
                into.Add(new SchemaMutation(s, MutationClass.DuplicateItem, null));
                into.Add(new SchemaMutation(s, MutationClass.WrongType, new PaletteValue(YScalar.Str("x"), "string")));
                into.Add(new SchemaMutation(s, MutationClass.WrongType, new PaletteValue(new YMap().Add("a", YScalar.Str("b")), "mapping")));
                break;
        }

        // required members of the owner: removing this field
        var owner = last.Owner;
        if (owner.Required.Contains(last.Name) || (owner.Name is not null && Templates.ValidationRequired.TryGetValue(owner.Name, out var req) && req.Contains(last.Name)))
        {
            into.Add(new SchemaMutation(s, MutationClass.RemoveRequired, null));
        }
    }

    private static void AddObjectMutations(SchemaType type, List<Step> steps, List<IMutation> into)
    {
        var s = steps.ToArray();
        into.Add(new SchemaMutation(s, MutationClass.UnknownField, null));
        into.Add(new SchemaMutation(s, MutationClass.CaseVariantKey, null));
        into.Add(new SchemaMutation(s, MutationClass.DuplicateYamlKey, null));
    }

    private static void AddScalarValues(SchemaType type, List<Step> steps, List<IMutation> into)
    {
        var s = steps.ToArray();
        var rule = ValueTable.For(steps[^1].Key, PathOf(steps), type);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in ValueTable.Values(rule))
        {
            if (seen.Add(v.Node.ToString()!))
            {
                into.Add(new SchemaMutation(s, MutationClass.Value, v));
            }
        }
    }
}

/// <summary>A mutation of one field found by the schema walk.</summary>
internal sealed class SchemaMutation : IMutation
{
    private readonly Step[] steps;
    private readonly PaletteValue? value;

    /// <summary>Initializes a new instance of the <see cref="SchemaMutation"/> class.</summary>
    public SchemaMutation(Step[] steps, string mutationClass, PaletteValue? value)
    {
        this.steps = steps;
        this.Class = mutationClass;
        this.value = value;
        this.Target = SchemaMutations.PathOf(steps);
        this.Id = mutationClass + ":" + this.Target + (value is null ? string.Empty : "=" + value.Tag);
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public string Class { get; }

    /// <inheritdoc />
    public string Target { get; }

    /// <summary>Gets the palette value, for value and wrong-type mutations.</summary>
    public PaletteValue? Value => this.value;

    /// <summary>Gets the steps.</summary>
    public IReadOnlyList<Step> Steps => this.steps;

    /// <inheritdoc />
    public bool StorableWhenInvalid => this.Class is MutationClass.Value or MutationClass.Null or MutationClass.RemoveRequired or MutationClass.AddValid or MutationClass.EmptyList or MutationClass.DuplicateItem
        && !(this.value is { } v && IsDecodeTrap(v));

    /// <inheritdoc />
    public bool Apply(YMap root, BuildContext ctx, out string description)
    {
        description = string.Empty;
        var nav = new Navigator(root, ctx);
        var objectLevel = this.Class is MutationClass.UnknownField or MutationClass.CaseVariantKey or MutationClass.DuplicateItem or MutationClass.AddValid
            || (this.Class == MutationClass.DuplicateYamlKey);
        if (this.Class == MutationClass.AddValid)
        {
            return this.ApplyToNode(nav, null, string.Empty, ctx, out description);
        }

        if (objectLevel)
        {
            if (!nav.Reach(this.steps, this.steps.Length, out var node, out var where, create: true))
            {
                return false;
            }

            return this.ApplyToNode(nav, node, where, ctx, out description);
        }

        if (!nav.ReachParent(this.steps, out var parent, out var where2))
        {
            return false;
        }

        return this.ApplyToSlot(nav, parent, where2, ctx, out description);
    }

    private static readonly HashSet<string> DecodeTraps = new(StringComparer.Ordinal)
    {
        "quoted", "fraction", "int32-overflow", "int32-underflow", "int64-overflow", "number", "json-float", "float",
        "yaml11-bool", "yaml11-float", "yaml11-octal", "yaml-bool", "yaml12-octal", "bad-octal", "bad-suffix",
    };

    // Values the decoder rejects cannot be in a stored object (the oracle's answer filters the rest).
    private static bool IsDecodeTrap(PaletteValue v) => DecodeTraps.Contains(v.Tag);

    private bool ApplyToNode(Navigator nav, YNode? node, string where, BuildContext ctx, out string description)
    {
        description = string.Empty;
        var last = this.steps[^1];
        switch (this.Class)
        {
            case MutationClass.AddValid:
                // the node must not exist yet: an optional object or list the seed lacks, added valid
                if (!nav.ReachParent(this.steps, out var parent, out var pw, omitLastMember: true) || parent is not YMap pm || pm[last.Name] is { } present && !(present is YScalar { Text: "null" }))
                {
                    return false;
                }

                YNode added;
                if (last.Type.Kind == SchemaKind.Array)
                {
                    var item = nav.Create(last.Type.Element!, last.Key + "[]", this.Target + "[*]", null);
                    added = YSeq.Of(item);
                }
                else
                {
                    added = nav.Create(last.Type, last.Key, this.Target, null);
                }

                pm.Set(last.Name, added);
                description = $"add {Join(pw, last.Name)} = {Short(added)}";
                return true;
            case MutationClass.UnknownField:
                if (node is not YMap um)
                {
                    return false;
                }

                um.Add("bogusField", YScalar.Str("x"));
                description = $"add unknown field {Join(where, "bogusField")}";
                return true;
            case MutationClass.CaseVariantKey:
                if (node is not YMap cm || cm.Entries.Count == 0)
                {
                    return false;
                }

                var idx = ctx.Rng.Below(cm.Entries.Count);
                var key = cm.Entries[idx].Key;
                if (key.Length == 0 || !char.IsLower(key[0]))
                {
                    return false;
                }

                var variant = char.ToUpperInvariant(key[0]) + key.Substring(1);
                cm.Entries[idx] = new KeyValuePair<string, YNode>(variant, cm.Entries[idx].Value);
                description = $"rename {Join(where, key)} to {variant}";
                return true;
            case MutationClass.DuplicateYamlKey:
                if (node is YMap { Entries.Count: 0 } empty && last.Type.Kind == SchemaKind.Map)
                {
                    // an empty map (labels, annotations...): give it one valid entry to write twice
                    var k = Templates.Minimal(new SchemaType { Kind = SchemaKind.Scalar }, last.Key + "#key", this.Target + "[*]", ctx);
                    empty.Add(k is YScalar ks ? ks.Text : "k", Templates.Minimal(last.Type.Element!, last.Key + "#value", this.Target + "[*]", ctx));
                }

                if (node is YMap { Entries.Count: 0 } emptyObject && last.Type.Kind == SchemaKind.Object && last.Type.Properties.Count > 0)
                {
                    // an empty object ({} in the seed, or just created): give it one valid member to write twice
                    var p = last.Type.Properties[ctx.Rng.Below(last.Type.Properties.Count)];
                    emptyObject.Add(p.Name, Templates.Minimal(p.Type, last.Type.Name + "." + p.Name, this.Target + "." + p.Name, ctx));
                }

                if (node is not YMap dm || dm.Entries.Count == 0)
                {
                    return false;
                }

                var e = dm.Entries[ctx.Rng.Below(dm.Entries.Count)];
                dm.Entries.Add(new KeyValuePair<string, YNode>(e.Key, e.Value.Clone()));
                description = $"write key {e.Key} of {(where.Length == 0 ? "(root)" : where)} twice";
                return true;
            case MutationClass.DuplicateItem:
                if (node is not YSeq seq)
                {
                    return false;
                }

                if (seq.Items.Count == 0)
                {
                    seq.Items.Add(nav.Create(last.Type.Element!, last.Key + "[]", this.Target + "[*]", null));
                }

                var i = ctx.Rng.Below(seq.Items.Count);
                seq.Items.Add(seq.Items[i].Clone());
                description = $"repeat {where}[{i}] as {where}[{seq.Items.Count - 1}]";
                return true;
        }

        return false;
    }

    private bool ApplyToSlot(Navigator nav, YNode parent, string where, BuildContext ctx, out string description)
    {
        description = string.Empty;
        var last = this.steps[^1];
        YNode newValue = this.Class switch
        {
            MutationClass.Null => YScalar.Null(),
            MutationClass.EmptyList => new YSeq(),
            MutationClass.Value or MutationClass.WrongType => this.value!.Node.Clone(),
            _ => null!,
        };
        var tag = this.value is null ? string.Empty : " (" + this.value.Tag + ")";
        switch (last.Kind)
        {
            case StepKind.Field when parent is YMap m:
                if (this.Class == MutationClass.RemoveRequired)
                {
                    if (!m.Remove(last.Name))
                    {
                        return false;
                    }

                    description = $"remove required {Join(where, last.Name)}";
                    return true;
                }

                m.Set(last.Name, newValue);
                description = $"set {Join(where, last.Name)} = {Short(newValue)}{tag}";
                return true;
            case StepKind.Item when parent is YSeq s:
                if (s.Items.Count > 0 && ctx.Rng.Chance(0.5))
                {
                    var i = ctx.Rng.Below(s.Items.Count);
                    s.Items[i] = newValue;
                    description = $"set {where}[{i}] = {Short(newValue)}{tag}";
                }
                else
                {
                    s.Items.Add(newValue);
                    description = $"add {where}[{s.Items.Count - 1}] = {Short(newValue)}{tag}";
                }

                return true;
            case StepKind.MapKey when parent is YMap km:
                if (newValue is not YScalar ks)
                {
                    return false;
                }

                var validValue = Templates.Minimal(last.Type, this.steps[^1].Key.Replace("#key", "#value", StringComparison.Ordinal), this.Target, ctx);
                km.Remove(ks.Text);
                km.Add(ks.Text, validValue);
                if (ks.IsRaw)
                {
                    km.RawKeys.Add(ks.Text);
                }

                description = $"add key {where}[{ks}] = {Short(validValue)}{tag}";
                return true;
            case StepKind.MapValue when parent is YMap vm:
                string key;
                if (vm.Entries.Count > 0 && ctx.Rng.Chance(0.5))
                {
                    key = vm.Entries[ctx.Rng.Below(vm.Entries.Count)].Key;
                }
                else
                {
                    var keyNode = Templates.Minimal(new SchemaType { Kind = SchemaKind.Scalar }, this.steps[^1].Key.Replace("#value", "#key", StringComparison.Ordinal), this.Target, ctx);
                    key = keyNode is YScalar k ? k.Text : "k";
                }

                vm.Set(key, newValue);
                description = $"set {where}[{key}] = {Short(newValue)}{tag}";
                return true;
        }

        return false;
    }

    private static string Join(string where, string name) => where.Length == 0 ? name : where + "." + name;

    /// <summary>A short display of a value for descriptions.</summary>
    public static string Short(YNode n)
    {
        var text = n switch
        {
            YScalar s => s.ToString(),
            YMap { Entries.Count: 0 } => "{}",
            YSeq { Items.Count: 0 } => "[]",
            _ => YamlWriter.Write(n).Replace("\n", " ", StringComparison.Ordinal).Trim(),
        };
        return text.Length > 80 ? text.Substring(0, 60) + $"…({text.Length} chars)" : text;
    }
}

/// <summary>Moves along schema steps in a document, creating minimal valid objects where the seed has none.</summary>
internal sealed class Navigator
{
    private readonly YMap root;
    private readonly BuildContext ctx;

    /// <summary>Initializes a new instance of the <see cref="Navigator"/> class.</summary>
    public Navigator(YMap root, BuildContext ctx)
    {
        this.root = root;
        this.ctx = ctx;
    }

    /// <summary>Creates a minimal valid value of a type.</summary>
    public YNode Create(SchemaType type, string key, string path, string? member) => Templates.Minimal(type, key, path, this.ctx, member);

    /// <summary>Reaches the container of the last step (a mapping for fields and map entries, a sequence for items).</summary>
    public bool ReachParent(IReadOnlyList<Step> steps, out YNode parent, out string where, bool omitLastMember = false)
    {
        var ok = this.Reach(steps, steps.Count - 1, out var p, out where, create: true, omitLastMember);
        parent = p!;
        return ok && p is not null;
    }

    /// <summary>Reaches the node after <paramref name="count"/> steps, creating what is missing when asked.</summary>
    /// <param name="steps">The steps.</param>
    /// <param name="count">How many steps to take.</param>
    /// <param name="node">The node reached.</param>
    /// <param name="where">Its concrete path.</param>
    /// <param name="create">Whether to create a missing last node (intermediate ones are always created).</param>
    /// <param name="omitLastMember">Whether the step after the last one is a one-of member about to be added: a new
    /// parent then gets no member at all (instead of its default one).</param>
    public bool Reach(IReadOnlyList<Step> steps, int count, out YNode? node, out string where, bool create, bool omitLastMember = false)
    {
        YNode cur = this.root;
        var sb = new StringBuilder();
        this.ctx.PodSpec = null;
        this.ctx.InVolume = false;
        for (var i = 0; i < count; i++)
        {
            var step = steps[i];
            var next = i + 1 < steps.Count ? steps[i + 1] : null;
            var isLast = i == count - 1;
            if (step.Owner.Name == "PodSpec" && cur is YMap ps)
            {
                this.ctx.PodSpec = ps;
            }

            if (step.Name is "volumes" or "sources")
            {
                this.ctx.InVolume = true;
            }

            switch (step.Kind)
            {
                case StepKind.Field:
                    if (cur is not YMap m)
                    {
                        node = null;
                        where = sb.ToString();
                        return false;
                    }

                    if (sb.Length > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append(step.Name);
                    var child = m[step.Name];
                    if (!Fits(child, step.Type))
                    {
                        if (!create && isLast)
                        {
                            node = child;
                            where = sb.ToString();
                            return true;
                        }

                        // Reaching a one-of member that is itself to be added (add-valid): build the parent without any member.
                        var member = omitLastMember && i == count - 1 && MemberFor(step.Type, next) is not null ? string.Empty : MemberFor(step.Type, next);
                        child = this.Create(step.Type, step.Key, SchemaMutations.PathOf(steps.Take(i + 1).ToList()), member);
                        m.Set(step.Name, child);
                    }
                    else if (next is { Kind: StepKind.Field } && child is YMap cm && Templates.OneOf.TryGetValue(step.Type.Name ?? string.Empty, out var g) && g.Members.Contains(next.Name) && cm[next.Name] is null)
                    {
                        foreach (var other in g.Members)
                        {
                            cm.Remove(other);
                        }
                    }

                    cur = child!;
                    break;
                case StepKind.Item:
                    if (cur is not YSeq s)
                    {
                        node = null;
                        where = sb.ToString();
                        return false;
                    }

                    var eligible = new List<int>();
                    for (var j = 0; j < s.Items.Count; j++)
                    {
                        if (Fits(s.Items[j], step.Type) && Compatible(s.Items[j], step.Type, next))
                        {
                            eligible.Add(j);
                        }
                    }

                    int index;
                    if (eligible.Count > 0 && this.ctx.Rng.Chance(0.75))
                    {
                        index = eligible[this.ctx.Rng.Below(eligible.Count)];
                    }
                    else
                    {
                        var itemMember = omitLastMember && i == count - 1 && MemberFor(step.Type, next) is not null ? string.Empty : MemberFor(step.Type, next);
                        s.Items.Add(this.Create(step.Type, step.Key, SchemaMutations.PathOf(steps.Take(i + 1).ToList()), itemMember));
                        index = s.Items.Count - 1;
                    }

                    sb.Append('[').Append(index).Append(']');
                    cur = s.Items[index];
                    break;
                default:
                    node = null;
                    where = sb.ToString();
                    return false; // map values are scalars in this schema
            }
        }

        node = cur;
        where = sb.ToString();
        return true;
    }

    private static string? MemberFor(SchemaType type, Step? next) =>
        next is { Kind: StepKind.Field } && Templates.OneOf.TryGetValue(type.Name ?? string.Empty, out var g) && g.Members.Contains(next.Name) ? next.Name : null;

    private static bool Compatible(YNode item, SchemaType type, Step? next)
    {
        if (next is not { Kind: StepKind.Field } || item is not YMap m || !Templates.OneOf.TryGetValue(type.Name ?? string.Empty, out var g) || !g.Members.Contains(next.Name))
        {
            return true;
        }

        return m[next.Name] is not null;
    }

    private static bool Fits(YNode? node, SchemaType type) => type.Kind switch
    {
        SchemaKind.Object or SchemaKind.Map or SchemaKind.OpenObject => node is YMap,
        SchemaKind.Array => node is YSeq,
        _ => node is YScalar s && s.Text != "null",
    };
}
