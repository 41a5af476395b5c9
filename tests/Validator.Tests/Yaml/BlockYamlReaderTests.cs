using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Yaml;

/// <summary>
/// <see cref="BlockYamlReader"/> gives, for every text it reads, the documents <see cref="YamlManifestReader"/> gives (every node,
/// value, scalar type, key and span, the document indexes and objects), and declines what it does not read.
/// </summary>
public sealed class BlockYamlReaderTests
{
    [Fact]
    public void EveryFileTheTestsHave_ReadsAsYamlDotNetReadsIt_OrIsDeclined()
    {
        var files = Directory.GetFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "samples"), "*.y*ml", SearchOption.AllDirectories))
            .ToList();
        var corpus = Directory.Exists(RepoPaths.RealWorldCorpus) ? Directory.GetFiles(RepoPaths.RealWorldCorpus, "*.y*ml") : Array.Empty<string>();
        var accepted = 0;
        var corpusAccepted = 0;
        foreach (var file in files.Concat(corpus))
        {
            var bytes = File.ReadAllBytes(file);
            if (Compare(file, bytes))
            {
                accepted++;
                corpusAccepted += corpus.Contains(file) ? 1 : 0;
            }
        }

        // It must read most of what manifests are, or it saves nothing: most of the fixtures, and (where the shared corpus is
        // beside the clone) most of the published manifests.
        Assert.True(accepted > files.Count / 2, $"{accepted} of {files.Count + corpus.Length} read");
        if (corpus.Length > 0)
        {
            Assert.True(corpusAccepted > corpus.Length * 6 / 10, $"{corpusAccepted} of {corpus.Length} published manifests read");
        }
    }

    [Theory]
    [InlineData("a: 1\nb:\n  c: x\n  d:\n  - p\n  - q: 1\n    r: 2\n  e:\n# c\n\nf: |\n  line1\n\n  line2\n\n\ng: []\nh: {}\n")]
    [InlineData("a:\n  s: |-\n    x\n    y\n\n  # c\n  t: \"q\\\"z\" # c\n  u:\n    - a\n    -  b\n    - k: v\n")]
    [InlineData("--- # c\na: 1\n---\n---\nb: 2\n")]
    [InlineData("a: 1\r\nb: x  \r\nc:")]
    [InlineData("a:\n- \n-\n- x\nb: |\n  x\n")]
    [InlineData("a: |\n  x")]
    [InlineData("a:   # c\nb: |-\n  x\n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("")]
    [InlineData("---\n")]
    [InlineData("  a: 1\n  b: 2\n")]
    [InlineData("'a''b': 'c''d'\n\"k\": \"\\t\\n\\\\\\/\"\n")]
    [InlineData("a: -1\nb: ::1\nb2: :2112\nc: http://x:80/p#f\nd: x#y\ne: 'x' # c\nf: 1e3\ng: 0x1F\nh: yes\ni: ~\nj: null\nk: \"\"\n")]
    [InlineData("é: ü\nk: 日本語 # ünïcode\nl: 😀x\nm: |\n  😀\n  ü\n")]
    [InlineData("kind: List\napiVersion: v1\nitems:\n- kind: A\n  metadata:\n    name: a\n- 3\n- kind: B\n")]
    [InlineData("a:\n  b:\n    c:\n      - d:\n          - e\n        f: |\n          x\n      - g\nh: 1\n")]
    [InlineData("a: |\n  #!/bin/sh\n  echo 'x: y' # not a comment\n\n    indented\nb: 1\n")]
    [InlineData("a: |\n  x\n  \n \nb: 1\n")]
    [InlineData("args:\n- --port=80\n- -v\n- \"--x\"\n")]
    [InlineData("a: x\n  y\n\n\n  z # c\nb: 1\n")] // a plain scalar over several lines
    [InlineData("a: x\n  - y\n  `z` \"q\"\n  [w]\n")] // lines of a plain scalar that start with an indicator
    [InlineData("a:\n  b\nc:\n    'd\n     e'\nf:\n  [g, h]\ni:\n- \n  j\n  k\n-\n  \"l\"\n")] // scalars on the line after their key or dash
    [InlineData("a: |\n  x\n    \n  y\nb: |-\n  x\n    \nc: |\n  x\n    \n\n  \nd: 1\n")] // lines of spaces wider than a literal's indentation
    [InlineData("a:\n- set -e;\n  if [ -f x ]; then\n    echo \"a\";\n  fi\n- b\n")]
    [InlineData("a: 'x  \n  y\n\n   z  '\nb: \"p\n  q\"   # c\nc: 'm\n\n\n  n'\nd: 'it''s\n  # not a comment'\ne: \"\\\"x\\\"\n    y\"\n")] // quoted scalars over several lines
    [InlineData("a: |-\n---\nb: |\n\nc: |\n\n  \n  x\n\n  y\nd: 1\n")] // empty literals, and literals that start with empty lines
    [InlineData("a:\n- |\n\n  x\n- 'a\n  b'\n- \"c\n\n  d\" # c\n")]
    [InlineData("a: [\"x\", \"y\",\n     \"z\"\n  , w\n\n  ]\nb: {\n  k: v,\n  l: 'w' }\nc: [\n  x]\n")] // flow collections over several lines
    [InlineData("a: \"x\n  \\ y. \\n z\\ \"\n")] // escaped spaces
    [InlineData("c:\n  args: [\n    \"-c\", \"/etc/x.yml\",\n    \"-e\",\n  ]\n  env: {\n    a: b\n  }\n")] // a closing bracket in its key's column
    [InlineData("a: [\"x\", \"y\" , z]\nb: [ P ]\nc: [x,y]\nd: [ \"a\" ]   # c\ne: [1, ]\nf: { key: k, operator: Exists }\ng: {a: 1}\nh: [ ]\n")]
    public void ATextItReads_GivesYamlDotNetsTree(string text)
    {
        Assert.True(Compare("t.yaml", Encoding.UTF8.GetBytes(text)), "declined: " + LastDecline);
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")] // anchors and aliases
    [InlineData("a: !!str 1\n")] // tags
    [InlineData("%YAML 1.1\n---\na: 1\n")] // directives
    [InlineData("a: 1\n...\n")] // document end markers
    [InlineData("a: >\n  x\n")] // folded scalars
    [InlineData("a: |+\n  x\n")] // kept line breaks
    [InlineData("a: |2\n   x\n")] // indentation indicators
    [InlineData("a: 'x\ny'\n")] // a quoted scalar's line not indented under its key
    [InlineData("a: '\n  x'\n")] // a quoted scalar with nothing on its first line
    [InlineData("a: \"x\\\n  y\"\n")] // an escaped line break
    [InlineData("a: 'x\n  '\n")] // a closing quote alone on its line
    [InlineData("a: |\n   \n  x\n")] // leading empty lines wider than the text
    [InlineData("a:\tb\n")] // tabs
    [InlineData("a: 1\rb: 2\n")] // a bare CR
    [InlineData("a: x\u0085y\n")] // NEL
    [InlineData("- a\n- b\n")] // a root sequence
    [InlineData("just a scalar\n")] // a root scalar
    [InlineData("a: 1\na: 2\n")] // duplicate keys
    [InlineData("<<: {a: 1}\n")] // merge keys
    [InlineData("? a\n: b\n")] // complex keys
    [InlineData("a: b: c\n")] // a colon in a value
    [InlineData("a: 1\n b: 2\n")] // bad indentation
    [InlineData("a: \"\\x41\"\n")] // escapes other than the common ones
    [InlineData("a: [1, [2]]\n")] // flow collections in flow collections
    [InlineData("a: [1,\n2]\n")] // flow collections not indented under their key
    [InlineData("a: [1, # c\n  2]\n")] // comments in flow collections
    [InlineData("a: [1,\n  2\n")] // flow collections not closed
    [InlineData("a: \"x \\\n  y\"\n")] // a backslash at the end of a quoted scalar's line
    [InlineData("a: [http://x]\n")] // a colon in a flow scalar
    [InlineData("a: {b: 1, }\n")]
    [InlineData("a: [\"x\",- \"y\"]\n")] // a dash and a space in a flow collection (found by mutating the corpus)
    [InlineData("a: {b}\n")]
    [InlineData("a: x\n  # c\n  y\n")] // a comment line in a plain scalar
    [InlineData("a: - b\n")]
    [InlineData("a : b\n")]
    public void WhatItDoesNotRead_IsDeclined(string text)
    {
        Assert.False(Compare("t.yaml", Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("{0}: v\n", true)]
    [InlineData("\"{0}\": v\n", true)]
    [InlineData("'{0}': v\n", true)]
    [InlineData("a: {{{0}: v}}\n", false)]
    [InlineData("a: {{\"{0}\": v}}\n", false)]
    public void AKeyOf1024CharactersOrMore_IsDeclined_AndYamlDotNetReportsIt(string format, bool block)
    {
        // The parity suite found it: Go's yaml (and YamlDotNet) look for a block mapping's simple key's colon within 1,024
        // characters of its start ("mapping values are not allowed in this context").
        Assert.True(Compare("k.yaml", Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, format, new string('k', 1000)))), LastDecline);
        var text = string.Format(CultureInfo.InvariantCulture, format, new string('k', 4097));
        Assert.False(Compare("k.yaml", Encoding.UTF8.GetBytes(text)));
        if (block)
        {
            var findings = new ManifestValidator().ValidateText("k.yaml", "kind: ConfigMap\nmetadata: {name: m}\ndata:\n  " + text).Findings;
            Assert.Contains(findings, f => f.RuleId == "DS9001");
        }
    }

    [Fact]
    public void GeneratedTexts_ReadAsYamlDotNetReadsThem()
    {
        var random = new Random(20261204);
        var accepted = 0;
        const int Count = 3000;
        for (var n = 0; n < Count; n++)
        {
            var text = Generate(random);
            if (Compare("g.yaml", Encoding.UTF8.GetBytes(text)))
            {
                accepted++;
            }
        }

        // The generator writes mostly what the reader reads (and some of what it declines): it must read many of them.
        Assert.True(accepted > Count / 3, $"{accepted} of {Count} read");
        Assert.True(accepted < Count, "nothing declined: the generator writes nothing the reader declines");
    }

    [Fact]
    public void MutatedManifests_ReadAsYamlDotNetReadsThem_OrAreDeclined()
    {
        // Bytes of the fixtures and published manifests replaced, inserted and removed (YAML's indicators, spaces, line
        // breaks, tabs, letters): the reader throws nothing but its decline, and what it reads is what YamlDotNet reads.
        var sources = Directory.GetFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.Exists(RepoPaths.RealWorldCorpus) ? Directory.GetFiles(RepoPaths.RealWorldCorpus, "*.y*ml") : Array.Empty<string>())
            .Select(File.ReadAllBytes)
            .Where(b => b.Length < 20_000)
            .ToArray();
        var pieces = Encoding.UTF8.GetBytes("-:#'\"|>[]{}, \n\r\t&*!%@`?.\\abc0é");
        var random = new Random(20261204);
        var accepted = 0;
        const int Count = 10_000;
        for (var n = 0; n < Count; n++)
        {
            var bytes = sources[random.Next(sources.Length)].ToList();
            for (var m = 1 + random.Next(4); m > 0; m--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0:
                        bytes[at] = pieces[random.Next(pieces.Length)];
                        break;
                    case 1:
                        bytes.Insert(at, pieces[random.Next(pieces.Length)]);
                        break;
                    default:
                        bytes.RemoveAt(at);
                        break;
                }
            }

            var mutant = bytes.ToArray();
            if (TextDecoder.TryCheckUtf8(mutant, out _, out _) && Compare("m.yaml", mutant))
            {
                accepted++;
            }
        }

        Assert.True(accepted > Count / 5, $"{accepted} of {Count} read");
    }

    [Fact]
    public void RunsOfALargeText_ReadAsYamlDotNetReadsThem()
    {
        var random = new Random(7);
        var text = new StringBuilder();
        clean = true;
        try
        {
            for (var i = 0; i < 400; i++)
            {
                text.Append(i % 3 == 0 ? "---\n" : "--- # doc\n").Append(Generate(random, documents: 1).TrimEnd('\n') + "\n");
            }
        }
        finally
        {
            clean = false;
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var runs = DocumentSplitter.Split(bytes, 0, 4096);
        Assert.NotNull(runs);
        Assert.True(runs!.Count > 4);
        var accepted = 0;
        foreach (var run in runs)
        {
            var slow = Dump(YamlManifestReader.ReadDocuments("r.yaml", new Utf8BytesReader(bytes, run.Start, run.End), ReaderLimits.Default, null, run));
            if (ReadFast("r.yaml", bytes, run.Start, run.End, run) is { } fast)
            {
                Assert.Equal(slow, fast);
                accepted++;
            }
        }

        Assert.True(accepted > runs.Count / 2, $"{accepted} of {runs.Count} runs read; the last declined: {LastDecline}");
    }

    [Fact]
    public void ADeclinedDocument_IsReadByYamlDotNetAsARun_AndTheReaderGoesOnAfterIt()
    {
        var random = new Random(11);
        var mixed = 0;
        for (var n = 0; n < 300; n++)
        {
            var text = new StringBuilder();
            for (var d = 0; d < 8; d++)
            {
                text.Append(d == 0 && n % 2 == 0 ? string.Empty : "---\n").Append(Generate(random, documents: 1).TrimEnd('\n')).Append('\n');
                if (random.Next(4) == 0)
                {
                    text.Append("---\nkind: ConfigMap\nmetadata: &m {name: x}\nother: *m\n"); // declined: read by YamlDotNet
                }
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            var slow = Dump(YamlManifestReader.ReadDocuments("m.yaml", new Utf8BytesReader(bytes, 0), ReaderLimits.Default, null));
            if (ReadMixed("m.yaml", bytes, out var skipped) is { } fast)
            {
                Assert.Equal(slow, fast);
                mixed += skipped > 0 && skipped < 8 ? 1 : 0;
            }
        }

        Assert.True(mixed > 50, $"{mixed} texts read partly by each");
    }

    [Fact]
    public void TheValidator_FindsTheSameWithTheReaderAndWithout_InTextsWhereItDeclinesSomeDocuments()
    {
        var random = new Random(5);
        var with = new ManifestValidator();
        var without = new ManifestValidator { ReadsBlockYaml = false };
        var ds = File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "bad-daemonset.yaml"));
        for (var n = 0; n < 50; n++)
        {
            var text = new StringBuilder(ds.TrimEnd('\n')).Append('\n');
            for (var d = 0; d < 6; d++)
            {
                text.Append("---\n").Append(random.Next(3) == 0 ? "kind: ConfigMap\nmetadata: &m {name: x}\ndata: {a: *m}\n" : Generate(random, documents: 1).TrimEnd('\n') + "\n");
                text.Append("---\n").Append(ds.Replace("name: ", "name: x" + d));
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            var expected = without.ValidateBytes("v.yaml", bytes);
            foreach (var actual in new[] { with.ValidateBytes("v.yaml", bytes), with.ValidateBytes("v.yaml", bytes, null, bytes.Length, 2) })
            {
                Assert.Equal(expected.Objects, actual.Objects);
                Assert.Equal(expected.CheckedObjects, actual.CheckedObjects);
                Assert.Equal(expected.Findings.Select(Describe), actual.Findings.Select(Describe));
            }
        }
    }

    [Fact]
    public void TheValidator_FindsTheSameWithTheReaderAndWithout()
    {
        var files = Directory.GetFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories).ToList();
        if (Directory.Exists(RepoPaths.RealWorldCorpus))
        {
            files.AddRange(Directory.GetFiles(RepoPaths.RealWorldCorpus, "*.y*ml"));
        }

        var with = new ManifestValidator();
        var without = new ManifestValidator { ReadsBlockYaml = false };
        Assert.True(with.ReadsBlockYaml);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var expected = without.ValidateBytes(file, bytes);
            var actual = with.ValidateBytes(file, bytes);
            Assert.Equal(expected.Objects, actual.Objects);
            Assert.Equal(expected.CheckedObjects, actual.CheckedObjects);
            Assert.Equal(expected.Findings.Select(Describe), actual.Findings.Select(Describe));
        }
    }

    [Fact]
    public void ALimitItComesNear_IsLeftToYamlDotNet()
    {
        var deep = new StringBuilder("a:\n");
        for (var i = 1; i < 12; i++)
        {
            deep.Append(' ', 2 * i).Append("a:\n");
        }

        var bytes = Encoding.UTF8.GetBytes(deep.ToString());
        Assert.Null(ReadFast("d.yaml", bytes, 0, bytes.Length, default, new ReaderLimits { MaxDepth = 8 }));
        Assert.NotNull(ReadFast("d.yaml", bytes, 0, bytes.Length, default, new ReaderLimits { MaxDepth = 64 }));

        var wide = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 100).Select(i => $"k{i}: {i}\n")));
        Assert.Null(ReadFast("w.yaml", wide, 0, wide.Length, default, new ReaderLimits { MaxExpandedNodes = 150 }));
        Assert.NotNull(ReadFast("w.yaml", wide, 0, wide.Length, default, new ReaderLimits { MaxExpandedNodes = 1000 }));
    }

    [Fact]
    public void LongLinesAndWideMappings_AreReadInOnePass()
    {
        // No timing is asserted: a reader that went over a line again for each comment sign or each character count, or over
        // a mapping's keys for each key, takes minutes here.
        var hashes = "a: " + string.Concat(Enumerable.Repeat("x#", 200_000)) + "\nb: " + string.Concat(Enumerable.Repeat("é:x#", 100_000)) + "\n";
        var keys = string.Concat(Enumerable.Range(0, 50_000).Select(i => $"k{i}: v\n"));
        var flow = "a: [" + string.Join(", ", Enumerable.Range(0, 50_000).Select(i => $"é{i}")) + "]\n";
        foreach (var text in new[] { hashes, keys, flow })
        {
            Assert.True(Compare("l.yaml", Encoding.UTF8.GetBytes(text)), LastDecline);
        }
    }

    [Fact]
    public void NestingDeeperThanTheReaderRecurses_IsLeftToYamlDotNet()
    {
        var deep = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            deep.Append(' ', i).Append("a:\n");
        }

        var bytes = Encoding.UTF8.GetBytes(deep.ToString());
        Assert.Null(ReadFast("d.yaml", bytes, 0, bytes.Length, default, new ReaderLimits { MaxDepth = 100_000 }));
        var report = new ManifestValidator().ValidateBytes("d.yaml", bytes);
        Assert.Equal(1, report.Objects);
    }

    // Reads bytes both ways; true when the reader read them (and its documents are YamlDotNet's), false when it declined.
    private static bool Compare(string file, byte[] bytes)
    {
        Assert.True(TextDecoder.TryCheckUtf8(bytes, out var start, out _), file);
        var fast = ReadFast(file, bytes, start, bytes.Length, default);
        if (fast is null)
        {
            return false;
        }

        var slow = Dump(YamlManifestReader.ReadDocuments(file, new Utf8BytesReader(bytes, start), ReaderLimits.Default, null));
        if (slow != fast)
        {
            Assert.Fail($"{file} reads otherwise:\n{Encoding.UTF8.GetString(bytes)}\n--- YamlDotNet\n{slow}\n--- BlockYamlReader\n{fast}");
        }

        return true;
    }

    // Reads with the reader, and each document it declines (as far as TrySkipDocument's run goes) with YamlDotNet.
    private static string? ReadMixed(string file, byte[] bytes, out int skipped)
    {
        skipped = 0;
        if (BlockYamlReader.TryCreate(file, bytes, 0, bytes.Length, ReaderLimits.Default) is not { } reader)
        {
            return null;
        }

        var docs = new List<DocumentResult>();
        while (true)
        {
            try
            {
                if (reader.Next() is not { } doc)
                {
                    break;
                }

                docs.Add(doc);
            }
            catch (BlockYamlReader.DeclinedException)
            {
                if (!reader.TrySkipDocument(out var run))
                {
                    return null;
                }

                // As the validator does (ValidateRun): a run with a syntax error, a document too complex or a written scalar
                // cannot stand for its part of the text, and the whole text is read by YamlDotNet.
                var read = YamlManifestReader.ReadDocuments(file, new Utf8BytesReader(bytes, run.Start, run.End), ReaderLimits.Default, null, run).ToList();
                if (read.Any(d => d.IsWrittenScalar || d.Problems.Any(p => p.RuleId is "DS9001" or "DS9006")))
                {
                    return null;
                }

                Assert.Equal(run.Documents, read.Count);
                docs.AddRange(read);
                skipped += read.Count;
                reader.Resume();
            }
        }

        return Dump(docs);
    }

    private static string? LastDecline { get; set; }

    private static string? ReadFast(string file, byte[] bytes, int start, int end, DocumentRun run, ReaderLimits? limits = null)
    {
        if (BlockYamlReader.TryCreate(file, bytes, start, end, limits ?? ReaderLimits.Default, run) is not { } reader)
        {
            return null;
        }

        var docs = new List<DocumentResult>();
        try
        {
            while (reader.Next() is { } doc)
            {
                docs.Add(doc);
            }
        }
        catch (BlockYamlReader.DeclinedException ex)
        {
            var lines = Encoding.UTF8.GetString(bytes, start, end - start).Split('\n');
            var line = ex.Line - run.LinesBefore;
            LastDecline = $"{ex.Message} at line {ex.Line}:\n" + string.Join("\n", lines.Skip(Math.Max(0, line - 8)).Take(10));
            return null;
        }

        return Dump(docs);
    }

    private static string Dump(IEnumerable<DocumentResult> docs)
    {
        var sb = new StringBuilder();
        foreach (var doc in docs)
        {
            sb.Append("document ").Append(doc.Index).Append(doc.IsWrittenScalar ? " written" : string.Empty).Append('\n');
            foreach (var p in doc.Problems)
            {
                sb.Append("problem ").Append(p.RuleId).Append(' ').Append(Describe(p.Span)).Append(' ').Append(p.Message).Append('\n');
            }

            foreach (var o in doc.Objects)
            {
                sb.Append("object ").Append(o.File).Append(' ').Append(o.Document).Append(' ').Append(o.ListItem).Append(' ').Append(o.Ref).Append('\n');
                Dump(sb, o.Root, 1);
            }
        }

        return sb.ToString();
    }

    private static void Dump(StringBuilder sb, ManifestNode node, int depth)
    {
        sb.Append(' ', 2 * depth);
        switch (node)
        {
            case MappingNode m:
                sb.Append("map ").Append(Describe(m.Span)).Append('\n');
                foreach (var e in m.Entries)
                {
                    sb.Append(' ', 2 * depth).Append("key ").Append(Quote(e.Key)).Append(' ').Append(Describe(e.KeySpan)).Append('\n');
                    Dump(sb, e.Value, depth + 1);
                }

                break;
            case SequenceNode s:
                sb.Append("seq ").Append(Describe(s.Span)).Append('\n');
                foreach (var item in s.Items)
                {
                    Dump(sb, item, depth + 1);
                }

                break;
            case ScalarNode s:
                sb.Append("scalar ").Append(Describe(s.Span)).Append(' ').Append(s.Type).Append(s.Quoted ? " quoted " : " plain ")
                    .Append(s.Number.ToString("R", CultureInfo.InvariantCulture)).Append(' ').Append(s.IntValue?.ToString(CultureInfo.InvariantCulture) ?? "-")
                    .Append(' ').Append(Quote(s.Raw)).Append('\n');
                break;
            default:
                sb.Append(node.GetType().Name).Append('\n');
                break;
        }
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t").Replace("\"", "\\\"") + "\"";

    private static string Describe(SourceSpan s) => $"{s.Start.Line}:{s.Start.Column}@{s.Start.Offset}-{s.End.Line}:{s.End.Column}@{s.End.Offset}";

    private static string Describe(Finding f) => $"{f.RuleId} {f.Severity} {Describe(f.Span)} {f.Path} {f.LocationPath} {f.Object} {f.Message}";

    // Whether the generator writes only what the reader reads (set by one test; the tests of a class run one at a time).
    private static bool clean;

    // A random text of block YAML: mostly what the reader reads, with now and then what it declines.
    private static string Generate(Random r, int? documents = null)
    {
        var sb = new StringBuilder();
        var newline = r.Next(10) == 0 ? "\r\n" : "\n";
        var docs = documents ?? 1 + r.Next(3);
        for (var d = 0; d < docs; d++)
        {
            if (d > 0 || r.Next(3) == 0)
            {
                sb.Append(r.Next(4) == 0 ? "--- # c" : "---").Append(newline);
            }

            if (r.Next(15) == 0)
            {
                continue; // an empty document
            }

            var baseIndent = r.Next(12) == 0 ? 2 : 0;
            Mapping(sb, r, baseIndent, 0, newline, firstInline: false);
        }

        if (r.Next(5) == 0)
        {
            sb.Append("# trailing").Append(newline);
        }

        var text = sb.ToString();
        return r.Next(8) == 0 ? text.TrimEnd('\n', '\r') : text;
    }

    private static readonly string[] Keys = { "name", "image", "args", "env", "value", "a", "b-c", "x.y/z", "ключ", "port", "\"quoted key\"", "'single'" };

    private static readonly string[] Scalars =
    {
        "x", "1", "-1", "0.5", "1e3", "true", "no", "~", "null", "\"\"", "''", "\"a \\\"b\\\" c\"", "'it''s'", "http://x:80/p", "a#b",
        "x # comment", "[]", "{}", "日本", "😀", "--flag=1", "a::1", "::1", ":2112", "100m", "0x1F", "0o17", "'# not a comment'", "a b  c   ", "\"\\t\\n\"",
        "[1, 2]", "{a: 1}", "[ \"a\" , 'b', c ]", "{ key: k, operator: Exists }", "[x,]", "[ a,\n      b ,\n\n      \"c\" ]", "{ k: v,\n      'l': 1 }",
    };

    // Lines that go on a plain scalar.
    private static readonly string[] Continuations =
    {
        "\"quoted\" text", "`code` x", "- dash", "-x", "[a] b", "{b} c", "&a", "*b", "!c", "| d", "> e", "%f", "@g", "? h", ":i", ", j", "'k'", "--- l", "... m", "x: y",
        "n #o", "p#q",
    };

    // What the reader declines, written now and then.
    private static readonly string[] Declined = { "&anchor x", "!!str 1", ">\n  folded", "*alias", "a: b", "[[1]]", "\"\\x41\"", "'multi\nline'" };

    // A scalar written over several lines goes on indented under its key.
    private static string Indented(string scalar, int indent, string nl) => scalar.Replace("\n      ", nl + new string(' ', indent + 2)).Replace("\n", nl);

    private static string Scalar(Random r)
    {
        if (!clean && r.Next(40) == 0)
        {
            return Declined[r.Next(Declined.Length)];
        }

        // A plain scalar that starts with a colon is declined after a quoted scalar or a flow collection: not in clean texts.
        string s;
        do
        {
            s = Scalars[r.Next(Scalars.Length)];
        }
        while (clean && s.StartsWith(':'));
        return s;
    }

    private static void Mapping(StringBuilder sb, Random r, int indent, int depth, string nl, bool firstInline)
    {
        var keys = 1 + r.Next(depth == 0 ? 6 : 4);
        var used = new HashSet<string>();
        for (var k = 0; k < keys; k++)
        {
            var key = Keys[r.Next(Keys.Length)];
            if (!used.Add(key) && (clean || r.Next(10) != 0))
            {
                continue;
            }

            if (!(k == 0 && firstInline))
            {
                if (r.Next(8) == 0)
                {
                    sb.Append(' ', clean || r.Next(2) == 0 ? indent : r.Next(6)).Append("# comment").Append(nl);
                }

                if (r.Next(10) == 0)
                {
                    sb.Append(nl);
                }

                sb.Append(' ', indent);
            }

            sb.Append(key).Append(':');
            Value(sb, r, indent, depth, nl);
        }
    }

    private static void Value(StringBuilder sb, Random r, int indent, int depth, string nl)
    {
        var pick = depth > 4 ? 0 : r.Next(11);
        switch (pick)
        {
            case 0:
            case 1:
            case 2:
            case 3:
                sb.Append(' ').Append(Indented(Scalar(r), indent, nl)).Append(r.Next(6) == 0 ? "  " : string.Empty).Append(nl);
                break;
            case 4:
                sb.Append(r.Next(3) == 0 ? "   # c" : string.Empty).Append(nl);
                if (r.Next(2) == 0)
                {
                    var inner = indent + 1 + r.Next(4);
                    Mapping(sb, r, inner, depth + 1, nl, firstInline: false);
                }

                break;
            case 5:
            case 6:
                sb.Append(nl);
                Sequence(sb, r, r.Next(2) == 0 ? indent : indent + 2, depth + 1, nl);
                break;
            case 7:
            case 8:
                sb.Append(' ').Append(r.Next(2) == 0 ? "|" : "|-").Append(r.Next(5) == 0 ? " # c" : string.Empty).Append(nl);
                var content = indent + 1 + r.Next(3);
                var lines = 1 + r.Next(4);
                for (var l = 0; l < lines; l++)
                {
                    if (r.Next(5) == 0 && l > 0)
                    {
                        sb.Append(' ', r.Next(content + 1)).Append(nl);
                    }

                    sb.Append(' ', content + ((l > 0 || !clean) && r.Next(6) == 0 ? 2 : 0)).Append(r.Next(4) == 0 ? "#!/bin/sh x: y" : "echo " + Scalar(r).Replace("\n", " ")).Append(nl);
                }

                if (r.Next(3) == 0)
                {
                    sb.Append(nl);
                }

                break;
            case 9:
                // A plain scalar over several lines, with an empty line in it, lines that start with an indicator.
                sb.Append(" multi").Append(nl).Append(' ', indent + 2).Append("line  ").Append(nl).Append(nl).Append(' ', indent + 1).Append("plain").Append(nl);
                if (r.Next(2) == 0)
                {
                    sb.Append(' ', indent + 1 + r.Next(2)).Append(Continuations[r.Next(Continuations.Length)]).Append(nl);
                }

                break;
            default:
                // A quoted scalar over several lines.
                var quote = r.Next(2) == 0 ? '\'' : '"';
                sb.Append(' ').Append(quote).Append("Description of ").Append(quote == '"' ? "\\\"it\\\" " : "it''s ").Append(nl);
                for (var l = r.Next(3); l >= 0; l--)
                {
                    sb.Append(' ', indent + 1 + r.Next(3)).Append(r.Next(3) == 0 ? "# more: x" : "more text  ").Append(nl);
                    if (r.Next(4) == 0)
                    {
                        sb.Append(' ', r.Next(indent + 2)).Append(nl);
                    }
                }

                sb.Append(' ', indent + 2).Append("end.").Append(quote).Append(r.Next(3) == 0 ? " # c" : string.Empty).Append(nl);
                break;
        }
    }

    private static void Sequence(StringBuilder sb, Random r, int indent, int depth, string nl)
    {
        var items = 1 + r.Next(4);
        for (var i = 0; i < items; i++)
        {
            if (r.Next(10) == 0)
            {
                sb.Append(' ', indent).Append("# item comment").Append(nl);
            }

            sb.Append(' ', indent).Append('-');
            switch (depth > 4 ? 0 : r.Next(4))
            {
                case 0:
                    sb.Append(' ').Append(Indented(Scalar(r), indent, nl)).Append(nl);
                    break;
                case 1:
                    sb.Append(' ');
                    Mapping(sb, r, indent + 2, depth + 1, nl, firstInline: true);
                    break;
                case 2:
                    sb.Append(r.Next(2) == 0 ? " " : string.Empty).Append(nl);
                    if (r.Next(2) == 0)
                    {
                        Mapping(sb, r, indent + 2, depth + 1, nl, firstInline: false);
                    }

                    break;
                default:
                    sb.Append(' ').Append(r.Next(2) == 0 ? "|" : "|-").Append(nl).Append(' ', indent + 2).Append("line").Append(nl);
                    break;
            }
        }
    }
}
