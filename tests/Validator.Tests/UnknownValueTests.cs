using System.Collections.Generic;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Tests;

/// <summary>
/// A value the C# front end cannot compute is an <see cref="UnknownNode"/>: rules report nothing that depends on it.
/// Each case is first checked to fire with the written value (the control), then with that value made unknown.
/// </summary>
public sealed class UnknownValueTests
{
    private const string Ds = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: Bad_Name
          labels: {-bad: x}
          annotations: {a/b/c: x}
        spec:
          minReadySeconds: -1
          revisionHistoryLimit: -1
          selector:
            matchLabels: {app: a}
            matchExpressions: [{key: app, operator: in, values: [a]}]
          updateStrategy:
            type: rollingUpdate
            rollingUpdate: {maxUnavailable: 0}
          template:
            metadata: {labels: {app: b}}
            spec:
              restartPolicy: Never
              activeDeadlineSeconds: 10
              nodeSelector: {"bad key": x}
              tolerations: [{operator: Equal, value: x}]
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms: [{matchExpressions: [{key: a, operator: Gt}]}]
              containers: [{name: c, image: i}]
        """;

    [Theory]
    [InlineData("DS1004", "spec.selector.matchExpressions[0].operator")]
    [InlineData("DS1006", "metadata.name")]
    [InlineData("DS1007", "metadata.labels")]
    [InlineData("DS1008", "metadata.annotations")]
    [InlineData("DS1009", "spec.template.spec.restartPolicy")]
    [InlineData("DS1010", "spec.template.spec.activeDeadlineSeconds")]
    [InlineData("DS1011", "spec.minReadySeconds")]
    [InlineData("DS1012", "spec.revisionHistoryLimit")]
    [InlineData("DS1013", "spec.updateStrategy.type")]
    [InlineData("DS1016", "spec.updateStrategy.rollingUpdate.maxUnavailable")]
    [InlineData("DS1017", "spec.template.spec.tolerations[0].operator")]
    [InlineData("DS1018", "spec.template.spec.nodeSelector")]
    [InlineData("DS1019", "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator")]
    [InlineData("DS1021", "apiVersion")]
    public void UnknownValue_SilencesTheRuleThatDependsOnIt(string ruleId, string path)
    {
        var text = ruleId switch
        {
            "DS1021" => Ds.Replace("apps/v1", "apps/v2"),
            "DS1016" => Ds.Replace("type: rollingUpdate", "type: RollingUpdate"),
            _ => Ds,
        };
        var obj = YamlManifestReader.ReadDocuments("ds.yaml", text).Single().Objects.Single();
        Assert.Contains(Run(obj), f => f.RuleId == ruleId);

        var unknown = new ManifestObject((MappingNode)Replace(obj.Root, FieldPath.Parse(path).Segments(), 0));
        Assert.DoesNotContain(Run(unknown), f => f.RuleId == ruleId);
    }

    [Fact]
    public void UnknownSelector_SilencesTheSelectorRules()
    {
        var obj = YamlManifestReader.ReadDocuments("ds.yaml", Ds).Single().Objects.Single();
        var unknown = new ManifestObject((MappingNode)Replace(obj.Root, FieldPath.Parse("spec.selector").Segments(), 0));
        Assert.DoesNotContain(Run(unknown), f => f.RuleId is "DS1001" or "DS1002" or "DS1003" or "DS1004" or "DS1005");
    }

    private static List<Finding> Run(ManifestObject obj)
    {
        var findings = new List<Finding>();
        new ManifestValidator().ValidateObject(obj, null, findings);
        return findings;
    }

    private static ManifestNode Replace(ManifestNode node, IReadOnlyList<FieldPath> segments, int at)
    {
        if (at == segments.Count)
        {
            return new UnknownNode(node.Span);
        }

        var seg = segments[at];
        return node switch
        {
            MappingNode m => new MappingNode(
                m.Span,
                m.Entries.Select(e => e.Key == seg.Name && seg.SegmentKind != PathSegmentKind.Index ? new MappingEntry(e.Key, e.KeySpan, Replace(e.Value, segments, at + 1)) : e).ToList()),
            SequenceNode s => new SequenceNode(
                s.Span,
                s.Items.Select((item, i) => i == seg.IndexValue ? Replace(item, segments, at + 1) : item).ToList()),
            _ => node,
        };
    }
}
