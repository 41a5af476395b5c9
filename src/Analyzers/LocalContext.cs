using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DaemonLint.Analyzers;

/// <summary>The member paths of an object changed after its creation, as a trie of JSON names.</summary>
internal sealed class MutationSet
{
    private Dictionary<string, MutationSet>? children;

    private MutationSet(bool all) => this.All = all;

    /// <summary>Gets the empty set.</summary>
    public static MutationSet None { get; } = new(false);

    /// <summary>Gets a value indicating whether the object itself is replaced or changed in ways that cannot be tracked.</summary>
    public bool All { get; private set; }

    /// <summary>Gets the keys that have changes below them.</summary>
    public IReadOnlyCollection<string> Keys => (IReadOnlyCollection<string>?)this.children?.Keys ?? Array.Empty<string>();

    public static MutationSet Create() => new(false);

    /// <summary>Gets the changes of either set (neither is modified).</summary>
    public static MutationSet Union(MutationSet a, MutationSet b)
    {
        if (a.All)
        {
            return a;
        }

        if (b.All || a.children is null)
        {
            return b;
        }

        if (b.children is null)
        {
            return a;
        }

        var union = new MutationSet(false) { children = new Dictionary<string, MutationSet>(a.children, StringComparer.Ordinal) };
        foreach (var kv in b.children)
        {
            union.children[kv.Key] = union.children.TryGetValue(kv.Key, out var mine) ? Union(mine, kv.Value) : kv.Value;
        }

        return union;
    }

    public MutationSet Child(string key) => this.children is not null && this.children.TryGetValue(key, out var c) ? c : None;

    public void Add(IReadOnlyList<string?> path)
    {
        var cur = this;
        foreach (var key in path)
        {
            if (cur.All)
            {
                return;
            }

            if (key is null)
            {
                cur.All = true;
                return;
            }

            cur.children ??= new Dictionary<string, MutationSet>(StringComparer.Ordinal);
            if (!cur.children.TryGetValue(key, out var next))
            {
                next = new MutationSet(false);
                cur.children[key] = next;
            }

            cur = next;
        }

        cur.All = true;
    }
}

/// <summary>
/// What the operation tree of one method body (one operation block root) says about its locals: which are assigned
/// exactly once (and to what), and which member paths of them are changed later (assigned, added to, passed by ref,
/// handed to code that may change them, ...). The tree is indexed once, on first use, and each answer is computed once,
/// so analysing every creation of a method costs time linear in the size of the method (issue 14).
/// </summary>
internal sealed class LocalContext
{
    private static readonly HashSet<string> ReadOnlyMethods = new(StringComparer.Ordinal)
    {
        "Validate", "ToString", "GetHashCode", "Equals", "ContainsKey", "TryGetValue", "Contains", "GetType", "Count", "Any",
    };

    private readonly IJsonNames names;
    private readonly Dictionary<ILocalSymbol, List<ILocalReferenceOperation>> references = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, IVariableDeclaratorOperation> declarators = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ILocalSymbol, Optional<IOperation?>> values = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ILocalSymbol, MutationSet> rootMutations = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ILocalSymbol, MutationSet> nestedMutations = new(SymbolEqualityComparer.Default);
    private readonly AnalyzerWork work;

    /// <summary>Indexes the locals of an operation tree.</summary>
    /// <param name="root">The root of the tree (a method body, a field initializer, ...).</param>
    /// <param name="names">Gives the JSON names of model properties.</param>
    /// <param name="work">Counts the references examined.</param>
    public LocalContext(IOperation root, IJsonNames names, AnalyzerWork work)
    {
        this.names = names;
        this.work = work;
        foreach (var op in root.DescendantsAndSelf())
        {
            this.IndexedOperations++;
            switch (op)
            {
                case ILocalReferenceOperation lr:
                    if (!this.references.TryGetValue(lr.Local, out var list))
                    {
                        list = new List<ILocalReferenceOperation>();
                        this.references[lr.Local] = list;
                    }

                    list.Add(lr);
                    break;
                case IVariableDeclaratorOperation d:
                    this.declarators[d.Symbol] = d;
                    break;
            }
        }
    }

    /// <summary>Gets the number of operations indexed (each once).</summary>
    public int IndexedOperations { get; }

    /// <summary>Gets the root of the operation tree an operation belongs to.</summary>
    public static IOperation RootOf(IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root;
    }

