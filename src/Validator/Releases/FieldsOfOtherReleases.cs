using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Schema;

namespace DaemonLint.Releases;

/// <summary>
/// Drops from an object the fields that its release's decoder does not know but other releases do
/// (<c>securityContext.seLinuxChangePolicy</c> at 1.31, <c>lifecycle.stopSignal</c> at 1.32): the API server of that
/// release never sees them, so no validation rule may check them. Strict decoding reports them (DS2001, with the releases
/// that have them); fields no release knows are left in place, since no rule reads them.
/// </summary>
internal static class FieldsOfOtherReleases
{
    /// <summary>Drops the fields of other releases that the decoder's walk found.</summary>
    /// <param name="obj">The object as written.</param>
    /// <param name="issues">The decoder's issues with it (<see cref="Rules.Support.SchemaConformanceRule.Walk"/>).</param>
    /// <returns>The same instance when there is no such field; otherwise a copy without them, every other node shared.</returns>
    public static ManifestObject Drop(ManifestObject obj, IReadOnlyList<SchemaIssue> issues)
    {
        // By node and path: a node that a YAML alias also puts at a known field stays there.
        HashSet<(ManifestNode Node, FieldPath Path)>? doomed = null;
        foreach (var issue in issues)
        {
            if (issue is { Kind: SchemaIssueKind.UnknownField, KnownIn: not null })
            {
                (doomed ??= new HashSet<(ManifestNode, FieldPath)>(Comparer.Instance)).Add((issue.Node, issue.Path));
            }
        }

        if (doomed is null)
        {
            return obj;
        }

        // One walk over the object, however many fields go (the tree is at most ReaderLimits.MaxDepth deep).
        var root = (MappingNode)Rebuild(obj.Root, null, doomed);
        return ReferenceEquals(root, obj.Root) ? obj : new ManifestObject(root, obj.File, obj.Document, obj.ListItem);
    }

    // The path of an unknown field holds field names and indexes only: the maps of a DaemonSet (labels, limits) hold
    // strings and quantities, never an object with fields of its own.
    private static ManifestNode Rebuild(ManifestNode node, FieldPath? path, HashSet<(ManifestNode Node, FieldPath Path)> doomed)
    {
        switch (node)
        {
            case MappingNode map:
                var e = new MappingEditor(map);
                for (var i = 0; i < map.Count; i++)
                {
                    var entry = map.Entries[i];
                    var child = path is null ? FieldPath.Root(entry.Key) : path.Child(entry.Key);
                    e.Set(i, doomed.Contains((entry.Value, child)) ? null : Rebuild(entry.Value, child, doomed));
                }

                return e.Result();
            case SequenceNode seq when path is not null:
                var s = new SequenceEditor(seq);
                for (var i = 0; i < seq.Count; i++)
                {
                    s.Set(i, Rebuild(seq.Items[i], path.Index(i), doomed));
                }

                return s.Result();
            default:
                return node;
        }
    }

    private sealed class Comparer : IEqualityComparer<(ManifestNode Node, FieldPath Path)>
    {
        public static readonly Comparer Instance = new();

        public bool Equals((ManifestNode Node, FieldPath Path) x, (ManifestNode Node, FieldPath Path) y) => ReferenceEquals(x.Node, y.Node) && x.Path.Equals(y.Path);

        public int GetHashCode((ManifestNode Node, FieldPath Path) obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Node);
    }
}
