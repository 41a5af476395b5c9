using System;
using System.Collections.Generic;
using System.IO;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Hosting;

/// <summary>
/// Writes what checking a file found to a stream and reads it back exactly: every finding with its field paths, span,
/// object and help link, the objects checked, the counts, the notices. Strings are written as their UTF-16 code units, so
/// a lone surrogate or a control character a manifest put into a message comes back as it was. The tool's worker
/// processes hand their results (a file's, or a run of documents' part of a file's report) to the process that writes the
/// report with it.
/// </summary>
public static class CheckedFileCodec
{
    private const byte NoPath = 0;
    private const byte HasPath = 1;

    /// <summary>Writes a file to check.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="file">The file.</param>
    public static void WriteFile(BinaryWriter writer, SourceFile file)
    {
        WriteString(writer, file.DisplayName);
        WriteString(writer, file.FullPath);
    }

    /// <summary>Reads a file written by <see cref="WriteFile"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The file.</returns>
    public static SourceFile ReadFile(BinaryReader reader) =>
        new(ReadString(reader) ?? throw new InvalidDataException("a file without a name"), ReadString(reader));

    /// <summary>Writes what checking a file found.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="result">The result.</param>
    public static void Write(BinaryWriter writer, CheckedFile result)
    {
        WriteFile(writer, result.File);
        writer.Write(result.Objects);
        writer.Write(result.Unreadable);
        writer.Write(result.Skipped);

        WriteBody(writer, result.Findings, result.CheckedObjects, null);
        writer.Write(result.Notices.Count);
        result.Notices.ForEach(n => WriteString(writer, n));
    }

    /// <summary>Reads a result written by <see cref="Write"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidDataException">The bytes are not such a result.</exception>
    /// <exception cref="EndOfStreamException">The stream ended inside one.</exception>
    public static CheckedFile Read(BinaryReader reader)
    {
        var result = new CheckedFile(ReadFile(reader))
        {
            Objects = reader.ReadInt32(),
            Unreadable = reader.ReadBoolean(),
            Skipped = reader.ReadBoolean(),
        };
        ReadBody(reader, result.Findings, result.CheckedObjects, null);
        for (var n = Count(reader); n > 0; n--)
        {
            result.Notices.Add(ReadString(reader) ?? throw new InvalidDataException("a null notice"));
        }

        return result;
    }

    /// <summary>Writes a run's part of a file's report (<see cref="ManifestValidator.ValidateRun"/>), or null.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="part">The part, or null (the run cannot stand for its part of the file).</param>
    public static void WriteReport(BinaryWriter writer, FileReport? part)
    {
        writer.Write(part is not null);
        if (part is not null)
        {
            WriteString(writer, part.File);
            writer.Write(part.Objects);
            WriteBody(writer, part.Findings, part.CheckedObjects, part.DroppedFields);
        }
    }

    /// <summary>Reads a part written by <see cref="WriteReport"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The part, or null.</returns>
    public static FileReport? ReadReport(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var file = ReadString(reader);
        var objects = reader.ReadInt32();
        var findings = new List<Finding>();
        var checkedObjects = new List<ObjectRef>();
        var dropped = new List<DroppedFieldReport>();
        ReadBody(reader, findings, checkedObjects, dropped);
        return FileReport.Of(file, objects, findings, checkedObjects, dropped);
    }

