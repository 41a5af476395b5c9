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
    /// Opens bytes as text for a reader that reads as it goes (a node or pod inventory of hundreds of megabytes), with the
    /// same checks as <see cref="TryDecode"/>: UTF-8 (the usual case) is checked whole without building a string, then
    /// decoded as it is read; a UTF-16 or UTF-32 text (with its byte order mark) is decoded first.
    /// </summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="reader">The text.</param>
    /// <param name="problem">Why the bytes are not text.</param>
    /// <returns>Whether the bytes are text.</returns>
    public static bool TryOpen(byte[] bytes, out TextReader reader, out InputProblem? problem)
    {
        reader = TextReader.Null;
        var utf16or32 = bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
            || (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF);
        if (utf16or32)
        {
            if (!TryDecode(bytes, out var text, out problem))
            {
                return false;
            }

            reader = new StringReader(text);
            return true;
        }

        problem = null;
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var nul = Array.IndexOf(bytes, (byte)0, start, Math.Min(bytes.Length - start, 8192));
        if (nul >= 0)
        {
            problem = Binary(bytes, start, nul);
            return false;
        }

        try
        {
            StrictUtf8.GetCharCount(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            problem = NotUtf8(bytes, start, ex);
            return false;
        }

        reader = new StreamReader(new MemoryStream(bytes, start, bytes.Length - start, writable: false), StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        return true;
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
