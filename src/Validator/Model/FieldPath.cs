using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;

namespace DaemonLint.Model;

/// <summary>The kind of one <see cref="FieldPath"/> segment.</summary>
public enum PathSegmentKind
{
    /// <summary>A struct field: <c>.name</c>.</summary>
    Field,

    /// <summary>A list index: <c>[3]</c>.</summary>
    Index,

    /// <summary>A map key: <c>[app]</c>.</summary>
    Key,
}

/// <summary>
/// An immutable path to a field, built like Kubernetes' <c>field.Path</c>. <see cref="ToString"/> prints it the way
/// kubectl and the API server do (<c>spec.template.spec.containers[0].image</c>, <c>metadata.labels[app]</c>);
/// <see cref="ToJsonPointer"/> prints it as a JSON Pointer (<c>/spec/template/spec/containers/0/image</c>).
/// </summary>
public sealed class FieldPath : IEquatable<FieldPath>
{
    // Field children and small indexes are memoized, so the paths rules build again and again (Paths.PodSpec.Child(...),
    // a container's Child("ports"), ...) are built once per parent. Keys are user data and never memoized, nor are the
    // children of a path that is not itself memoized (a key, a large index: built anew each time, they would only hold
    // their memo). The memo is a small open-addressed table, at most MemoSize children, filled lock-free (the analyzer
    // validates on several threads); past that, children are built anew. A pod spec has some 40 fields the rules name, and a
    // volume 33 (30 sources, its name, and two names the server blames instead of a source's key): a memo of 32 would fill up
    // in a long-running host, after which the fields asked last are built anew for every object.
    private const int MemoSize = 64; // a power of two
    private const int MemoIndexes = 16;

    // Paths built by this thread: a test's measure of what validating an object builds (a thread's own count, so no shared
    // cache line is written by every thread).
    [ThreadStatic]
    private static int builtOnThisThread;

    private readonly bool memoizes;
    private FieldPath?[]? memo;
    private string? text;

    private FieldPath(FieldPath? parent, PathSegmentKind kind, string name, int index, bool memoizes = false)
    {
        this.memoizes = memoizes;
        this.Parent = parent;
        this.SegmentKind = kind;
        this.Name = name;
        this.IndexValue = index;
        this.Depth = parent is null ? 1 : parent.Depth + 1;
        builtOnThisThread++;
    }

    /// <summary>Gets the parent path, null for a root segment.</summary>
    public FieldPath? Parent { get; }

    /// <summary>Gets the kind of the last segment.</summary>
    public PathSegmentKind SegmentKind { get; }

    /// <summary>Gets the field name or map key of the last segment (empty for an index).</summary>
    public string Name { get; }

    /// <summary>Gets the index of the last segment (-1 unless an index).</summary>
    public int IndexValue { get; }

    /// <summary>Gets the number of segments.</summary>
    public int Depth { get; }

    /// <summary>Gets how many paths this thread has built (memoized ones once).</summary>
    internal static int BuiltOnThisThread => builtOnThisThread;

    /// <summary>Creates a root path from one or more field names.</summary>
    /// <param name="name">The first field.</param>
    /// <param name="more">More fields.</param>
    /// <returns>The path.</returns>
    public static FieldPath Root(string name, params string[] more)
    {
        var p = new FieldPath(null, PathSegmentKind.Field, name, -1, memoizes: true);
        return more.Length == 0 ? p : p.Child(more);
    }

    /// <summary>Parses a path printed by <see cref="ToString"/>. Bracketed numbers become indexes, other brackets keys.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The path.</returns>
    public static FieldPath Parse(string text)
    {
        FieldPath? p = null;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                continue;
            }

