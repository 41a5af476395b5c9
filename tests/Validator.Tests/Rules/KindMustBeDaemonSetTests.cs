using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class KindMustBeDaemonSetTests
{
    [Fact]
    public void Fires_WithServerMessage()
    {
        var f = RuleTestKit.Single(
            """
            apiVersion: apps/v1
            kind: Daemonset # expect: DS1020 kind
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            RuleCatalog.DS1020_KindMustBeDaemonSet.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Invalid, "Invalid value: \"Daemonset\": no matches for kind \"Daemonset\" in version \"apps/v1\"", "Kinds are case-sensitive: write kind: DaemonSet");
    }

    [Theory]
    [InlineData("Deployment")]
    [InlineData("ConfigMap")]
    [InlineData("Pod")]
    [InlineData("ReplicaSet")]
    [InlineData("DaemonSetXYZ")] // three edits away: the length alone rules it out
    [InlineData("ServiceAccount")]
    [InlineData("Daemon")]
    public void OtherKinds_AreSkippedQuietly(string kind)
    {
        var report = new ManifestValidator().ValidateText(
            "x.yaml",
            $"apiVersion: apps/v1\nkind: {kind}\nmetadata: {{name: Bad_Name}}\nspec:\n  template: {{spec: {{restartPolicy: Never}}}}\n");
        Assert.Empty(report.Findings);
        Assert.Equal(1, report.Objects);
        Assert.Equal(0, report.DaemonSets);
    }

    [Theory]
    [InlineData("Daemonset")]
    [InlineData("daemonset")]
    [InlineData("DaemonSets")]
    [InlineData("daemon-set")]
    [InlineData("DeamonSet")]
    [InlineData("DaemnSet")]
    [InlineData("DaemonSetXY")] // two edits away, two characters longer
    [InlineData("DaemoSe")] // two edits away, two characters shorter
    public void NearMisses_AreOnlyReportedForTheKind(string kind)
    {
        // The other DaemonSet rules do not run on an object the server will not even recognise (one mistake, one finding).
        var report = new ManifestValidator().ValidateText(
            "x.yaml",
            $"apiVersion: apps/v1\nkind: {kind}\nmetadata: {{name: Bad_Name}}\nspec:\n  template: {{spec: {{restartPolicy: Never}}}}\n");
        var f = Assert.Single(report.Findings);
        Assert.Equal("DS1020", f.RuleId);
        Assert.Equal(1, report.DaemonSets);
    }
}