    /// <summary>Gets the changes made after creation to the local a root creation initialises, if any.</summary>
    public MutationSet RootMutations(IObjectCreationOperation creation)
    {
        var parent = creation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation d })
        {
            return this.MutationsOf(d.Symbol, isRoot: true);
        }

        return MutationSet.None;
    }

    /// <summary>
    /// Gets the value a local holds wherever it is read, when it is written exactly once: by its declaration's
    /// initializer, or by one plain assignment when the declaration has none (C#'s definite assignment then guarantees
    /// every read happens after it). Otherwise null.
    /// </summary>
    public IOperation? SingleValue(ILocalSymbol local)
    {
        var value = this.values.GetOrAdd(local, l => new Optional<IOperation?>(this.ComputeSingleValue(l)));
        return value.Value;
    }

    /// <summary>Collects the member paths of a local changed anywhere in the method.</summary>
    public MutationSet MutationsOf(ILocalSymbol local, bool isRoot) =>
        (isRoot ? this.rootMutations : this.nestedMutations).GetOrAdd(local, l => this.ComputeMutations(l, isRoot));

    private IOperation? ComputeSingleValue(ILocalSymbol local)
    {
        if (local.IsRef || !this.declarators.TryGetValue(local, out var d))
        {
            return null;
        }

        IOperation? value = d.Initializer?.Value;
        if (this.references.TryGetValue(local, out var refs))
        {
            this.work.AddReferences(refs.Count);
            foreach (var r in refs)
            {
                var write = WriteOf(r);
                if (write is null)
                {
                    continue;
                }

                // A second write, a compound one, or a write through ref/out/deconstruction: no single value.
                if (value is not null || write is not ISimpleAssignmentOperation { Target: ILocalReferenceOperation } simple || simple.IsRef)
                {
                    return null;
                }

                value = simple.Value;
            }
        }

        return value;
    }

    /// <summary>The operation that writes a local through this reference, or null when the reference only reads it.</summary>
    private static IOperation? WriteOf(ILocalReferenceOperation r)
    {
        IOperation cur = r;
        var parent = r.Parent;

        // (a, b) = ... and (a, b) = (b, a): the reference sits in a tuple that is the deconstruction's target.
        while (parent is ITupleOperation or IConversionOperation)
        {
            cur = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IAssignmentOperation a when a.Target == cur:
                return a;
            case IDeconstructionAssignmentOperation da when da.Target == cur:
                return da;
            case IIncrementOrDecrementOperation inc when cur == r:
                return inc;
            case IArgumentOperation arg when cur == r && arg.Parameter is { RefKind: not RefKind.None and not RefKind.In }:
                return arg;
            case IVariableInitializerOperation when cur == r && r.Parent is IVariableInitializerOperation vi && vi.Parent is IVariableDeclaratorOperation { Symbol.IsRef: true }:
                return vi; // ref var alias = ref local;
        }

        return null;
    }

    private MutationSet ComputeMutations(ILocalSymbol local, bool isRoot)
    {
        var set = MutationSet.Create();
        if (!this.references.TryGetValue(local, out var refs))
        {
            return set;
        }

        this.work.AddReferences(refs.Count);
        foreach (var r in refs)
        {
            var path = new List<string?>();
            IOperation cur = r;
            var opaque = false;
            while (true)
            {
                var parent = cur.Parent;
                if (parent is IPropertyReferenceOperation pr && pr.Instance == cur)
                {
                    if (pr.Arguments.Length == 0)
                    {
                        var name = this.names.JsonName(pr.Property);
                        if (name is null)
                        {
                            opaque = true; // e.g. .Count: a read of something we do not model
                            break;
                        }

                        path.Add(name);
                    }
                    else
                    {
                        path.Add(pr.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } ? key : null);
                    }

                    cur = pr;
                    continue;
                }

                if (parent is IConversionOperation or IParenthesizedOperation)
                {
                    cur = parent;
                    continue;
                }

                break;
            }

            if (opaque)
            {
                continue;
            }

            if (path.Count == 0 && WriteOf(r) is { } write)
            {
                // The local itself is written: SingleValue decides whether one value still holds (and a root's
                // own initialisation is not a change). Handed by ref, it may be changed or replaced.
                if (write is IArgumentOperation)
                {
                    set.Add(path);
                }

                continue;
            }

            var immutable = cur.Type is { } type && IsImmutable(type);
            switch (cur.Parent)
            {
                case IAssignmentOperation a when a.Target == cur:
                    set.Add(path);
                    break;
                case IIncrementOrDecrementOperation:
                    set.Add(path);
                    break;
                case IInvocationOperation inv when inv.Instance == cur && !ReadOnlyMethods.Contains(inv.TargetMethod.Name):
                    set.Add(path);
                    break;
                case IArgumentOperation arg when arg.Value == cur:
                    if (arg.Parameter is { RefKind: not RefKind.None and not RefKind.In })
                    {
                        set.Add(path);
                    }
                    else if (immutable || (path.Count == 0 && (IsCollectionInitializerAdd(arg) || IsStoringConstructor(arg))))
                    {
                        // A value nobody can change, or the local itself as an element of a collection initializer or
                        // a constructor argument of a model or a collection (stored or copied, not changed): the
                        // front end follows it.
                    }
                    else if (!isRoot || path.Count > 0)
                    {
                        // Handed to a method that may change it. The root object itself handed to a client call is
                        // the normal end of its life, not a change.
                        set.Add(path);
                    }

                    break;
                default:
                    if (!immutable && Escapes(cur))
                    {
                        // Copied somewhere the front end does not follow (another local, a field, a property set after
                        // creation): changes made through that alias cannot be seen.
                        set.Add(path);
                    }

                    break;
            }
        }

        return set;
    }

    private static bool IsImmutable(ITypeSymbol type) =>
        type.IsValueType || type.SpecialType == SpecialType.System_String;

    private static bool IsCollectionInitializerAdd(IArgumentOperation arg) =>
        arg.Parent is IInvocationOperation { IsImplicit: true, Parent: IObjectOrCollectionInitializerOperation };

    private static bool IsStoringConstructor(IArgumentOperation arg) =>
        arg.Parent is IObjectCreationOperation { Constructor.ContainingType: { } type }
        && (type.ContainingNamespace?.ToDisplayString() is "k8s.Models" or "System.Collections.Generic");

    // Where a reference to a mutable local goes when it is not read through a member: the places the front end
    // follows (the value of an initializer assignment, an element of an array or a collection expression, a
    // return, a comparison) keep it visible; anything else is an alias the analysis cannot track.
    private static bool Escapes(IOperation cur)
    {
        switch (cur.Parent)
        {
            case ISimpleAssignmentOperation a when a.Value == cur:
                return a.Parent is not IObjectOrCollectionInitializerOperation;
            case IVariableInitializerOperation:
                return true;
            case ICompoundAssignmentOperation or ICoalesceAssignmentOperation:
                return true;
            default:
                return false;
        }
    }
}

