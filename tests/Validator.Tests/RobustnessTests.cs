using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.DS1xxx;
using DaemonLint.Yaml;

namespace DaemonLint.Tests;

/// <summary>Hostile input yields a located DS9xxx finding, never a crash; the rest of the input is still checked.</summary>
public sealed class RobustnessTests
{
    private const string BadDs = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: a}}\n"
        + "  template:\n    metadata: {labels: {app: a}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: i}]\n";

    [Fact]
    public void MalformedYaml_IsDS9001WithLineAndColumn()
    {
        var report = new ManifestValidator().ValidateText("m.yaml", "kind: A\nmetadata:\n  labels: {a: b\n  name: x\n");
        var f = Assert.Single(report.Findings);
        Assert.True(f.RuleId == RuleCatalog.DS9001_YamlSyntax.Id, f.RuleId + " " + f.Message);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.StartsWith("YAML syntax error: ", f.Message);
        Assert.DoesNotContain("(Line:", f.Message);
        Assert.InRange(f.Span.Start.Line, 3, 5);
        Assert.True(f.Span.Start.Column > 0);
    }

    [Fact]
    public void SyntaxErrorInALaterDocument_EarlierDocumentsAreStillChecked()
    {
        var report = new ManifestValidator().ValidateText("m.yaml", BadDs + "---\nkind: [unclosed\n");
        Assert.Contains(report.Findings, f => f.RuleId == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id && f.Span.Start.Line == 9);
        var syntax = Assert.Single(report.Findings, f => f.RuleId == RuleCatalog.DS9001_YamlSyntax.Id);
        Assert.True(syntax.Span.Start.Line >= 12, syntax.Span.ToString());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void ASyntaxErrorWithDocumentsAfterIt_SaysHowManyAreNotChecked_AndWhereTheyStart(string eol)
    {
        // Read from bytes (UTF-8, the tool's path), from a UTF-16 file, and as text: the same finding each time. The
        // documents after the error (one more DaemonSet with a DS1009 mistake among them) are not read, as kubectl does not.
        var text = (BadDs + "---\nkind: ConfigMap\ndata: {a: [1\n  b: c\n--- # next\n" + BadDs + "---\n" + BadDs + "----\n---x: 1\n").Replace("\n", eol, StringComparison.Ordinal);
        var reports = new[]
        {
            new ManifestValidator().ValidateBytes("m.yaml", Encoding.UTF8.GetBytes(text)),
            new ManifestValidator().ValidateBytes("m.yaml", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray()),
            new ManifestValidator().ValidateText("m.yaml", text),
        };

        foreach (var report in reports)
        {
            var syntax = Assert.Single(report.Findings, f => f.RuleId == RuleCatalog.DS9001_YamlSyntax.Id);
            Assert.EndsWith("; the reading of the file stops here, so the 2 documents after it (from line 15) are not checked: kubectl also stops at the first document it cannot parse, and applies none after it", syntax.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(".;", syntax.Message, StringComparison.Ordinal);
            Assert.Equal(1, report.Findings.Count(f => f.RuleId == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id));
            Assert.Equal(1, report.Objects); // the ConfigMap ends at the error, unread
        }
    }

    [Theory]
    [InlineData("kind: [unclosed\n")] // the last document
    [InlineData("kind: [unclosed\n----\n---x\n  ---\n")] // lines that only look like markers
    public void ASyntaxErrorWithNoDocumentAfterIt_SaysNothingMore(string last)
    {
        var report = new ManifestValidator().ValidateText("m.yaml", BadDs + "---\n" + last);

        var syntax = Assert.Single(report.Findings, f => f.RuleId == RuleCatalog.DS9001_YamlSyntax.Id);
        Assert.DoesNotContain("not checked", syntax.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: 1\n---\nb: 2\n", 1, 5, 1, 2)] // a marker after the line
    [InlineData("a: 1\n---\nb: 2\n", 2, 1, 1, 2)] // an error at a marker: that document is not read either
    [InlineData("a: 1\n---\nb: 2\n", 2, 2, 0, 0)]
    [InlineData("a\u0085---\u2028--- x\u2029---\t#c\n---", 1, 2, 4, 2)] // NEL, LS and PS break lines, as the parser's do
    [InlineData("---", 1, 1, 1, 1)]
    [InlineData("-- -\n --- \n----\n---a\n", 1, 1, 0, 0)]
    public void DocumentMarkers_AreCountedAsTheParserSeesThem(string text, int line, int column, int count, int firstLine)
    {
        Assert.Equal((count, firstLine), ManifestValidator.MarkersAfter(new System.IO.StringReader(text), line, column));
    }

    [Fact]
    public void BillionLaughs_IsDS9006_WithoutExpanding()
    {
        var sb = new StringBuilder("kind: A\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
        {
            sb.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        }

        var sw = Stopwatch.StartNew();
        var report = new ManifestValidator().ValidateText("bomb.yaml", sb.ToString());
        sw.Stop();

        var f = Assert.Single(report.Findings);
        Assert.Equal(RuleCatalog.DS9006_DocumentTooComplex.Id, f.RuleId);
        Assert.True(f.Span.IsKnown);
        Assert.InRange(f.Span.Start.Line, 2, 11);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
    }

    [Fact]
    public void AliasBomb_DoesNotHideTheNextDocument()
    {
        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 7; i++)
        {
            sb.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        }

        var report = new ManifestValidator().ValidateText("bomb.yaml", sb + "---\n" + BadDs);
        Assert.Contains(report.Findings, f => f.RuleId == RuleCatalog.DS9006_DocumentTooComplex.Id);
        Assert.Contains(report.Findings, f => f.RuleId == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id);
    }

    [Theory]
    [InlineData("block-sequence")]
    [InlineData("flow-sequence")]
    [InlineData("flow-mapping")]
    public void TenThousandDeepNesting_IsReportedWithoutStackOverflow(string style)
    {
        const int depth = 10_000;
        var text = style switch
        {
            "block-sequence" => "kind: A\nv: " + string.Concat(Enumerable.Repeat("- ", depth)) + "x\n",
            "flow-sequence" => "kind: A\nv: " + new string('[', depth) + new string(']', depth) + "\n",
            "flow-mapping" => "kind: A\nv: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "x" + new string('}', depth) + "\n",
            _ => throw new ArgumentOutOfRangeException(nameof(style)),
        };

        var sw = Stopwatch.StartNew();
        var report = new ManifestValidator().ValidateText("deep.yaml", BadDs + "---\n" + text);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
        Assert.Contains(report.Findings, f => f.RuleId == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id); // the document before it is still checked
        var f = Assert.Single(report.Findings, f => f.RuleId != RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id);
        Assert.Contains(f.RuleId, new[] { RuleCatalog.DS9006_DocumentTooComplex.Id, RuleCatalog.DS9001_YamlSyntax.Id });
        Assert.True(f.Span.IsKnown);
    }

    [Fact]
    public void BlockMappingNestedBeyondTheLimit_IsDS9006AtTheLevelThatCrossesIt()
    {
        var text = "kind: A\nv:\n" + string.Concat(Enumerable.Range(1, 300).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 301) + "x\n";
        var f = Assert.Single(new ManifestValidator().ValidateText("deep.yaml", text).Findings);
        Assert.Equal(RuleCatalog.DS9006_DocumentTooComplex.Id, f.RuleId);
        Assert.InRange(f.Span.Start.Line, 250, 260);
    }

    [Fact]
    public void BinaryBytes_AreDS9003WithPosition()
    {
        var bytes = Encoding.UTF8.GetBytes("kind: A\nmetadata: ab").Concat(new byte[] { 0, 1, 2, 0xFF }).ToArray();
        var f = Assert.Single(new ManifestValidator().ValidateBytes("b.bin", bytes).Findings);
        Assert.Equal(RuleCatalog.DS9003_NotText.Id, f.RuleId);
        Assert.Equal((2, 13), (f.Span.Start.Line, f.Span.Start.Column));
    }

    [Fact]
    public void InvalidUtf8_IsDS9003AtTheBadByte()
    {
        // "key: café" with the é written in Latin-1 (0xE9): line 3, column 9.
        var bytes = Encoding.UTF8.GetBytes("kind: A\nname: naïve\nkey: caf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
        var f = Assert.Single(new ManifestValidator().ValidateBytes("l1.yaml", bytes).Findings);
        Assert.Equal(RuleCatalog.DS9003_NotText.Id, f.RuleId);
        Assert.Equal((3, 9), (f.Span.Start.Line, f.Span.Start.Column));
        Assert.Contains("0xE9", f.Message);
    }

    [Fact]
    public void Utf8WithBom_Decodes()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(BadDs)).ToArray();
        var f = Assert.Single(new ManifestValidator().ValidateBytes("bom.yaml", bytes).Findings);
        Assert.Equal((RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id, 9), (f.RuleId, f.Span.Start.Line));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Utf16WithBom_Decodes(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(BadDs)).ToArray();
        var f = Assert.Single(new ManifestValidator().ValidateBytes("u16.yaml", bytes).Findings);
        Assert.Equal((RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id, 9), (f.RuleId, f.Span.Start.Line));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Utf32WithBom_Decodes(bool bigEndian)
    {
        var encoding = new UTF32Encoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(BadDs)).ToArray();
        var f = Assert.Single(new ManifestValidator().ValidateBytes("u32.yaml", bytes).Findings);
        Assert.Equal((RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id, 9), (f.RuleId, f.Span.Start.Line));
    }

    [Fact]
    public void HugeInput_OverTheLimit_IsDS9005WithoutReading()
    {
        var bytes = new byte[100 * 1024 * 1024];
        Array.Fill(bytes, (byte)'a');
        var options = new ValidatorOptions { Limits = new ReaderLimits { MaxFileBytes = 1024 * 1024 } };
        var sw = Stopwatch.StartNew();
        var report = new ManifestValidator(options).ValidateBytes("huge.yaml", bytes);
        var f = Assert.Single(report.Findings);
        Assert.Equal(RuleCatalog.DS9005_FileTooLarge.Id, f.RuleId);
        Assert.Equal(1, f.Span.Start.Line);
        Assert.Equal(0, report.Objects);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    [Fact]
    public void FileAtTheLimit_IsRead()
    {
        var bytes = Encoding.UTF8.GetBytes(BadDs);
        var options = new ValidatorOptions { Limits = new ReaderLimits { MaxFileBytes = bytes.Length } };
        var report = new ManifestValidator(options).ValidateBytes("ds.yaml", bytes);
        Assert.Equal(RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id, Assert.Single(report.Findings).RuleId);
    }

    [Fact]
    public void ManySmallDocuments_AreAllRead()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            sb.Append("---\n").Append(BadDs);
        }

        var report = new ManifestValidator().ValidateText("many.yaml", sb.ToString());
        Assert.Equal(500, report.DaemonSets);
        Assert.Equal(500, report.Findings.Count(f => f.RuleId == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id));
    }

    [Fact]
    public void ThrowingRule_BecomesDS9008_AndOtherRulesStillRun()
    {
        var validator = new ManifestValidator(rules: new Rule[] { new Throwing(), new DS1009RestartPolicyMustBeAlways() });
        var report = validator.ValidateText("ds.yaml", BadDs);
        var internalError = Assert.Single(report.Findings, f => f.RuleId == RuleCatalog.DS9008_InternalError.Id);
        Assert.Contains("rule DS1009 failed on this object: InvalidOperationException: boom", internalError.Message);
        Assert.Equal(Severity.Error, internalError.Severity);
        Assert.True(internalError.Span.IsKnown);
        Assert.Equal("metadata", internalError.Path?.ToString());
        Assert.Contains(report.Findings, f => f.RuleId == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id);
    }

    [Fact]
    public void UnknownAlias_IsASyntaxError()
    {
        var f = Assert.Single(new ManifestValidator().ValidateText("a.yaml", "kind: A\nv: *nothing\n").Findings);
        Assert.Equal(RuleCatalog.DS9001_YamlSyntax.Id, f.RuleId);
        Assert.Equal(2, f.Span.Start.Line);
    }

    [Fact]
    public void ScalarOrSequenceDocuments_AreNoObjects_EachIsDS9011()
    {
        var report = new ManifestValidator().ValidateText("s.yaml", "just a string\n---\n- a\n- b\n---\n42\n");
        Assert.Equal(new[] { 1, 3, 6 }, report.Findings.Select(f => f.Span.Start.Line));
        Assert.All(report.Findings, f => Assert.Equal(RuleCatalog.DS9011_DocumentMustBeAnObject.Id, f.RuleId));
        Assert.Equal(0, report.Objects);
    }

    private sealed class Throwing : Rule
    {
        public Throwing()
            : base(RuleCatalog.DS1009_RestartPolicyMustBeAlways)
        {
        }

        public override void Check(RuleContext context) => throw new InvalidOperationException("boom");
    }
}