            if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    throw new FormatException($"unclosed '[' in path '{text}'");
                }

                var inner = text.Substring(i + 1, close - i - 1);
                if (p is null)
                {
                    throw new FormatException($"path '{text}' starts with a subscript");
                }

                p = int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? p.Index(n) : p.Key(inner);
                i = close + 1;
                continue;
            }

            var end = i;
            while (end < text.Length && text[end] != '.' && text[end] != '[')
            {
                end++;
            }

            var name = text.Substring(i, end - i);
            p = p is null ? Root(name) : p.Child(name);
            i = end;
        }

        return p ?? throw new FormatException("empty path");
    }

    /// <summary>Appends field segments.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The new path.</returns>
    public FieldPath Child(string name) => this.Memoized(PathSegmentKind.Field, name, -1);

    /// <summary>Appends several field segments.</summary>
    /// <param name="names">The fields.</param>
    /// <returns>The new path.</returns>
    public FieldPath Child(params string[] names)
    {
        var p = this;
        foreach (var n in names)
        {
            p = p.Child(n);
        }

        return p;
    }

    /// <summary>Appends a list index.</summary>
    /// <param name="index">The index.</param>
    /// <returns>The new path.</returns>
    public FieldPath Index(int index) => index is >= 0 and < MemoIndexes
        ? this.Memoized(PathSegmentKind.Index, string.Empty, index)
        : new(this, PathSegmentKind.Index, string.Empty, index);

    /// <summary>Appends two field segments.</summary>
    /// <param name="first">The first field.</param>
    /// <param name="second">The second field.</param>
    /// <returns>The new path.</returns>
    public FieldPath Child(string first, string second) => this.Child(first).Child(second);

    /// <summary>Appends a map key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The new path.</returns>
    public FieldPath Key(string key) => new(this, PathSegmentKind.Key, key, -1);

    private FieldPath Memoized(PathSegmentKind kind, string name, int index)
    {
        if (!this.memoizes)
        {
            return new FieldPath(this, kind, name, index);
        }

        var slots = Volatile.Read(ref this.memo);
        if (slots is null)
        {
            Interlocked.CompareExchange(ref this.memo, new FieldPath?[MemoSize], null);
            slots = this.memo!;
        }

        FieldPath? created = null;
        var start = kind == PathSegmentKind.Index ? index : MemoHash(name);
        for (var probe = 0; probe < MemoSize; probe++)
        {
            ref var slot = ref slots[(start + probe) & (MemoSize - 1)];
            var c = Volatile.Read(ref slot);
            if (c is null)
            {
                created ??= new FieldPath(this, kind, name, index, memoizes: true);
                c = Interlocked.CompareExchange(ref slot, created, null);
                if (c is null)
                {
                    return created;
                }
            }

            if (c.SegmentKind == kind && c.IndexValue == index && string.Equals(c.Name, name, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return new FieldPath(this, kind, name, index);
    }

    // A cheap spread of field names over the memo's slots (its length and three of its characters: enough to part the
    // names of one struct).
    private static int MemoHash(string name) => name.Length == 0
        ? 0
        : (name.Length * 7) ^ name[0] ^ (name[name.Length >> 1] << 2) ^ (name[name.Length - 1] << 4);

    /// <summary>Gets the segments from the root.</summary>
    /// <returns>The segments.</returns>
    public IReadOnlyList<FieldPath> Segments()
    {
        var list = new FieldPath[this.Depth];
        var p = this;
        for (var i = this.Depth - 1; i >= 0; i--)
        {
            list[i] = p!;
            p = p!.Parent;
        }

        return list;
    }

    /// <summary>Prints the path as kubectl does (map keys with non-printable characters escaped, see <see cref="GoText.Escape"/>).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (this.text is not null)
        {
            return this.text;
        }

        var sb = new StringBuilder();
        foreach (var s in this.Segments())
        {
            switch (s.SegmentKind)
            {
                case PathSegmentKind.Field:
                    if (sb.Length > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append(GoText.Clip(GoText.Escape(s.Name), GoText.MaxEchoedBytes));
                    break;
                case PathSegmentKind.Index:
                    sb.Append('[').Append(s.IndexValue.ToString(CultureInfo.InvariantCulture)).Append(']');
                    break;
                default:
                    // Keys (and field names, above) are manifest text: non-printable characters are escaped as Go's
                    // %q does, and a huge key is cut, so a path never carries control characters or megabytes to a terminal.
                    sb.Append('[').Append(GoText.Clip(GoText.Escape(s.Name), GoText.MaxEchoedBytes)).Append(']');
                    break;
            }
        }

        return this.text = sb.ToString();
    }

    /// <summary>Prints the path as an RFC 6901 JSON Pointer.</summary>
    /// <returns>The pointer.</returns>
    public string ToJsonPointer()
    {
        var sb = new StringBuilder();
        foreach (var s in this.Segments())
        {
            sb.Append('/');
            if (s.SegmentKind == PathSegmentKind.Index)
            {
                sb.Append(s.IndexValue.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(s.Name.Replace("~", "~0").Replace("/", "~1"));
            }
        }

        return sb.ToString();
    }

    /// <summary>Whether this path equals or lies below another.</summary>
    /// <param name="ancestor">The other path.</param>
    /// <returns>True when <paramref name="ancestor"/> is a prefix of this path.</returns>
    public bool StartsWith(FieldPath ancestor)
    {
        var p = this;
        while (p is not null && p.Depth > ancestor.Depth)
        {
            p = p.Parent;
        }

        return p is not null && p.Equals(ancestor);
    }

    /// <inheritdoc />
    public bool Equals(FieldPath? other)
    {
        var a = this;
        var b = other;
        while (a is not null && b is not null)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (a.SegmentKind != b.SegmentKind || a.IndexValue != b.IndexValue || !string.Equals(a.Name, b.Name, StringComparison.Ordinal))
            {
                return false;
            }

            a = a.Parent;
            b = b.Parent;
        }

        return a is null && b is null;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FieldPath p && this.Equals(p);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(this.ToString());
}
