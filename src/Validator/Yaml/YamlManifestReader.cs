using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using DaemonLint.Catalog;
using DaemonLint.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DaemonLint.Yaml;

/// <summary>Limits that keep hostile input from exhausting memory or stack.</summary>
public sealed record ReaderLimits
{
    /// <summary>Gets the default limits.</summary>
    public static ReaderLimits Default { get; } = new();

    /// <summary>Gets the deepest nesting accepted (no Kubernetes object comes near it).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Gets the most nodes one document may expand to, aliases counted at each use (alias bombs).</summary>
    public long MaxExpandedNodes { get; init; } = 1_000_000;

    /// <summary>Gets the largest file read, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Gets the largest node or pod inventory read (<c>--nodes</c>, <c>--pods</c>), in bytes: <c>kubectl get pods -A -o yaml</c>
    /// of a large cluster runs to hundreds of megabytes, where no manifest comes near <see cref="MaxFileBytes"/>.
    /// </summary>
    public long MaxInventoryBytes { get; init; } = 1L << 30;
}

/// <summary>A problem reading the input itself (DS9xxx), located in the file.</summary>
/// <param name="RuleId">The DS9xxx rule id.</param>
/// <param name="Message">The message.</param>
/// <param name="Span">Where it is.</param>
public sealed record InputProblem(string RuleId, string Message, SourceSpan Span);

/// <summary>What one YAML document held: objects (List items expanded) and input problems.</summary>
public sealed class DocumentResult
{
    internal DocumentResult(int index)
    {
        this.Index = index;
    }

    /// <summary>Gets the 0-based document index.</summary>
    public int Index { get; }

    /// <summary>Gets the objects of the document (several for a <c>kind: List</c>).</summary>
    public List<ManifestObject> Objects { get; } = new();

    /// <summary>Gets the problems found while reading the document.</summary>
    public List<InputProblem> Problems { get; } = new();

    /// <summary>
    /// Gets a value indicating whether the document is a scalar written out (not an empty document). A run of documents read
    /// on its own (<see cref="DocumentSplitter"/>) cannot stand for its part of the file when one holds it: YamlDotNet reads
    /// the lines of a block scalar at the root (<c>--- |</c>) as its content even where they are <c>---</c> markers, and its
    /// scanner remembers a comment after a plain scalar at the root into the documents after it.
    /// </summary>
    internal bool IsWrittenScalar { get; set; }

    /// <summary>Gets a value indicating whether the reading of the text ended at this document's syntax error (DS9001): the
    /// documents after it are not read.</summary>
    internal bool EndsReading { get; set; }
}

/// <summary>
/// The YAML front end: reads a multi-document YAML (or JSON) text with YamlDotNet's parser (not its deserializer) into
/// source-mapped <see cref="ManifestObject"/>s, resolving scalars as the Kubernetes decoder does, following anchors
/// and merge keys without expanding them, and reporting duplicate keys, alias bombs and excessive nesting.
/// </summary>
public static class YamlManifestReader
{
    /// <summary>Reads the documents of a text, one at a time.</summary>
    /// <param name="file">The file name put on objects.</param>
    /// <param name="text">The text.</param>
    /// <param name="limits">The limits, or the defaults.</param>
    /// <returns>The documents in order; reading stops after a syntax error.</returns>
    public static IEnumerable<DocumentResult> ReadDocuments(string? file, string text, ReaderLimits? limits = null) =>
        ReadDocuments(file, new StringReader(text), limits);

    /// <summary>Reads the documents of a text as it is read (the text need not be held whole), one at a time.</summary>
    /// <param name="file">The file name put on objects.</param>
    /// <param name="text">The text (see <see cref="Engine.TextDecoder.TryOpen"/> for bytes).</param>
    /// <param name="limits">The limits, or the defaults.</param>
    /// <returns>The documents in order; reading stops after a syntax error.</returns>
    public static IEnumerable<DocumentResult> ReadDocuments(string? file, TextReader text, ReaderLimits? limits = null) =>
        ReadDocuments(file, text, limits, null);

