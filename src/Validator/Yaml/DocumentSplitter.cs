using System;
using System.Collections.Generic;
using System.Text;

namespace DaemonLint.Yaml;

/// <summary>
/// A run of whole YAML documents inside a file's UTF-8 bytes, read on its own (<see cref="DocumentSplitter"/>): where it starts and
/// ends, where its first character is in the whole text (so a parse of the run alone reports the positions a parse of the file
/// does), the index of its first document, and how many documents it holds.
/// </summary>
/// <param name="Start">The first byte of the run (a <c>---</c> line, or the file's first byte after a byte order mark).</param>
/// <param name="End">The byte after the run (the next run's <see cref="Start"/>, or the end of the file).</param>
/// <param name="LinesBefore">The line breaks before <see cref="Start"/>.</param>
/// <param name="CharsBefore">The UTF-16 characters before <see cref="Start"/> (a parser's character offset counts those).</param>
/// <param name="FirstDocument">The index in the file of the run's first document.</param>
/// <param name="Documents">The documents the run holds.</param>
public readonly record struct DocumentRun(int Start, int End, int LinesBefore, int CharsBefore, int FirstDocument, int Documents);

/// <summary>
/// Splits a file's UTF-8 bytes into runs of documents at <c>---</c> lines, without decoding or copying the text, so the runs can
/// be read in parallel.
/// </summary>
/// <remarks>
/// A line that starts with <c>---</c> followed by a space, a tab, a line break or the end is a document marker wherever it is
/// (YAML's <c>c-forbidden</c>: it ends a block scalar, and inside a quoted or flow scalar it is an error), so the documents a
/// parser reads between two such lines are the ones it reads in the whole file. What the split cannot see on its own it refuses
/// (returns null): a <c>...</c> document end (after which a document may start without a marker), a <c>%</c> directive (which
/// belongs to the document after it), and the line breaks YAML 1.1 adds to CR and LF (NEL, LS, PS: the parser counts lines on
/// them). YamlDotNet departs from that independence in two ways, which the split and its reader allow for: its scanner keeps
/// some state from one document to the next (how a <c>:</c> after a quoted scalar or a flow collection is read, a comment after
/// a plain scalar at the root), so a run starts only at a marker followed by a plain scalar that starts with a letter or a
/// digit (such as <c>apiVersion</c>); and it reads the lines of a block scalar at the root (<c>--- |</c>) as content even
/// where they are markers, so a run holding a scalar document is refused by its reader. A reader of the runs also checks each
/// run's document count and reads the whole file in order when a run reports a syntax error or holds a different number of
/// documents than counted here. The differential test (DocumentRunsTests) compares the two readings on mutated streams.
/// </remarks>
internal static class DocumentSplitter
{
    /// <summary>
    /// Splits the bytes into runs of about <paramref name="runBytes"/> bytes each, every run but the first starting at a
    /// document marker; null when the file cannot be split (see the remarks) or makes fewer than two runs.
    /// </summary>
    /// <param name="bytes">Valid UTF-8 (checked before).</param>
    /// <param name="start">The first byte of the text (after a byte order mark).</param>
    /// <param name="runBytes">The smallest size of a run, in bytes.</param>
    /// <returns>The runs in file order, or null.</returns>
    public static List<DocumentRun>? Split(byte[] bytes, int start, int runBytes)
    {
        var runs = new List<DocumentRun>();
        int runStart = start, runLines = 0, runChars = 0, runFirst = 0;
        int lines = 0, chars = 0, documents = 0;
        var content = false; // whether the text before the first marker holds anything but blanks and comments
        var markers = 0;
        var n = bytes.Length;

        // What a line that starts at i says: a marker (a run may end here), a directive or ... (no split), content before the
        // first marker. False: the text cannot be split.
        bool LineStart(int i)
        {
            var b = bytes[i];
            if (b == (byte)'-' && IsIndicator(bytes, i, (byte)'-'))
            {
                if (markers > 0 || content)
                {
                    documents++; // the document before this marker ends here
                }

                markers++;
                if (i - runStart >= runBytes && StartsWithPlainScalar(bytes, i + 3))
                {
                    runs.Add(new DocumentRun(runStart, i, runLines, runChars, runFirst, documents - runFirst));
                    runStart = i;
                    runLines = lines;
                    runChars = CharsAt(i);
                    runFirst = documents;
                }
            }
            else if (b == (byte)'%' || (b == (byte)'.' && IsIndicator(bytes, i, (byte)'.')))
            {
                return false;
            }
            else if (markers == 0 && !content)
            {
                content = HasContent(bytes, i);
            }

            return true;
        }

        // Without CR (most manifests), lines are found by a search for LF, and characters are counted only where a run starts
        // (from where the last one started); NEL, LS and PS by a search for their first byte.
        var searching = Array.IndexOf(bytes, (byte)'\r', start, n - start) < 0;
        int counted = start, countedChars = 0;
        int CharsAt(int i)
        {
            if (!searching)
            {
                return chars;
            }

            countedChars += Encoding.UTF8.GetCharCount(bytes, counted, i - counted);
            counted = i;
            return countedChars;
        }

        if (searching)
        {
            for (var at = Array.IndexOf(bytes, (byte)0xC2, start, n - start); at >= 0; at = Array.IndexOf(bytes, (byte)0xC2, at + 1, n - at - 1))
            {
                if (at + 1 < n && bytes[at + 1] == 0x85)
                {
                    return null; // NEL
                }
            }

            for (var at = Array.IndexOf(bytes, (byte)0xE2, start, n - start); at >= 0; at = Array.IndexOf(bytes, (byte)0xE2, at + 1, n - at - 1))
            {
                if (at + 2 < n && bytes[at + 1] == 0x80 && (bytes[at + 2] == 0xA8 || bytes[at + 2] == 0xA9))
                {
                    return null; // LS, PS
                }
            }

            for (var i = start; i < n;)
            {
                if (!LineStart(i))
                {
                    return null;
                }

                var nl = Array.IndexOf(bytes, (byte)'\n', i, n - i);
                if (nl < 0)
                {
                    break;
                }

                lines++;
                i = nl + 1;
            }
        }
        else
        {
            var atLineStart = true;
            for (var i = start; i < n; i++)
            {
                var b = bytes[i];
                if (atLineStart)
                {
                    atLineStart = false;
                    if (!LineStart(i))
                    {
                        return null;
                    }
                }

                switch (b)
                {
                    case (byte)'\n':
                        lines++;
                        atLineStart = true;
                        break;
                    case (byte)'\r':
                        if (i + 1 == n || bytes[i + 1] != (byte)'\n')
                        {
                            lines++;
                            atLineStart = true;
                        }

                        break;
                    case 0xC2 when i + 1 < n && bytes[i + 1] == 0x85:
                    case 0xE2 when i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                        return null; // NEL, LS, PS
                }

                // UTF-16 characters: one per sequence, two for a four-byte sequence (a surrogate pair).
                if ((b & 0xC0) != 0x80)
                {
                    chars += b >= 0xF0 ? 2 : 1;
                }
            }
        }

        if (markers > 0 || content)
        {
            documents++;
        }

        if (runs.Count == 0)
        {
            return null;
        }

        runs.Add(new DocumentRun(runStart, n, runLines, runChars, runFirst, documents - runFirst));
        return runs;
    }

