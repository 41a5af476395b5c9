using System;

namespace DaemonLint.Model;

/// <summary>One Kubernetes object read from one document (or one item of a <c>kind: List</c>).</summary>
public sealed class ManifestObject
{
    /// <summary>Initializes a new instance of the <see cref="ManifestObject"/> class.</summary>
    /// <param name="root">The root mapping of the object.</param>
    /// <param name="file">The file the object came from, as the host names it.</param>
    /// <param name="document">The 0-based document index in the file.</param>
    /// <param name="listItem">The index within a <c>kind: List</c>, or -1.</param>
    public ManifestObject(MappingNode root, string? file = null, int document = 0, int listItem = -1)
    {
        this.Root = root;
        this.File = file;
        this.Document = document;
        this.ListItem = listItem;
        this.ApiVersion = StringAt(root, "apiVersion");
        this.Kind = StringAt(root, "kind");
        if (root["metadata"] is MappingNode meta)
        {
            this.Namespace = StringAt(meta, "namespace");
            this.Name = StringAt(meta, "name") ?? StringAt(meta, "generateName");
        }

        var slash = this.ApiVersion?.IndexOf('/') ?? -1;
        this.Group = slash < 0 ? string.Empty : this.ApiVersion!.Substring(0, slash);
        this.Version = slash < 0 ? this.ApiVersion ?? string.Empty : this.ApiVersion!.Substring(slash + 1);
        this.Ref = new ObjectRef(file, document, this.ApiVersion, this.Kind, this.Namespace, this.Name);
    }

    // A view of another object under another apiVersion: same tree, file and reference (findings still name the object as written).
    private ManifestObject(ManifestObject of, string apiVersion)
    {
        this.Root = of.Root;
        this.File = of.File;
        this.Document = of.Document;
        this.ListItem = of.ListItem;
        this.ApiVersion = apiVersion;
        this.Kind = of.Kind;
        this.Namespace = of.Namespace;
        this.Name = of.Name;
        var slash = apiVersion.IndexOf('/');
        this.Group = slash < 0 ? string.Empty : apiVersion.Substring(0, slash);
        this.Version = slash < 0 ? apiVersion : apiVersion.Substring(slash + 1);
        this.Ref = of.Ref;
    }

    /// <summary>Gets the root mapping.</summary>
    public MappingNode Root { get; }

    /// <summary>Gets the file the object came from.</summary>
    public string? File { get; }

    /// <summary>Gets the 0-based document index.</summary>
    public int Document { get; }

    /// <summary>Gets the index within a <c>kind: List</c>, or -1.</summary>
    public int ListItem { get; }

    /// <summary>Gets the apiVersion text, or null.</summary>
    public string? ApiVersion { get; }

    /// <summary>Gets the API group (empty for the core group).</summary>
    public string Group { get; }

    /// <summary>Gets the API version without the group.</summary>
    public string Version { get; }

    /// <summary>Gets the kind, or null.</summary>
    public string? Kind { get; }

    /// <summary>Gets metadata.namespace, or null.</summary>
    public string? Namespace { get; }

    /// <summary>Gets metadata.name (or generateName), or null.</summary>
    public string? Name { get; }

    /// <summary>Gets the reference used in findings.</summary>
    public ObjectRef Ref { get; }

    /// <summary>Gets a value indicating whether this is an apps/v1 DaemonSet.</summary>
    public bool IsAppsV1DaemonSet => this.Kind == "DaemonSet" && this.ApiVersion == "apps/v1";

    /// <summary>Gets a value indicating whether this is a Node.</summary>
    public bool IsNode => this.Kind == "Node" && this.ApiVersion == "v1";

    /// <summary>Gets the key that matches prior versions of the same object (group, kind, namespace, name).</summary>
    public string IdentityKey => string.Join("\u0001", this.Group, this.Kind ?? string.Empty, string.IsNullOrEmpty(this.Namespace) ? "default" : this.Namespace, this.Name ?? string.Empty);

    /// <summary>The same object read as another apiVersion (the engine validates a removed one as <c>apps/v1</c> too).</summary>
    /// <param name="apiVersion">The apiVersion to assume.</param>
    /// <returns>A view with the same tree and <see cref="Ref"/>.</returns>
    internal ManifestObject As(string apiVersion) => new(this, apiVersion);

    /// <summary>Resolves a path to the place in the tree that shows it best.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The location.</returns>
    public ResolvedLocation Resolve(FieldPath? path) => ResolvedLocation.Resolve(this.Root, path);

    private static string? StringAt(MappingNode m, string key) =>
        m[key] is ScalarNode { Type: not ScalarType.Null } s ? s.Raw : null;
}

/// <summary>The node (and mapping entry) a <see cref="FieldPath"/> leads to, or its nearest existing ancestor.</summary>
public readonly struct ResolvedLocation
{
    private ResolvedLocation(ManifestNode node, MappingEntry? entry, bool exact)
    {
        this.Node = node;
        this.Entry = entry;
        this.Exact = exact;
    }

    /// <summary>Gets the node reached.</summary>
    public ManifestNode Node { get; }

    /// <summary>Gets the mapping entry whose value is <see cref="Node"/>, when it was reached through a key.</summary>
    public MappingEntry? Entry { get; }

    /// <summary>Gets a value indicating whether the whole path exists (false: an ancestor was reached).</summary>
    public bool Exact { get; }

    /// <summary>
    /// Gets the span to show: a scalar's value; for a mapping or sequence, the key that holds it (or its first key);
    /// for a missing field, the key of the nearest existing ancestor.
    /// </summary>
    public SourceSpan Span
    {
        get
        {
            if (this.Exact && this.Node is ScalarNode or UnknownNode)
            {
                return this.Node.Span;
            }

            if (this.Entry is not null)
            {
                return this.Entry.KeySpan;
            }

            if (this.Node is MappingNode { Count: > 0 } m)
            {
                return m.Entries[0].KeySpan;
            }

            return SourceSpan.At(this.Node.Span.Start);
        }
    }

    /// <summary>Walks a path from a root.</summary>
    /// <param name="root">The root.</param>
    /// <param name="path">The path (null: the root).</param>
    /// <returns>The location.</returns>
    public static ResolvedLocation Resolve(MappingNode root, FieldPath? path)
    {
        ManifestNode node = root;
        MappingEntry? entry = null;
        if (path is null)
        {
            return new ResolvedLocation(root, null, true);
        }

        foreach (var seg in path.Segments())
        {
            switch (node)
            {
                case MappingNode m when seg.SegmentKind != PathSegmentKind.Index && m.TryGetEntry(seg.Name, out var e):
                    entry = e;
                    node = e.Value;
                    continue;
                case MappingNode m when seg.SegmentKind == PathSegmentKind.Index && m.TryGetEntry(seg.IndexValue.ToString(System.Globalization.CultureInfo.InvariantCulture), out var e2):
                    entry = e2;
                    node = e2.Value;
                    continue;
                case SequenceNode s when seg.SegmentKind == PathSegmentKind.Index && seg.IndexValue >= 0 && seg.IndexValue < s.Count:
                    entry = null;
                    node = s.Items[seg.IndexValue];
                    continue;
            }

            return new ResolvedLocation(node, entry, false);
        }

        return new ResolvedLocation(node, entry, true);
    }

    /// <inheritdoc />
    public override string ToString() => $"{this.Span} exact={this.Exact}";
}
