using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Tests;

/// <summary>
/// Manifest text in messages: quoted exactly as Go's <c>%q</c>, never a raw control character, echoed values capped.
/// </summary>
public sealed class GoTextTests
{
    private const string Ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: a}}\n"
        + "  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: c, image: i}]\n";

    // Expected texts are the v1.32 oracle's (the real apimachinery ErrorBody, %q) for an imagePullPolicy holding the
    // input: `Unsupported value: <expected>: supported values: ...`.
    [Theory]
    [InlineData("\u001b[31mred", "\"\\x1b[31mred\"")]
    [InlineData("\u00a0nb", "\"\\u00a0nb\"")]
    [InlineData("\u200bzw", "\"\\u200bzw\"")]
    [InlineData("\ufeffbom", "\"\\ufeffbom\"")]
    [InlineData("\u00adsh", "\"\\u00adsh\"")]
    [InlineData("é日本", "\"é日本\"")]
    [InlineData("\U0001F600", "\"\U0001F600\"")]
    [InlineData("\U000E0001", "\"\\U000e0001\"")]
    [InlineData("\U0010FFFF", "\"\\U0010ffff\"")]
    [InlineData("\t\n\r\a\b\f\v", "\"\\t\\n\\r\\a\\b\\f\\v\"")]
    [InlineData("\u007f", "\"\\x7f\"")]
    [InlineData("\u0085", "\"\\u0085\"")]
    [InlineData("\u2028", "\"\\u2028\"")]
    [InlineData("\ue000", "\"\\ue000\"")]
    [InlineData("\"q\\b", "\"\\\"q\\\\b\"")]
    [InlineData("\u0378", "\"\\u0378\"")]
    [InlineData(" ~", "\" ~\"")]
    [InlineData("\0nul", "\"\\x00nul\"")]
    [InlineData("\u0001", "\"\\x01\"")]
    [InlineData("\u3000ideo", "\"\\u3000ideo\"")]
    [InlineData("\u0301comb", "\"\u0301comb\"")]
    [InlineData("\U000F0000", "\"\\U000f0000\"")]
    [InlineData("", "\"\"")]
    public void Quote_IsGosStrconvQuote(string value, string expected)
    {
        Assert.Equal(expected, GoText.Quote(value));
        Assert.Equal(expected, Nodes.Quote(value));
    }

    [Fact]
    public void Quote_LoneSurrogate_IsTheReplacementCharacterTheServerWouldSee()
    {
        // JSON carries a lone surrogate as U+FFFD, which Go prints as is; it never reaches a message as half a pair.
        Assert.Equal("\"a\ufffdb\"", GoText.Quote("a\ud800b"));
        Assert.Equal("\"\ufffd\"", GoText.Quote("\udc00"));
    }

    [Fact]
    public void Escape_EscapesWhatQuoteEscapes_ButNotQuotesOrBackslashes()
    {
        Assert.Equal("a\\x1b[31m \"b\" \\ c\\u00a0\\n", GoText.Escape("a\u001b[31m \"b\" \\ c\u00a0\n"));
        const string plain = "nothing to escape: é, 日本";
        Assert.Same(plain, GoText.Escape(plain));
    }

    [Fact]
    public void QuoteCapped_KeepsTheFirstBytes_AndSaysHowManyItLeftOut()
    {
        var value = new string('x', 10_000);
        var q = Nodes.Quote(value);
        Assert.Equal("\"" + new string('x', GoText.MaxEchoedBytes) + "\"...(truncated " + (10_000 - GoText.MaxEchoedBytes) + " bytes)", q);

        // Cut at a character boundary, counting UTF-8 bytes: 3 bytes each, so 170 fit in 512 and 2 bytes stay unused.
        var wide = new string('日', 1000);
        var qw = GoText.QuoteCapped(wide);
        Assert.StartsWith("\"" + new string('日', 170) + "\"...(truncated " + ((1000 - 170) * 3) + " bytes)", qw);

        // A surrogate pair is never split.
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 200));
        Assert.Equal("\"" + string.Concat(Enumerable.Repeat("\U0001F600", 128)) + "\"...(truncated 288 bytes)", GoText.QuoteCapped(emoji));

        Assert.Equal(GoText.Quote("short"), GoText.QuoteCapped("short"));
    }

    [Fact]
    public void Clip_CutsLongText_WithAMarker()
    {
        Assert.Equal("abc", GoText.Clip("abc", 3));
        Assert.Equal("ab...(truncated 1 byte)", GoText.Clip("abc", 2));
        Assert.Equal("a...(truncated 4 bytes)", GoText.Clip("a\U0001F600", 2)); // the pair is not split
    }

    [Fact]
    public void Display_OfAHugeMapping_IsBounded()
    {
        var sb = new StringBuilder("labels:\n");
        for (var i = 0; i < 10_000; i++)
        {
            sb.Append("  k").Append(i).Append(": v\n");
        }

        var doc = YamlManifestReader.ReadDocuments("x.yaml", sb.ToString()).Single();
        var text = Nodes.Display(doc.Objects[0].Root["labels"]);
        Assert.InRange(text.Length, 100, 400);
        Assert.EndsWith("...}", text);
    }

    [Fact]
    public void Display_QuotesKeysThatAreNotPlain()
    {
        var doc = YamlManifestReader.ReadDocuments("x.yaml", "m: {\"a\\eb\": 1, plain: 2, \"c d\": 3}\n").Single();
        Assert.Equal("{\"a\\x1bb\": 1, plain: 2, \"c d\": 3}", Nodes.Display(doc.Objects[0].Root["m"]));
    }

    [Fact]
    public void AHundredMegabyteStyleValue_IsEchoedCapped()
    {
        var huge = new string('X', 5_000_000);
        var text = Ds.Replace("containers:", "dnsPolicy: " + huge + "\n      containers:");
        var f = Assert.Single(new ManifestValidator().ValidateText("big.yaml", text).Findings, f => f.RuleId == RuleCatalog.DS1111_DnsPolicyMustBeSupported.Id);
        Assert.True(f.Message.Length < 2_000, f.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("Unsupported value: \"XXXX", f.Message);
        Assert.Contains("\"...(truncated " + (5_000_000 - GoText.MaxEchoedBytes) + " bytes): supported values: ", f.Message);
        Assert.True(f.BadValue!.Length < 600);
    }

    [Fact]
    public void PlacementMessages_EscapeManifestText()
    {
        const string nodes = "apiVersion: v1\nkind: Node\nmetadata: {name: n1, labels: {zone: a}}\nspec:\n  taints: [{key: \"k\\e[2J\", value: \"v\\a\", effect: NoSchedule}]\n";
        var inventory = DaemonLint.Placement.NodeInventory.FromObjects(YamlManifestReader.ReadDocuments("nodes.yaml", nodes).SelectMany(d => d.Objects));
        var text = Ds.Replace("metadata: {name: ds}", "metadata: {name: \"ds\\e\", namespace: \"n\\e\"}")
            .Replace("containers: [{name: c, image: i}]", "nodeSelector: {\"zone\\e\": \"b\\u00a0\"}\n      containers: [{name: c, image: i}]");
        var options = new ValidatorOptions { Nodes = inventory };
        var findings = new ManifestValidator(options).ValidateText("p.yaml", text).Findings;
        var runsNowhere = Assert.Single(findings, f => f.RuleId == RuleCatalog.DS3006_RunsOnNoInventoryNode.Id);
        Assert.Contains("zone\\x1b=b\\u00a0", runsNowhere.Message);
        var plan = DaemonLint.Placement.PlacementPlan.Compile(YamlManifestReader.ReadDocuments("p.yaml", text).First().Objects[0]);
        Assert.Equal("n\\x1b/ds\\x1b", plan.DisplayName);
        var decision = plan.Decide(inventory.Nodes[0]);
        Assert.Equal("zone\\x1b=b\\u00a0", decision.Detail);
        Assert.Equal("k\\x1b[2J=v\\a:NoSchedule", new DaemonLint.Placement.Taint("k\u001b[2J", "v\a", "NoSchedule").Display);
    }

    [Fact]
    public void ControlCharacters_NeverReachAMessageOrPathRaw()
    {
        // Values (quoted by the rule), keys (in paths and in hints) and a kind (in a detail) with ESC, BEL, NEL and NBSP.
        const string evil = "\\e]0;owned\\a\\N\\_";
        var text = Ds.Replace("metadata: {name: ds}", "metadata: {name: ds, labels: {\"k" + evil + "\": \"v" + evil + "\"}}")
            .Replace("containers: [{name: c, image: i}]", "containers: [{name: c, image: i, imagePullPolicy: \"p" + evil + "\"}]\n      \"unknown" + evil + "\": 1")
            + "---\napiVersion: apps/v1\nkind: \"DaemonSe\\e\"\nmetadata: {name: x}\n"
            + "---\na: 1\na: 2\n\"b" + evil + "\": 1\n\"b" + evil + "\": 2\n";
        var findings = new ManifestValidator().ValidateText("evil.yaml", text).Findings;
        Assert.Contains(findings, f => f.RuleId == RuleCatalog.DS1007_LabelsMustBeValid.Id);
        Assert.Contains(findings, f => f.RuleId == RuleCatalog.DS1136_ImagePullPolicyMustBeSupported.Id && f.Message.Contains("\"p\\x1b]0;owned\\a\\u0085\\u00a0\""));
        Assert.Contains(findings, f => f.RuleId == RuleCatalog.DS2001_UnknownField.Id && f.Message.Contains("unknown field \"spec.template.spec.unknown\\x1b]0;owned\\a\\u0085\\u00a0\""));
        Assert.Contains(findings, f => f.RuleId == RuleCatalog.DS1020_KindMustBeDaemonSet.Id);
        Assert.Contains(findings, f => f.RuleId == RuleCatalog.DS9004_DuplicateKey.Id && f.Message.Contains("mapping key \"b\\x1b]0;owned\\a\\u0085\\u00a0\" already defined"));
        foreach (var f in findings)
        {
            var all = f.Message + " " + f.Path + " " + f.BadValue;
            for (var i = 0; i < all.Length; i++)
            {
                Assert.True(all[i] >= ' ' && all[i] != '\u007f' && all[i] != '\u0085' && all[i] != '\u00a0', $"{f.RuleId}: raw U+{(int)all[i]:X4} in {all}");
            }
        }
    }
}
