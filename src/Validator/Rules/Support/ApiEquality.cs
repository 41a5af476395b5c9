using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Schema;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>
/// <c>apiequality.Semantic.DeepEqual</c> (apimachinery <c>pkg/api/equality</c>) over manifest values as the API server
/// holds them: decoded into the release's types (fields its schema does not declare are gone), defaulted
/// (<see cref="PodTemplateDefaults"/>), converted to the internal types (<c>serviceAccount</c> is only an alias of
/// <c>serviceAccountName</c>; the host namespace fields move into the security context, which changes nothing here). The
/// DaemonSet strategy's <c>PrepareForUpdate</c> compares pod templates so (<see cref="Templates"/>; the caller passes
/// the trees without the fields the feature gates drop), <c>ValidateImmutableField</c> the selector
/// (<see cref="Values"/>). The comparison is the forked <c>reflect.DeepEqual</c> of apimachinery
/// (<c>third_party/forked/golang/reflect</c>) with the Semantic equalities:
/// <list type="bullet">
/// <item>nil and empty slices and maps are equal; a slice compares item by item, in order; a map by key;</item>
/// <item>a pointer field that is absent is nil, unequal to any value (<c>lifecycle: {}</c>, <c>runAsUser: 0</c>); a value
/// field that is absent is its zero value (<c>hostNetwork: false</c>, <c>image: ""</c>, <c>resources: {}</c>)
/// (<see cref="PodTemplateGoTypes"/>);</item>
/// <item>quantities compare by value (<c>1000m</c> is <c>1</c>), after defaulting rounded them up to milli-units in
/// resource lists; times compare as instants; an int-or-string's int never equals its string.</item>
/// </list>
/// A value that does not decode into its field (the request fails before the strategy runs) compares as written.
/// Linear in the two trees: mappings are looked up by key, sequences walked once.
/// </summary>
internal sealed class ApiEquality
{
    // The zero metav1.Time: 0001-01-01T00:00:00Z, in seconds since the Unix epoch.
    private const long ZeroTimeSeconds = -62135596800;

    private static readonly ConditionalWeakTable<SchemaNode, StructInfo> Infos = new();
    private static readonly MappingNode Empty = new(SourceSpan.None, Array.Empty<MappingEntry>());

    private readonly FeatureGateSet gates;

    // Up to 1.27, SetDefaults_PodSpec gave each port of a hostNetwork pod's containers and init containers the
    // containerPort as hostPort; from 1.28 only pods get it (SetDefaults_Pod).
    private readonly bool templateHostPorts;

    // The pod spec being compared: whether each side has hostNetwork; and whether the walk is inside a container or init
    // container (not an ephemeral one), whose ports get that default.
    private bool hostNetworkA;
    private bool hostNetworkB;
    private bool inContainer;

    private ApiEquality(FeatureGateSet gates)
    {
        this.gates = gates;
        this.templateHostPorts = !gates.Release.IsAtLeast(28);
    }

    private enum Role
    {
        Other,
        PodSpec,
        Container,
        EphemeralContainer,
    }

    private enum GoKind
    {
        Nil,
        String,
        Integer,
        Boolean,
        Quantity,
        Time,
        Raw,
    }

    /// <summary>Compares two pod templates (<c>spec.template</c> of a DaemonSet) as the API server does on update.</summary>
    /// <param name="a">One template (null: absent).</param>
    /// <param name="b">The other.</param>
    /// <param name="gates">The release and gates: the schema, the defaults and the gate-dependent ones.</param>
    /// <returns>Whether <c>Semantic.DeepEqual</c> holds.</returns>
    public static bool Templates(ManifestNode? a, ManifestNode? b, FeatureGateSet gates)
    {
        var template = SchemaSet.For(gates.Release).Definition(PodTemplateGoTypes.Core + "PodTemplateSpec");
        return template is null
            ? Structural(Present(a), Present(b)) // no release lacks it; kept total
            : new ApiEquality(gates).Value(a, b, template, round: false);
    }

    /// <summary>Compares two values of a field of the given schema (with the defaults of its types, if any).</summary>
    /// <param name="a">One value (null: absent).</param>
    /// <param name="b">The other.</param>
    /// <param name="schema">The field's schema.</param>
    /// <param name="pointer">Whether the Go field is a pointer (absent is nil, unequal to any value) rather than a value
    /// (absent is its zero value).</param>
    /// <param name="gates">The release and gates.</param>
    /// <returns>Whether <c>Semantic.DeepEqual</c> holds.</returns>
    public static bool Values(ManifestNode? a, ManifestNode? b, SchemaNode schema, bool pointer, FeatureGateSet gates)
    {
        a = Present(a);
        b = Present(b);
        if (pointer && (a is null || b is null))
        {
            return a is null && b is null;
        }

        return new ApiEquality(gates).Value(a, b, schema, round: false);
    }

