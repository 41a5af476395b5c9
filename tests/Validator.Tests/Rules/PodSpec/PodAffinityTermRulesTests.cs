using System.Collections.Generic;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.DS1xxx;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Rules.PodSpec;

public sealed class PodAffinityTermRulesTests
{
    private const string P = "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution";

    [Fact]
    public void KeyInMatchLabelKeysAndTwiceInTheSelector_IsReportedAtTheTermIndexedByTheKey()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1127_PodAffinityTermMustBeValid.Id,
            $$$"""
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  - topologyKey: kubernetes.io/hostname
                    labelSelector:
                      matchLabels: {app: a}
                      matchExpressions: [{key: app, operator: Exists}]
                    matchLabelKeys:
                      - zone
                      - app # expect: DS1127 {{{P}}}[0][1]
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(FindingKind.Invalid, f.Kind);
        Assert.Equal("Invalid value: \"app\": exists in both matchLabelKeys and labelSelector", f.Message);
        Assert.Equal("matchLabelKeys already selects the pod's own value of app; use app at most once in the labelSelector", f.Hint);
        Assert.Equal($"{P}[0].matchLabelKeys[1]", f.LocationPath?.ToString());
    }

    [Fact]
    public void KeyInMatchLabelKeysAndOnceInTheSelector_DoesNotTrigger()
    {
        PodSpecYaml.None(
            RuleCatalog.DS1127_PodAffinityTermMustBeValid.Id,
            """
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  - topologyKey: kubernetes.io/hostname
                    labelSelector: {matchExpressions: [{key: app, operator: Exists}, {key: tier, operator: Exists}, {key: zone, operator: Exists}, {key: zone, operator: Exists}]}
                    matchLabelKeys: [app, tier]
                    mismatchLabelKeys: [zone]
            containers: [{name: c, image: i}]
            """);
    }

    [Fact]
    public void Namespace_IsReportedWithoutIndex_AtTheListEntry()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1127_PodAffinityTermMustBeValid.Id,
            $$$"""
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  - topologyKey: kubernetes.io/hostname
                    labelSelector: {matchLabels: {app: a}}
                    namespaces:
                      - default
                      - kube.system # expect: DS1127 {{{P}}}[0].namespace
            containers: [{name: c, image: i}]
            """);
        Assert.Equal("Invalid value: \"kube.system\": must not contain dots", f.Message);
        Assert.Equal($"{P}[0].namespaces[1]", f.LocationPath?.ToString());
    }

    [Fact]
    public void MatchLabelKeysWithoutSelector_IsForbidden_AndItsKeysAreNotChecked()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1127_PodAffinityTermMustBeValid.Id,
            $$$"""
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  - topologyKey: kubernetes.io/hostname
                    matchLabelKeys: ["not a key"] # expect: DS1127 {{{P}}}[0].matchLabelKeys
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(FindingKind.Forbidden, f.Kind);
        Assert.Equal("Forbidden: must not be specified when labelSelector is not set", f.Message);
        Assert.Equal("Add a labelSelector for the pods this term is about, or remove matchLabelKeys", f.Hint);
    }

    [Fact]
    public void AllowInvalidLabelValueInSelector_SkipsExpressionValues_ButNotMatchLabels()
    {
        const string Yaml = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  containers: [{name: c, image: i}]
                  affinity:
                    podAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        - topologyKey: kubernetes.io/hostname
                          labelSelector:
                            matchLabels: {tier: "-bad"}
                            matchExpressions: [{key: app, operator: In, values: ["-bad"]}, {key: zone, operator: in, values: [a]}]
                          namespaceSelector:
                            matchExpressions: [{key: team, operator: NotIn, values: ["bad value"]}]
            """;

        static List<string> Run(string yaml, bool allow)
        {
            var obj = YamlManifestReader.ReadDocuments("t.yaml", yaml).SelectMany(d => d.Objects).Single();
            var sink = new List<PendingFinding>();
            var context = new RuleContext(obj, null, ValidatorOptions.Default, sink);
            context.SetRule(RuleCatalog.DS1127_PodAffinityTermMustBeValid);
            DS1127PodAffinityTermMustBeValid.CheckTerms(context, allow);
            return sink.Select(p => p.Path.ToString()).OrderBy(p => p, System.StringComparer.Ordinal).ToList();
        }

        const string T = "spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]";
        Assert.Equal(
            new[]
            {
                $"{T}.labelSelector.matchExpressions[0].values[0]",
                $"{T}.labelSelector.matchExpressions[1].operator",
                $"{T}.labelSelector.matchLabels",
                $"{T}.namespaceSelector.matchExpressions[0].values[0]",
            },
            Run(Yaml, allow: false));
        Assert.Equal(
            new[] { $"{T}.labelSelector.matchExpressions[1].operator", $"{T}.labelSelector.matchLabels" },
            Run(Yaml, allow: true));
    }
}
