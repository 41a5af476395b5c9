using System;
using System.Collections.Generic;
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
/// What the operation tree of the method around a creation says about its locals: which are assigned exactly once (and
/// to what), and which member paths of them are changed later (assigned, added to, passed by ref, ...).
/// </summary>
internal sealed class LocalContext
{
    private static readonly HashSet<string> ReadOnlyMethods = new(StringComparer.Ordinal)
    {
        "Validate", "ToString", "GetHashCode", "Equals", "ContainsKey", "TryGetValue", "Contains", "GetType", "Count", "Any",
    };

    private readonly IObjectCreationOperation creation;
    private readonly IJsonNames names;
    private Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>? references;
    private Dictionary<ILocalSymbol, IVariableDeclaratorOperation>? declarators;

    public LocalContext(IObjectCreationOperation creation, IJsonNames names)
    {
        this.creation = creation;
        this.names = names;
    }

    /// <summary>Gets the changes made after creation to the local the root creation initialises, if any.</summary>
    public MutationSet RootMutations()
    {
        var parent = this.creation.Parent;
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

    /// <summary>Gets the value a local is initialised with, when that is its only assignment; otherwise null.</summary>
    public IOperation? SingleInitializer(ILocalSymbol local)
    {
        this.Index();
        if (!this.declarators!.TryGetValue(local, out var d) || d.Initializer is null)
        {
            return null;
        }

        if (this.references!.TryGetValue(local, out var refs))
        {
            foreach (var r in refs)
            {
                var p = r.Parent;
                if (p is IAssignmentOperation a && a.Target == r)
                {
                    return null;
                }

                if (p is IArgumentOperation arg && arg.Parameter is { RefKind: not RefKind.None and not RefKind.In })
                {
                    return null;
                }
            }
        }

        return d.Initializer.Value;
    }

    /// <summary>Collects the member paths of a local changed anywhere in the method.</summary>
    public MutationSet MutationsOf(ILocalSymbol local, bool isRoot)
    {
        this.Index();
        var set = MutationSet.Create();
        if (!this.references!.TryGetValue(local, out var refs))
        {
            return set;
        }

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

                if (parent is IConversionOperation)
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

            switch (cur.Parent)
            {
                case IAssignmentOperation a when a.Target == cur:
                    if (path.Count > 0 || !isRoot)
                    {
                        set.Add(path);
                    }

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
                    else if (!isRoot || path.Count > 0)
                    {
                        // Handed to a method that may change it. The root object itself handed to a client call is
                        // the normal end of its life, not a change.
                        set.Add(path);
                    }

                    break;
            }
        }

        return set;
    }

    private void Index()
    {
        if (this.references is not null)
        {
            return;
        }

        this.references = new Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>(SymbolEqualityComparer.Default);
        this.declarators = new Dictionary<ILocalSymbol, IVariableDeclaratorOperation>(SymbolEqualityComparer.Default);
        IOperation root = this.creation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (var op in root.DescendantsAndSelf())
        {
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
}

/// <summary>Gives JSON names of model properties (implemented by the front end).</summary>
internal interface IJsonNames
{
    string? JsonName(IPropertySymbol property);
}
