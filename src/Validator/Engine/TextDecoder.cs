using System;
using System.IO;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Engine;

/// <summary>Turns file bytes into text: UTF-8 (BOM optional) or UTF-16/32 with a BOM; binary and invalid UTF-8 are refused with a location.</summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="text">The text.</param>
    /// <param name="problem">Why the bytes are not text.</param>
    /// <returns>Whether the bytes are text.</returns>
    public static bool TryDecode(byte[] bytes, out string text, out InputProblem? problem)
    {
        text = string.Empty;
        problem = null;
        try
        {
            if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0)
            {
                text = new UTF32Encoding(false, true, true).GetString(bytes, 4, bytes.Length - 4);
                return true;
            }

            if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF)
            {
                text = new UTF32Encoding(true, true, true).GetString(bytes, 4, bytes.Length - 4);
                return true;
            }

            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            {
                text = new UnicodeEncoding(false, true, true).GetString(bytes, 2, bytes.Length - 2);
                return true;
            }

            if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            {
                text = new UnicodeEncoding(true, true, true).GetString(bytes, 2, bytes.Length - 2);
                return true;
            }
        }
        catch (DecoderFallbackException)
        {
            problem = new InputProblem(RuleCatalog.DS9003_NotText.Id, "the file starts with a UTF-16/32 byte order mark but is not valid in that encoding", SourceSpan.At(SourcePosition.Start));
            return false;
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var nul = Array.IndexOf(bytes, (byte)0, start, Math.Min(bytes.Length - start, 8192));
        if (nul >= 0)
        {
            problem = Binary(bytes, start, nul);
            return false;
        }

        try
        {
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            problem = NotUtf8(bytes, start, ex);
            return false;
        }
    }

    /// <summary>
    /// Opens bytes as text for a reader that reads as it goes (a manifest of tens of megabytes, a node or pod inventory of
    /// hundreds), with the same checks as <see cref="TryDecode"/>: UTF-8 (the usual case) is checked whole without building a
    /// string, then decoded as it is read, so the text is never held whole beside the bytes; a UTF-16 or UTF-32 text (with its
    /// byte order mark) is decoded first and read from a <see cref="StringReader"/> (only then). The reader gives exactly the
    /// characters of the text <see cref="TryDecode"/> gives.
    /// </summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="reader">The text.</param>
    /// <param name="problem">Why the bytes are not text.</param>
    /// <returns>Whether the bytes are text.</returns>
    public static bool TryOpen(byte[] bytes, out TextReader reader, out InputProblem? problem)
    {
        reader = TextReader.Null;
        if (IsUtf16Or32(bytes))
        {
            if (!TryDecode(bytes, out var text, out problem))
            {
                return false;
            }

            reader = new StringReader(text);
            return true;
        }

        if (!TryCheckUtf8(bytes, out var start, out problem))
        {
            return false;
        }

        reader = new Utf8BytesReader(bytes, start);
        return true;
    }

    /// <summary>Whether the bytes start with a UTF-16 or UTF-32 byte order mark (the text is then not UTF-8).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>True for the UTF-16 and UTF-32 byte order marks, either byte order.</returns>
    internal static bool IsUtf16Or32(byte[] bytes) =>
        (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        || (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF);

    /// <summary>
    /// Checks bytes that carry no UTF-16/32 byte order mark as UTF-8 text, as <see cref="TryDecode"/> does (no NUL in the first
    /// 8 KiB, every sequence valid), without building the text.
    /// </summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="start">Where the text starts: after a UTF-8 byte order mark, if any.</param>
    /// <param name="problem">Why the bytes are not text.</param>
    /// <returns>Whether the bytes are UTF-8 text.</returns>
    internal static bool TryCheckUtf8(byte[] bytes, out int start, out InputProblem? problem)
    {
        problem = null;
        start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var nul = Array.IndexOf(bytes, (byte)0, start, Math.Min(bytes.Length - start, 8192));
        if (nul >= 0)
        {
            problem = Binary(bytes, start, nul);
            return false;
        }

        try
        {
            StrictUtf8.GetCharCount(bytes, start, bytes.Length - start);
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            problem = NotUtf8(bytes, start, ex);
            return false;
        }
    }

    private static InputProblem Binary(byte[] bytes, int start, int nul) =>
        new(RuleCatalog.DS9003_NotText.Id, "the file is binary (it contains NUL bytes), not a YAML or JSON manifest", SourceSpan.At(PositionOf(bytes, start, nul)));

    private static InputProblem NotUtf8(byte[] bytes, int start, DecoderFallbackException ex)
    {
        var at = ex.Index >= 0 ? start + ex.Index : FirstInvalidUtf8(bytes, start);
        return new(RuleCatalog.DS9003_NotText.Id, $"the file is not valid UTF-8 (byte 0x{bytes[Math.Min(at, bytes.Length - 1)]:X2} at offset {at}); save it as UTF-8", SourceSpan.At(PositionOf(bytes, start, at)));
    }

    private static int FirstInvalidUtf8(byte[] bytes, int start)
    {
        var decoder = StrictUtf8.GetDecoder();
        var chars = new char[4];
        for (var i = start; i < bytes.Length; i++)
        {
            try
            {
                decoder.GetChars(bytes, i, 1, chars, 0, flush: false);
            }
            catch (DecoderFallbackException)
            {
                return i;
            }
        }

        return bytes.Length - 1;
    }

    private static SourcePosition PositionOf(byte[] bytes, int start, int offset)
    {
        var line = 1;
        var lineStart = start;
        for (var i = start; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        // Columns count characters; a UTF-8 continuation byte does not start one.
        var col = 1;
        for (var i = lineStart; i < offset && i < bytes.Length; i++)
        {
            if ((bytes[i] & 0xC0) != 0x80)
            {
                col++;
            }
        }

        return new SourcePosition(line, col, offset);
    }
}

/// <summary>
/// Reads UTF-8 bytes as text, decoding a block at a time into the caller's buffer: no copy of the text is held, only the bytes.
/// The bytes must have passed <see cref="TextDecoder.TryCheckUtf8"/>; the characters are those <c>Encoding.UTF8.GetString</c> gives.
/// </summary>
internal sealed class Utf8BytesReader : TextReader
{
    private readonly byte[] bytes;
    private readonly int end;
    private readonly Decoder decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] pair = new char[2];
    private int position;
    private int pending;
    private int pendingCount;

    /// <summary>Initializes a new instance of the <see cref="Utf8BytesReader"/> class.</summary>
    /// <param name="bytes">The bytes, valid UTF-8 from <paramref name="start"/> on.</param>
    /// <param name="start">The first byte of the text (after a byte order mark).</param>
    public Utf8BytesReader(byte[] bytes, int start)
        : this(bytes, start, bytes.Length)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="Utf8BytesReader"/> class that reads a part of the bytes.</summary>
    /// <param name="bytes">The bytes, valid UTF-8 from <paramref name="start"/> to <paramref name="end"/>.</param>
    /// <param name="start">The first byte read (the start of a character).</param>
    /// <param name="end">The byte after the last one read (the start of a character, or the end).</param>
    public Utf8BytesReader(byte[] bytes, int start, int end)
    {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    /// <inheritdoc />
    public override int Peek()
    {
        if (this.pending == this.pendingCount && !this.FillPair())
        {
            return -1;
        }

        return this.pair[this.pending];
    }

    /// <inheritdoc />
    public override int Read()
    {
        if (this.pending == this.pendingCount && !this.FillPair())
        {
            return -1;
        }

        return this.pair[this.pending++];
    }

    /// <inheritdoc />
    public override int Read(char[] buffer, int index, int count)
    {
        if (buffer is null)
        {
            throw new ArgumentNullException(nameof(buffer));
        }

        if (index < 0 || count < 0 || buffer.Length - index < count)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        var n = 0;
        while (n < count && this.pending < this.pendingCount)
        {
            buffer[index + n++] = this.pair[this.pending++];
        }

        if (n == count || this.position == this.end)
        {
            return n;
        }

        if (count - n < 2)
        {
            // One character of room: a character outside the BMP decodes to two, so decode into the pair and hand out one.
            if (this.FillPair())
            {
                buffer[index + n++] = this.pair[this.pending++];
            }

            return n;
        }

        this.decoder.Convert(this.bytes, this.position, this.end - this.position, buffer, index + n, count - n, flush: true, out var used, out var chars, out _);
        this.position += used;
        return n + chars;
    }

    // Decodes the next character (two for a surrogate pair) into the pair buffer.
    private bool FillPair()
    {
        if (this.position == this.end)
        {
            return false;
        }

        this.decoder.Convert(this.bytes, this.position, this.end - this.position, this.pair, 0, 2, flush: true, out var used, out var chars, out _);
        this.position += used;
        this.pending = 0;
        this.pendingCount = chars;
        return chars > 0;
    }
}
