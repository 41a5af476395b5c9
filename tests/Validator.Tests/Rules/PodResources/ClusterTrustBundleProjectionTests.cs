using System.Collections.Generic;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Rules.Support;

namespace DaemonLint.Tests.Rules.PodResources;

/// <summary>
/// DS1372, the clusterTrustBundle part of validateProjectionSources, and its paths in DS1367's duplicate check. The
/// expectations were checked against the v1.32.2 oracle with ClusterTrustBundleProjection=true.
/// </summary>
public sealed class ClusterTrustBundleProjectionTests
{
    private const string Source = "spec.template.spec.volumes[0].projected.sources[0].clusterTrustBundle";

    private static readonly string Id = RuleCatalog.DS1372_ClusterTrustBundleProjectionMustBeValid.Id;

    private static readonly ValidatorOptions GateOn = Options("ClusterTrustBundleProjection=true");

    [Fact]
    public void NameAndSignerName_AreExclusive_ReportedAtTheSource_WithItsValue()
    {
        var f = Single("- clusterTrustBundle: {name: root, signerName: example.com/s, path: ca.pem} # expect: DS1372 " + Source);
        RuleTestKit.AssertFinding(
            f,
            FindingKind.Invalid,
            "Invalid value: {name: \"root\", signerName: \"example.com/s\", path: \"ca.pem\"}: only one of name and signerName may be used",
            "Keep name to project one ClusterTrustBundle, or signerName (with a labelSelector) to project the bundles of a signer");
    }

    [Fact]
    public void EmptyStrings_AreSetPointers_NullsAreNot()
    {
        // name: "" with signerName: "" is "both"; name: null with signerName: null is "neither".
        Assert.Equal(
            "Invalid value: {name: \"\", signerName: \"\", path: \"a\"}: only one of name and signerName may be used",
            Single("- clusterTrustBundle: {name: \"\", signerName: \"\", path: a} # expect: DS1372 " + Source).Message);
        RuleTestKit.AssertFinding(
            Single("- clusterTrustBundle: {name: null, signerName: null, path: a} # expect: DS1372 " + Source),
            FindingKind.Required,
            "Required value: either name or signerName must be specified",
            "Set name to project one ClusterTrustBundle, or signerName to project the bundles of a signer");
    }

    [Fact]
    public void EmptyName_IsRequired_AndInvalid()
    {
        var messages = Messages($"- clusterTrustBundle:\n    name: \"\" # expect: DS1372 {Source}.name, DS1372 {Source}.name\n    path: a");
        Assert.Equal(2, messages.Count);
        Assert.Contains("Required value: must be a valid object name", messages);
        Assert.Contains(messages, m => m.StartsWith("Invalid value: \"\": not a valid clustertrustbundlename: a lowercase RFC 1123 subdomain must consist of", System.StringComparison.Ordinal));
    }

    [Fact]
    public void UpperCaseName_GetsTheLowerCaseHint()
    {
        var f = Single($"- clusterTrustBundle:\n    name: Root-CA # expect: DS1372 {Source}.name\n    path: a");
        Assert.Equal("ClusterTrustBundle names are lower case: root-ca", f.Hint);
    }

    [Theory]
    [InlineData("root-ca", new string[0])]
    [InlineData("example.com:webhook:ca", new string[0])]
    [InlineData("a:b:c:d", new string[0])]
    [InlineData("example.com/webhook:ca", new[] { "ClusterTrustBundle for signerName example.com/webhook must be named with prefix example.com:webhook:" })]
    [InlineData(":ca", new[] { "ClusterTrustBundle without signer name must not have \":\" in its name" })]
    public void Names_FollowValidateClusterTrustBundleName(string name, string[] expected) =>
        Assert.Equal(expected, ClusterTrustBundles.NameErrors(name));

    [Fact]
    public void NameWithASignerPrefix_ChecksWhatFollowsThePrefix()
    {
        Assert.Single(ClusterTrustBundles.NameErrors("example.com:webhook:"));
        Assert.Single(ClusterTrustBundles.NameErrors("example.com:webhook:Ca"));
        Assert.Empty(ClusterTrustBundles.NameErrors("Example.com:webhook:ca")); // the prefix itself is not a DNS name
    }

    [Fact]
    public void LabelSelector_WithName_IsInvalid_EvenWhenEmpty()
    {
        var f = Single($"- clusterTrustBundle:\n    name: root\n    labelSelector: {{}} # expect: DS1372 {Source}.labelSelector\n    path: a");
        Assert.Equal("Invalid value: {}: labelSelector must be unset if name is specified", f.Message);
    }

