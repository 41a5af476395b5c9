using System;
using System.Collections.Generic;
using System.Text;
using DaemonLint.Model;

namespace DaemonLint.Yaml;

/// <summary>
/// A reader for the YAML manifests are nearly always written in, straight from UTF-8 bytes: block mappings and sequences
/// (indentless ones too), plain, single-quoted and double-quoted scalars (the common escapes) over one line or several, literal
/// block scalars (<c>|</c>, <c>|-</c>), flow sequences and mappings of scalars, comments and <c>---</c> markers, on lines broken
/// by LF or CRLF. For a text it reads it gives the documents <see cref="YamlManifestReader"/> gives, node for node: the same
/// values, scalar types and spans (YamlDotNet's marks, in UTF-16 characters), document indexes and objects. What it does not
/// read makes it decline (<see cref="DeclinedException"/>): anchors, aliases, tags, directives, <c>...</c> markers, folded and
/// kept block scalars, collections in flow collections, other escapes, tabs and control characters, a root that is not a
/// mapping, duplicate and merge keys, nesting past <see cref="MaxNesting"/>, and every syntax error. The validator then reads
/// that document with YamlDotNet (<see cref="TrySkipDocument"/>), or the whole text. It builds the tree without YamlDotNet's
/// tokens, events and marks (objects for every scalar) and keeps short keys and values once per thread: the tool checks the
/// 2,300-file benchmark corpus in half the CPU time it took with YamlDotNet alone (bench/Process/RESULTS.md). The tests
/// (BlockYamlReaderTests) compare its trees with <see cref="YamlManifestReader"/>'s for every fixture, sample and published
/// manifest, and for generated texts.
/// </summary>
internal sealed class BlockYamlReader
{
    // The deepest nesting read here (each level is a few frames of recursion); deeper texts are left to YamlDotNet's reading.
    private const int MaxNesting = 128;

    [ThreadStatic]
    private static StringCache? cache;

    private readonly byte[] b;
    private readonly int start;
    private readonly int end;
    private readonly bool ascii;
    private readonly bool hasCr;
    private readonly string? file;
    private readonly ReaderLimits limits;
    private readonly int linesBefore;
    private readonly int charsBefore;
    private readonly StringCache strings;
    private readonly List<List<MappingEntry>> entryLists = new();
    private readonly List<List<ManifestNode>> itemLists = new();
    private readonly List<HashSet<string>> keySets = new();
    private int documentIndex;
    private bool started;
    private bool afterFlow;

    // Where the document read last (or being read) starts: its line, and whether a --- marker starts it.
    private (int Byte, int Line, int Chars, int Index, bool Marker) docStart = (-1, 0, 0, 0, false);

    // Where reading goes on after a document read elsewhere (TrySkipDocument).
    private (int Byte, int Line, int Chars, int Index) resumeAt;
    private bool done;
    private long nodes;

    // The current line: its start, the end of its content (before CR LF), the start of the next line, its indentation (spaces),
    // its 1-based number in the text read and the character offset of its start.
    private int ls;
    private int le;
    private int ln;
    private int ind;
    private int lineNo = 1;
    private int lineChar;
    private LineKind kind;

    // Characters counted on the current line (Pos, for lines that are not ASCII): the line, up to which byte, how many.
    private int countedLine = -1;
    private int countedTo;
    private int countedChars;

    private BlockYamlReader(string? file, byte[] bytes, int start, int end, bool ascii, bool hasCr, ReaderLimits limits, DocumentRun run)
    {
        this.file = file;
        this.b = bytes;
        this.start = start;
        this.end = end;
        this.ascii = ascii;
        this.hasCr = hasCr;
        this.limits = limits;
        this.linesBefore = run.LinesBefore;
        this.charsBefore = run.CharsBefore;
        this.documentIndex = run.FirstDocument;
        this.strings = cache ??= new StringCache();
        this.ls = start;
        this.LoadLine();
    }

    private enum LineKind
    {
        Blank,
        Comment,
        Content,
        End,
    }

    private bool AtEnd => this.kind == LineKind.End;

    /// <summary>
    /// A reader for the text between <paramref name="start"/> and <paramref name="end"/> of bytes that passed
    /// <see cref="Engine.TextDecoder.TryCheckUtf8"/>, or null when the text holds what it never reads (a tab, a control
    /// character, a bare CR, a character YAML breaks lines at or does not print), which it finds in one pass over the bytes.
    /// </summary>
    /// <param name="file">The file name put on objects.</param>
    /// <param name="bytes">The bytes.</param>
    /// <param name="start">Where the text starts (after a byte order mark).</param>
    /// <param name="end">Where it ends.</param>
    /// <param name="limits">The limits: a document that comes near them is declined.</param>
    /// <param name="run">Where the text is in the whole file (default: it is the whole file).</param>
    /// <returns>The reader, or null.</returns>
    public static BlockYamlReader? TryCreate(string? file, byte[] bytes, int start, int end, ReaderLimits limits, DocumentRun run = default) =>
        Prescan(bytes, start, end, out var ascii, out var hasCr) ? new BlockYamlReader(file, bytes, start, end, ascii, hasCr, limits, run) : null;