/// <summary>Gives JSON names of model properties (implemented by the front end).</summary>
internal interface IJsonNames
{
    string? JsonName(IPropertySymbol property);
}

/// <summary>The <see cref="LocalContext"/> of each operation tree of one operation block, built on first use.</summary>
internal sealed class LocalContexts
{
    private readonly IJsonNames names;
    private readonly AnalyzerWork work;
    private readonly ConcurrentDictionary<IOperation, Lazy<LocalContext>> byRoot = new();

    public LocalContexts(IJsonNames names, AnalyzerWork work)
    {
        this.names = names;
        this.work = work;
    }

    /// <summary>Gets the context of the tree an operation belongs to.</summary>
    public LocalContext For(IOperation operation)
    {
        var root = LocalContext.RootOf(operation);
        return this.byRoot.GetOrAdd(root, r => new Lazy<LocalContext>(() =>
        {
            var context = new LocalContext(r, this.names, this.work);
            this.work.AddIndexed(context.IndexedOperations);
            return context;
        })).Value;
    }
}

/// <summary>Counts the analyzer's work, so that tests can pin its cost without timing it.</summary>
internal sealed class AnalyzerWork
{
    private long indexedOperations;
    private long referencesExamined;

    /// <summary>Gets the number of operations indexed by the per-method local contexts.</summary>
    public long IndexedOperations => Interlocked.Read(ref this.indexedOperations);

    /// <summary>Gets the number of local references examined to answer questions about locals.</summary>
    public long ReferencesExamined => Interlocked.Read(ref this.referencesExamined);

    public void AddIndexed(long n) => Interlocked.Add(ref this.indexedOperations, n);

    public void AddReferences(long n) => Interlocked.Add(ref this.referencesExamined, n);
}
