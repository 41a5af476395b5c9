using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Schema;

public sealed class SchemaConfigurationTests
{
    private const string Yaml =
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: ds
          labels: {enabled: yes}
        spec:
          templateGeneration: 1
          selector: {matchLabels: {app: a}}
          template:
            metadata: {labels: {app: a}}
            spec: {containers: [{name: c, image: i}]}
        """;

    [Fact]
    public void EachSchemaId_CanBeTurnedOffAlone()
    {
        var options = new ValidatorOptions { SeverityOverride = (id, _) => id == "DS2001" ? Severity.None : null };
        var ids = new ManifestValidator(options).ValidateText("ds.yaml", Yaml).Findings.Select(f => f.RuleId).Where(i => i.StartsWith("DS2")).ToArray();
        Assert.Equal(new[] { "DS2003" }, ids);

        var all = new ManifestValidator().ValidateText("ds.yaml", Yaml).Findings.Select(f => f.RuleId).Where(i => i.StartsWith("DS2")).ToArray();
        Assert.Equal(new[] { "DS2003", "DS2001" }, all);
    }

    [Fact]
    public void OtherApiVersions_AreNotSchemaChecked()
    {
        var findings = new ManifestValidator().ValidateText("ds.yaml", Yaml.Replace("apps/v1", "apps/v2")).Findings;
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("DS2"));
    }

    [Fact]
    public void RemovedApiVersions_AreSchemaChecked_AsAppsV1_AndMarkedSo()
    {
        var findings = new ManifestValidator().ValidateText("ds.yaml", Yaml.Replace("apps/v1", "extensions/v1beta1")).Findings;

        Assert.Contains(findings, f => f.RuleId == "DS6001" && f.WhenApiVersion is null);
        var schema = findings.Where(f => f.RuleId.StartsWith("DS2")).ToList();
        Assert.Equal(new[] { "DS2003", "DS2001" }, schema.Select(f => f.RuleId));
        Assert.All(schema, f => Assert.Equal("apps/v1", f.WhenApiVersion));
        Assert.All(schema, f => Assert.EndsWith(" (as apps/v1)", f.Message));
    }
}
