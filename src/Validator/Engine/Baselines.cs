using System.Collections.Generic;
using DaemonLint.Model;

namespace DaemonLint.Engine;

/// <summary>Prior versions of objects, for update rules, matched by API group, kind, namespace and name.</summary>
public sealed class BaselineIndex
{
    private readonly Dictionary<string, ManifestObject> objects = new(System.StringComparer.Ordinal);

    /// <summary>Gets an empty index.</summary>
    public static BaselineIndex Empty { get; } = new();

    /// <summary>Gets the number of objects.</summary>
    public int Count => this.objects.Count;

    /// <summary>Adds a prior version (a later one with the same identity wins).</summary>
    /// <param name="obj">The object.</param>
    public void Add(ManifestObject obj)
    {
        if (obj.Name is not null && obj.Kind is not null)
        {
            this.objects[obj.IdentityKey] = obj;
        }
    }

    /// <summary>Finds the prior version of an object.</summary>
    /// <param name="current">The current object.</param>
    /// <returns>The prior version, or null (a create).</returns>
    public ManifestObject? Find(ManifestObject current) =>
        current.Name is not null && this.objects.TryGetValue(current.IdentityKey, out var o) ? o : null;
}
