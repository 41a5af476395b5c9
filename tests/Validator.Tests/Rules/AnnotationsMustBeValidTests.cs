using DaemonLint.Catalog;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class AnnotationsMustBeValidTests
{
    [Fact]
    public void Fires_WithServerMessage()
    {
        var f = RuleTestKit.Single(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: ds
              annotations:
                example.com/-owner: x # expect: DS1008 metadata.annotations
            spec:
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            RuleCatalog.DS1008_AnnotationsMustBeValid.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Invalid, "Invalid value: \"example.com/-owner\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void TotalSize_Over256KiB_IsTooLong(int extra, bool fires)
    {
        // key "a" (1 byte) + "b" (1 byte) + value; the limit is 262144 bytes for keys and values together.
        var value = new string('x', (256 * 1024) - 2 + extra);
        var text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\n  annotations:\n    a: \"" + value + "\"\n    b: \"\"\n"
            + "spec:\n  selector: {matchLabels: {app: a}}\n  template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}\n";
        var findings = new ManifestValidator().ValidateText("big.yaml", text).Findings.Where(f => f.RuleId == "DS1008").ToList();
        if (!fires)
        {
            Assert.Empty(findings);
            return;
        }

        var f = Assert.Single(findings);
        Assert.Equal(FindingKind.TooLong, f.Kind);
        Assert.Equal("metadata.annotations", f.Path!.ToString());
        Assert.Equal(5, f.Span.Start.Line); // the annotations: key
        Assert.StartsWith("Too long: must have at most 262144 bytes", f.Message);
    }

    [Fact]
    public void MultiByteValues_CountBytesNotCharacters()
    {
        // 87,382 three-byte characters = 262,146 bytes (over) although only 87,382 characters.
        var text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\n  annotations:\n    a: \"" + new string('€', 87382) + "\"\n"
            + "spec:\n  selector: {matchLabels: {app: a}}\n  template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}\n";
        Assert.Single(new ManifestValidator().ValidateText("big.yaml", text).Findings, f => f.RuleId == "DS1008" && f.Kind == FindingKind.TooLong);
    }

    [Fact]
    public void KeysAreLowerCasedBeforeTheCheck() =>
        FixtureVerifier.VerifyText(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: ds
              annotations: {Example.COM/Owner: a, EXAMPLE.com/X: b}
            spec:
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            ruleId: "DS1008");
}
