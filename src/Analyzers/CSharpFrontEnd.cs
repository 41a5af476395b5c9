using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DaemonLint.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DaemonLint.Analyzers;

/// <summary>
/// The C# front end: turns an object creation of a Kubernetes model (KubernetesClient's <c>k8s.Models</c>, or any type whose
/// properties carry JSON names) into the core's node tree, following object and collection initializers, dictionary
/// initializers, constructor arguments, constants, interpolations of constants and locals assigned once. Anything it
/// cannot compute at compile time is an <see cref="UnknownNode"/>; so is anything changed after creation.
/// Each node's <see cref="ManifestNode.HostData"/> is the syntax it came from.
/// </summary>
internal sealed class CSharpFrontEnd : IJsonNames
{
    private const int MaxDepth = 64;

    private readonly INamedTypeSymbol? entityAttribute;
    private readonly INamedTypeSymbol? stjPropertyName;
    private readonly INamedTypeSymbol? newtonsoftProperty;
    private readonly INamedTypeSymbol? intOrString;
    private readonly INamedTypeSymbol? quantity;
    private readonly INamedTypeSymbol? dictionaryInterface;
    private readonly INamedTypeSymbol? enumerableInterface;
    private readonly ConcurrentDictionary<IPropertySymbol, string?> jsonNames = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> modelTypes = new(SymbolEqualityComparer.Default);

    public CSharpFrontEnd(Compilation compilation)
    {
        this.entityAttribute = compilation.GetTypeByMetadataName("k8s.Models.KubernetesEntityAttribute");
        this.stjPropertyName = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonPropertyNameAttribute");
        this.newtonsoftProperty = compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonPropertyAttribute");
        this.intOrString = compilation.GetTypeByMetadataName("k8s.Models.IntOrString");
        this.quantity = compilation.GetTypeByMetadataName("k8s.Models.ResourceQuantity");
        this.dictionaryInterface = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
        this.enumerableInterface = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
    }

    /// <summary>Gets a value indicating whether the compilation can hold Kubernetes entities at all.</summary>
    public bool IsRelevant => this.entityAttribute is not null;

    /// <summary>Reads <c>[KubernetesEntity(Group, ApiVersion, Kind)]</c> from a type.</summary>
    public bool TryGetEntity(ITypeSymbol? type, out string kind, out string apiVersion)
    {
        kind = string.Empty;
        apiVersion = string.Empty;
        if (type is null || this.entityAttribute is null)
        {
            return false;
        }

        foreach (var a in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(a.AttributeClass, this.entityAttribute))
            {
                continue;
            }

            string group = string.Empty, version = string.Empty;
            foreach (var n in a.NamedArguments)
            {
                var v = n.Value.Value as string ?? string.Empty;
                switch (n.Key)
                {
                    case "Kind":
                        kind = v;
                        break;
                    case "Group":
                        group = v;
                        break;
                    case "ApiVersion":
                        version = v;
                        break;
                }
            }

            apiVersion = group.Length == 0 ? version : group + "/" + version;
            return kind.Length > 0;
        }

