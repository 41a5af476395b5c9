using System;
using System.Collections.Generic;
using DaemonLint.Model;

namespace DaemonLint.Engine;

/// <summary>
/// The objects a file's validation checked, kept as text in two growing arrays until a host asks for them, instead of
/// one <see cref="ObjectRef"/> and its four strings (from the object's tree) kept alive per object while the rest of the
/// file is read. Small objects that outlive their document, one or two per document across a large file, make the
/// collector promote far more than themselves (<c>bench --gc</c>: 37.5 MB promoted and 80 ms paused for 10,000
/// documents, against 4.9 MB and 34 ms without them); two arrays that grow by doubling do not.
/// </summary>
internal sealed class ObjectRefLog
{
    private Entry[] entries = Array.Empty<Entry>();
    private char[] chars = Array.Empty<char>();
    private int count;
    private int used;

    /// <summary>Gets the number of objects logged.</summary>
    public int Count => this.count;

    /// <summary>Logs an object: its strings are copied, so the log keeps nothing of the object alive.</summary>
    /// <param name="o">The object.</param>
    public void Add(ObjectRef o)
    {
        if (this.count == this.entries.Length)
        {
            Array.Resize(ref this.entries, Math.Max(16, this.entries.Length * 2));
        }

        // The file name is the host's, one string for the whole file: kept as it is.
        this.entries[this.count++] = new Entry(o.File, o.Document, this.Copy(o.ApiVersion), this.Copy(o.Kind), this.Copy(o.Namespace), this.Copy(o.Name));
    }

    /// <summary>Appends the logged objects to a list, in the order logged; equal texts of consecutive objects share one string.</summary>
    /// <param name="into">The list.</param>
    public void CopyTo(List<ObjectRef> into)
    {
        string? apiVersion = null, kind = null, ns = null;
        for (var i = 0; i < this.count; i++)
        {
            var e = this.entries[i];
            apiVersion = this.Text(e.ApiVersion, apiVersion);
            kind = this.Text(e.Kind, kind);
            ns = this.Text(e.Namespace, ns);
            into.Add(new ObjectRef(e.File, e.Document, apiVersion, kind, ns, this.Text(e.Name, null)));
        }
    }

    private Slice Copy(string? s)
    {
        if (s is null)
        {
            return new Slice(0, -1);
        }

        if (this.chars.Length - this.used < s.Length)
        {
            Array.Resize(ref this.chars, Math.Max(Math.Max(256, this.chars.Length * 2), this.used + s.Length));
        }

        s.CopyTo(0, this.chars, this.used, s.Length);
        this.used += s.Length;
        return new Slice(this.used - s.Length, s.Length);
    }

    // The text of a slice, or the previous object's string for the same field when it is the same text.
    private string? Text(Slice slice, string? previous)
    {
        if (slice.Length < 0)
        {
            return null;
        }

        return previous is not null && this.Holds(slice, previous) ? previous : new string(this.chars, slice.Start, slice.Length);
    }

    private bool Holds(Slice slice, string s)
    {
        if (s.Length != slice.Length)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if (this.chars[slice.Start + i] != s[i])
            {
                return false;
            }
        }

        return true;
    }

    // Where a text is in the characters; Length -1 stands for null.
    private readonly record struct Slice(int Start, int Length);

    private readonly record struct Entry(string? File, int Document, Slice ApiVersion, Slice Kind, Slice Namespace, Slice Name);
}