    // Whether the first token after a marker (after blanks and comments, on the marker's line or the lines after it) is a plain
    // scalar that starts with an ASCII letter or digit. YamlDotNet's scanner keeps some state from one document to the next (a
    // quoted scalar or a flow collection just read changes how a ':' right after it is read, until the next plain scalar), so a
    // run may start only where a parser reading the whole file has no use for that state: at a plain scalar such as apiVersion.
    internal static bool StartsWithPlainScalar(byte[] bytes, int i)
    {
        for (; i < bytes.Length; i++)
        {
            var b = bytes[i];
            switch (b)
            {
                case (byte)' ':
                case (byte)'\t':
                    continue;
                case (byte)'\r':
                case (byte)'\n':
                    continue;
                case (byte)'#':
                    while (i + 1 < bytes.Length && bytes[i + 1] != (byte)'\n' && bytes[i + 1] != (byte)'\r')
                    {
                        i++;
                    }

                    continue;
            }

            return b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9';
        }

        return false;
    }

    // Whether the three bytes at i are the indicator c repeated, followed by a space, a tab, a line break or the end.
    internal static bool IsIndicator(byte[] bytes, int i, byte c)
    {
        if (i + 2 >= bytes.Length || bytes[i + 1] != c || bytes[i + 2] != c)
        {
            return false;
        }

        if (i + 3 == bytes.Length)
        {
            return true;
        }

        var next = bytes[i + 3];
        return next is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
    }

    // Whether the line at i holds more than blanks and a comment.
    private static bool HasContent(byte[] bytes, int i)
    {
        for (; i < bytes.Length; i++)
        {
            switch (bytes[i])
            {
                case (byte)' ':
                case (byte)'\t':
                    continue;
                case (byte)'#':
                case (byte)'\r':
                case (byte)'\n':
                    return false;
                default:
                    return true;
            }
        }

        return false;
    }
}