        return false;
    }

    /// <summary>Builds the object for a creation of an entity type.</summary>
    /// <param name="creation">The creation.</param>
    /// <param name="kind">The kind of the model type.</param>
    /// <param name="apiVersion">The apiVersion of the model type.</param>
    /// <param name="context">What the method around the creation says about its locals (shared by its creations).</param>
    public ManifestObject? Build(IObjectCreationOperation creation, string kind, string apiVersion, LocalContext context)
    {
        if (this.Convert(creation, 0, context, context.RootMutations(creation)) is not MappingNode root)
        {
            return null;
        }

        // The client fills apiVersion and kind from the model's attribute when the code leaves them out.
        var entries = new List<MappingEntry>(root.Entries);
        var changed = false;
        if (!root.TryGetEntry("apiVersion", out var av) || av.Value.IsNull)
        {
            entries.RemoveAll(e => e.Key == "apiVersion");
            entries.Insert(0, new MappingEntry("apiVersion", root.Span, new ScalarNode(root.Span, apiVersion, ScalarType.String, quoted: true)));
            changed = true;
        }
        else if (av.Value is UnknownNode)
        {
            // Cannot tell which version: assume the model's, so the other rules still run (the version rules stay silent on unknowns).
            entries[entries.IndexOf(av)] = new MappingEntry("apiVersion", av.KeySpan, new ScalarNode(av.Value.Span, apiVersion, ScalarType.String, quoted: true) { HostData = av.Value.HostData }) { HostData = av.HostData };
            changed = true;
        }

        if (!root.TryGetEntry("kind", out var k) || k.Value is UnknownNode || k.Value.IsNull)
        {
            entries.RemoveAll(e => e.Key == "kind");
            entries.Insert(1, new MappingEntry("kind", root.Span, new ScalarNode(root.Span, kind, ScalarType.String, quoted: true)));
            changed = true;
        }

        if (changed)
        {
            root = new MappingNode(root.Span, entries, root.HasUnknownEntries) { HostData = root.HostData };
        }

        return new ManifestObject(root, creation.Syntax.SyntaxTree.FilePath);
    }

    /// <summary>
    /// Whether a finding stands on what the compiler knows: not when the field it is about is missing below a value
    /// the front end could not compute (a template returned by a method has labels nobody can see) or below an object
    /// that may hold entries it could not see. Rules read an unknown value as absent; this keeps their conclusions
    /// about absent fields from reaching the editor when "absent" only means "unknown".
    /// </summary>
    /// <param name="root">The object's root.</param>
    /// <param name="finding">The finding.</param>
    /// <returns>True when the finding can be reported.</returns>
    internal static bool IsCertain(MappingNode root, Finding finding)
    {
        var location = ResolvedLocation.Resolve(root, finding.Path);
        return location.Exact || location.Node is not (UnknownNode or MappingNode { HasUnknownEntries: true } or SequenceNode { HasUnknownItems: true });
    }

    private ManifestNode Convert(IOperation? op, int depth, LocalContext context, MutationSet mutations)
    {
        if (op is null || depth > MaxDepth)
        {
            return Unknown(op);
        }

        if (mutations.All)
        {
            return Unknown(op);
        }

        if (op.ConstantValue.HasValue)
        {
            // unchecked((int)4294967296L) folds to 0, unchecked((int)1e20) to whatever the compiler picks: a value the
            // code does not show (and, from floating point, not even the one the program computes). Unknown, not "0".
            return op is IConversionOperation conv && OverflowsConstant(conv) ? Unknown(op) : Scalar(op.Syntax, op.ConstantValue.Value);
        }

        switch (op)
        {
            case IConversionOperation conv:
                return this.ConvertConversion(conv, depth, context, mutations);
            case IParenthesizedOperation p:
                return this.Convert(p.Operand, depth + 1, context, mutations);
            case IDefaultValueOperation d:
                return new ScalarNode(SpanOf(d.Syntax), "null", ScalarType.Null) { HostData = d.Syntax };
            case IObjectCreationOperation c:
                return this.ConvertCreation(c, depth, context, mutations);
            case IArrayCreationOperation arr when arr.Initializer is not null:
                return this.Sequence(arr.Syntax, arr.Initializer.ElementValues, depth, context, mutations, hasUnknown: false);
            case ICollectionExpressionOperation ce:
                return this.ConvertCollectionExpression(ce, depth, context, mutations);
            case IInterpolatedStringOperation s:
                return InterpolatedConstant(s) is { } text
                    ? new ScalarNode(SpanOf(s.Syntax), text, ScalarType.String, quoted: true) { HostData = s.Syntax }
                    : Unknown(op);
            case ILocalReferenceOperation local:
                return this.FollowLocal(local, depth, context, mutations);
            case IConditionalOperation { WhenFalse: not null } cond when cond.Condition.ConstantValue is { HasValue: true, Value: bool b }:
                // `true ? a : b` with a constant condition: only one branch is ever taken.
                return this.Convert(b ? cond.WhenTrue : cond.WhenFalse, depth + 1, context, mutations);
            case ICoalesceOperation co:
                return this.ConvertCoalesce(co, depth, context, mutations);
            default:
                // A method's result, a parameter, a field, a property read of another object, `with`, a non-constant
                // condition, ...: the compiler cannot know the value, so nothing below it is known either.
                return Unknown(op);
        }
    }

    private ManifestNode ConvertConversion(IConversionOperation conv, int depth, LocalContext context, MutationSet mutations)
    {
        var target = conv.Type;
        if (conv.OperatorMethod is not null
            && !SymbolEqualityComparer.Default.Equals(target, this.intOrString)
            && !SymbolEqualityComparer.Default.Equals(target, this.quantity))
        {
            return Unknown(conv); // a user-defined conversion runs code: its result is unknown
        }

        var value = this.Convert(conv.Operand, depth + 1, context, mutations);
        if (value is ScalarNode { Type: ScalarType.Int } s && target is not null && !FitsIn(target, s))
        {
            // (int)someLong where the value does not fit: C# wraps it at run time (or throws when checked): unknown
            // rather than a value the program never holds.
            return Unknown(conv);
        }

        return value;
    }

    private ManifestNode ConvertCoalesce(ICoalesceOperation co, int depth, LocalContext context, MutationSet mutations)
    {
        // `a ?? b`: b when a is the null constant, a when a is a creation (never null); otherwise it depends on run time.
        var left = co.Value;
        while (left is IConversionOperation { OperatorMethod: null } c)
        {
            left = c.Operand;
        }

        if (left.ConstantValue is { HasValue: true, Value: null } || left is IDefaultValueOperation { Type.IsValueType: false })
        {
            return this.Convert(co.WhenNull, depth + 1, context, mutations);
        }

        if (left is IObjectCreationOperation or IArrayCreationOperation or ICollectionExpressionOperation)
        {
            return this.Convert(co.Value, depth + 1, context, mutations);
        }

        return Unknown(co);
    }

    private static bool FitsIn(ITypeSymbol type, ScalarNode value) => value.IntValue is not { } v || InRange(type, v);

    private static bool OverflowsConstant(IConversionOperation conv)
    {
        if (conv.Type is null || conv.Operand.ConstantValue is not { HasValue: true, Value: { } operand }
            || operand is string or char or bool || operand is not IConvertible)
        {
            return false;
        }

        decimal value;
        try
        {
            value = System.Convert.ToDecimal(operand, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            return IsIntegral(conv.Type); // beyond decimal's range: beyond any integer type's too
        }

        return !InRange(conv.Type, value);
    }

    private static bool IsIntegral(ITypeSymbol type) => Underlying(type).SpecialType is SpecialType.System_SByte or SpecialType.System_Byte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64;

    private static ITypeSymbol Underlying(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    private static bool InRange(ITypeSymbol type, decimal v) => Underlying(type).SpecialType switch
    {
        SpecialType.System_SByte => v >= sbyte.MinValue && v <= sbyte.MaxValue,
        SpecialType.System_Byte => v >= byte.MinValue && v <= byte.MaxValue,
        SpecialType.System_Int16 => v >= short.MinValue && v <= short.MaxValue,
        SpecialType.System_UInt16 => v >= ushort.MinValue && v <= ushort.MaxValue,
        SpecialType.System_Int32 => v >= int.MinValue && v <= int.MaxValue,
        SpecialType.System_UInt32 => v >= uint.MinValue && v <= uint.MaxValue,
        SpecialType.System_Int64 => v >= long.MinValue && v <= long.MaxValue,
        SpecialType.System_UInt64 => v >= ulong.MinValue && v <= ulong.MaxValue,
        _ => true,
    };

    private ManifestNode ConvertCreation(IObjectCreationOperation c, int depth, LocalContext context, MutationSet mutations)
    {
        var type = c.Type;
        if (type is null)
        {
            return Unknown(c);
        }

        if (SymbolEqualityComparer.Default.Equals(type, this.intOrString) || SymbolEqualityComparer.Default.Equals(type, this.quantity))
        {
            return c.Arguments.Length == 1 && c.Initializer is null
                ? this.Convert(c.Arguments[0].Value, depth + 1, context, mutations) is ScalarNode s ? s : Unknown(c)
                : Unknown(c);
        }

        if (this.IsModel(type))
        {
            return this.ConvertModel(c, (INamedTypeSymbol)type, depth, context, mutations);
        }

        if (this.IsStringDictionary(type))
        {
            return this.ConvertDictionary(c, depth, context, mutations);
        }

        if (this.IsSequence(type))
        {
            var items = new List<IOperation>();
            var unknown = c.Arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue);
            if (c.Initializer is not null)
            {
                foreach (var init in c.Initializer.Initializers)
                {
                    if (init is IInvocationOperation { Arguments.Length: 1 } add)
                    {
                        items.Add(add.Arguments[0].Value);
                    }
                    else
                    {
                        unknown = true;
                    }
                }
            }

            return this.Sequence(c.Syntax, items, depth, context, mutations, unknown);
        }

        return Unknown(c);
    }

    private ManifestNode ConvertModel(IObjectCreationOperation c, INamedTypeSymbol type, int depth, LocalContext context, MutationSet mutations)
    {
        var entries = new List<MappingEntry>();
        var hasUnknown = false;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);

        void Add(string key, SyntaxNode keySyntax, ManifestNode value)
        {
            var entry = new MappingEntry(key, SpanOf(keySyntax), value) { HostData = keySyntax };
            if (index.TryGetValue(key, out var i))
            {
                entries[i] = entry;
            }
            else
            {
                index[key] = entries.Count;
                entries.Add(entry);
            }
        }

        // Constructor arguments: KubernetesClient models take every property as an optional parameter of the same name.
        foreach (var arg in c.Arguments)
        {
            if (arg.ArgumentKind == ArgumentKind.DefaultValue || arg.Parameter is null)
            {
                continue;
            }

            var prop = FindProperty(type, arg.Parameter.Name);
            var name = prop is null ? null : this.JsonName(prop);
            if (name is null)
            {
                hasUnknown = true;
                continue;
            }

            Add(name, arg.Syntax, this.ValueWithMutations(arg.Value, name, depth, context, mutations));
        }

        if (c.Initializer is not null)
        {
            foreach (var init in c.Initializer.Initializers)
            {
                switch (init)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 0 } pr } assign:
                        var name = this.JsonName(pr.Property);
                        if (name is null)
                        {
                            hasUnknown = true;
                            break;
                        }

                        var keySyntax = (assign.Syntax as AssignmentExpressionSyntax)?.Left ?? assign.Syntax;
                        Add(name, keySyntax, this.ValueWithMutations(assign.Value, name, depth, context, mutations));
                        break;
                    case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation mpr } member:
                        // `Spec = { ... }` fills the object the constructor made: what it already held is unknown.
                        var mname = this.JsonName(mpr.Property);
                        if (mname is null)
                        {
                            hasUnknown = true;
                            break;
                        }

                        Add(mname, member.Syntax, Unknown(member));
                        break;
                    default:
                        hasUnknown = true;
                        break;
                }
            }
        }

        foreach (var key in mutations.Keys)
        {
            // A property changed after creation and not set in the initializer: unknown.
            if (!index.ContainsKey(key))
            {
                Add(key, c.Syntax, new UnknownNode(SpanOf(c.Syntax)) { HostData = c.Syntax });
            }
        }

        return new MappingNode(SpanOf(c.Syntax), entries, hasUnknown) { HostData = c.Syntax };
    }

    private ManifestNode ValueWithMutations(IOperation value, string key, int depth, LocalContext context, MutationSet mutations)
    {
        var child = mutations.Child(key);
        return child.All ? Unknown(value) : this.Convert(value, depth + 1, context, child);
    }

    private ManifestNode ConvertDictionary(IObjectCreationOperation c, int depth, LocalContext context, MutationSet mutations)
    {
        var entries = new List<MappingEntry>();
        var hasUnknown = c.Arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue) || mutations.Keys.Count > 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        if (c.Initializer is not null)
        {
            foreach (var init in c.Initializer.Initializers)
            {
                IOperation? keyOp = null, valueOp = null;
                SyntaxNode keySyntax = init.Syntax;
                switch (init)
                {
                    case IInvocationOperation { Arguments.Length: 2 } add:
                        keyOp = add.Arguments[0].Value;
                        valueOp = add.Arguments[1].Value;
                        keySyntax = add.Arguments[0].Syntax;
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } assign:
                        keyOp = indexer.Arguments[0].Value;
                        valueOp = assign.Value;
                        keySyntax = indexer.Arguments[0].Syntax;
                        break;
                }

                if (keyOp?.ConstantValue is { HasValue: true, Value: string key } && valueOp is not null)
                {
                    var entry = new MappingEntry(key, SpanOf(keySyntax), this.Convert(valueOp, depth + 1, context, MutationSet.None)) { HostData = keySyntax };
                    if (seen.TryGetValue(key, out var i))
                    {
                        entries[i] = entry;
                    }
                    else
                    {
                        seen[key] = entries.Count;
                        entries.Add(entry);
                    }
                }
                else
                {
                    hasUnknown = true;
                }
            }
        }

        return new MappingNode(SpanOf(c.Syntax), entries, hasUnknown) { HostData = c.Syntax };
    }

    private ManifestNode ConvertCollectionExpression(ICollectionExpressionOperation ce, int depth, LocalContext context, MutationSet mutations)
    {
        if (ce.Type is not null && this.IsStringDictionary(ce.Type))
        {
            return Unknown(ce);
        }

        var items = new List<ManifestNode>();
        var unknown = mutations.Keys.Count > 0;
        foreach (var e in ce.Elements)
        {
            if (e is ISpreadOperation spread)
            {
                // [..other]: the items of a sequence the front end knows entirely, else unknown items.
                if (this.Convert(spread.Operand, depth + 1, context, MutationSet.None) is SequenceNode { HasUnknownItems: false } known)
                {
                    foreach (var item in known.Items)
                    {
                        items.Add(item);
                    }
                }
                else
                {
                    unknown = true;
                }
            }
            else
            {
                items.Add(this.Convert(e, depth + 1, context, MutationSet.None));
            }
        }

        return new SequenceNode(SpanOf(ce.Syntax), items, unknown) { HostData = ce.Syntax };
    }

    private ManifestNode Sequence(SyntaxNode syntax, IEnumerable<IOperation> elements, int depth, LocalContext context, MutationSet mutations, bool hasUnknown)
    {
        var items = new List<ManifestNode>();
        foreach (var e in elements)
        {
            items.Add(this.Convert(e, depth + 1, context, MutationSet.None));
        }

        return new SequenceNode(SpanOf(syntax), items, hasUnknown || mutations.Keys.Count > 0) { HostData = syntax };
    }

    private ManifestNode FollowLocal(ILocalReferenceOperation reference, int depth, LocalContext context, MutationSet mutations)
    {
        var local = reference.Local;
        var value = context.SingleValue(local);
        if (value is null)
        {
            return Unknown(reference);
        }

        var own = context.MutationsOf(local, isRoot: false);
        if (own.All)
        {
            return Unknown(reference);
        }

        // Changes made through the object that holds this local's value count too.
        return this.Convert(value, depth + 1, context, MutationSet.Union(own, mutations));
    }

    private bool IsModel(ITypeSymbol type) => this.modelTypes.GetOrAdd(type, t =>
    {
        if (t is not INamedTypeSymbol named || t.SpecialType != SpecialType.None)
        {
            return false;
        }

        for (var cur = named; cur is not null; cur = cur.BaseType)
        {
            foreach (var m in cur.GetMembers())
            {
                if (m is IPropertySymbol p && this.HasJsonAttribute(p))
                {
                    return true;
                }
            }
        }

        return false;
    });

    private bool IsStringDictionary(ITypeSymbol type) =>
        this.dictionaryInterface is not null && Implements(type, this.dictionaryInterface, out var args) && args[0].SpecialType == SpecialType.System_String;

    private bool IsSequence(ITypeSymbol type) =>
        type.SpecialType != SpecialType.System_String && this.enumerableInterface is not null && Implements(type, this.enumerableInterface, out _);

    private static bool Implements(ITypeSymbol type, INamedTypeSymbol generic, out IReadOnlyList<ITypeSymbol> typeArgs)
    {
        foreach (var i in type.AllInterfaces.Concat(type is INamedTypeSymbol n && n.TypeKind == TypeKind.Interface ? new[] { n } : Array.Empty<INamedTypeSymbol>()))
        {
            if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, generic))
            {
                typeArgs = i.TypeArguments;
                return true;
            }
        }

        typeArgs = Array.Empty<ITypeSymbol>();
        return false;
    }

    private bool HasJsonAttribute(IPropertySymbol p)
    {
        foreach (var a in p.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, this.stjPropertyName) || SymbolEqualityComparer.Default.Equals(a.AttributeClass, this.newtonsoftProperty))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The JSON name of a model property, or null when it has none.</summary>
    public string? JsonName(IPropertySymbol property) => this.jsonNames.GetOrAdd(property, p =>
    {
        foreach (var a in p.GetAttributes())
        {
            if ((SymbolEqualityComparer.Default.Equals(a.AttributeClass, this.stjPropertyName) || SymbolEqualityComparer.Default.Equals(a.AttributeClass, this.newtonsoftProperty))
                && a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return null;
    });

    private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
    {
        for (var cur = type; cur is not null; cur = cur.BaseType)
        {
            foreach (var m in cur.GetMembers())
            {
                if (m is IPropertySymbol p && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return p;
                }
            }
        }

        return null;
    }

    private static string? InterpolatedConstant(IInterpolatedStringOperation s)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in s.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation t when t.Text.ConstantValue is { HasValue: true, Value: string str }:
                    text.Append(str);
                    break;
                case IInterpolationOperation { Alignment: null, FormatString: null } i when i.Expression.ConstantValue.HasValue:
                    text.Append(System.Convert.ToString(i.Expression.ConstantValue.Value, CultureInfo.InvariantCulture));
                    break;
                default:
                    return null;
            }
        }

        return text.ToString();
    }

    private static ManifestNode Scalar(SyntaxNode syntax, object? value)
    {
        var span = SpanOf(syntax);
        return value switch
        {
            null => new ScalarNode(span, "null", ScalarType.Null) { HostData = syntax },
            string s => new ScalarNode(span, s, ScalarType.String, quoted: true) { HostData = syntax },
            char ch => new ScalarNode(span, ch.ToString(), ScalarType.String, quoted: true) { HostData = syntax },
            bool b => new ScalarNode(span, b ? "true" : "false", ScalarType.Bool, number: b ? 1 : 0) { HostData = syntax },
            double or float or decimal => new ScalarNode(span, System.Convert.ToString(value, CultureInfo.InvariantCulture)!, ScalarType.Float, number: System.Convert.ToDouble(value, CultureInfo.InvariantCulture)) { HostData = syntax },
            ulong u when u > long.MaxValue => new ScalarNode(span, u.ToString(CultureInfo.InvariantCulture), ScalarType.Float, number: u) { HostData = syntax },
            IConvertible n => IntScalar(span, syntax, System.Convert.ToInt64(n, CultureInfo.InvariantCulture)),
            _ => new UnknownNode(span) { HostData = syntax },
        };
    }

    private static ScalarNode IntScalar(SourceSpan span, SyntaxNode syntax, long v) =>
        new(span, v.ToString(CultureInfo.InvariantCulture), ScalarType.Int, number: v, integer: v) { HostData = syntax };

    private static UnknownNode Unknown(IOperation? op) =>
        op is null ? new UnknownNode(SourceSpan.None) : new UnknownNode(SpanOf(op.Syntax)) { HostData = op.Syntax };

    internal static SourceSpan SpanOf(SyntaxNode syntax)
    {
        var line = syntax.GetLocation().GetLineSpan();
        return new SourceSpan(
            new SourcePosition(line.StartLinePosition.Line + 1, line.StartLinePosition.Character + 1, syntax.SpanStart),
            new SourcePosition(line.EndLinePosition.Line + 1, line.EndLinePosition.Character + 1, syntax.Span.End));
    }
}
