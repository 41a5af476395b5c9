using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Yaml;

namespace DaemonLint.Tests;

/// <summary>
/// A large file is split into runs of documents at <c>---</c> lines and the runs are validated in parallel: the report is the one
/// a reading in order gives (every finding with its object, document index, line, column and offset; the objects; the dropped
/// fields), and what the split cannot vouch for is read in order.
/// </summary>
public sealed class DocumentRunsTests
{
    private const string Ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: a}}\n"
        + "  template:\n    metadata: {labels: {app: a}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: i}]\n";

    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata:\n  a: |\n    x\n    y\n";

    // Texts of many documents: characters of one to four UTF-8 bytes, CRLF and lone CR line ends, comments and content before
    // the first marker or none, empty documents, Lists, suppression comments on both sides of a marker, skimmed kinds, block
    // scalars that a marker ends, gate-dropped fields, a last line without a newline.
    public static IEnumerable<object[]> Texts()
    {
        var dsUnicode = Ds.Replace("name: ds", "name: dś").Replace("image: i", "image: \"é漢😀\"");
        yield return new object[] { "many", string.Concat(Enumerable.Range(0, 40).Select(i => "---\n" + Ds.Replace("name: ds", "name: ds" + i))) };
        yield return new object[] { "implicit first", Ds + string.Concat(Enumerable.Repeat("---\n" + ConfigMap + "---\n" + dsUnicode, 20)) };
        yield return new object[] { "comments first", "# 😀 comment\n\n  # more\n" + string.Concat(Enumerable.Repeat("--- # marker comment\n" + dsUnicode, 30)) };
        yield return new object[] { "crlf", string.Concat(Enumerable.Repeat("---\r\n" + dsUnicode.Replace("\n", "\r\n"), 30)) };
        yield return new object[] { "lone cr", string.Concat(Enumerable.Repeat("---\r" + Ds.Replace("\n", "\r"), 30)) };
        yield return new object[] { "empty documents", string.Concat(Enumerable.Repeat("---\n---\n# only a comment\n---\n" + Ds, 20)) + "---" };
        yield return new object[] { "list", string.Concat(Enumerable.Repeat("---\napiVersion: v1\nkind: List\nitems:\n- " + Ds.Replace("\n", "\n  ").TrimEnd() + "\n- " + ConfigMap.Replace("\n", "\n  ").TrimEnd() + "\n", 25)) };
        yield return new object[] { "suppressions", string.Concat(Enumerable.Repeat(
            "---\n" + Ds.Replace("      restartPolicy: Never\n", "      restartPolicy: Never # daemonlint-disable-line DS1009\n") + "# daemonlint-disable-next-line DS1009\n---\n" + Ds, 20)) };
        yield return new object[] { "block scalars ended by a marker", string.Concat(Enumerable.Repeat("---\n" + ConfigMap.Replace("    y\n", "    y\n\n\n") + "---\n" + Ds + "---\nk: |+\n  kept\n\n", 20)) };
        yield return new object[] { "dropped fields", string.Concat(Enumerable.Repeat("---\n" + Ds.Replace("    spec:\n", "    spec:\n      hostUsers: false\n      resources: {limits: {cpu: '1'}}\n"), 30)) };
        yield return new object[] { "no newline at the end", string.Concat(Enumerable.Repeat("---\n" + Ds, 30)) + "---\nk: v" };
        yield return new object[] { "duplicate keys and not objects", string.Concat(Enumerable.Repeat("---\n" + Ds + "kind: DaemonSet\n---\n- a list\n---\n[a]\n---\n{a: b}\n", 20)) };
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void EverySplit_GivesTheReportOfTheReadingInOrder(string name, string text)
    {
        foreach (var gates in new[] { ValidatorOptions.Default, new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse("1.31") } })
        {
            var validator = new ManifestValidator(gates);
            foreach (var bom in new[] { false, true })
            {
                var bytes = Bytes(text, bom);
                var expected = Describe(validator.ValidateBytes("t.yaml", bytes));
                Assert.True(TextDecoder.TryCheckUtf8(bytes, out var start, out _));
                foreach (var runBytes in new[] { 1, 100, 1000 })
                {
                    var runs = DocumentSplitter.Split(bytes, start, runBytes);
                    Assert.NotNull(runs);
                    Assert.True(runs!.Count >= 2, name);
                    var split = validator.ValidateRuns("t.yaml", bytes, runs, () => Suppressions.ParseComments(bytes, start), null, 3);
                    Assert.NotNull(split);
                    Assert.Equal(expected, Describe(split!));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void TheRuns_StartWhereTheWholeTextHasThem(string name, string text)
    {
        var bytes = Bytes(text, bom: false);
        var runs = DocumentSplitter.Split(bytes, 0, 1)!;
        Assert.Equal(0, runs[0].Start);
        Assert.Equal(bytes.Length, runs[runs.Count - 1].End);
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var before = Encoding.UTF8.GetString(bytes, 0, run.Start);
            Assert.Equal(before.Length, run.CharsBefore);
            Assert.Equal(before.Replace("\r\n", "\n").Count(c => c is '\n' or '\r'), run.LinesBefore);
            if (i > 0)
            {
                Assert.Equal(runs[i - 1].End, run.Start);
                Assert.Equal(runs[i - 1].FirstDocument + runs[i - 1].Documents, run.FirstDocument);
                Assert.StartsWith("---", Encoding.UTF8.GetString(bytes, run.Start, run.End - run.Start), StringComparison.Ordinal);
            }
        }

        // The documents counted are the ones the parser reads.
        var read = YamlManifestReader.ReadDocuments("t.yaml", Encoding.UTF8.GetString(bytes)).Count();
        Assert.Equal(read, runs.Sum(r => r.Documents));
        Assert.True(runs.Count > 1, name);
    }

    [Theory]
    [InlineData("a: 1\n...\n---\nb: 2\n---\nc: 3\n")] // after a document end, a document may start without a marker
    [InlineData("a: 1\n---\n%YAML 1.1\n---\nb: 2\n")] // a directive belongs to the document after it
    [InlineData("a: 1\n---\nb: \"x\u0085y\"\n---\nc: 3\n")] // NEL, LS and PS are line breaks to YAML 1.1
    [InlineData("a: 1\n---\nb: x\u2028y\n---\nc: 3\n")]
    [InlineData("a: 1\n---\nb: x\u2029y\n---\nc: 3\n")]
    [InlineData("a: 1\n---x\nb: 2\n-- -\n ---\n")] // no marker after the first line: one run
    [InlineData("a: 1\n")]
    [InlineData("")]
    public void WhatTheSplitCannotVouchFor_IsNotSplit(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Null(DocumentSplitter.Split(bytes, 0, 1));
    }

    // A run starts at a marker followed (after blanks and comments) by a plain scalar that starts with a letter or a digit:
    // YamlDotNet's scanner carries some state from the document before (a quoted scalar or a flow collection just read changes
    // how a ':' after it is read), which only a plain scalar resets.
    [Theory]
    [InlineData("a: 1\n---x\nb: 2\n--- \nc: 3\n---\td: 4\n---\r\ne: 5\n---", new[] { 0, 15, 25, 34 })]
    [InlineData("# c\n---\na: 1\n----\n---\n", new[] { 0, 4 })]
    [InlineData("a: 1\n---\n\"q\": 2\n---\n[x]\n---\n:b: 1\n---\n- c\n---\n# c\n\n  # d\nb: 3\n--- 7\n", new[] { 0, 42, 62 })]
    public void Markers_AreThreeDashesAtALineStart_ThenABlankOrTheEnd_BeforeAPlainScalar(string text, int[] starts)
    {
        var runs = DocumentSplitter.Split(Encoding.UTF8.GetBytes(text), 0, 1)!;
        Assert.Equal(starts, runs.Select(r => r.Start));
    }

    // A run that reports a syntax error, a document too complex, or needs a skimmed value cannot stand for its part of the file
    // (the error ends the reading in order; the rest of the file is not read): the validator reads the file in order, and the
    // report is the same as with one job.
    public static IEnumerable<object[]> Refused()
    {
        var many = string.Concat(Enumerable.Repeat("---\n" + Ds, 10));
        yield return new object[] { "syntax error", many + "---\na: [b\n" + many };
        yield return new object[] { "quoted scalar across a marker", many + "---\na: \"b\n---\nc\"\n" + many };
        yield return new object[] { "flow collection across a marker", many + "---\na: [b,\n---\n c]\n" + many };
        yield return new object[] { "too deep", many + "---\n" + new string('[', 300) + new string(']', 300) + "\n" + many };
        yield return new object[] { "skimmed value needed", many + "---\n" + ConfigMap + "kind: DaemonSet\n" + many };
        yield return new object[] { "a plain scalar document with a comment", many + "---\nplain # YamlDotNet remembers this comment\n" + many };
        yield return new object[] { "a block scalar document whose lines are markers", many + "--- |\n---\napiVersion: v1\n" + many };
        yield return new object[] { "a quoted scalar document", many + "---\n\"a string\"\n" + many };
        yield return new object[] { "tab indentation", many + "---\na:\n\tb: 1\n" + many };
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void ARunTheSplitCannotVouchFor_MakesTheFileBeReadInOrder(string name, string text)
    {
        var validator = new ManifestValidator();
        var bytes = Bytes(text, bom: false);
        var runs = DocumentSplitter.Split(bytes, 0, 1);
        Assert.NotNull(runs);
        Assert.Null(validator.ValidateRuns("t.yaml", bytes, runs!, () => Suppressions.ParseComments(bytes, 0), null, 2));

        // Large enough to be split by ValidateBytes: the same report with one job and with four.
        var large = Bytes(string.Concat(Enumerable.Repeat("---\n" + Ds, (2 * ManifestValidator.MinRunBytes / Ds.Length) + 1)) + text, bom: false);
        var one = Describe(validator.ValidateBytes("t.yaml", large, null, large.Length, 1));
        Assert.Equal(one, Describe(validator.ValidateBytes("t.yaml", large, null, large.Length, 4)));
        Assert.Contains(validator.ValidateBytes("t.yaml", large).Findings, f => f.RuleId.StartsWith("DS90", StringComparison.Ordinal));
        Assert.NotEmpty(name);
    }

    [Fact]
    public void MutatedStreams_ThatTheRunsStandFor_GiveTheReportOfTheReadingInOrder()
    {
        // A differential check of the split (20,000 mutants of two seeds were run once; the first version of the split failed on
        // two of YamlDotNet's ways, now in the tests above): random edits (markers, document ends, directives, quotes, brackets, block
        // scalar indicators, line breaks of every kind, multi-byte characters) to a stream of many documents. Wherever the runs
        // accept the file, their report must be the one of the reading in order; where they refuse it, ValidateBytes reads it
        // in order. Both outcomes must occur, or the check proves nothing.
        var validator = new ManifestValidator();
        var pieces = new[] { "---\n", "...\n", "%YAML 1.1\n", "\"", "'", "[", "]", "{", "}", "|", ">", "#", ":", " ", "\t", "\n", "\r", "\r\n", "é", "😀", "\u0085", "\u2028", "- ", "&a ", "*a", "<<: ", "kind: DaemonSet\n", "--- |\n" };
        var basis = string.Concat(Enumerable.Range(0, 12).Select(i => "---\n" + (i % 3 == 0 ? ConfigMap : Ds.Replace("name: ds", "name: ds" + i))));
        var random = new Random(20261203);
        int accepted = 0, refused = 0;
        for (var m = 0; m < 2000; m++)
        {
            var text = new StringBuilder(basis);
            for (var e = random.Next(1, 4); e > 0; e--)
            {
                var at = random.Next(text.Length + 1);
                if (random.Next(3) == 0 && at < text.Length)
                {
                    text.Remove(at, Math.Min(random.Next(1, 6), text.Length - at));
                }
                else
                {
                    text.Insert(at, pieces[random.Next(pieces.Length)]);
                }
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            if (!TextDecoder.TryCheckUtf8(bytes, out var start, out _))
            {
                continue; // a lone surrogate cut in two by a removal
            }

            var runs = DocumentSplitter.Split(bytes, start, 1);
            var split = runs is null ? null : validator.ValidateRuns("m.yaml", bytes, runs, () => Suppressions.ParseComments(bytes, start), null, 2);
            if (split is null)
            {
                refused++;
                continue;
            }

            accepted++;
            Assert.Equal(Describe(validator.ValidateBytes("m.yaml", bytes)), Describe(split));
        }

        Assert.True(accepted > 500, $"{accepted} accepted");
        Assert.True(refused > 100, $"{refused} refused");
    }

    [Fact]
    public void TheFixtures_InOneLargeFile_AreValidatedInRuns_AsInOrder()
    {
        // Every fixture that reads without a syntax error, concatenated until the file is split by ValidateBytes into several runs.
        var validator = new ManifestValidator();
        var texts = new List<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            if (text.Contains("\n...") || text.Contains('%') || text.Contains('\u0085') || text.Contains('\u2028') || text.Contains('\u2029'))
            {
                continue;
            }

            var report = validator.ValidateText(file, text);
            if (!report.Findings.Any(f => f.RuleId is "DS9001" or "DS9006" or "DS9003"))
            {
                texts.Add("---\n" + text.TrimEnd('\n') + "\n");
            }
        }

        Assert.True(texts.Count > 100);
        var all = new StringBuilder();
        while (all.Length < 3 * ManifestValidator.MinRunBytes)
        {
            texts.ForEach(t => all.Append(t));
        }

        var bytes = Encoding.UTF8.GetBytes(all.ToString());
        var runs = DocumentSplitter.Split(bytes, 0, ManifestValidator.MinRunBytes);
        Assert.True(runs is { Count: >= 2 });
        var split = validator.ValidateRuns("all.yaml", bytes, runs!, () => Suppressions.ParseComments(bytes, 0), null, 2);
        Assert.NotNull(split); // the runs stood for the file: the parallel reading was used
        var inOrder = validator.ValidateBytes("all.yaml", bytes, null, bytes.Length, 1);
        Assert.True(inOrder.Findings.Count > 1000);
        Assert.Equal(Describe(inOrder), Describe(split!));
        Assert.Equal(Describe(inOrder), Describe(validator.ValidateBytes("all.yaml", bytes, null, bytes.Length, 2)));
    }

    private static byte[] Bytes(string text, bool bom) =>
        (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(text)).ToArray();

    private static string Describe(FileReport r) =>
        $"{r.Objects} objects\n" + string.Join("\n", r.CheckedObjects) + "\n"
        + string.Join("\n", r.DroppedFields.Select(d => $"{d.Object} {d.Field.Path} {Describe(d.Span)}")) + "\n"
        + string.Join("\n", r.Findings.Select(f => $"{f.RuleId} {f.Severity} {Describe(f.Span)} {f.Path} {f.Object} {f.Message}"));

    private static string Describe(SourceSpan s) => $"{s.Start.Line}:{s.Start.Column}@{s.Start.Offset}-{s.End.Line}:{s.End.Column}@{s.End.Offset}";
}