    /// <summary>Reads the next document.</summary>
    /// <returns>The document, or null at the end of the text.</returns>
    /// <exception cref="DeclinedException">The text holds what this reader does not read.</exception>
    public DocumentResult? Next()
    {
        if (this.done)
        {
            return null;
        }

        this.SkipBlank();
        if (this.AtEnd)
        {
            this.done = true;
            return null;
        }

        this.docStart = (this.ls, this.lineNo, this.lineChar, this.documentIndex, this.IsMarker((byte)'-'));

        if (this.IsMarker((byte)'-'))
        {
            this.RestIsComment(this.ls + 3);
            this.Advance();
            this.SkipBlank();
        }
        else if (this.started || this.ind == 0 && (this.IsMarker((byte)'.') || this.b[this.ls] == (byte)'%'))
        {
            throw this.Decline("a directive or a document end marker");
        }

        this.started = true;
        var doc = new DocumentResult(this.documentIndex++);
        if (this.AtEnd || this.IsMarker((byte)'-'))
        {
            // An empty document: its root is a null scalar, which is no object and no problem.
            return doc;
        }

        if (this.IsMarker((byte)'.') || this.FindKeyColon(this.ls + this.ind) < 0)
        {
            throw this.Decline("a root that is not a block mapping");
        }

        this.nodes = 0;
        var root = this.ReadMapping(this.ind, this.ls + this.ind, 1);
        if (!this.AtEnd && !this.IsMarker((byte)'-'))
        {
            throw this.Decline("content after the root mapping");
        }

        YamlManifestReader.AddObjects(doc, root, this.file, doc.Index);
        return doc;
    }

    /// <summary>
    /// After <see cref="Next"/> declined: the run of the text that holds the document it declined, from its start to the next
    /// <c>---</c> marker after which a plain scalar starts (where YamlDotNet's reading of the whole text keeps no state from the
    /// documents before, as <see cref="DocumentSplitter"/> splits), to be read by <see cref="YamlManifestReader"/>; then
    /// <see cref="Resume"/> goes on after it. False where the document itself does not start so (its reading alone could differ:
    /// YamlDotNet's scanner keeps what a quoted scalar or a flow collection left until the next plain scalar), or the text has a
    /// <c>...</c> marker or a directive after it.
    /// </summary>
    /// <param name="run">The run, in the whole text's lines, characters and documents.</param>
    /// <returns>Whether there is such a run.</returns>
    public bool TrySkipDocument(out DocumentRun run)
    {
        run = default;
        var (from, line, chars, index, marker) = this.docStart;

        // The run starts where a reading of it alone starts as the whole text's reading goes on: at the start of the text, or at
        // a marker after which a plain scalar starts.
        if (from < 0 || (marker && !DocumentSplitter.StartsWithPlainScalar(this.b, from + 3)) || (!marker && from != this.start && index != 0))
        {
            return false;
        }

        var markers = marker ? 1 : 0;
        var i = from;
        var lines = 0;
        var counted = 0;
        while (true)
        {
            var nl = Array.IndexOf(this.b, (byte)'\n', i, this.end - i);
            if (nl < 0)
            {
                counted += this.Chars(i, this.end);
                i = this.end;
                break;
            }

            counted += this.Chars(i, nl + 1);
            lines++;
            i = nl + 1;
            if (i >= this.end)
            {
                break;
            }

            var c = this.b[i];
            if (c == (byte)'-' && DocumentSplitter.IsIndicator(this.b, i, c))
            {
                if (DocumentSplitter.StartsWithPlainScalar(this.b, i + 3))
                {
                    break;
                }

                markers++;
            }
            else if (c == (byte)'%' || (c == (byte)'.' && DocumentSplitter.IsIndicator(this.b, i, c)))
            {
                return false;
            }
        }

        var documents = markers + (marker ? 0 : 1);
        run = new DocumentRun(from, i, line - 1 + this.linesBefore, chars + this.charsBefore, index, documents);
        this.resumeAt = (i, line + lines, chars + counted, index + documents);
        return true;
    }

    /// <summary>Goes on reading after the run <see cref="TrySkipDocument"/> gave (read elsewhere).</summary>
    public void Resume()
    {
        (this.ls, this.lineNo, this.lineChar, this.documentIndex) = this.resumeAt;
        this.started = true;
        this.done = false;
        this.afterFlow = true; // what YamlDotNet's scanner kept from the run is not known here
        this.docStart = (-1, 0, 0, 0, false);
        this.LoadLine();
    }

    private DeclinedException Decline(string what) => new(what, this.lineNo + this.linesBefore);

