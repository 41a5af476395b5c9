using System.Collections.Generic;
using DaemonLint.Model;

namespace DaemonLint.Engine;

/// <summary>Prior versions of objects, for update rules, matched by API group, kind, namespace and name.</summary>
public sealed class BaselineIndex
{
    private readonly Dictionary<string, ManifestObject> objects = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> namespacesByName = new(System.StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="BaselineIndex"/> class that matches objects without a namespace in <c>default</c>.</summary>
    public BaselineIndex()
        : this("default")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BaselineIndex"/> class.</summary>
    /// <param name="defaultNamespace">
    /// The namespace of objects that name none, as <c>kubectl apply -n</c> would put them (<c>default</c> when empty); it applies to
    /// the prior versions and to the objects looked up alike.
    /// </param>
    public BaselineIndex(string? defaultNamespace) => this.DefaultNamespace = string.IsNullOrEmpty(defaultNamespace) ? "default" : defaultNamespace!;

    private BaselineIndex? under;

    /// <summary>Gets the namespace of objects that name none.</summary>
    public string DefaultNamespace { get; }

    /// <summary>Gets an empty index.</summary>
    public static BaselineIndex Empty { get; } = new();

    /// <summary>Gets the number of objects.</summary>
    public int Count => this.objects.Count + (this.under?.Count ?? 0);

    /// <summary>Adds a prior version (a later one with the same identity wins).</summary>
    /// <param name="obj">The object.</param>
    public void Add(ManifestObject obj)
    {
        if (obj.Name is not null && obj.Kind is not null)
        {
            this.objects[this.KeyOf(obj)] = obj;
            if (!string.IsNullOrEmpty(obj.Namespace))
            {
                var key = NameKey(obj);
                if (!this.namespacesByName.TryGetValue(key, out var namespaces))
                {
                    namespaces = new HashSet<string>(System.StringComparer.Ordinal);
                    this.namespacesByName.Add(key, namespaces);
                }

                namespaces.Add(obj.Namespace!);
            }
        }
    }

    /// <summary>Returns a copy of this index with the objects of one more prior file (a git revision's version of a file).</summary>
    /// <param name="file">The file name to put on the objects.</param>
    /// <param name="bytes">The prior content.</param>
    /// <param name="limits">Input limits.</param>
    /// <returns>The new index; this one is unchanged.</returns>
    public BaselineIndex With(string? file, byte[] bytes, Yaml.ReaderLimits limits)
    {
        var copy = new BaselineIndex(this.DefaultNamespace);
        foreach (var kv in this.objects)
        {
            copy.Add(kv.Value);
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

    /// <summary>
    /// Returns an index that looks in this one first and then in <paramref name="fallback"/>, without copying either (a file's
    /// version at a git revision over the <c>--baseline</c> files).
    /// </summary>
    /// <param name="fallback">The index to look in when this one has no prior version.</param>
    /// <returns>A new index whose own objects are this one's; neither index is changed.</returns>
    public BaselineIndex Over(BaselineIndex? fallback)
    {
        if (fallback is null || fallback.Count == 0)
        {
            return this;
        }

        var layered = new BaselineIndex(this.DefaultNamespace) { under = fallback };
        foreach (var kv in this.objects)
        {
            layered.Add(kv.Value);
        }

        return layered;
    }

    /// <summary>Finds the prior version of an object.</summary>
    /// <param name="current">The current object.</param>
    /// <returns>The prior version, or null (a create).</returns>
    public ManifestObject? Find(ManifestObject current) =>
        current.Name is null ? null
        : this.objects.TryGetValue(this.KeyOf(current), out var o) ? o
        : this.under?.Find(current);

    /// <summary>
    /// Finds the namespaces, other than the default one, that hold a prior version with the identity of an object that names no
    /// namespace: the object was probably meant for one of them (<c>kubectl apply -n</c>), and was compared with nothing.
    /// </summary>
    /// <param name="current">The current object.</param>
    /// <returns>The namespaces, in ordinal order (empty when the object names a namespace or has a prior version).</returns>
    public List<string> OtherNamespacesOf(ObjectRef current)
    {
        var result = new List<string>();
        if (current.Name is null || !string.IsNullOrEmpty(current.Namespace))
        {
            return result;
        }

        var slash = current.ApiVersion?.IndexOf('/') ?? -1;
        var group = slash < 0 ? string.Empty : current.ApiVersion!.Substring(0, slash);
        var key = string.Join("\u0001", group, current.Kind ?? string.Empty, current.Name);
        var own = string.Join("\u0001", group, current.Kind ?? string.Empty, this.DefaultNamespace, current.Name);
        for (var index = this; index is not null; index = index.under)
        {
            if (index.objects.ContainsKey(own))
            {
                return new List<string>();
            }
        }

        for (var index = this; index is not null; index = index.under)
        {
            if (index.namespacesByName.TryGetValue(key, out var namespaces))
            {
                foreach (var ns in namespaces)
                {
                    if (ns != this.DefaultNamespace && !result.Contains(ns))
                    {
                        result.Add(ns);
                    }
                }
            }
        }

        result.Sort(System.StringComparer.Ordinal);
        return result;
    }

    private static string NameKey(ManifestObject obj) => string.Join("\u0001", obj.Group, obj.Kind ?? string.Empty, obj.Name ?? string.Empty);

    private string KeyOf(ManifestObject obj) =>
        string.Join("\u0001", obj.Group, obj.Kind ?? string.Empty, string.IsNullOrEmpty(obj.Namespace) ? this.DefaultNamespace : obj.Namespace, obj.Name ?? string.Empty);
}