    /// <summary>
    /// Reads the documents of a text; with <paramref name="needsTree"/>, an object whose kind says it needs no tree (the
    /// validator runs no rule on it) gets only its <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> built: the values of its
    /// other top-level keys are read for their problems only (duplicate keys, complex keys, nesting, size, anchors), and stand
    /// as <see cref="Skimmed"/> placeholders in its tree. Every problem, span and object reference is the one a full read gives.
    /// Where a skimmed value turns out to be needed (a later duplicate <c>kind</c> that needs a tree, an alias to a skimmed
    /// value outside a skimmed part), reading throws <see cref="SkimAbandonedException"/>: read the text again without it.
    /// </summary>
    /// <param name="file">The file name put on objects.</param>
    /// <param name="text">The text.</param>
    /// <param name="limits">The limits, or the defaults.</param>
    /// <param name="needsTree">Whether an object of a kind (null: no kind, or not a string) needs its whole tree; null: every object does.</param>
    /// <returns>The documents in order; reading stops after a syntax error.</returns>
    internal static IEnumerable<DocumentResult> ReadDocuments(string? file, TextReader text, ReaderLimits? limits, Func<string?, bool>? needsTree) =>
        ReadDocuments(file, text, limits, needsTree, default);

    /// <summary>
    /// Reads the documents of a run of a text (<see cref="DocumentSplitter"/>) as they are in the whole text: positions and
    /// document indexes are shifted by where the run starts.
    /// </summary>
    /// <param name="file">The file name put on objects.</param>
    /// <param name="text">The text of the run.</param>
    /// <param name="limits">The limits, or the defaults.</param>
    /// <param name="needsTree">See <see cref="ReadDocuments(string?, TextReader, ReaderLimits?, Func{string?, bool}?)"/>.</param>
    /// <param name="run">Where the run is in the whole text (default: the run is the whole text).</param>
    /// <returns>The documents in order; reading stops after a syntax error.</returns>
    internal static IEnumerable<DocumentResult> ReadDocuments(string? file, TextReader text, ReaderLimits? limits, Func<string?, bool>? needsTree, DocumentRun run) =>
        new DocumentSequence(file, text, limits ?? ReaderLimits.Default, needsTree, run);

    /// <summary>The value that stands for a skimmed scalar, mapping or sequence (see <see cref="ReadDocuments(string?, TextReader, ReaderLimits?, Func{string?, bool}?)"/>).</summary>
    internal static readonly ScalarNode Skimmed = new(SourceSpan.None, string.Empty, ScalarType.Null);

