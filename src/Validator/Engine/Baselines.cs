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

    /// <summary>Returns a copy of this index with the objects of one more prior file (a git revision's version of a file).</summary>
    /// <param name="file">The file name to put on the objects.</param>
    /// <param name="bytes">The prior content.</param>
    /// <param name="limits">Input limits.</param>
    /// <returns>The new index; this one is unchanged.</returns>
    public BaselineIndex With(string? file, byte[] bytes, Yaml.ReaderLimits limits)
    {
        var copy = new BaselineIndex();
        foreach (var kv in this.objects)
        {
            copy.objects[kv.Key] = kv.Value;
        }

        if (TextDecoder.TryDecode(bytes, out var text, out _))
        {
            try
            {
                foreach (var doc in Yaml.YamlManifestReader.ReadDocuments(file, text, limits))
                {
                    foreach (var o in doc.Objects)
                    {
                        copy.Add(o);
                    }
                }
            }
            catch (System.Exception ex) when (ex is not System.OutOfMemoryException)
            {
                // A prior version that cannot be read gives no baseline: the update rules then see a create.
            }
        }

        return copy;
    }

    /// <summary>Finds the prior version of an object.</summary>
    /// <param name="current">The current object.</param>
    /// <returns>The prior version, or null (a create).</returns>
    public ManifestObject? Find(ManifestObject current) =>
        current.Name is not null && this.objects.TryGetValue(current.IdentityKey, out var o) ? o : null;
}
