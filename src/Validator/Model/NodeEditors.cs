using System.Collections.Generic;

namespace DaemonLint.Model;

/// <summary>Builds a mapping from its original entries, copying it only once an entry changes.</summary>
internal struct MappingEditor
{
    private readonly MappingNode original;
    private List<MappingEntry>? entries;

    public MappingEditor(MappingNode original)
    {
        this.original = original;
        this.entries = null;
    }

    /// <summary>Sets entry <paramref name="index"/>'s value (called for every index in order); null removes it.</summary>
    public void Set(int index, ManifestNode? value)
    {
        var entry = this.original.Entries[index];
        if (this.entries is null)
        {
            if (ReferenceEquals(value, entry.Value))
            {
                return;
            }

            this.entries = new List<MappingEntry>(this.original.Count);
            for (var i = 0; i < index; i++)
            {
                this.entries.Add(this.original.Entries[i]);
            }
        }

        if (value is null)
        {
            return;
        }

        this.entries.Add(ReferenceEquals(value, entry.Value) ? entry : new MappingEntry(entry.Key, entry.KeySpan, value) { HostData = entry.HostData });
    }

    public MappingNode Result() => this.entries is null
        ? this.original
        : new MappingNode(this.original.Span, this.entries, this.original.HasUnknownEntries) { HostData = this.original.HostData };
}

/// <summary>Builds a sequence from its original items, copying it only once an item changes.</summary>
internal struct SequenceEditor
{
    private readonly SequenceNode original;
    private List<ManifestNode>? items;

    public SequenceEditor(SequenceNode original)
    {
        this.original = original;
        this.items = null;
    }

    public void Set(int index, ManifestNode? value)
    {
        var item = this.original.Items[index];
        if (this.items is null)
        {
            if (ReferenceEquals(value, item))
            {
                return;
            }

            this.items = new List<ManifestNode>(this.original.Count);
            for (var i = 0; i < index; i++)
            {
                this.items.Add(this.original.Items[i]);
            }
        }

        if (value is not null)
        {
            this.items.Add(value);
        }
    }

    public SequenceNode Result() => this.items is null
        ? this.original
        : new SequenceNode(this.original.Span, this.items, this.original.HasUnknownItems) { HostData = this.original.HostData };
}