    // A null scalar decodes as an absent field.
    private static ManifestNode? Present(ManifestNode? n) => n is null || n.IsNull ? null : n;

    private static StructInfo Info(SchemaNode schema) => Infos.GetValue(schema, static s => new StructInfo(s));

    private static bool IsScalarKind(SchemaKind kind) =>
        kind is SchemaKind.String or SchemaKind.Integer or SchemaKind.Number or SchemaKind.Boolean or SchemaKind.IntOrString or SchemaKind.Quantity or SchemaKind.DateTime;

    // Values that do not decode into their field, and free-form fields (FieldsV1): compared as written, mappings by key.
    private static bool Structural(ManifestNode? a, ManifestNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        switch (a)
        {
            case MappingNode ma when b is MappingNode mb:
                if (ma.Count != mb.Count)
                {
                    return false;
                }

                foreach (var e in ma.Entries)
                {
                    if (!mb.TryGetEntry(e.Key, out var other) || !Structural(e.Value, other.Value))
                    {
                        return false;
                    }
                }

                return true;
            case SequenceNode sa when b is SequenceNode sb:
                if (sa.Count != sb.Count)
                {
                    return false;
                }

                for (var i = 0; i < sa.Count; i++)
                {
                    if (!Structural(sa.Items[i], sb.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case ScalarNode xa when b is ScalarNode xb:
                if (xa.Type is ScalarType.Int or ScalarType.Float && xb.Type is ScalarType.Int or ScalarType.Float)
                {
                    return xa.Number.Equals(xb.Number);
                }

                return xa.Type == xb.Type && (xa.Type == ScalarType.Bool ? xa.BoolValue == xb.BoolValue : string.Equals(xa.Raw, xb.Raw, StringComparison.Ordinal));
            default:
                return false; // unknown values (C# front end) never compare equal
        }
    }

    // A scalar as its Go field holds it; a node that does not decode into the field's type is kept as Raw.
    private static Go Decode(ManifestNode? node, SchemaKind kind, bool round)
    {
        if (Present(node) is not { } n)
        {
            return default;
        }

        var s = n as ScalarNode;
        switch (kind)
        {
            case SchemaKind.String when s is { Type: ScalarType.String }:
                return Go.Text(s.Raw);
            case SchemaKind.Integer when s is { Type: ScalarType.Int or ScalarType.Float, IntValue: { } v }:
                return Go.Number(v);
            case SchemaKind.Boolean when s is { Type: ScalarType.Bool }:
                return Go.Bool(s.BoolValue);
            case SchemaKind.IntOrString when s is { Type: ScalarType.String }:
                return Go.Text(s.Raw);
            case SchemaKind.IntOrString when s is { Type: ScalarType.Int or ScalarType.Float, IntValue: { } v }:
                return Go.Number(v);
            case SchemaKind.Quantity when Quantity.TryParse(n, out var q, out _):
                return Go.Amount(round ? q.RoundUp(PodTemplateDefaults.QuantityMapScale) : q);
            case SchemaKind.DateTime when s is { Type: ScalarType.String } && TryParseTime(s.Raw, out var seconds, out var nanos):
                return Go.Instant(seconds, nanos);
            default:
                return Go.Unparsed(n);
        }
    }

    // The zero value of a value field of a scalar kind.
    private static Go Zero(SchemaKind kind) => kind switch
    {
        SchemaKind.String => Go.Text(string.Empty),
        SchemaKind.Integer or SchemaKind.IntOrString => Go.Number(0),
        SchemaKind.Boolean => Go.Bool(false),
        SchemaKind.Quantity => Go.Amount(Quantity.Zero),
        SchemaKind.DateTime => Go.Instant(ZeroTimeSeconds, 0),
        _ => default,
    };

    private static Go Constant(object? value) => value switch
    {
        string s => Go.Text(s),
        long l => Go.Number(l),
        bool b => Go.Bool(b),
        _ => default,
    };

    private static bool BoolOf(MappingNode? map, string key) => Decode(map?[key], SchemaKind.Boolean, false) is { Kind: GoKind.Boolean, Long: 1 };

    private static string TextOf(MappingNode? map, string key) => Decode(map?[key], SchemaKind.String, false) is { Kind: GoKind.String } t ? t.String! : string.Empty;

    // Whether a volume names a source: SetDefaults_Volume gives emptyDir to one whose VolumeSource pointers are all nil.
    private static bool HasSource(MappingNode? volume, StructInfo info)
    {
        if (volume is null)
        {
            return false;
        }

        foreach (var e in volume.Entries)
        {
            if (e.Key != "name" && info.Fields.ContainsKey(e.Key) && Present(e.Value) is not null)
            {
                return true;
            }
        }

        return false;
    }

    // time.Parse(time.RFC3339, s) as metav1.Time decodes it (Go's RFC 3339 fast path): the instant, to the nanosecond.
    // Other spellings Go's general parser would also take compare as written.
    private static bool TryParseTime(string s, out long seconds, out int nanos)
    {
        seconds = 0;
        nanos = 0;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
            || month is < 1 or > 12 || day < 1 || day > DaysIn(month, year) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        if (i + 1 < s.Length && s[i] == '.' && s[i + 1] is >= '0' and <= '9')
        {
            i++;
            var scale = 100_000_000;
            while (i < s.Length && s[i] is >= '0' and <= '9')
            {
                nanos += (s[i] - '0') * scale; // digits past the ninth are dropped, as parseNanoseconds does
                scale /= 10;
                i++;
            }
        }

        var offset = 0;
        if (s.Length - i == 1 && s[i] == 'Z')
        {
            offset = 0;
        }
        else if (s.Length - i == 6 && s[i] is '+' or '-' && s[i + 3] == ':' && Digits(s, i + 1, 2, out var oh) && Digits(s, i + 4, 2, out var om) && oh <= 23 && om <= 59)
        {
            offset = ((oh * 60) + om) * 60 * (s[i] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        seconds = (DaysFromCivil(year, month, day) * 86400L) + (hour * 3600L) + (minute * 60L) + second - offset;
        return true;
    }

    private static bool Digits(string s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (s[i] is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    private static int DaysIn(int month, int year) => month == 2
        ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
        : month is 4 or 6 or 9 or 11 ? 30 : 31;

    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil; year 0 included, as in Go).
    private static long DaysFromCivil(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - (era * 400);
        var doy = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    // A value (not a field): absent is the zero value of its type.
    private bool Value(ManifestNode? a, ManifestNode? b, SchemaNode schema, bool round)
    {
        a = Present(a);
        b = Present(b);
        switch (schema.Kind)
        {
            case SchemaKind.Object:
                return (a is null or MappingNode) && (b is null or MappingNode)
                    ? this.Struct(a as MappingNode, b as MappingNode, schema)
                    : Structural(a, b);
            case SchemaKind.Array:
                return this.Slice(a, b, schema);
            case SchemaKind.Map:
                return this.Map(a, b, schema);
            case SchemaKind.Any:
                return Structural(a, b);
            default:
                var x = Decode(a, schema.Kind, round);
                var y = Decode(b, schema.Kind, round);
                return (x.Kind == GoKind.Nil ? Zero(schema.Kind) : x).Equals(y.Kind == GoKind.Nil ? Zero(schema.Kind) : y);
        }
    }

    private bool Slice(ManifestNode? a, ManifestNode? b, SchemaNode schema)
    {
        if (a is not (null or SequenceNode) || b is not (null or SequenceNode) || schema.Items is not { } items)
        {
            return Structural(a, b);
        }

        var sa = a as SequenceNode;
        var sb = b as SequenceNode;
        var count = sa?.Count ?? 0;
        if (count != (sb?.Count ?? 0))
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!this.Value(sa!.Items[i], sb!.Items[i], items, round: false))
            {
                return false;
            }
        }

        return true;
    }

    private bool Map(ManifestNode? a, ManifestNode? b, SchemaNode schema)
    {
        if (a is not (null or MappingNode) || b is not (null or MappingNode) || schema.MapValue is not { } values)
        {
            return Structural(a, b);
        }

        var ma = a as MappingNode;
        var mb = b as MappingNode;
        if ((ma?.Count ?? 0) != (mb?.Count ?? 0))
        {
            return false;
        }

        if (ma is null)
        {
            return true;
        }

        // A map of quantities is a ResourceList: SetDefaults_ResourceList rounded each entry up to milli-units.
        var round = values.Kind == SchemaKind.Quantity;
        foreach (var e in ma.Entries)
        {
            if (!mb!.TryGetEntry(e.Key, out var other) || !this.Value(e.Value, other.Value, values, round))
            {
                return false;
            }
        }

        return true;
    }

    private bool Struct(MappingNode? a, MappingNode? b, SchemaNode schema)
    {
        var info = Info(schema);
        var (savedA, savedB, savedIn) = (this.hostNetworkA, this.hostNetworkB, this.inContainer);
        switch (info.Role)
        {
            case Role.PodSpec:
                this.hostNetworkA = BoolOf(a, "hostNetwork");
                this.hostNetworkB = BoolOf(b, "hostNetwork");
                break;
            case Role.Container:
                this.inContainer = true;
                break;
            case Role.EphemeralContainer:
                this.inContainer = false;
                break;
        }

        try
        {
            // Each declared field present on one side at least; a field absent on both is equal on both (its default, if
            // any, depends only on fields compared here too).
            if (a is not null)
            {
                foreach (var e in a.Entries)
                {
                    if (info.Fields.TryGetValue(e.Key, out var f) && !f.Alias && !this.Field(f, e.Value, b?[e.Key], a, b))
                    {
                        return false;
                    }
                }
            }

            if (b is not null)
            {
                foreach (var e in b.Entries)
                {
                    if (info.Fields.TryGetValue(e.Key, out var f) && !f.Alias && (a is null || !a.TryGetEntry(e.Key, out _)) && !this.Field(f, null, e.Value, a, b))
                    {
                        return false;
                    }
                }
            }

            // Convert_v1_PodSpec_To_core_PodSpec: the internal serviceAccountName is serviceAccountName, or when that is
            // empty the deprecated serviceAccount; the internal type has no serviceAccount.
            return info.Role != Role.PodSpec || this.ServiceAccount(a).Equals(this.ServiceAccount(b));
        }
        finally
        {
            (this.hostNetworkA, this.hostNetworkB, this.inContainer) = (savedA, savedB, savedIn);
        }
    }

    private Go ServiceAccount(MappingNode? spec)
    {
        var name = Decode(spec?["serviceAccountName"], SchemaKind.String, false);
        if ((name.Kind == GoKind.String && name.String!.Length > 0) || name.Kind == GoKind.Raw)
        {
            return name;
        }

        var alias = Decode(spec?["serviceAccount"], SchemaKind.String, false);
        return alias.Kind == GoKind.Nil ? Go.Text(string.Empty) : alias;
    }

    // A struct field: pointer or value, with its default.
    private bool Field(FieldInfo f, ManifestNode? a, ManifestNode? b, MappingNode? parentA, MappingNode? parentB)
    {
        a = Present(a);
        b = Present(b);
        var kind = f.Schema.Kind;
        if ((kind == SchemaKind.Object && !f.ValueStruct) || (kind == SchemaKind.Any && f.Pointer))
        {
            // A pointer to a struct (or to FieldsV1): nil when absent, unless defaulting makes an empty one.
            a ??= this.DefaultsToEmpty(f, parentA) ? Empty : null;
            b ??= this.DefaultsToEmpty(f, parentB) ? Empty : null;
            if (a is null || b is null)
            {
                return a is null && b is null;
            }

            return this.Value(a, b, f.Schema, round: false);
        }

        if (!IsScalarKind(kind))
        {
            return this.Value(a, b, f.Schema, round: false); // value struct, slice, map, free-form value
        }

        return this.Scalar(f, a, parentA, sideA: true).Equals(this.Scalar(f, b, parentB, sideA: false));
    }

    private bool DefaultsToEmpty(FieldInfo f, MappingNode? parent) => f.Default.Kind switch
    {
        DefaultKind.EmptyStruct => true,
        DefaultKind.EmptyDirWithoutSource => !HasSource(parent, f.Parent),
        _ => false,
    };

    // A scalar field after defaulting: a pointer field is defaulted when nil, a value field when zero (Go tests == "", == 0).
    private Go Scalar(FieldInfo f, ManifestNode? node, MappingNode? parent, bool sideA)
    {
        var kind = f.Schema.Kind;
        var v = Decode(node, kind, false);
        if (!f.Pointer && v.Kind == GoKind.Nil)
        {
            v = Zero(kind);
        }

        if (f.Default.Kind == DefaultKind.None || !(f.Pointer ? v.Kind == GoKind.Nil : v.Equals(Zero(kind))))
        {
            return v;
        }

        switch (f.Default.Kind)
        {
            case DefaultKind.Constant:
                return Constant(f.Default.Value);
            case DefaultKind.PullPolicyFromImage:
                return Go.Text(ImageReference.DefaultPullPolicy(TextOf(parent, "image"), this.gates.Release));
            case DefaultKind.PullPolicyFromReference:
                return this.gates.Enabled(FeatureGate.ImageVolume)
                    ? Go.Text(ImageReference.DefaultPullPolicy(TextOf(parent, "reference"), this.gates.Release))
                    : v;
            case DefaultKind.HostPortFromContainerPort:
                if (this.templateHostPorts && this.inContainer && (sideA ? this.hostNetworkA : this.hostNetworkB))
                {
                    var containerPort = Decode(parent?["containerPort"], SchemaKind.Integer, false);
                    return containerPort.Kind == GoKind.Nil ? Go.Number(0) : containerPort;
                }

                return v;
            default:
                return v;
        }
    }

    // A decoded scalar: a string, an integer (int-or-string ints too), a boolean, a quantity, an instant, or the node
    // of a value that does not decode (compared as written).
    private readonly struct Go : IEquatable<Go>
    {
        private Go(GoKind kind, string? text, long number, int nanos, Quantity? quantity, ManifestNode? node)
        {
            this.Kind = kind;
            this.String = text;
            this.Long = number;
            this.Nanos = nanos;
            this.Quantity = quantity;
            this.Node = node;
        }

        public GoKind Kind { get; }

        public string? String { get; }

        public long Long { get; }

        public int Nanos { get; }

        public Quantity? Quantity { get; }

        public ManifestNode? Node { get; }

        public static Go Text(string s) => new(GoKind.String, s, 0, 0, null, null);

        public static Go Number(long n) => new(GoKind.Integer, null, n, 0, null, null);

        public static Go Bool(bool b) => new(GoKind.Boolean, null, b ? 1 : 0, 0, null, null);

        public static Go Amount(Quantity q) => new(GoKind.Quantity, null, 0, 0, q, null);

        public static Go Instant(long seconds, int nanos) => new(GoKind.Time, null, seconds, nanos, null, null);

        public static Go Unparsed(ManifestNode node) => new(GoKind.Raw, null, 0, 0, null, node);

        public bool Equals(Go other)
        {
            if (this.Kind != other.Kind)
            {
                return false;
            }

            return this.Kind switch
            {
                GoKind.Nil => true,
                GoKind.String => string.Equals(this.String, other.String, StringComparison.Ordinal),
                GoKind.Integer or GoKind.Boolean => this.Long == other.Long,
                GoKind.Quantity => this.Quantity!.CompareTo(other.Quantity) == 0,
                GoKind.Time => this.Long == other.Long && this.Nanos == other.Nanos,
                _ => Structural(this.Node, other.Node),
            };
        }

        public override bool Equals(object? obj) => obj is Go g && this.Equals(g);

        public override int GetHashCode() => (int)this.Kind;
    }

    // One field of a struct: its schema, whether it is a pointer (scalars, free-form) or a value struct, its default.
    private sealed class FieldInfo
    {
        public FieldInfo(StructInfo parent, string? definition, string name, SchemaNode schema)
        {
            this.Parent = parent;
            this.Schema = schema;
            this.ValueStruct = schema.Kind == SchemaKind.Object && PodTemplateGoTypes.IsValueStruct(definition, name);
            this.Pointer = schema.Kind != SchemaKind.Object && PodTemplateGoTypes.IsPointer(definition, name);
            this.Default = PodTemplateDefaults.For(definition, name);
            this.Alias = parent.Role == Role.PodSpec && name is "serviceAccount" or "serviceAccountName";
        }

        public StructInfo Parent { get; }

        public SchemaNode Schema { get; }

        public bool ValueStruct { get; }

        public bool Pointer { get; }

        public FieldDefault Default { get; }

        // Compared once, after the other fields (the serviceAccount alias).
        public bool Alias { get; }
    }

    // The fields of one struct definition, computed once per schema node.
    private sealed class StructInfo
    {
        public StructInfo(SchemaNode schema)
        {
            var definition = schema.Definition;
            this.Role = definition switch
            {
                PodTemplateGoTypes.Core + "PodSpec" => Role.PodSpec,
                PodTemplateGoTypes.Core + "Container" => Role.Container,
                PodTemplateGoTypes.Core + "EphemeralContainer" => Role.EphemeralContainer,
                _ => Role.Other,
            };
            this.Fields = new Dictionary<string, FieldInfo>(schema.Properties.Count, StringComparer.Ordinal);
            foreach (var p in schema.Properties)
            {
                this.Fields[p.Key] = new FieldInfo(this, definition, p.Key, p.Value);
            }
        }

        public Role Role { get; }

        public Dictionary<string, FieldInfo> Fields { get; }
    }
}