    internal static SourceSpan ToSpan(Mark start, Mark end) =>
        new(new SourcePosition((int)start.Line, (int)start.Column, (int)start.Index), new SourcePosition((int)end.Line, (int)end.Column, (int)end.Index));

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is reported separately. Its
        // messages may quote the offending character: escaped, as every message is.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return GoText.Escape(GoText.Clip(message.StartsWith("(Line:", StringComparison.Ordinal) && i > 0 ? message.Substring(i + 3) : message));
    }

    // DS9011: a document (or an item of a List) that is a list or a scalar cannot be a Kubernetes object.
    private static InputProblem NotAnObject(ManifestNode node, string what)
    {
        var (shape, span) = node switch
        {
            SequenceNode => ("a list", SourceSpan.At(node.Span.Start)),
            ScalarNode { Type: ScalarType.String } s => ("the string " + GoText.QuoteCapped(s.Raw, 64), node.Span),
            ScalarNode { Type: ScalarType.Bool } s => ("the boolean " + GoText.Escape(s.Raw), node.Span),
            ScalarNode s => ("the number " + GoText.Clip(GoText.Escape(s.Raw), 64), node.Span),
            _ => ("not a mapping", SourceSpan.At(node.Span.Start)),
        };
        return new InputProblem(
            RuleCatalog.DS9011_DocumentMustBeAnObject.Id,
            $"{what} is {shape}, not an object: kubectl cannot decode it into a Kubernetes object (an object is a mapping with apiVersion, kind and metadata; several objects go in documents separated by ---, or in the items of a kind: List)",
            span);
    }

    internal static void AddObjects(DocumentResult doc, MappingNode map, string? file, int index)
    {
        var kind = map["kind"] as ScalarNode;
        if (kind is not null && kind.Raw.EndsWith("List", StringComparison.Ordinal) && map["items"] is SequenceNode items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items.Items[i] is MappingNode item)
                {
                    doc.Objects.Add(new ManifestObject(item, file, index, i));
                }
                else if (!items.Items[i].IsNull)
                {
                    doc.Problems.Add(NotAnObject(items.Items[i], $"items[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}] of this {GoText.Clip(GoText.Escape(kind.Raw), 64)}"));
                }
            }

            return;
        }

        doc.Objects.Add(new ManifestObject(map, file, index));
    }

    /// <summary>
    /// The documents of a text, read one at a time as they are asked for. Unlike a compiler-made iterator, which holds the document
    /// it handed out last until it hands out the next, this forgets it as soon as the next is asked for: while a document is read,
    /// the one before it (its whole tree) is garbage, and the collections that fall in the reading do not find two trees alive and
    /// promote them. Enumerable once, like the text it reads.
    /// </summary>
    private sealed class DocumentSequence : IEnumerable<DocumentResult>, IEnumerator<DocumentResult>
    {
        private readonly string? file;
        private readonly TextReader text;
        private readonly ReaderLimits limits;
        private readonly Func<string?, bool>? needsTree;
        private readonly DocumentRun run;
        private Scanner? scanner;
        private GuardedParser? parser;
        private TreeBuilder? builder;
        private int index;
        private Next next;
        private bool enumerated;

        public DocumentSequence(string? file, TextReader text, ReaderLimits limits, Func<string?, bool>? needsTree, DocumentRun run)
        {
            this.file = file;
            this.text = text;
            this.limits = limits;
            this.needsTree = needsTree;
            this.run = run;
        }

        // What the next MoveNext does before it reads: the answer to the document handed out last.
        private enum Next
        {
            Start,
            Read,
            SkipThenRead,
            End,
        }

        public DocumentResult Current { get; private set; } = null!;

        object IEnumerator.Current => this.Current;

        public IEnumerator<DocumentResult> GetEnumerator()
        {
            if (this.enumerated)
            {
                throw new InvalidOperationException("the documents of a text are read once");
            }

            this.enumerated = true;
            return this;
        }

        IEnumerator IEnumerable.GetEnumerator() => this.GetEnumerator();

        public bool MoveNext()
        {
            this.Current = null!;
            switch (this.next)
            {
                case Next.Start:
                    this.scanner = new Scanner(this.text, skipComments: true);
                    this.parser = new GuardedParser(new Parser(this.scanner), this.scanner);
                    this.builder = new TreeBuilder(this.limits, this.needsTree, this.run.LinesBefore, this.run.CharsBefore);
                    this.index = this.run.FirstDocument;
                    break;
                case Next.Read:
                    this.index++;
                    break;
                case Next.SkipThenRead:
                    if (!this.builder!.SkipToNextDocument(this.parser!))
                    {
                        this.next = Next.End;
                        return false;
                    }

                    this.index++;
                    break;
                default:
                    return false;
            }

            // Until this one is read: a throw from the reader (the caller reports it) ends the sequence.
            this.next = Next.End;
            var builder = this.builder!;
            var doc = new DocumentResult(this.index);
            ManifestNode? root;
            bool more;
            try
            {
                more = builder.ReadDocument(this.parser!, doc.Problems, out root);
            }
            catch (YamlException ex)
            {
                // Some scanner errors (a tab used as indentation) carry an empty mark; the scanner's position is where it stopped.
                var span = ex.Start.Index == 0 && ex.End.Index == 0 ? builder.Span(this.scanner!.CurrentPosition, this.scanner.CurrentPosition) : builder.Span(ex.Start, ex.End);
                doc.Problems.Add(new InputProblem(RuleCatalog.DS9001_YamlSyntax.Id, "YAML syntax error: " + CleanMessage(ex.Message), span));
                doc.EndsReading = true;
                this.Current = doc;
                return true;
            }
            catch (DocumentTooComplexException ex)
            {
                doc.Problems.Add(new InputProblem(RuleCatalog.DS9006_DocumentTooComplex.Id, ex.Message, ex.Span));
                this.next = ex.StopReading ? Next.End : Next.SkipThenRead;
                this.Current = doc;
                return true;
            }

            if (!more)
            {
                return false;
            }

            doc.IsWrittenScalar = root is ScalarNode && root.Span.Start.Offset != root.Span.End.Offset;
            if (root is MappingNode map)
            {
                AddObjects(doc, map, this.file, this.index);
            }
            else if (root is not null && !root.IsNull)
            {
                // kubectl skips an empty or null document; anything else must decode into an object.
                doc.Problems.Add(NotAnObject(root, "the document"));
            }

            this.next = Next.Read;
            this.Current = doc;
            return true;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
            this.next = Next.End;
            this.Current = null!;
        }
    }

    /// <summary>
    /// YamlDotNet's scanner throws other exceptions than <see cref="YamlException"/> on some malformed input:
    /// <see cref="InvalidOperationException"/> for an unclosed flow mapping whose last line is a plain "key: value", and
    /// <see cref="ArgumentOutOfRangeException"/> (from <c>char.ConvertFromUtf32</c>) for an escape such as <c>"\UFFFFFFFF"</c>
    /// that names no Unicode character. Every call into the parser goes through this wrapper, so whatever the parser
    /// throws becomes a syntax error at the scanner's position, and exceptions of our own code are not mistaken for one.
    /// The streaming inventory reader (<see cref="Placement.InventoryReader"/>) reads through it too.
    /// </summary>
    internal sealed class GuardedParser : IParser
    {
        private readonly Parser inner; // the concrete type: the reader calls it for every event, without interface dispatch
        private readonly Scanner scanner;

        public GuardedParser(Parser inner, Scanner scanner)
        {
            ScannerBuilders.Install(); // the scanner's string builders from each thread's own stack, not one pool for the process
            this.inner = inner;
            this.scanner = scanner;
        }

        public ParsingEvent? Current => this.inner.Current;

        public bool MoveNext()
        {
            try
            {
                return this.inner.MoveNext();
            }
            catch (YamlException)
            {
                throw;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException or IndexOutOfRangeException)
            {
                var at = this.scanner.CurrentPosition;
                throw new SyntaxErrorException(at, at, Describe(ex));
            }
        }

        private static string Describe(Exception ex) => ex switch
        {
            ArgumentOutOfRangeException => "found an escape sequence that names no Unicode character (\\U and \\u escapes must name a code point up to 10FFFF, outside the surrogates)",
            InvalidOperationException => "the YAML could not be read past this point (is a bracket or quote unclosed?)",
            _ => "the YAML could not be read past this point",
        };
    }

    /// <summary>A skimmed value turned out to be needed: the text must be read again without skimming.</summary>
    internal sealed class SkimAbandonedException : Exception
    {
        public SkimAbandonedException(string reason)
            : base(reason)
        {
        }
    }

    /// <summary>A key of a skimmed mapping: its text and span, for the duplicate-key check (no entry or node is built).</summary>
    private readonly struct SkimKey
    {
        public SkimKey(string key, SourceSpan span)
        {
            this.Key = key;
            this.Span = span;
        }

        public string Key { get; }

        public SourceSpan Span { get; }
    }

    private sealed class DocumentTooComplexException : Exception
    {
        public DocumentTooComplexException(string message, SourceSpan span, bool stopReading = false)
            : base(message)
        {
            this.Span = span;
            this.StopReading = stopReading;
        }

        public SourceSpan Span { get; }

        /// <summary>Gets a value indicating whether the rest of the text is not read: YamlDotNet's scanner is quadratic in the
        /// flow nesting depth, so skipping a 10,000-deep document token by token takes seconds (minutes at 100,000).</summary>
        public bool StopReading { get; }
    }

    /// <summary>
    /// A mapping or sequence being built. Frames and their lists are reused from a per-reader pool: the nodes copy the
    /// lists into arrays, so the lists are scratch space (−18% of the tree's allocations, measured by the bench).
    /// </summary>
    private sealed class Frame
    {
        public bool IsMapping { get; private set; }

        public ParsingEvent Start { get; private set; } = null!;

        public AnchorName Anchor { get; private set; }

        public long Size { get; set; } = 1;

        public List<MappingEntry> Entries { get; } = new();

        public List<ManifestNode> Items { get; } = new();

        /// <summary>Gets the keys of a skimmed mapping, in order (duplicates replaced, as <see cref="Entries"/> are).</summary>
        public List<SkimKey> SkimKeys { get; } = new();

        /// <summary>Gets or sets a value indicating whether the frame is inside a skimmed value: no node is built for it.</summary>
        public bool IsSkimmed { get; set; }

        public Dictionary<string, int>? KeyIndex { get; set; }

        public List<ManifestNode>? MergeSources { get; set; }

        public string? PendingKey { get; set; }

        public SourceSpan PendingKeySpan { get; set; }

        public bool PendingIsMerge { get; set; }

        public bool HasPendingKey { get; set; }

        public Frame Release()
        {
            this.Entries.Clear();
            this.Items.Clear();
            this.SkimKeys.Clear();
            this.KeyIndex?.Clear();
            this.MergeSources = null;
            this.Start = null!;
            this.PendingKey = null;
            return this;
        }

        public Frame Reset(bool isMapping, ParsingEvent start, AnchorName anchor, bool skimmed)
        {
            this.IsMapping = isMapping;
            this.Start = start;
            this.Anchor = anchor;
            this.IsSkimmed = skimmed;
            this.Size = 1;
            this.Entries.Clear();
            this.Items.Clear();
            this.SkimKeys.Clear();
            this.KeyIndex?.Clear();
            this.MergeSources = null;
            this.PendingKey = null;
            this.PendingKeySpan = default;
            this.PendingIsMerge = false;
            this.HasPendingKey = false;
            return this;
        }
    }

    private sealed class TreeBuilder
    {
        private readonly ReaderLimits limits;
        private readonly Dictionary<string, (ManifestNode Node, long Size)> anchors = new(StringComparer.Ordinal);
        private readonly List<Frame> stack = new();
        private readonly List<Frame> pool = new();
        private readonly Func<string?, bool>? needsTree;
        private bool streamStarted;
        private long aliasesUsed;

        // Skimming (see ReadDocuments): whether the document's kind says it needs no tree, and whether a value was skimmed.
        private bool skim;
        private bool skimmedAny;

        // Where the text read starts in the whole text (a run of documents read on its own): added to every position.
        private readonly int linesBefore;
        private readonly int charsBefore;

        public TreeBuilder(ReaderLimits limits, Func<string?, bool>? needsTree, int linesBefore, int charsBefore)
        {
            this.limits = limits;
            this.needsTree = needsTree;
            this.linesBefore = linesBefore;
            this.charsBefore = charsBefore;
        }

        /// <summary>The span between two marks of the parser, as a position in the whole text.</summary>
        public SourceSpan Span(Mark start, Mark end) =>
            this.linesBefore == 0 && this.charsBefore == 0
                ? YamlManifestReader.ToSpan(start, end)
                : new(
                    new SourcePosition((int)start.Line + this.linesBefore, (int)start.Column, (int)start.Index + this.charsBefore),
                    new SourcePosition((int)end.Line + this.linesBefore, (int)end.Column, (int)end.Index + this.charsBefore));

        /// <summary>Reads the next document; returns false at the end of the stream.</summary>
        public bool ReadDocument(GuardedParser parser, List<InputProblem> problems, out ManifestNode? root)
        {
            root = null;
            this.anchors.Clear();
            this.aliasesUsed = 0;
            this.skim = false;
            this.skimmedAny = false;
            this.pool.AddRange(this.stack);
            this.stack.Clear();
            if (!this.streamStarted)
            {
                parser.Consume<StreamStart>();
                this.streamStarted = true;
            }

            if (parser.Accept<StreamEnd>(out _))
            {
                parser.MoveNext();
                return false;
            }

            parser.Consume<DocumentStart>();
            ManifestNode? result = null;
            long rootSize = 0;
            while (true)
            {
                // What parser.Accept<DocumentEnd> does, without its generic type check per event.
                if (parser.Current is null && !parser.MoveNext())
                {
                    throw new EndOfStreamException();
                }

                var ev = parser.Current!;
                if (ev is DocumentEnd)
                {
                    break;
                }

                parser.MoveNext();
                switch (ev)
                {
                    case Scalar s when s.Anchor.IsEmpty && s.Tag.IsEmpty && this.stack.Count > 0 && this.stack[this.stack.Count - 1] is { IsMapping: true, HasPendingKey: false } top:
                        // A plain mapping key (most scalars of a manifest): only its text and span are kept, so no node is built.
                        top.Size++;
                        top.HasPendingKey = true;
                        top.PendingKeySpan = this.Span(s.Start, s.End);
                        top.PendingKey = s.Value;
                        top.PendingIsMerge = !IsQuoted(s) && s.Value == "<<";
                        break;
                    case Scalar s when this.InSkimmedValue():
                        this.skimmedAny = true;
                        this.Attach(Skimmed, 1, s.Anchor, ev, problems, ref result, ref rootSize);
                        break;
                    case Scalar s:
                        this.Attach(this.MakeScalar(s), 1, s.Anchor, ev, problems, ref result, ref rootSize);
                        break;
                    case AnchorAlias a:
                        if (!this.anchors.TryGetValue(a.Value.Value, out var target))
                        {
                            throw new YamlException(a.Start, a.End, $"unknown anchor {GoText.QuoteCapped(a.Value.Value)} referenced");
                        }

                        if (ReferenceEquals(target.Node, Skimmed) && !this.InSkimmedValue())
                        {
                            throw new SkimAbandonedException("an alias to a skimmed value is used where a node is needed");
                        }

                        this.aliasesUsed++;
                        this.Attach(target.Node, target.Size, AnchorName.Empty, ev, problems, ref result, ref rootSize);
                        break;
                    case MappingStart ms:
                        this.Push(this.Rent().Reset(true, ms, ms.Anchor, this.SkimsNext()));
                        break;
                    case SequenceStart ss:
                        this.Push(this.Rent().Reset(false, ss, ss.Anchor, this.SkimsNext()));
                        break;
                    case MappingEnd:
                    case SequenceEnd:
                        var frame = this.stack[this.stack.Count - 1];
                        this.stack.RemoveAt(this.stack.Count - 1);
                        var span = this.Span(frame.Start.Start, ev.End);
                        var node = frame.IsSkimmed ? this.SkimmedNode(frame, span)
                            : frame.IsMapping ? BuildMapping(frame, span, problems) : SequenceNode.Read(span, frame.Items.ToArray());
                        this.Attach(node, frame.Size, frame.Anchor, frame.Start, problems, ref result, ref rootSize);
                        this.pool.Add(frame.Release()); // a pooled frame must not keep the nodes it built alive
                        break;
                }
            }

            parser.Consume<DocumentEnd>();
            root = result;
            return true;
        }

        // Whether the next node of the top frame is skimmed: inside a skimmed value, or the value of a top-level key other than
        // apiVersion, kind and metadata (and merge keys, whose values join the object) once the kind says no tree is needed.
        private bool SkimsNext()
        {
            if (this.stack.Count == 0)
            {
                return false;
            }

            var top = this.stack[this.stack.Count - 1];
            return top.IsSkimmed
                || (this.skim && this.stack.Count == 1 && top is { IsMapping: true, HasPendingKey: true, PendingIsMerge: false }
                    && top.PendingKey is not ("apiVersion" or "kind" or "metadata"));
        }

        // Whether the next node is a skimmed value (not a key: a key's text is needed for the duplicate-key check).
        private bool InSkimmedValue() =>
            this.SkimsNext() && this.stack[this.stack.Count - 1] is not { IsMapping: true, HasPendingKey: false };

        // What a skimmed mapping or sequence attaches to its parent: the placeholder, or, where it is a key (a complex key, a
        // problem located at its span), an empty node with its span.
        private ManifestNode SkimmedNode(Frame frame, SourceSpan span)
        {
            this.skimmedAny = true;
            if (this.stack.Count > 0 && this.stack[this.stack.Count - 1] is { IsMapping: true, HasPendingKey: false })
            {
                return frame.IsMapping ? new MappingNode(span, Array.Empty<MappingEntry>()) : new SequenceNode(span, Array.Empty<ManifestNode>());
            }

            return Skimmed;
        }

        // At the top-level kind: whether the object needs its whole tree (a List's items are objects of their own).
        private bool NeedsTree(ManifestNode kind) =>
            (kind is ScalarNode list && list.Raw.EndsWith("List", StringComparison.Ordinal))
            || this.needsTree!(kind is ScalarNode { Type: not ScalarType.Null } s ? s.Raw : null);

        public bool SkipToNextDocument(GuardedParser parser)
        {
            try
            {
                while (parser.Current is not DocumentEnd and not StreamEnd && parser.MoveNext())
                {
                }

                if (parser.Current is DocumentEnd)
                {
                    parser.MoveNext();
                    return true;
                }
            }
            catch (YamlException)
            {
            }

            return false;
        }

        private static ManifestNode BuildMapping(Frame frame, SourceSpan span, List<InputProblem> problems)
        {
            var entries = frame.Entries;
            if (frame.MergeSources is { } sources)
            {
                // YAML 1.1 merge keys: explicit keys win; among merged maps the first listed wins.
                var present = new HashSet<string>(StringComparer.Ordinal);
                foreach (var e in entries)
                {
                    present.Add(e.Key);
                }

                foreach (var src in sources)
                {
                    if (src is MappingNode m)
                    {
                        foreach (var e in m.Entries)
                        {
                            if (present.Add(e.Key))
                            {
                                entries.Add(e);
                            }
                        }
                    }
                }
            }

            return MappingNode.Read(span, entries.ToArray());
        }

        private static int FindKey(Frame top, string key)
        {
            if (top.KeyIndex is { Count: > 0 } index)
            {
                return index.TryGetValue(key, out var i) ? i : -1;
            }

            var entries = top.Entries;
            for (var i = 0; i < entries.Count; i++)
            {
                if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        // The duplicate-key check of a skimmed mapping: the same problems, in the same order, as for a built one (see Attach).
        private void AddSkimKey(Frame top, List<InputProblem> problems)
        {
            var key = top.PendingKey!;
            var keys = top.SkimKeys;
            var existing = -1;
            if (top.KeyIndex is { Count: > 0 } index)
            {
                existing = index.TryGetValue(key, out var i) ? i : -1;
            }
            else
            {
                for (var i = 0; i < keys.Count; i++)
                {
                    if (string.Equals(keys[i].Key, key, StringComparison.Ordinal))
                    {
                        existing = i;
                        break;
                    }
                }
            }

            if (existing >= 0)
            {
                problems.Add(DuplicateKey(key, keys[existing].Span.Start, top.PendingKeySpan));
                keys[existing] = new SkimKey(key, top.PendingKeySpan);
                return;
            }

            if (top.KeyIndex is not null)
            {
                top.KeyIndex[key] = keys.Count;
            }
            else if (keys.Count == 8)
            {
                top.KeyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < keys.Count; i++)
                {
                    top.KeyIndex[keys[i].Key] = i;
                }

                top.KeyIndex[key] = keys.Count;
            }

            keys.Add(new SkimKey(key, top.PendingKeySpan));
        }

        private static InputProblem DuplicateKey(string key, SourcePosition first, SourceSpan at) =>
            new(
                RuleCatalog.DS9004_DuplicateKey.Id,
                $"mapping key {GoText.QuoteCapped(key)} already defined at line {first.Line}; the Kubernetes decoder rejects duplicate keys",
                at);

        private Frame Rent()
        {
            if (this.pool.Count == 0)
            {
                return new Frame();
            }

            var f = this.pool[this.pool.Count - 1];
            this.pool.RemoveAt(this.pool.Count - 1);
            return f;
        }

        private void Push(Frame frame)
        {
            if (this.stack.Count >= this.limits.MaxDepth)
            {
                throw new DocumentTooComplexException(
                    $"nesting is deeper than {this.limits.MaxDepth} levels; no Kubernetes object is this deep, so the rest of the file is not read",
                    this.Span(frame.Start.Start, frame.Start.End),
                    stopReading: true);
            }

            this.stack.Add(frame);
        }

        // Quoted and block scalars are strings whatever their text (and a quoted "<<" is no merge key).
        private static bool IsQuoted(Scalar s) => s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;

        private ScalarNode MakeScalar(Scalar s)
        {
            var span = this.Span(s.Start, s.End);
            var quoted = IsQuoted(s);
            if (!s.Tag.IsEmpty && !s.Tag.IsNonSpecific)
            {
                var tag = s.Tag.Value;
                if (tag.EndsWith(":str", StringComparison.Ordinal) || tag.EndsWith(":binary", StringComparison.Ordinal) || tag.EndsWith(":timestamp", StringComparison.Ordinal))
                {
                    return new ScalarNode(span, s.Value, ScalarType.String, quoted: true);
                }

                if (tag.EndsWith(":null", StringComparison.Ordinal))
                {
                    return new ScalarNode(span, s.Value, ScalarType.Null, quoted);
                }

                var t = ScalarResolver.ResolvePlain(s.Value, out var num, out var integer);
                if (tag.EndsWith(":float", StringComparison.Ordinal) && t == ScalarType.Int)
                {
                    return new ScalarNode(span, s.Value, ScalarType.Float, quoted, num);
                }

                return new ScalarNode(span, s.Value, t, quoted, num, integer);
            }

            if (quoted || s.Tag.IsNonSpecific)
            {
                return new ScalarNode(span, s.Value, ScalarType.String, quoted: true);
            }

            var type = ScalarResolver.ResolvePlain(s.Value, out var number, out var i64);
            return new ScalarNode(span, s.Value, type, false, number, i64);
        }

        private void Attach(ManifestNode node, long size, AnchorName anchor, ParsingEvent at, List<InputProblem> problems, ref ManifestNode? result, ref long rootSize)
        {
            if (!anchor.IsEmpty)
            {
                this.anchors[anchor.Value] = (node, size);
            }

            if (this.stack.Count == 0)
            {
                result = node;
                rootSize = size;
                return;
            }

            var top = this.stack[this.stack.Count - 1];
            top.Size += size;
            if (top.Size > this.limits.MaxExpandedNodes)
            {
                // Name what was exceeded: aliases multiplying the document, or its own size.
                var limit = this.limits.MaxExpandedNodes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
                var used = this.aliasesUsed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
                throw new DocumentTooComplexException(
                    this.aliasesUsed > 0
                        ? $"the document expands to more than {limit} nodes through its {used} alias{(this.aliasesUsed == 1 ? string.Empty : "es")} (an alias bomb?); it is skipped"
                        : $"the document has more than {limit} nodes (mappings, sequences and scalars) and no aliases; no Kubernetes object is this large, so it is skipped",
                    this.Span(at.Start, at.End));
            }

            if (!top.IsMapping)
            {
                top.Items.Add(node);
                return;
            }

            if (!top.HasPendingKey)
            {
                top.HasPendingKey = true;
                top.PendingKeySpan = node.Span;
                if (node is ScalarNode key)
                {
                    top.PendingKey = key.Raw;
                    top.PendingIsMerge = !key.Quoted && key.Raw == "<<";
                }
                else
                {
                    top.PendingKey = null;
                    top.PendingIsMerge = false;
                    problems.Add(new InputProblem(RuleCatalog.DS9001_YamlSyntax.Id, "complex mapping keys (a mapping or sequence used as a key) are not valid in Kubernetes manifests", node.Span));
                }

                return;
            }

            top.HasPendingKey = false;
            if (top.PendingKey is null)
            {
                return;
            }

            if (top.PendingIsMerge)
            {
                if (top.IsSkimmed)
                {
                    return; // nothing is merged into a mapping that is not built
                }

                top.MergeSources ??= new List<ManifestNode>();
                if (node is SequenceNode seq)
                {
                    top.MergeSources.AddRange(seq.Items);
                }
                else
                {
                    top.MergeSources.Add(node);
                }

                return;
            }

            if (top.IsSkimmed)
            {
                this.AddSkimKey(top, problems);
                return;
            }

            if (this.needsTree is not null && this.stack.Count == 1 && top.PendingKey == "kind")
            {
                // The top-level kind decides whether the rest of the object is skimmed. A later duplicate kind decides again;
                // if it needs the tree after values were skimmed, the text is read again in full.
                if (!this.NeedsTree(node))
                {
                    this.skim = true;
                }
                else if (this.skim)
                {
                    this.skim = false;
                    if (this.skimmedAny)
                    {
                        throw new SkimAbandonedException("a later kind needs the tree");
                    }
                }
            }

            var entries = top.Entries;
            var entry = new MappingEntry(top.PendingKey, top.PendingKeySpan, node);
            var existing = FindKey(top, top.PendingKey);
            if (existing >= 0)
            {
                problems.Add(DuplicateKey(top.PendingKey, entries[existing].KeySpan.Start, top.PendingKeySpan));
                entries[existing] = entry;
                return;
            }

            // Small mappings (most of a manifest) find duplicates by a scan; an index is built past 8 keys.
            if (top.KeyIndex is not null)
            {
                top.KeyIndex[top.PendingKey] = entries.Count;
            }
            else if (entries.Count == 8)
            {
                top.KeyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < entries.Count; i++)
                {
                    top.KeyIndex[entries[i].Key] = i;
                }

                top.KeyIndex[top.PendingKey] = entries.Count;
            }

            entries.Add(entry);
        }
    }
}
