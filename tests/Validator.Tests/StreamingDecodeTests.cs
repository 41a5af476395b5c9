using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests;

/// <summary>
/// UTF-8 bytes are decoded as the parser reads them (the text is never held whole): the characters, the comments found in the
/// bytes, and so every finding, its line, column and offset, are those of the text decoded whole.
/// </summary>
public sealed class StreamingDecodeTests
{
    private const string Ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: a}}\n"
        + "  template:\n    metadata: {labels: {app: a}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: i}]\n";

    // Texts with characters of one to four UTF-8 bytes (é, 漢, 😀 outside the BMP: two UTF-16 characters) before, in and after
    // findings and comments, CRLF line ends, comments that suppress and that suppress nothing, and a last line without a newline.
    public static IEnumerable<object[]> Texts()
    {
        yield return new object[] { string.Empty };
        yield return new object[] { "a: 1" };
        yield return new object[] { Ds };
        yield return new object[] { "# 😀 naïve 漢字\n" + Ds.Replace("name: c,", "name: \"c😀\",") };
        yield return new object[] { Ds.Replace("      restartPolicy: Never\n", "      restartPolicy: Never # daemonlint-disable-line DS1009 ‒ é\n") };
        yield return new object[] { "# 漢字 😀😀\n" + Ds.Replace("    spec:\n", "    spec:\n      # daemonlint-disable-next-line 😀 DS1009\n") };
        yield return new object[] { "x: \"😀\" # daemonlint-disable-line DS4003\r\n---\r\n" + Ds.Replace("\n", "\r\n") + "# daemonlint-disable-line" };
        yield return new object[] { Ds + "---\n" + Ds.Replace("name: ds", "name: ds2 # ünused daemonlint-disable-line DS1001").Replace("i}]", "\"é😀\"}]") };
        // The marker found by its 'b': right at the start, after runs of b's, cut short at the end.
        yield return new object[] { "#daemonlint-disable-next-line DS1009\n" + Ds.Replace("name: ds", "name: bbbbbbbbbbbbbbbbbbbb # bbb daemonlint-disable-line DS1001 b") + "# daemonlint-disabl" };
        yield return new object[] { "\uFEFF" + Ds }; // a second byte order mark after the first is a character of the text
        yield return new object[] { string.Concat(Enumerable.Repeat("---\n" + Ds.Replace("name: ds", "name: dś"), 300)) };
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void TheReader_GivesTheCharactersOfTheDecodedText_WhateverTheReadSizes(string text)
    {
        foreach (var bom in new[] { false, true })
        {
            var bytes = Bytes(text, bom);
            Assert.True(TextDecoder.TryDecode(bytes, out var decoded, out _));
            foreach (var size in new[] { 1, 2, 3, 7, 1024 })
            {
                Assert.True(TextDecoder.TryOpen(bytes, out var reader, out var problem));
                Assert.Null(problem);
                var read = new StringBuilder();
                var buffer = new char[size + 2];
                int n;
                while ((n = reader.Read(buffer, 1, size)) > 0)
                {
                    read.Append(buffer, 1, n);
                }

                Assert.Equal(decoded, read.ToString());
            }

            Assert.True(TextDecoder.TryOpen(bytes, out var single, out _));
            var one = new StringBuilder();
            while (single.Peek() >= 0)
            {
                one.Append((char)single.Read());
            }

            Assert.Equal(-1, single.Read());
            Assert.Equal(decoded, one.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void CommentsFoundInTheBytes_AreThoseOfTheText(string text)
    {
        foreach (var bom in new[] { false, true })
        {
            var bytes = Bytes(text, bom);
            Assert.True(TextDecoder.TryDecode(bytes, out var decoded, out _));
            Assert.True(TextDecoder.TryCheckUtf8(bytes, out var start, out _));
            var expected = Suppressions.ParseComments(decoded);
            var actual = Suppressions.ParseComments(bytes, start);
            Assert.Equal(expected.Select(Describe), actual.Select(Describe));
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void ValidatingTheBytes_FindsWhatValidatingTheTextFinds(string text)
    {
        var validator = new ManifestValidator();
        foreach (var bom in new[] { false, true })
        {
            var bytes = Bytes(text, bom);
            Assert.True(TextDecoder.TryDecode(bytes, out var decoded, out _));
            var expected = validator.ValidateText("t.yaml", decoded);
            var actual = validator.ValidateBytes("t.yaml", bytes);
            Assert.Equal(expected.Objects, actual.Objects);
            Assert.Equal(expected.CheckedObjects, actual.CheckedObjects);
            Assert.Equal(expected.Findings.Select(Describe), actual.Findings.Select(Describe));
        }
    }

    [Fact]
    public void TheFixtures_GiveTheSameFindingsFromBytesAsFromText()
    {
        var files = Directory.GetFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var validator = new ManifestValidator();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(TextDecoder.TryDecode(bytes, out var decoded, out _));
            var expected = validator.ValidateText(file, decoded);
            var actual = validator.ValidateBytes(file, bytes);
            Assert.Equal(expected.Findings.Select(Describe), actual.Findings.Select(Describe));
        }
    }

    [Fact]
    public void InvalidUtf8_IsFoundBeforeAnyParsing_AtTheBadByte()
    {
        // The bad byte is far past the first block the parser reads: the whole file is checked first, as when it was decoded whole.
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("---\n" + Ds, 200)) + "key: caf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
        var report = new ManifestValidator().ValidateBytes("l1.yaml", bytes);
        var f = Assert.Single(report.Findings);
        Assert.Equal(RuleCatalog.DS9003_NotText.Id, f.RuleId);
        Assert.Equal((2201, 9), (f.Span.Start.Line, f.Span.Start.Column));
        Assert.Equal(0, report.Objects);
    }

    private static byte[] Bytes(string text, bool bom) =>
        (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(text)).ToArray();

    private static string Describe(LineSuppression s) => $"{s.TargetLine} [{string.Join(",", s.RuleIds)}] {Describe(s.Span)}";

    private static string Describe(Finding f) => $"{f.RuleId} {f.Severity} {Describe(f.Span)} {f.Path} {f.Message}";

    // Line, column and offset of both ends (the span's own text leaves the offsets out).
    private static string Describe(SourceSpan s) => $"{s.Start.Line}:{s.Start.Column}@{s.Start.Offset}-{s.End.Line}:{s.End.Column}@{s.End.Offset}";
}