    [Fact]
    public void EmptySignerName_IsRequiredTwice()
    {
        var messages = Messages($"- clusterTrustBundle:\n    signerName: \"\" # expect: DS1372 {Source}.signerName, DS1372 {Source}.signerName\n    path: a");
        Assert.Equal(new[] { "Required value", "Required value: must be a valid signer name" }, messages.OrderBy(m => m, System.StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("webhook", "Invalid value: \"webhook\": must be a fully qualified domain and path of the form 'example.com/signer-name'")]
    [InlineData("a/b/c", "Invalid value: \"a/b/c\": must be a fully qualified domain and path of the form 'example.com/signer-name'")]
    [InlineData("example/webhook", "Invalid value: \"example\": should be a domain with at least two segments separated by dots")]
    public void SignerName_Shape(string signerName, string message) =>
        Assert.Equal(message, Single($"- clusterTrustBundle:\n    signerName: \"{signerName}\" # expect: DS1372 {Source}.signerName\n    path: a").Message);

    [Fact]
    public void SignerName_ReportsTheFirstBadLabel_OfEachSegment()
    {
        var messages = Messages($"- clusterTrustBundle:\n    signerName: \"Ex_ample.Bad.com/-x.Y\" # expect: DS1372 {Source}.signerName, DS1372 {Source}.signerName\n    path: a");
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("Invalid value: \"Ex_ample.Bad.com\": validating label \"Ex_ample\": a lowercase RFC 1123 label", System.StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Invalid value: \"-x.Y\": validating label \"-x\": a lowercase RFC 1123 subdomain", System.StringComparison.Ordinal));
    }

    [Fact]
    public void SignerName_Lengths_AreInBytes()
    {
        var domain = string.Join(".", Enumerable.Repeat(new string('a', 60), 5)); // 304 bytes of valid labels
        Assert.Equal("Too long: may not be more than 253 bytes", Single($"- clusterTrustBundle:\n    signerName: {domain}/x # expect: DS1372 {Source}.signerName\n    path: a").Message);

        var path = string.Join(".", Enumerable.Repeat(new string('b', 200), 3)); // three valid subdomains, 602 bytes
        var f = Single($"- clusterTrustBundle:\n    signerName: {new string('c', 60)}.{new string('d', 60)}.com/{path} # expect: DS1372 {Source}.signerName\n    path: a");
        Assert.Equal("Too long: may not be more than 571 bytes", f.Message);
    }

    [Fact]
    public void LabelSelector_WithSignerName_IsValidatedLikeAnyLabelSelector()
    {
        var messages = Messages(
            $"- clusterTrustBundle:\n    signerName: example.com/s\n    labelSelector:\n      matchExpressions:\n        - {{key: env, operator: In}} # expect: DS1372 {Source}.labelSelector.matchExpressions[0].values\n        - {{key: k, operator: Exists, values: [x]}} # expect: DS1372 {Source}.labelSelector.matchExpressions[1].values\n    path: a");
        Assert.Equal(2, messages.Count);
        Assert.Contains("Required value: must be specified when `operator` is 'In' or 'NotIn'", messages);
        Assert.Contains("Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", messages);
    }

    [Theory]
    [InlineData("/ca.pem", "Invalid value: \"/ca.pem\": must be a relative path")]
    [InlineData("a/../b", "Invalid value: \"a/../b\": must not contain '..'")]
    [InlineData("..ca", "Invalid value: \"..ca\": must not start with '..'")]
    public void Path_IsALocalNonReservedPath(string path, string message) =>
        Assert.Equal(message, Single($"- clusterTrustBundle:\n    name: root\n    path: \"{path}\" # expect: DS1372 {Source}.path").Message);

    [Fact]
    public void MissingPath_IsRequired_AndCollidesWithAnotherMissingPath()
    {
        var findings = FixtureVerifier.VerifyText(
            Ds($"- clusterTrustBundle: {{name: a}} # expect: DS1372 {Source}.path\n- clusterTrustBundle: {{name: b}} # expect: DS1372 spec.template.spec.volumes[0].projected.sources[1].clusterTrustBundle.path, DS1367 spec.template.spec.volumes[0].projected"),
            options: GateOn);
        var duplicate = findings.Single(f => f.RuleId == RuleCatalog.DS1367_VolumeSourceFieldsMustBeValid.Id);
        Assert.Equal("Invalid value: \"\": conflicting duplicate paths", duplicate.Message);
    }

    [Fact]
    public void InvalidSource_UnregistersTheVolume_SoItsMountIsNotFound()
    {
        var text = PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                volumeMounts:
                  - {name: trust, mountPath: /trust} # expect: DS1380 spec.template.spec.containers[0].volumeMounts[0].name
            volumes:
              - name: trust
                projected:
                  sources:
                    - clusterTrustBundle: {signerName: webhook, path: ca.pem} # expect: DS1372 spec.template.spec.volumes[0].projected.sources[0].clusterTrustBundle.signerName
            """);
        FixtureVerifier.VerifyText(text, options: GateOn);
    }

    [Fact]
    public void GateOff_TheSourceIsDropped_NotChecked()
    {
        var text = Ds("- clusterTrustBundle: {name: Root, signerName: x, path: /ca}");
        Assert.DoesNotContain(FixtureVerifier.VerifyText(text, ruleId: Id), f => f.RuleId == Id);
        Assert.DoesNotContain(FixtureVerifier.VerifyText(text, ruleId: Id, options: Options("ClusterTrustBundleProjection=false", "1.32")), f => f.RuleId == Id);
    }

    [Fact]
    public void UnknownValues_DoNotTrigger()
    {
        // name and signerName unknown, or hidden entries that may hold them: no verdict on the choice; path unknown: none on it.
        var sources = new[]
        {
            M(("clusterTrustBundle", M(("name", Unknown), ("path", S("a"))))),
            M(("clusterTrustBundle", M(("name", S("root")), ("signerName", Unknown), ("path", S("b"))))),
            M(("clusterTrustBundle", new MappingNode(default, new[] { new MappingEntry("path", default, S("c")) }, hasUnknownEntries: true))),
            M(("clusterTrustBundle", M(("name", S("root")), ("labelSelector", Unknown), ("path", S("d"))))),
            M(("clusterTrustBundle", M(("name", S("root")), ("path", Unknown)))),
            M(("clusterTrustBundle", M(("name", S("root")), ("path", Unknown)))),
        };
        Assert.Empty(Run(sources).Select(f => $"{f.RuleId} {f.Path}: {f.Message}"));
    }

    [Fact]
    public void ManySources_WithOnePath_AreCheckedInLinearTime()
    {
        var sb = new StringBuilder();
        const int Count = 20000;
        for (var i = 0; i < Count; i++)
        {
            sb.Append("- clusterTrustBundle: {name: b").Append(i).Append(", path: ca.pem}\n");
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var report = new ManifestValidator(GateOn).ValidateText("many.yaml", Ds(sb.ToString()), null);
        Assert.Equal(Count - 1, report.Findings.Count(f => f.RuleId == RuleCatalog.DS1367_VolumeSourceFieldsMustBeValid.Id));
        Assert.DoesNotContain(report.Findings, f => f.RuleId == Id);
        Assert.True(watch.Elapsed < System.TimeSpan.FromSeconds(30), $"{Count} sources took {watch.Elapsed}");
    }

    private static ManifestNode Unknown => new UnknownNode(default);

    private static Finding Single(string sources) => Assert.Single(FixtureVerifier.VerifyText(Ds(sources), ruleId: Id, options: GateOn), f => f.RuleId == Id);

    private static List<string> Messages(string sources) =>
        FixtureVerifier.VerifyText(Ds(sources), ruleId: Id, options: GateOn).Where(f => f.RuleId == Id).Select(f => f.Message).ToList();

    private static string Ds(string sources)
    {
        var indented = string.Join("\n", sources.Split('\n').Select(l => l.Length == 0 ? l : "      " + l));
        return PodTemplate.Ds("containers: [{name: c, image: i}]\nvolumes:\n  - name: trust\n    projected:\n      sources:\n" + indented);
    }

    private static ValidatorOptions Options(string gates, string release = "1.35")
    {
        Assert.True(FeatureGateSet.TryParse(gates, out var overrides, out var error), error);
        return new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse(release), FeatureGates = overrides };
    }

    private static List<Finding> Run(IEnumerable<MappingNode> sources)
    {
        var volume = M(("name", S("trust")), ("projected", M(("sources", new SequenceNode(default, sources.Cast<ManifestNode>().ToList())))));
        var podSpec = M(("containers", new SequenceNode(default, new ManifestNode[] { M(("name", S("c")), ("image", S("i"))) })), ("volumes", new SequenceNode(default, new ManifestNode[] { volume })));
        var root = M(
            ("apiVersion", S("apps/v1")),
            ("kind", S("DaemonSet")),
            ("metadata", M(("name", S("ds")))),
            ("spec", M(
                ("selector", M(("matchLabels", M(("app", S("a")))))),
                ("template", M(("metadata", M(("labels", M(("app", S("a")))))), ("spec", podSpec))))));
        var findings = new List<Finding>();
        new ManifestValidator(GateOn).ValidateObject(new ManifestObject(root), null, findings);
        return findings.Where(f => f.RuleId == Id || f.RuleId == RuleCatalog.DS1367_VolumeSourceFieldsMustBeValid.Id).ToList();
    }

    private static ScalarNode S(string s) => new(default, s, ScalarType.String);

    private static MappingNode M(params (string Key, ManifestNode Value)[] entries) =>
        new(default, entries.Select(e => new MappingEntry(e.Key, default, e.Value)).ToList());
}
