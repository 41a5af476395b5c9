using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Tests;

/// <summary>Documents that are no object (DS9011), the limits DS9006 names, and the size DS9005 states.</summary>
public sealed class InputShapeTests
{
    private const string Ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: a}}\n"
        + "  template:\n    metadata: {labels: {app: a}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: i}]\n";

    [Theory]
    [InlineData("[1, 2]\n", "the document is a list, not an object")]
    [InlineData("- a\n- b\n", "the document is a list, not an object")]
    [InlineData("just a string\n", "the document is the string \"just a string\", not an object")]
    [InlineData("\"\"\n", "the document is the string \"\", not an object")]
    [InlineData("42\n", "the document is the number 42, not an object")]
    [InlineData("true\n", "the document is the boolean true, not an object")]
    [InlineData("[{\"apiVersion\": \"apps/v1\", \"kind\": \"DaemonSet\"}]\n", "the document is a list, not an object")]
    public void ADocumentThatIsNotAMapping_IsDS9011_AndTheOthersAreStillChecked(string document, string message)
    {
        var report = new ManifestValidator().ValidateText("s.yaml", Ds + "---\n" + document + "---\n" + Ds.Replace("name: ds", "name: ds2"));
        var f = Assert.Single(report.Findings, f => f.RuleId == RuleCatalog.DS9011_DocumentMustBeAnObject.Id);
        Assert.StartsWith(message + ": kubectl cannot decode it", f.Message);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(12, f.Span.Start.Line);
        Assert.Equal(1, f.Span.Start.Column);
        Assert.Equal(2, report.Findings.Count(f => f.RuleId == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n# a comment\n---\n")]
    [InlineData("null\n")]
    [InlineData("~\n")]
    [InlineData("--- !!null\n")]
    public void EmptyCommentOnlyAndNullDocuments_AreSkipped_AsKubectlSkipsThem(string text)
    {
        Assert.Empty(new ManifestValidator().ValidateText("e.yaml", text).Findings);
        Assert.DoesNotContain(new ManifestValidator().ValidateText("e.yaml", Ds + "---\n" + text).Findings, f => f.RuleId.StartsWith("DS9", System.StringComparison.Ordinal));
    }

    [Fact]
    public void AListItemThatIsNotAMapping_IsDS9011_AtTheItem()
    {
        var text = "apiVersion: v1\nkind: List\nitems:\n  - " + Ds.Replace("\n", "\n    ").TrimEnd() + "\n  - 5\n  - [a]\n  - ~\n";
        var report = new ManifestValidator().ValidateText("l.yaml", text);
        var problems = report.Findings.Where(f => f.RuleId == RuleCatalog.DS9011_DocumentMustBeAnObject.Id).ToList();
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("items[1] of this List is the number 5, not an object", problems[0].Message);
        Assert.StartsWith("items[2] of this List is a list, not an object", problems[1].Message);
        Assert.Contains(report.Findings, f => f.RuleId == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id);
    }

    [Fact]
    public void DS9011_CanBeTurnedOff()
    {
        var options = new ValidatorOptions { SeverityOverride = (id, _) => id == "DS9011" ? Severity.None : null };
        Assert.Empty(new ManifestValidator(options).ValidateText("s.yaml", "[1]\n").Findings);
    }

    [Fact]
    public void TooManyNodesWithoutAliases_IsDS9006_SayingSo()
    {
        var limits = ReaderLimits.Default with { MaxExpandedNodes = 1_000 };
        var sb = new StringBuilder("items:\n");
        for (var i = 0; i < 2_000; i++)
        {
            sb.Append("  - ").Append(i).Append('\n');
        }

        var f = Assert.Single(new ManifestValidator(new ValidatorOptions { Limits = limits }).ValidateText("n.yaml", sb.ToString()).Findings);
        Assert.Equal(RuleCatalog.DS9006_DocumentTooComplex.Id, f.RuleId);
        Assert.Equal("the document has more than 1,000 nodes (mappings, sequences and scalars) and no aliases; no Kubernetes object is this large, so it is skipped", f.Message);
    }

    [Fact]
    public void AnAliasBomb_IsDS9006_NamingTheAliases()
    {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        var f = Assert.Single(new ManifestValidator().ValidateText("b.yaml", text).Findings);
        Assert.Equal(RuleCatalog.DS9006_DocumentTooComplex.Id, f.RuleId);
        Assert.Matches(@"^the document expands to more than 1,000,000 nodes through its \d+ aliases \(an alias bomb\?\); it is skipped$", f.Message);
    }

    [Fact]
    public void TooDeep_IsDS9006_NamingTheDepth()
    {
        var f = Assert.Single(new ManifestValidator().ValidateText("d.yaml", new string('[', 300) + new string(']', 300)).Findings);
        Assert.Equal(RuleCatalog.DS9006_DocumentTooComplex.Id, f.RuleId);
        Assert.StartsWith("nesting is deeper than 256 levels", f.Message);
    }

    [Fact]
    public void DS9005_StatesTheFileSize_TheHostPasses()
    {
        var limits = ReaderLimits.Default with { MaxFileBytes = 1_000 };
        var validator = new ManifestValidator(new ValidatorOptions { Limits = limits });

        // The host read the limit plus one byte of a 70,000,000-byte file.
        var head = Encoding.UTF8.GetBytes(new string('a', 1_001));
        var f = Assert.Single(validator.ValidateBytes("big.yaml", head, null, 70_000_000).Findings);
        Assert.Equal(RuleCatalog.DS9005_FileTooLarge.Id, f.RuleId);
        Assert.Equal("the file has 70,000,000 bytes (66.8 MiB), more than the limit of 1,000 bytes; the API server accepts at most 3 MiB per object, so it is not read", f.Message);

        var direct = Assert.Single(validator.FileTooLarge("big.yaml", 5_000).Findings);
        Assert.Equal("the file has 5,000 bytes, more than the limit of 1,000 bytes; the API server accepts at most 3 MiB per object, so it is not read", direct.Message);

        // Without a size the bytes given are the size; a file within the limit is read.
        Assert.StartsWith("the file has 1,001 bytes,", Assert.Single(validator.ValidateBytes("big.yaml", head).Findings).Message);
        Assert.Empty(validator.ValidateBytes("small.yaml", Encoding.UTF8.GetBytes("a: 1\n"), null, 5).Findings);
    }
}