    // The objects once each, then the checked list, the findings and the dropped fields pointing into that table.
    private static void WriteBody(BinaryWriter writer, List<Finding> findings, List<ObjectRef> checkedObjects, List<DroppedFieldReport>? dropped)
    {
        var table = new Dictionary<ObjectRef, int>();
        var order = new List<ObjectRef>();
        int Slot(ObjectRef o)
        {
            if (!table.TryGetValue(o, out var i))
            {
                i = order.Count;
                table.Add(o, i);
                order.Add(o);
            }

            return i;
        }

        var checkedSlots = checkedObjects.ConvertAll(Slot);
        var findingSlots = findings.ConvertAll(f => f.Object is { } o ? Slot(o) : -1);
        var droppedSlots = dropped?.ConvertAll(d => Slot(d.Object));
        writer.Write(order.Count);
        foreach (var o in order)
        {
            WriteString(writer, o.File);
            writer.Write(o.Document);
            WriteString(writer, o.ApiVersion);
            WriteString(writer, o.Kind);
            WriteString(writer, o.Namespace);
            WriteString(writer, o.Name);
        }

        writer.Write(checkedSlots.Count);
        checkedSlots.ForEach(writer.Write);
        writer.Write(findings.Count);
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            WriteString(writer, f.RuleId);
            writer.Write((int)f.Severity);
            WriteString(writer, f.Message);
            WriteString(writer, f.Hint);
            WriteString(writer, f.WhenApiVersion);
            writer.Write((int)f.Kind);
            WritePath(writer, f.Path);
            WritePath(writer, f.LocationPath);
            WriteString(writer, f.BadValue);
            writer.Write(findingSlots[i]);
            WritePosition(writer, f.Span.Start);
            WritePosition(writer, f.Span.End);
            WriteString(writer, f.File);
            WriteString(writer, f.HelpUri);
        }