    // One pass over the bytes: no control character but LF (and CR before LF), no DEL; where there are bytes above ASCII, no
    // C1 control (NEL breaks lines), no line or paragraph separator, no byte order mark, no U+FFFE or U+FFFF.
    private static bool Prescan(byte[] b, int start, int end, out bool ascii, out bool hasCr)
    {
        const ulong Ones = 0x0101010101010101UL;
        const ulong Highs = 0x8080808080808080UL;
        const ulong Low7 = 0x7F7F7F7F7F7F7F7FUL;

        // The high bit of each byte of x that is zero.
        static ulong Zero(ulong x) => ~(((x & Low7) + Low7) | x) & Highs;
        var high = false;
        var cr = false;
        var i = start;

        // Eight bytes at a time, each byte flagged exactly (no carry crosses a byte): below 0x20, LF, CR, DEL, above 0x7F.
        for (; i <= end - 8; i += 8)
        {
            var x = BitConverter.ToUInt64(b, i);
            var control = ~(((x & Low7) + (Ones * 0x60)) | x) & Highs;
            var lf = Zero(x ^ (Ones * 0x0A));
            var crs = Zero(x ^ (Ones * 0x0D));
            if (((control & ~lf & ~crs) | Zero(x ^ (Ones * 0x7F))) != 0)
            {
                ascii = false;
                hasCr = false;
                return false;
            }

            cr |= crs != 0;
            high |= (x & Highs) != 0;
        }

        for (; i < end; i++)
        {
            var c = b[i];
            if ((c < 0x20 && c != 0x0A && c != 0x0D) || c == 0x7F)
            {
                ascii = false;
                hasCr = false;
                return false;
            }

            cr |= c == 0x0D;
            high |= c > 0x7F;
        }

        ascii = !high;
        hasCr = cr;
        if (cr)
        {
            for (var at = Array.IndexOf(b, (byte)0x0D, start, end - start); at >= 0; at = Array.IndexOf(b, (byte)0x0D, at + 1, end - at - 1))
            {
                if (at + 1 >= end || b[at + 1] != 0x0A)
                {
                    return false; // a bare CR breaks a line for YAML
                }
            }
        }

        if (high)
        {
            for (i = start; i < end; i++)
            {
                var c = b[i];
                if (c < 0x80)
                {
                    continue;
                }

                int cp;
                if (c < 0xE0)
                {
                    cp = ((c & 0x1F) << 6) | (b[i + 1] & 0x3F);
                    i += 1;
                }
                else if (c < 0xF0)
                {
                    cp = ((c & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
                    i += 2;
                }
                else
                {
                    i += 3;
                    continue; // beyond the BMP: printable
                }

                if (cp < 0xA0 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp >= 0xFFFE)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsIndicator(byte c) => c switch
    {
        (byte)'-' or (byte)'?' or (byte)':' or (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'#'
            or (byte)'&' or (byte)'*' or (byte)'!' or (byte)'|' or (byte)'>' or (byte)'\'' or (byte)'"' or (byte)'%' or (byte)'@'
            or (byte)'`' => true,
        _ => false,
    };

    private void LoadLine()
    {
        if (this.ls >= this.end)
        {
            this.kind = LineKind.End;
            this.le = this.ln = this.end;
            this.ind = 0;
            return;
        }

        var nl = Array.IndexOf(this.b, (byte)'\n', this.ls, this.end - this.ls);
        if (nl < 0)
        {
            this.le = this.ln = this.end;
        }
        else
        {
            this.le = nl;
            this.ln = nl + 1;
        }

        if (this.hasCr && this.le > this.ls && this.b[this.le - 1] == (byte)'\r')
        {
            this.le--;
        }

        var i = this.ls;
        while (i < this.le && this.b[i] == (byte)' ')
        {
            i++;
        }

        this.ind = i - this.ls;
        this.kind = i == this.le ? LineKind.Blank : this.b[i] == (byte)'#' ? LineKind.Comment : LineKind.Content;
    }

    private void Advance()
    {
        this.lineChar += this.Chars(this.ls, this.ln);
        if (this.ln > this.ls && this.b[this.ln - 1] == (byte)'\n')
        {
            this.lineNo++;
        }

        this.ls = this.ln;
        this.LoadLine();
    }

    private void SkipBlank()
    {
        while (this.kind is LineKind.Blank or LineKind.Comment)
        {
            this.Advance();
        }
    }

    private int Chars(int from, int to) => this.ascii ? to - from : Encoding.UTF8.GetCharCount(this.b, from, to - from);

    // A position on the current line. Where characters are not bytes, the count goes on from the last position asked on the
    // line (they are asked in order), so a long line is counted once.
    private SourcePosition Pos(int at)
    {
        int c;
        if (this.ascii)
        {
            c = at - this.ls;
        }
        else
        {
            if (this.countedLine != this.ls || this.countedTo > at)
            {
                this.countedLine = this.ls;
                this.countedTo = this.ls;
                this.countedChars = 0;
            }

            this.countedChars += Encoding.UTF8.GetCharCount(this.b, this.countedTo, at - this.countedTo);
            this.countedTo = at;
            c = this.countedChars;
        }

        return new SourcePosition(this.lineNo + this.linesBefore, c + 1, this.lineChar + c + this.charsBefore);
    }

    // Where YamlDotNet puts the end of collections closed here: the next token (the first character of the current line), or
    // the end of the text (on the next line when the last one has anything on it).
    private SourcePosition NextTokenMark()
    {
        if (!this.AtEnd)
        {
            return this.Pos(this.ls + this.ind);
        }

        var lastBroken = this.ls > this.start && this.b[this.ls - 1] == (byte)'\n';
        return new SourcePosition(this.lineNo + (lastBroken ? 0 : 1) + this.linesBefore, 1, this.lineChar + this.charsBefore);
    }

    // A document marker (--- or ...) at the start of the current line, alone or before a space.
    private bool IsMarker(byte c) =>
        this.kind == LineKind.Content && this.ind == 0 && this.le - this.ls >= 3 && this.b[this.ls] == c && this.b[this.ls + 1] == c && this.b[this.ls + 2] == c
        && (this.le - this.ls == 3 || this.b[this.ls + 3] == (byte)' ');

    // After a token: spaces, then the end of the line or a comment.
    private void RestIsComment(int at)
    {
        var i = at;
        while (i < this.le && this.b[i] == (byte)' ')
        {
            i++;
        }

        if (i < this.le && (this.b[i] != (byte)'#' || i == at))
        {
            throw this.Decline("more on the line after a value");
        }
    }

    private void Count(int n)
    {
        this.nodes += n;
        if (this.nodes >= this.limits.MaxExpandedNodes - 2)
        {
            throw this.Decline("a document near the node limit");
        }
    }

    // The scratch list of a nesting level, empty (reused: a node copies what it keeps into an array of its own).
    private static List<T> Scratch<T>(List<List<T>> levels, int depth)
    {
        while (levels.Count <= depth)
        {
            levels.Add(new List<T>());
        }

        var list = levels[depth];
        list.Clear();
        return list;
    }

    private List<MappingEntry> Entries(int depth) => Scratch(this.entryLists, depth);

    private List<ManifestNode> Items(int depth) => Scratch(this.itemLists, depth);

    // A duplicate key declines (YamlDotNet's reading reports it). Past eight keys they are looked up in a set of the level's own.
    private void CheckNewKey(List<MappingEntry> entries, string key, int depth, ref HashSet<string>? seen)
    {
        if (seen is null && entries.Count >= 8)
        {
            while (this.keySets.Count <= depth)
            {
                this.keySets.Add(new HashSet<string>(StringComparer.Ordinal));
            }

            seen = this.keySets[depth];
            seen.Clear();
            foreach (var e in entries)
            {
                seen.Add(e.Key);
            }
        }

        if (seen is not null)
        {
            if (!seen.Add(key))
            {
                throw this.Decline("a duplicate key");
            }

            return;
        }

        foreach (var e in entries)
        {
            if (string.Equals(e.Key, key, StringComparison.Ordinal))
            {
                throw this.Decline("a duplicate key");
            }
        }
    }

    private void CheckDepth(int depth)
    {
        // The reader recurses once per level: past MaxNesting (or near the limit, which YamlDotNet's reading reports), it declines.
        if (depth >= Math.Min(this.limits.MaxDepth - 1, MaxNesting))
        {
            throw this.Decline("nesting near the depth limit");
        }
    }

    // The colon that ends a plain or quoted key starting at `at` on the current line (followed by a space or the end of the
    // line), or -1 when the line has no key there.
    private int FindKeyColon(int at)
    {
        var c = this.b[at];
        if (c is (byte)'"' or (byte)'\'')
        {
            var close = this.QuoteClose(c, at + 1) + 1;
            return close > 0 && close < this.le && this.b[close] == (byte)':' && (close + 1 == this.le || this.b[close + 1] == (byte)' ') ? close : -1;
        }

        if (IsIndicator(c))
        {
            return -1;
        }

        var i = at;
        var colon = -2;
        while (true)
        {
            var j = this.IndexOfColonOrHash(i, ref colon);
            if (j < 0)
            {
                return -1;
            }

            if (this.b[j] == (byte)'#')
            {
                if (this.b[j - 1] == (byte)' ')
                {
                    return -1;
                }
            }
            else if (j + 1 == this.le || this.b[j + 1] == (byte)' ')
            {
                return this.b[j - 1] == (byte)' ' ? -1 : j;
            }

            i = j + 1;
        }
    }

    // The first colon or comment sign from `from` on, on the current line. `colon` keeps the first colon at or after the last
    // search (-2 before the first): each search of a line goes on from where the last stopped, so a line is read once.
    private int IndexOfColonOrHash(int from, ref int colon)
    {
        if (colon == -2 || (colon >= 0 && colon < from))
        {
            colon = Array.IndexOf(this.b, (byte)':', from, this.le - from);
        }

        var hash = Array.IndexOf(this.b, (byte)'#', from, (colon < 0 ? this.le : colon) - from);
        return hash >= 0 ? hash : colon;
    }

    // The index after the closing quote of a one-line quoted scalar opening at `at`; declines when it does not close on the line.
    private int QuotedEnd(int at) =>
        this.QuoteClose(this.b[at], at + 1) is var close and >= 0 ? close + 1 : throw this.Decline("a quoted scalar over several lines");

    // The index of the quote `q` that closes a quoted scalar whose text goes on at `from` on the current line: -1 when it does
    // not close on the line, -2 when the line ends in a backslash (an escaped line break).
    private int QuoteClose(byte q, int from)
    {
        var i = from;
        while (i < this.le)
        {
            var c = this.b[i];
            if (c == q)
            {
                if (q == (byte)'\'' && i + 1 < this.le && this.b[i + 1] == (byte)'\'')
                {
                    i += 2;
                    continue;
                }

                return i;
            }

            if (q == (byte)'"' && c == (byte)'\\')
            {
                if (i + 1 >= this.le)
                {
                    return -2;
                }

                i += 2;
                continue;
            }

            i++;
        }

        return -1;
    }

    // A quoted scalar that opens at `at` and closes on a later line: a line break reads as a space, n empty lines as n line
    // breaks, and the spaces around a break are left out.
    private ScalarNode ReadQuotedLines(int col, int at)
    {
        var q = this.b[at];
        var start = this.Pos(at);
        var first = this.TrimEnd(at + 1, this.le);
        if (first == at + 1 || this.b[first - 1] == (byte)'\\')
        {
            throw this.Decline("a quoted scalar with nothing on its first line, or a backslash at the end of one");
        }

        var text = new StringBuilder(this.Unquote(q, at + 1, first));
        var breaks = 0;
        this.Advance();
        while (true)
        {
            if (this.AtEnd)
            {
                throw this.Decline("a quoted scalar that does not close");
            }

            if (this.kind == LineKind.Blank)
            {
                if (this.ln == this.le)
                {
                    throw this.Decline("a quoted scalar that does not close");
                }

                breaks++;
                this.Advance();
                continue;
            }

            if (this.ind <= col)
            {
                throw this.Decline("a quoted scalar's line not indented under its key");
            }

            var from = this.ls + this.ind;
            var close = this.QuoteClose(q, from);
            if (close == -2 || close == from)
            {
                throw this.Decline("an escaped line break, or a closing quote alone on its line");
            }

            if (breaks == 0)
            {
                text.Append(' ');
            }
            else
            {
                text.Append('\n', breaks);
            }

            breaks = 0;
            if (close < 0)
            {
                var to = this.TrimEnd(from, this.le);
                if (this.b[to - 1] == (byte)'\\')
                {
                    throw this.Decline("a backslash at the end of a quoted scalar's line");
                }

                text.Append(this.Unquote(q, from, to));
                this.Advance();
                continue;
            }

            text.Append(this.Unquote(q, from, close));
            var end = this.Pos(close + 1);
            this.RestIsComment(close + 1);
            this.Advance();
            return new ScalarNode(this.Span(start, end), text.ToString(), ScalarType.String, quoted: true);
        }
    }

    private int TrimEnd(int from, int to)
    {
        while (to > from && this.b[to - 1] == (byte)' ')
        {
            to--;
        }

        return to;
    }

    private string Quoted(int at, int close) => this.Unquote(this.b[at], at + 1, close - 1);

    // The text of a quoted scalar between `from` and `to` on the current line: '' is a quote in single quotes, and double quotes
    // read the common escapes (others decline).
    private string Unquote(byte q, int from, int to)
    {
        var special = q == (byte)'"' ? (byte)'\\' : (byte)'\'';
        if (Array.IndexOf(this.b, special, from, to - from) < 0)
        {
            return this.strings.Get(this.b, from, to - from);
        }

        var sb = new StringBuilder(to - from);
        var run = from;
        for (var i = from; i < to; i++)
        {
            if (this.b[i] != special)
            {
                continue;
            }

            sb.Append(Encoding.UTF8.GetString(this.b, run, i - run));
            if (q == (byte)'\'')
            {
                sb.Append('\''); // '' is a quote
            }
            else
            {
                sb.Append(this.b[i + 1] switch
                {
                    (byte)'\\' => '\\',
                    (byte)'"' => '"',
                    (byte)'/' => '/',
                    (byte)'n' => '\n',
                    (byte)'t' => '\t',
                    (byte)'r' => '\r',
                    (byte)' ' => ' ',
                    _ => throw this.Decline("an escape sequence"),
                });
            }

            i++;
            run = i + 1;
        }

        sb.Append(Encoding.UTF8.GetString(this.b, run, to - run));
        return sb.ToString();
    }

    private SourceSpan Span(SourcePosition start, SourcePosition end) => new(start, end);

    // A block mapping whose first key starts at `at` on the current line, in column `col` (0-based): every key after it starts
    // a line in that column.
    private MappingNode ReadMapping(int col, int at, int depth)
    {
        this.CheckDepth(depth);
        this.Count(1);
        var start = this.Pos(at);
        var entries = this.Entries(depth);
        HashSet<string>? seen = null;
        while (true)
        {
            var colon = this.FindKeyColon(at);
            if (colon < 0)
            {
                throw this.Decline("a line in a mapping that is not a key");
            }

            // A simple key's colon comes within 1,024 characters of its start, or YamlDotNet (as Go's yaml) finds no key there.
            if (colon - at >= 1024)
            {
                throw this.Decline("a key as long as a simple key may be");
            }

            string key;
            if (this.b[at] is (byte)'"' or (byte)'\'')
            {
                key = this.Quoted(at, colon);
                this.afterFlow = true;
            }
            else
            {
                this.afterFlow = false;
                key = this.strings.Get(this.b, at, colon - at);
                if (key == "<<")
                {
                    throw this.Decline("a merge key");
                }
            }

            var keySpan = this.Span(start: this.Pos(at), end: this.Pos(colon));
            this.CheckNewKey(entries, key, depth, ref seen);

            this.Count(1);
            var value = this.ReadValue(col, colon + 1, depth, inMapping: true);
            entries.Add(new MappingEntry(key, keySpan, value));
            if (this.AtEnd || this.ind < col || this.IsMarker((byte)'-'))
            {
                break;
            }

            if (this.ind > col || this.IsSequenceEntry(this.ls + this.ind) || this.IsMarker((byte)'.'))
            {
                throw this.Decline("a line in a mapping that is not a key");
            }

            at = this.ls + this.ind;
        }

        var node = MappingNode.Read(this.Span(start, this.NextTokenMark()), entries.ToArray());
        entries.Clear();
        return node;
    }

    private bool IsSequenceEntry(int at) => this.b[at] == (byte)'-' && (at + 1 == this.le || this.b[at + 1] == (byte)' ');

    // A block sequence whose first entry is the current line's, in column `col`.
    private SequenceNode ReadSequence(int col, int depth)
    {
        this.CheckDepth(depth);
        this.Count(1);
        var start = this.Pos(this.ls + this.ind);
        var items = this.Items(depth);
        while (true)
        {
            var dash = this.ls + this.ind;
            var i = dash + 1;
            while (i < this.le && this.b[i] == (byte)' ')
            {
                i++;
            }

            ManifestNode item;
            if (i == this.le || this.b[i] == (byte)'#')
            {
                item = this.ReadNextLines(col, this.Pos(dash + 1), depth, inMapping: false);
            }
            else if (this.IsSequenceEntry(i))
            {
                throw this.Decline("a sequence in a sequence entry's line");
            }
            else if (this.FindKeyColon(i) >= 0)
            {
                item = this.ReadMapping(i - this.ls, i, depth + 1);
            }
            else
            {
                item = this.ReadInline(col, i, depth);
            }

            items.Add(item);
            if (this.AtEnd || this.ind < col || this.IsMarker((byte)'-'))
            {
                break;
            }

            if (this.ind > col)
            {
                throw this.Decline("a line in a sequence that is not an entry");
            }

            if (!this.IsSequenceEntry(this.ls + this.ind))
            {
                break; // the next key of the mapping an indentless sequence is the value of
            }
        }

        var node = SequenceNode.Read(this.Span(start, this.NextTokenMark()), items.ToArray());
        items.Clear();
        return node;
    }

    // The value after a key's colon (at `at`), of a mapping in column `col`.
    private ManifestNode ReadValue(int col, int at, int depth, bool inMapping)
    {
        var i = at;
        while (i < this.le && this.b[i] == (byte)' ')
        {
            i++;
        }

        if (i == this.le || this.b[i] == (byte)'#')
        {
            return this.ReadNextLines(col, this.Pos(at), depth, inMapping);
        }

        return this.ReadInline(col, i, depth);
    }

    // A value that starts on the lines after its key or dash: a mapping or sequence indented more (or, for a mapping's value, a
    // sequence in the mapping's own column), else a null scalar at `emptyAt`.
    private ManifestNode ReadNextLines(int col, SourcePosition emptyAt, int depth, bool inMapping)
    {
        this.Advance();
        this.SkipBlank();
        if (!this.AtEnd && !this.IsMarker((byte)'-') && !this.IsMarker((byte)'.'))
        {
            var at = this.ls + this.ind;
            if (this.ind > col)
            {
                if (this.IsSequenceEntry(at))
                {
                    return this.ReadSequence(this.ind, depth + 1);
                }

                if (this.FindKeyColon(at) >= 0)
                {
                    return this.ReadMapping(this.ind, at, depth + 1);
                }

                // A scalar (or a flow collection) that starts on the line after its key or dash.
                return this.ReadInline(col, at, depth);
            }

            if (this.ind == col && inMapping && this.IsSequenceEntry(at))
            {
                return this.ReadSequence(col, depth + 1);
            }
        }

        this.Count(1);
        return new ScalarNode(this.Span(emptyAt, emptyAt), string.Empty, ScalarResolver.ResolvePlain(string.Empty, out _, out _), false);
    }

    // A value that starts at `at` on the current line (after a key's colon or a dash) in a collection in column `col`: then the
    // reader is on the next line with content, which must not be indented more than `col` (a scalar's continuation).
    private ManifestNode ReadInline(int col, int at, int depth)
    {
        this.Count(1);
        ManifestNode node;
        var c = this.b[at];
        switch (c)
        {
            case (byte)'"':
            case (byte)'\'':
                {
                    var close = this.QuoteClose(c, at + 1);
                    if (close == -1)
                    {
                        node = this.ReadQuotedLines(col, at);
                        this.afterFlow = true;
                        break;
                    }

                    close = close >= 0 ? close + 1 : throw this.Decline("an escaped line break");
                    this.RestIsComment(close);
                    this.afterFlow = true;
                    node = new ScalarNode(this.Span(this.Pos(at), this.Pos(close)), this.Quoted(at, close), ScalarType.String, quoted: true);
                    this.Advance();
                    break;
                }

            case (byte)'|':
                node = this.ReadLiteral(col, at);
                this.afterFlow = true; // (only a plain scalar is known to end what a quoted one or a flow collection leaves)
                break;
            case (byte)'[':
            case (byte)'{':
                node = this.ReadFlow(col, at, depth);
                break;
            default:
                {
                    // A plain scalar may start with - or : before another character (-1, --flag, :8080), never with ---.
                    if (IsIndicator(c) && !(c is (byte)'-' or (byte)':' && at + 1 < this.le && this.b[at + 1] != (byte)' '
                        && !(at + 2 < this.le && this.b[at + 1] == c && this.b[at + 2] == c)))
                    {
                        throw this.Decline("an indicator");
                    }

                    // Right after a quoted scalar or a flow collection (no plain scalar since), YamlDotNet drops a plain scalar's
                    // first colon.
                    if (c == (byte)':' && this.afterFlow)
                    {
                        throw this.Decline("a colon starting a plain scalar after a flow collection or a quoted scalar");
                    }

                    this.afterFlow = false;

                    node = this.ReadPlain(col, at);
                    break;
                }
        }

        this.SkipBlank();
        if (!this.AtEnd && this.ind > col)
        {
            throw this.Decline("a line indented under a scalar");
        }

        return node;
    }

    // A plain value starting at `at`, and the lines that continue it (indented more than `col`): a line break between two of
    // them reads as a space, n empty lines as n line breaks. A comment ends it.
    private ScalarNode ReadPlain(int col, int at)
    {
        var e = this.PlainEnd(at, out var commented);
        var start = this.Pos(at);
        var endAt = this.Pos(e);
        var value = this.strings.Get(this.b, at, e - at);
        this.Advance();
        StringBuilder? folded = null;
        var breaks = 0;
        while (!commented && !this.AtEnd)
        {
            if (this.kind == LineKind.Blank)
            {
                breaks++;
                this.Advance();
                continue;
            }

            if (this.ind <= col)
            {
                break;
            }

            var from = this.ls + this.ind;
            if (this.kind == LineKind.Comment)
            {
                throw this.Decline("a comment line in a plain scalar");
            }

            e = this.PlainEnd(from, out commented);
            folded ??= new StringBuilder(value);
            if (breaks == 0)
            {
                folded.Append(' ');
            }
            else
            {
                folded.Append('\n', breaks);
            }

            folded.Append(Encoding.UTF8.GetString(this.b, from, e - from));
            endAt = this.Pos(e);
            breaks = 0;
            this.Advance();
        }

        if (folded is not null)
        {
            value = folded.ToString();
        }

        var type = ScalarResolver.ResolvePlain(value, out var number, out var integer);
        return new ScalarNode(this.Span(start, endAt), value, type, false, number, integer);
    }

    // A flow sequence or mapping of plain and quoted scalars, over one line or several (no collection in it, no comment in it).
    private ManifestNode ReadFlow(int col, int at, int depth)
    {
        this.CheckDepth(depth + 1);
        var mapping = this.b[at] == (byte)'{';
        var close = mapping ? (byte)'}' : (byte)']';
        var start = this.Pos(at);
        var items = mapping ? null : this.Items(depth + 1);
        var entries = mapping ? this.Entries(depth + 1) : null;
        HashSet<string>? seen = null;
        var i = this.FlowNext(at + 1, col);
        while (this.b[i] != close)
        {
            if (mapping)
            {
                var keyAt = i;
                var key = this.FlowScalar(ref i, mapping: true);
                if (i >= this.le || this.b[i] != (byte)':' || i + 1 >= this.le || this.b[i + 1] != (byte)' ')
                {
                    throw this.Decline("a flow mapping entry that is not key: value");
                }

                if (i - keyAt >= 1024)
                {
                    throw this.Decline("a key as long as a simple key may be");
                }

                var keySpan = this.Span(this.Pos(keyAt), this.Pos(i));
                i = this.SkipSpaces(i + 1);
                if (key.Quoted ? false : key.Raw == "<<")
                {
                    throw this.Decline("a merge key");
                }

                this.CheckNewKey(entries!, key.Raw, depth + 1, ref seen);

                this.Count(2);
                entries!.Add(new MappingEntry(key.Raw, keySpan, this.FlowScalar(ref i, mapping: true)));
            }
            else
            {
                this.Count(1);
                items!.Add(this.FlowScalar(ref i, mapping: false));
            }

            i = this.FlowNext(i, col);
            if (this.b[i] == (byte)',')
            {
                i = this.FlowNext(i + 1, col);
                if (mapping && this.b[i] == close)
                {
                    throw this.Decline("a comma before the end of a flow mapping");
                }

                continue;
            }

            if (this.b[i] != close)
            {
                throw this.Decline("a flow collection with more in it than scalars");
            }
        }

        this.RestIsComment(i + 1);
        this.afterFlow = true;
        var span = this.Span(start, this.Pos(i));
        ManifestNode node = mapping ? MappingNode.Read(span, entries!.ToArray()) : SequenceNode.Read(span, items!.ToArray());
        this.Advance();
        return node;
    }

    // The next character of a flow collection from `i` on: spaces skipped, and the lines after this one (empty ones skipped; a
    // comment, a line not indented under the collection's key, or the end of the text declines).
    private int FlowNext(int i, int col)
    {
        i = this.SkipSpaces(i);
        while (i >= this.le)
        {
            this.Advance();
            if (this.kind == LineKind.Blank && this.ln > this.le)
            {
                i = this.le;
                continue;
            }

            // Its lines are indented under its key; the closing bracket may stand in the key's column.
            if (this.kind != LineKind.Content || this.ind < col || (this.ind == col && this.b[this.ls + this.ind] is not ((byte)']' or (byte)'}')))
            {
                throw this.Decline("a flow collection with a comment in it, not indented, or not closed");
            }

            i = this.ls + this.ind;
        }

        return i;
    }

    private int SkipSpaces(int i)
    {
        while (i < this.le && this.b[i] == (byte)' ')
        {
            i++;
        }

        return i;
    }

    // A plain or quoted scalar in a flow collection, at `i`: `i` moves past it (past its trailing spaces for a plain one).
    private ScalarNode FlowScalar(ref int i, bool mapping)
    {
        if (i >= this.le)
        {
            throw this.Decline("a flow collection over several lines");
        }

        var at = i;
        var c = this.b[at];
        if (c is (byte)'"' or (byte)'\'')
        {
            var closed = this.QuotedEnd(at);
            i = closed;
            this.afterFlow = true;
            return new ScalarNode(this.Span(this.Pos(at), this.Pos(closed)), this.Quoted(at, closed), ScalarType.String, quoted: true);
        }

        if (IsIndicator(c) && !(c == (byte)'-' && at + 1 < this.le && IsFlowPlain(this.b[at + 1]) && this.b[at + 1] is not ((byte)'-' or (byte)' ')))
        {
            throw this.Decline("an indicator in a flow collection");
        }

        var j = at;
        while (j < this.le && IsFlowPlain(this.b[j]))
        {
            j++;
        }

        if (j < this.le && this.b[j] is not ((byte)',' or (byte)']' or (byte)'}' or (byte)':'))
        {
            throw this.Decline("a flow scalar that is not plain text");
        }

        if (j < this.le && this.b[j] == (byte)':' && (!mapping || j + 1 >= this.le || this.b[j + 1] != (byte)' '))
        {
            throw this.Decline("a colon in a flow scalar");
        }

        var e = j;
        while (e > at && this.b[e - 1] == (byte)' ')
        {
            e--;
        }

        if (e == at)
        {
            throw this.Decline("an empty flow entry");
        }

        if (c == (byte)':' && this.afterFlow)
        {
            throw this.Decline("a colon starting a plain scalar after a flow collection or a quoted scalar");
        }

        i = j;
        this.afterFlow = false;
        var value = this.strings.Get(this.b, at, e - at);
        var type = ScalarResolver.ResolvePlain(value, out var number, out var integer);
        return new ScalarNode(this.Span(this.Pos(at), this.Pos(e)), value, type, false, number, integer);
    }

    // What a plain scalar in a flow collection is made of here: no flow indicator, colon, comment sign or question mark.
    private static bool IsFlowPlain(byte c) => c is not ((byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)':' or (byte)'#' or (byte)'?');

    // The end of a one-line plain value starting at `at`, trailing spaces left out: a comment ends it; a colon before a space
    // or the end of the line (a mapping in a value) declines.
    private int PlainEnd(int at, out bool commented)
    {
        commented = false;
        var e = this.le;
        var i = at;
        var colon = -2;
        while (true)
        {
            var j = this.IndexOfColonOrHash(i, ref colon);
            if (j < 0)
            {
                break;
            }

            if (this.b[j] == (byte)'#')
            {
                if (this.b[j - 1] == (byte)' ')
                {
                    e = j;
                    commented = true;
                    break;
                }
            }
            else if (j + 1 == this.le || this.b[j + 1] == (byte)' ')
            {
                throw this.Decline("a colon in a plain value");
            }

            i = j + 1;
        }

        while (e > at && this.b[e - 1] == (byte)' ')
        {
            e--;
        }

        return e;
    }

    // A literal block scalar (|, |-) whose indicator is at `at`, in a collection in column `col`.
    private ScalarNode ReadLiteral(int col, int at)
    {
        var strip = false;
        var i = at + 1;
        if (i < this.le && this.b[i] == (byte)'-')
        {
            strip = true;
            i++;
        }

        if (i < this.le && this.b[i] != (byte)' ')
        {
            throw this.Decline("a block scalar header with indicators");
        }

        this.RestIsComment(i);
        var start = this.Pos(at);
        this.Advance();
        var leading = 0;
        var widest = 0;
        while (this.kind == LineKind.Blank)
        {
            if (this.ln == this.le)
            {
                throw this.Decline("a block scalar the text ends in");
            }

            leading++;
            widest = Math.Max(widest, this.le - this.ls);
            this.Advance();
        }

        if (this.AtEnd)
        {
            throw this.Decline("a block scalar the text ends in");
        }

        if (this.ind <= col)
        {
            // Empty (a clipped or stripped run of empty lines is no text): it ends at the start of the line that ends it.
            if (widest > col)
            {
                throw this.Decline("an empty block scalar with a line of spaces");
            }

            return new ScalarNode(this.Span(start, new SourcePosition(this.lineNo + this.linesBefore, 1, this.lineChar + this.charsBefore)), string.Empty, ScalarType.String, quoted: true);
        }

        var indent = this.ind;
        if (widest > indent)
        {
            throw this.Decline("a block scalar whose leading empty lines are wider than its text");
        }

        var text = new StringBuilder();
        text.Append('\n', leading);
        var breaks = 0;
        var first = true;
        var lastBroken = true;
        while (!this.AtEnd)
        {
            if (this.kind == LineKind.Blank && this.le - this.ls <= indent)
            {
                if (this.ln == this.le)
                {
                    throw this.Decline("a block scalar whose text ends on an empty line");
                }

                breaks++;
                this.Advance();
                continue;
            }

            // A line of spaces wider than the indentation is text: its spaces beyond it.
            if (this.kind != LineKind.Blank && this.ind < indent)
            {
                break;
            }

            if (!first)
            {
                text.Append('\n', 1 + breaks);
            }

            first = false;
            breaks = 0;
            text.Append(Encoding.UTF8.GetString(this.b, this.ls + indent, this.le - this.ls - indent));
            lastBroken = this.ln > this.ls && this.b[this.ln - 1] == (byte)'\n';
            if (!lastBroken)
            {
                // The text ends on this line: no line break to keep, and the scalar ends where the text does.
                var endAt = this.Pos(this.le);
                this.Advance();
                return new ScalarNode(this.Span(start, endAt), text.ToString(), ScalarType.String, quoted: true);
            }

            this.Advance();
        }

        if (!strip)
        {
            text.Append('\n');
        }

        // The scalar ends at the start of the line that ends it (or at the end of the text).
        var end = this.AtEnd ? this.NextTokenMark() : new SourcePosition(this.lineNo + this.linesBefore, 1, this.lineChar + this.charsBefore);
        return new ScalarNode(this.Span(start, end), text.ToString(), ScalarType.String, quoted: true);
    }

    /// <summary>The text holds what this reader does not read: read it with <see cref="YamlManifestReader"/>.</summary>
    internal sealed class DeclinedException : Exception
    {
        public DeclinedException(string what, int line)
            : base(what)
        {
            this.Line = line;
        }

        /// <summary>Gets the line (1-based) the reader was on.</summary>
        public int Line { get; }
    }

    // Strings of short keys and values, kept per thread: a manifest repeats its keys (name, image, ...) and many values.
    private sealed class StringCache
    {
        private const int MaxLength = 32;
        private readonly string?[] table = new string?[2048];

        public string Get(byte[] b, int at, int length)
        {
            if (length == 0)
            {
                return string.Empty;
            }

            if (length > MaxLength)
            {
                return Encoding.UTF8.GetString(b, at, length);
            }

            // A hash of the length and three bytes: a hit is confirmed byte for byte, and only ASCII strings are kept, which a
            // byte above 0x7F never matches.
            var h = (uint)length;
            h = (h * 31) + b[at];
            h = (h * 31) + b[at + (length >> 1)];
            h = (h * 31) + b[at + length - 1];
            var slot = (int)((h ^ (h >> 11)) & (uint)(this.table.Length - 1));
            var s = this.table[slot];
            if (s is not null && s.Length == length)
            {
                var same = true;
                for (var i = 0; i < length; i++)
                {
                    if (s[i] != b[at + i])
                    {
                        same = false;
                        break;
                    }
                }

                if (same)
                {
                    return s;
                }
            }

            s = Encoding.UTF8.GetString(b, at, length);
            if (s.Length == length)
            {
                this.table[slot] = s;
            }

            return s;
        }
    }
}
