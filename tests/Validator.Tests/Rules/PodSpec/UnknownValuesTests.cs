using System.Collections.Generic;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Rules.PodSpec;

/// <summary>
/// Values the C# front end cannot compute: the pod-spec rules must stay silent about what depends on them. The YAML
/// marker <c>$unknown</c> becomes an <see cref="UnknownNode"/>, and a <c>$more</c> key marks a mapping that may hold
/// entries the front end could not see.
/// </summary>
public sealed class UnknownValuesTests
{
    [Theory]
    [InlineData("containers: $unknown")]
    [InlineData("containers: [{name: $unknown, image: $unknown}, {name: c, image: i}]")]
    [InlineData("containers: [{name: c, $more: x}]")]
    [InlineData("containers: [{name: c, image: i, restartPolicy: $unknown}]")]
    [InlineData("initContainers: [{name: s, image: i, restartPolicy: $unknown, livenessProbe: {}}]\ncontainers: [{name: c, image: i}]")]
    [InlineData("containers: [{name: c, image: i, env: [{name: A, valueFrom: {fieldRef: $unknown, secretKeyRef: {name: s, key: k}}}]}]")]
    [InlineData("containers: [{name: c, image: i, env: [{name: A, value: $unknown, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]}]")]
    [InlineData("containers: [{name: c, image: i, env: [{name: A, valueFrom: {fieldRef: {fieldPath: $unknown}}}]}]")]
    [InlineData("containers: [{name: c, image: i, livenessProbe: {exec: $unknown, httpGet: {port: 80}}}]")]
    [InlineData("containers: [{name: c, image: i, livenessProbe: {$more: x}}]")]
    [InlineData("hostNetwork: true\ncontainers: [{name: c, image: i, ports: [{containerPort: $unknown, hostPort: 80}]}]")]
    [InlineData("containers: [{name: a, image: i, ports: [{containerPort: 80, hostPort: 80}]}, {name: b, image: i, ports: [{containerPort: 80, hostPort: $unknown}]}]")]
    [InlineData("dnsPolicy: None\ndnsConfig: $unknown\ncontainers: [{name: c, image: i}]")]
    [InlineData("affinity: {podAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: $unknown, podAffinityTerm: {topologyKey: $unknown}}]}}\ncontainers: [{name: c, image: i}]")]
    [InlineData("containers: [{name: c, image: i, envFrom: [{configMapRef: $unknown}, {prefix: $unknown, secretRef: {name: $unknown}}]}]")]
    [InlineData("containers: [{name: c, image: i, envFrom: [{configMapRef: {name: a}, $more: x}, {$more: x}, {secretRef: {$more: x}}]}]")]
    [InlineData("hostAliases: [{ip: $unknown, hostnames: [$unknown]}, {$more: x}]\ncontainers: [{name: c, image: i}]")]
    [InlineData("readinessGates: [{conditionType: $unknown}, {$more: x}]\ncontainers: [{name: c, image: i}]")]
    [InlineData("schedulingGates: [{name: $unknown}, {name: $unknown}, {$more: x}]\ncontainers: [{name: c, image: i}]")]
    [InlineData("resourceClaims: $unknown\ncontainers: [{name: c, image: i, resources: {claims: [{name: gpu}]}}]")]
    [InlineData("resourceClaims: [{name: $unknown, resourceClaimName: rc}]\ncontainers: [{name: c, image: i, resources: {claims: [{name: gpu}]}}]")]
    [InlineData("resourceClaims: [{name: gpu, resourceClaimName: rc}, {$more: x}]\ncontainers: [{name: c, image: i, resources: {claims: [{name: tpu}]}}]")]
    [InlineData("resourceClaims: [{name: gpu, resourceClaimName: $unknown}, {name: tpu, resourceClaimTemplateName: t, resourceClaimName: $unknown}]\ncontainers: [{name: c, image: i}]")]
    [InlineData("resourceClaims: [{name: gpu, $more: x}]\ncontainers: [{name: c, image: i}]")]
    [InlineData("resourceClaims: [{name: gpu, resourceClaimName: rc}]\ncontainers: [{name: c, image: i, resources: {claims: [{name: $unknown}, {name: gpu, request: $unknown}, {name: gpu, request: r}]}}]")]
    public void UnknownValues_DoNotTrigger(string podSpec) =>
        Assert.Empty(PodSpecFindings(podSpec).Select(f => $"{f.RuleId} {f.Path}: {f.Message}"));

    [Fact]
    public void KnownValuesBesideUnknownOnes_StillTrigger()
    {
        var f = Assert.Single(PodSpecFindings("containers: [{name: $unknown, image: \"\"}]"));
        Assert.Equal("spec.template.spec.containers[0].image", f.Path?.ToString());
    }

    private static IEnumerable<Finding> PodSpecFindings(string podSpec)
    {
        var text = PodSpecYaml.DaemonSet(podSpec);
        var document = Assert.Single(YamlManifestReader.ReadDocuments("unknown.yaml", text));
        var obj = Assert.Single(document.Objects);
        var withUnknowns = new ManifestObject((MappingNode)Convert(obj.Root), obj.File, obj.Document);

        var findings = new List<Finding>();
        new ManifestValidator().ValidateObject(withUnknowns, null, findings);
        return findings.Where(f => f.RuleId.StartsWith("DS11", System.StringComparison.Ordinal));
    }

    private static ManifestNode Convert(ManifestNode node) => node switch
    {
        ScalarNode { Raw: "$unknown" } s => new UnknownNode(s.Span),
        MappingNode m => new MappingNode(
            m.Span,
            m.Entries.Where(e => e.Key != "$more").Select(e => new MappingEntry(e.Key, e.KeySpan, Convert(e.Value))).ToList(),
            m.HasUnknownEntries || m.Entries.Any(e => e.Key == "$more")),
        SequenceNode q => new SequenceNode(q.Span, q.Items.Select(Convert).ToList(), q.HasUnknownItems),
        _ => node,
    };
}