        if (dropped is not null)
        {
            writer.Write(dropped.Count);
            for (var i = 0; i < dropped.Count; i++)
            {
                var d = dropped[i];
                writer.Write(droppedSlots![i]);
                WritePath(writer, d.Field.Path);
                writer.Write((int)d.Field.Gate);
                writer.Write((int)d.Field.Action);
                WriteString(writer, d.Field.Reason);
                WritePosition(writer, d.Span.Start);
                WritePosition(writer, d.Span.End);
            }
        }
    }

    private static void ReadBody(BinaryReader reader, List<Finding> findings, List<ObjectRef> checkedObjects, List<DroppedFieldReport>? dropped)
    {
        var objects = new ObjectRef[Count(reader)];
        for (var i = 0; i < objects.Length; i++)
        {
            objects[i] = new ObjectRef(ReadString(reader), reader.ReadInt32(), ReadString(reader), ReadString(reader), ReadString(reader), ReadString(reader));
        }

        ObjectRef? ObjectAt(int slot) => slot == -1 ? null
            : slot >= 0 && slot < objects.Length ? objects[slot]
            : throw new InvalidDataException("an object index out of range");

        for (var n = Count(reader); n > 0; n--)
        {
            checkedObjects.Add(ObjectAt(reader.ReadInt32()) ?? throw new InvalidDataException("a checked object without an object"));
        }

        for (var n = Count(reader); n > 0; n--)
        {
            findings.Add(new Finding
            {
                RuleId = ReadString(reader) ?? throw new InvalidDataException("a finding without a rule id"),
                Severity = Enum<Severity>(reader.ReadInt32()),
                Message = ReadString(reader) ?? throw new InvalidDataException("a finding without a message"),
                Hint = ReadString(reader),
                WhenApiVersion = ReadString(reader),
                Kind = Enum<FindingKind>(reader.ReadInt32()),
                Path = ReadPath(reader),
                LocationPath = ReadPath(reader),
                BadValue = ReadString(reader),
                Object = ObjectAt(reader.ReadInt32()),
                Span = new SourceSpan(ReadPosition(reader), ReadPosition(reader)),
                File = ReadString(reader),
                HelpUri = ReadString(reader),
            });
        }

        if (dropped is not null)
        {
            for (var n = Count(reader); n > 0; n--)
            {
                var o = ObjectAt(reader.ReadInt32()) ?? throw new InvalidDataException("a dropped field without an object");
                var field = new DroppedField(
                    ReadPath(reader) ?? throw new InvalidDataException("a dropped field without a path"),
                    Enum<FeatureGate>(reader.ReadInt32()),
                    Enum<DropAction>(reader.ReadInt32()),
                    ReadString(reader) ?? throw new InvalidDataException("a dropped field without a reason"));
                dropped.Add(new DroppedFieldReport(o, field, new SourceSpan(ReadPosition(reader), ReadPosition(reader))));
            }
        }
    }

    /// <summary>Writes a string as its length and UTF-16 code units (-1: null).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="s">The string, or null.</param>
    public static void WriteString(BinaryWriter writer, string? s)
    {
        if (s is null)
        {
            writer.Write(-1);
            return;
        }

        // The code units in one block (a copy of their bits, as both ends are this program on this machine): a file's names
        // went over the pipe a code unit per call, a tenth of what the thread feeding a worker spent.
        writer.Write(s.Length);
        var chars = CodecScratch.Chars(s.Length);
        s.CopyTo(0, chars, 0, s.Length);
        var bytes = CodecScratch.Bytes(2 * s.Length);
        Buffer.BlockCopy(chars, 0, bytes, 0, 2 * s.Length);
        writer.Write(bytes, 0, 2 * s.Length);
    }

    /// <summary>Reads a string written by <see cref="WriteString"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The string, or null.</returns>
    public static string? ReadString(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length == -1)
        {
            return null;
        }

        if (length < 0 || length > int.MaxValue / 2 || (reader.BaseStream.CanSeek && length > (reader.BaseStream.Length - reader.BaseStream.Position) / 2))
        {
            throw new InvalidDataException("a string length out of range");
        }

        var bytes = CodecScratch.Bytes(2 * length);
        for (var read = 0; read < 2 * length;)
        {
            var got = reader.Read(bytes, read, (2 * length) - read);
            if (got <= 0)
            {
                throw new EndOfStreamException("the stream ended inside a string");
            }

            read += got;
        }

        var chars = CodecScratch.Chars(length);
        Buffer.BlockCopy(bytes, 0, chars, 0, 2 * length);
        return new string(chars, 0, length);
    }

    private static int Count(BinaryReader reader)
    {
        var n = reader.ReadInt32();
        return n >= 0 ? n : throw new InvalidDataException("a negative count");
    }

    private static T Enum<T>(int value)
        where T : struct, Enum =>
        System.Enum.IsDefined(typeof(T), value) ? (T)(object)value : throw new InvalidDataException($"{value} is not a {typeof(T).Name}");

    private static void WritePosition(BinaryWriter writer, SourcePosition p)
    {
        writer.Write(p.Line);
        writer.Write(p.Column);
        writer.Write(p.Offset);
    }

    private static SourcePosition ReadPosition(BinaryReader reader) => new(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());

    private static void WritePath(BinaryWriter writer, FieldPath? path)
    {
        if (path is null)
        {
            writer.Write(NoPath);
            return;
        }

        writer.Write(HasPath);
        var segments = path.Segments();
        writer.Write(segments.Count);
        foreach (var s in segments)
        {
            writer.Write((byte)s.SegmentKind);
            if (s.SegmentKind == PathSegmentKind.Index)
            {
                writer.Write(s.IndexValue);
            }
            else
            {
                WriteString(writer, s.Name);
            }
        }
    }

    private static FieldPath? ReadPath(BinaryReader reader)
    {
        switch (reader.ReadByte())
        {
            case NoPath:
                return null;
            case HasPath:
                break;
            default:
                throw new InvalidDataException("a field path marker out of range");
        }

        FieldPath? path = null;
        for (var n = Count(reader); n > 0; n--)
        {
            var kind = (PathSegmentKind)reader.ReadByte();
            path = kind switch
            {
                PathSegmentKind.Index when path is not null => path.Index(reader.ReadInt32()),
                PathSegmentKind.Field => path is null ? FieldPath.Root(Name(reader)) : path.Child(Name(reader)),
                PathSegmentKind.Key when path is not null => path.Key(Name(reader)),
                _ => throw new InvalidDataException("a field path segment out of place"),
            };
        }

        return path ?? throw new InvalidDataException("an empty field path");
    }

    private static string Name(BinaryReader reader) => ReadString(reader) ?? throw new InvalidDataException("a null path segment");
}

// Per-thread buffers for the strings of the codec (a worker and the threads feeding workers each code strings one at a
// time); they grow to the longest string seen.
internal static class CodecScratch
{
    [ThreadStatic]
    private static char[]? chars;

    [ThreadStatic]
    private static byte[]? bytes;

    public static char[] Chars(int length) => chars is { } c && c.Length >= length ? c : chars = new char[Math.Max(length, 256)];

    public static byte[] Bytes(int length) => bytes is { } b && b.Length >= length ? b : bytes = new byte[Math.Max(length, 512)];
}
