using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Rules.Support;
using DaemonLint.Schema;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Rules;

/// <summary>
/// <see cref="ApiEquality"/>: Semantic.DeepEqual of decoded, defaulted pod templates. Every expectation of the theories was
/// answered by the v1.32.2 oracle (and the v1.31.1 one where it says so); the external suite checks every field of the
/// schema the same way (tests/External/Parity.Tests/ApiEqualityOracleTests.cs).
/// </summary>
public sealed class ApiEqualityTests
{
    private const string Ctr = "{name: a, image: 'busybox:1.36'";

    [Theory]
    // Pointers without a default: absent is nil.
    [InlineData("{containers: [" + Ctr + "}]}", "{containers: [" + Ctr + ", lifecycle: {}}]}", false)]
    [InlineData("{containers: [" + Ctr + "}]}", "{containers: [" + Ctr + ", securityContext: {}}]}", false)]
    [InlineData("{containers: [" + Ctr + "}]}", "{containers: [" + Ctr + "}], securityContext: {runAsUser: 0}}", false)]
    [InlineData("{containers: [" + Ctr + "}]}", "{containers: [" + Ctr + "}], affinity: {}}", false)]
    [InlineData("{containers: [" + Ctr + ", livenessProbe: {tcpSocket: {port: 80}}}]}", "{containers: [" + Ctr + ", livenessProbe: {tcpSocket: {port: 80}, exec: {}}}]}", false)]
    [InlineData("{containers: [" + Ctr + ", livenessProbe: {exec: {command: [a]}}}]}", "{containers: [" + Ctr + ", livenessProbe: {exec: {command: [a]}, tcpSocket: null}}]}", true)]
    // Defaults.
    [InlineData("{containers: [" + Ctr + "}]}", "{containers: [" + Ctr + ", imagePullPolicy: IfNotPresent, terminationMessagePath: /dev/termination-log, terminationMessagePolicy: File}]}", true)]
    [InlineData("{containers: [" + Ctr + "}]}", "{containers: [" + Ctr + ", imagePullPolicy: Always}]}", false)]
    [InlineData("{containers: [{name: a, image: busybox}]}", "{containers: [{name: a, image: busybox, imagePullPolicy: Always}]}", true)]
    [InlineData("{containers: [" + Ctr + ", ports: [{containerPort: 80}]}]}", "{containers: [" + Ctr + ", ports: [{containerPort: 80, protocol: TCP}]}]}", true)]
    [InlineData("{containers: [" + Ctr + ", livenessProbe: {tcpSocket: {port: 80}}}]}", "{containers: [" + Ctr + ", livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 10, timeoutSeconds: 0}}]}", true)]
    [InlineData("{containers: [" + Ctr + ", livenessProbe: {httpGet: {port: 80}}}]}", "{containers: [" + Ctr + ", livenessProbe: {httpGet: {port: 80, path: /, scheme: HTTP}}}]}", true)]
    [InlineData("{containers: [" + Ctr + ", livenessProbe: {grpc: {port: 80}}}]}", "{containers: [" + Ctr + ", livenessProbe: {grpc: {port: 80, service: ''}}}]}", true)]
    [InlineData("{containers: [" + Ctr + "}]}", "{containers: [" + Ctr + "}], securityContext: {}, dnsPolicy: ClusterFirst, restartPolicy: Always, schedulerName: default-scheduler, terminationGracePeriodSeconds: 30}", true)]
    [InlineData("{containers: [" + Ctr + "}]}", "{containers: [" + Ctr + "}], enableServiceLinks: true}", false)] // SetDefaults_Pod only
    [InlineData("{containers: [" + Ctr + "}], volumes: [{name: v}]}", "{containers: [" + Ctr + "}], volumes: [{name: v, emptyDir: {}}]}", true)]
    [InlineData("{containers: [" + Ctr + "}], volumes: [{name: v}]}", "{containers: [" + Ctr + "}], volumes: [{name: v, emptyDir: {sizeLimit: 0}}]}", false)]
    [InlineData("{containers: [" + Ctr + "}], volumes: [{name: v}]}", "{containers: [" + Ctr + "}], volumes: [{name: v, hostPath: {path: /x}}]}", false)]
    [InlineData("{containers: [" + Ctr + "}], volumes: [{name: v, configMap: {name: c}}]}", "{containers: [" + Ctr + "}], volumes: [{name: v, configMap: {name: c, defaultMode: 420}}]}", true)]
    [InlineData("{containers: [" + Ctr + ", env: [{name: A, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]}]}", "{containers: [" + Ctr + ", env: [{name: A, valueFrom: {fieldRef: {fieldPath: spec.nodeName, apiVersion: v1}}}]}]}", true)]
    // Zero values of value fields; nil and empty lists and maps.
    [InlineData("{containers: [" + Ctr + "}]}", "{containers: [" + Ctr + ", resources: {}, stdin: false}], hostNetwork: false, nodeSelector: {}, initContainers: [], tolerations: null}", true)]
    [InlineData("{containers: [{name: a}]}", "{containers: [{name: a, image: ''}]}", true)]
    [InlineData("{containers: [" + Ctr + ", livenessProbe: {httpGet: {}}}]}", "{containers: [" + Ctr + ", livenessProbe: {httpGet: {port: 0}}}]}", true)]
    [InlineData("{containers: [" + Ctr + ", command: [null]}]}", "{containers: [" + Ctr + ", command: ['']}]}", true)]
    // Quantities, int-or-strings.
    [InlineData("{containers: [" + Ctr + ", resources: {requests: {cpu: 1000m}}}]}", "{containers: [" + Ctr + ", resources: {requests: {cpu: '1'}}}]}", true)]
    [InlineData("{containers: [" + Ctr + ", resources: {limits: {cpu: '1.0001'}}}]}", "{containers: [" + Ctr + ", resources: {limits: {cpu: '1.0002'}}}]}", true)]
    [InlineData("{containers: [" + Ctr + ", resources: {limits: {memory: null}}}]}", "{containers: [" + Ctr + ", resources: {limits: {memory: '0'}}}]}", true)]
    [InlineData("{containers: [" + Ctr + ", resources: {limits: {memory: null}}}]}", "{containers: [" + Ctr + ", resources: {limits: {}}}]}", false)]
    [InlineData("{containers: [" + Ctr + "}], volumes: [{name: v, emptyDir: {sizeLimit: '1.0001'}}]}", "{containers: [" + Ctr + "}], volumes: [{name: v, emptyDir: {sizeLimit: '1.0002'}}]}", false)]
    [InlineData("{containers: [" + Ctr + ", livenessProbe: {httpGet: {port: 80}}}]}", "{containers: [" + Ctr + ", livenessProbe: {httpGet: {port: '80'}}}]}", false)]
    // The serviceAccount alias.
    [InlineData("{containers: [" + Ctr + "}], serviceAccountName: a}", "{containers: [" + Ctr + "}], serviceAccount: a}", true)]
    [InlineData("{containers: [" + Ctr + "}], serviceAccountName: a, serviceAccount: b}", "{containers: [" + Ctr + "}], serviceAccountName: a}", true)]
    [InlineData("{containers: [" + Ctr + "}], serviceAccount: a}", "{containers: [" + Ctr + "}], serviceAccount: b}", false)]
    // Lists are ordered; maps are not.
    [InlineData("{containers: [" + Ctr + "}, {name: b, image: i}]}", "{containers: [{name: b, image: i}, " + Ctr + "}]}", false)]
    // Since 1.28 hostPort is not defaulted in templates.
    [InlineData("{hostNetwork: true, containers: [" + Ctr + ", ports: [{containerPort: 80}]}]}", "{hostNetwork: true, containers: [" + Ctr + ", ports: [{containerPort: 80, hostPort: 80}]}]}", false)]
    public void PodSpecs_CompareAsTheServerDoes(string before, string after, bool equal)
    {
        foreach (var release in new[] { "1.31", "1.32", "1.35" })
        {
            var gates = FeatureGateSet.Defaults(KubernetesRelease.Parse(release));
            Assert.Equal(equal, ApiEquality.Templates(Template("{labels: {app: x}}", before), Template("{labels: {app: x}}", after), gates));
            Assert.Equal(equal, ApiEquality.Templates(Template("{labels: {app: x}}", after), Template("{labels: {app: x}}", before), gates));
        }
    }

    [Theory]
    [InlineData("{labels: {app: x, b: c}}", "{labels: {b: c, app: x}}", true)]
    [InlineData("{labels: {app: x, b: null}}", "{labels: {app: x, b: ''}}", true)]
    [InlineData("{labels: {app: x}}", "{labels: {app: x}, annotations: {}, creationTimestamp: null}", true)]
    [InlineData("{labels: {app: x}}", "{labels: {app: x}, creationTimestamp: '0001-01-01T00:00:00Z'}", true)]
    [InlineData("{creationTimestamp: '2020-01-01T00:00:00Z'}", "{creationTimestamp: '2020-01-01T01:00:00+01:00'}", true)]
    [InlineData("{creationTimestamp: '2020-01-01T00:00:00.1Z'}", "{creationTimestamp: '2020-01-01T00:00:00.10000000001Z'}", true)]
    [InlineData("{creationTimestamp: '2020-01-01T00:00:00Z'}", "{creationTimestamp: '2020-01-01T00:00:01Z'}", false)]
    [InlineData("{managedFields: [{manager: m}]}", "{managedFields: [{manager: m, fieldsV1: {}}]}", false)]
    [InlineData("{managedFields: [{manager: m, fieldsV1: {'f:a': {}, 'f:b': {}}}]}", "{managedFields: [{manager: m, fieldsV1: {'f:b': {}, 'f:a': {}}}]}", true)]
    [InlineData("{labels: {app: x}}", "{labels: {app: x}, deletionGracePeriodSeconds: 0}", false)]
    [InlineData("{labels: {app: x}}", "{labels: {app: x}, generation: 0}", true)]
    public void Metadata_ComparesAsTheServerDoes(string before, string after, bool equal)
    {
        var gates = FeatureGateSet.Defaults(KubernetesRelease.Parse("1.32"));
        const string Spec = "{containers: [" + Ctr + "}]}";
        Assert.Equal(equal, ApiEquality.Templates(Template(before, Spec), Template(after, Spec), gates));
        Assert.Equal(equal, ApiEquality.Templates(Template(after, Spec), Template(before, Spec), gates));
    }

    [Fact]
    public void AnImageVolumesPullPolicy_IsDefaulted_OnlyWithImageVolumeOn()
    {
        const string Before = "{containers: [" + Ctr + "}], volumes: [{name: v, image: {reference: 'r.example/t:1'}}]}";
        const string After = "{containers: [" + Ctr + "}], volumes: [{name: v, image: {reference: 'r.example/t:1', pullPolicy: IfNotPresent}}]}";
        var release = KubernetesRelease.Parse("1.32");
        Assert.True(FeatureGateSet.TryCreate(release, new[] { new KeyValuePair<string, bool>("ImageVolume", true) }, out var on, out var error), error);
        Assert.True(ApiEquality.Templates(Template("{}", Before), Template("{}", After), on));

        // With the gate off the volume is dropped before the comparison, unless the stored object uses image volumes; then
        // it stays, undefaulted (the callers pass pruned trees: here the volume is still there).
        Assert.False(ApiEquality.Templates(Template("{}", Before), Template("{}", After), FeatureGateSet.Defaults(release)));
    }

    [Fact]
    public void UpTo127_AHostNetworkTemplatesPortsGetTheirContainerPortAsHostPort()
    {
        const string Before = "{hostNetwork: true, containers: [" + Ctr + ", ports: [{containerPort: 80}]}], initContainers: [{name: i, image: i, ports: [{containerPort: 81}]}]}";
        const string After = "{hostNetwork: true, containers: [" + Ctr + ", ports: [{containerPort: 80, hostPort: 80}]}], initContainers: [{name: i, image: i, ports: [{containerPort: 81, hostPort: 81}]}]}";
        Assert.True(ApiEquality.Templates(Template("{}", Before), Template("{}", After), FeatureGateSet.Defaults(KubernetesRelease.Parse("1.27"))));
        Assert.False(ApiEquality.Templates(Template("{}", Before), Template("{}", After), FeatureGateSet.Defaults(KubernetesRelease.Parse("1.28"))));

        // Not without hostNetwork, and not for ephemeral containers (defaultHostNetworkPorts takes containers and init containers).
        Assert.False(ApiEquality.Templates(Template("{}", Before.Replace("hostNetwork: true", "hostNetwork: false")), Template("{}", After.Replace("hostNetwork: true", "hostNetwork: false")), FeatureGateSet.Defaults(KubernetesRelease.Parse("1.27"))));
        const string Eph = "{hostNetwork: true, containers: [" + Ctr + "}], ephemeralContainers: [{name: e, image: i, ports: [{containerPort: 80}]}]}";
        Assert.False(ApiEquality.Templates(Template("{}", Eph), Template("{}", Eph.Replace("containerPort: 80}", "containerPort: 80, hostPort: 80}")), FeatureGateSet.Defaults(KubernetesRelease.Parse("1.27"))));
    }

    [Fact]
    public void AFieldTheReleaseDoesNotHave_IsDroppedByTheDecoder()
    {
        // lifecycle.stopSignal exists from 1.33: at 1.32 it is an unknown field (strict decoding reports it, DS2001).
        const string Before = "{containers: [" + Ctr + ", lifecycle: {}}]}";
        const string After = "{containers: [" + Ctr + ", lifecycle: {stopSignal: SIGTERM}}]}";
        Assert.True(ApiEquality.Templates(Template("{}", Before), Template("{}", After), FeatureGateSet.Defaults(KubernetesRelease.Parse("1.32"))));
        Assert.False(ApiEquality.Templates(Template("{}", Before), Template("{}", After), FeatureGateSet.Defaults(KubernetesRelease.Parse("1.33"))));
    }

    [Fact]
    public void ASelector_IsAPointer_WhoseEmptyMapsEqualAbsentOnes()
    {
        var gates = FeatureGateSet.Defaults(KubernetesRelease.Parse("1.32"));
        var schema = SchemaSet.For(gates.Release).Definition("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")!;
        Assert.False(ApiEquality.Values(null, Node("{}"), schema, pointer: true, gates));
        Assert.True(ApiEquality.Values(Node("{}"), Node("{matchLabels: {}, matchExpressions: []}"), schema, pointer: true, gates));
        Assert.True(ApiEquality.Values(Node("{matchLabels: {a: b}}"), Node("{matchLabels: {a: b}, bogus: 1}"), schema, pointer: true, gates));
        Assert.False(ApiEquality.Values(Node("{matchExpressions: [{key: a, operator: In, values: [x, y]}]}"), Node("{matchExpressions: [{key: a, operator: In, values: [y, x]}]}"), schema, pointer: true, gates));
        Assert.True(ApiEquality.Values(null, Node("{}"), schema, pointer: false, gates));
    }

    [Fact]
    public void AValueThatDoesNotDecode_ComparesAsWritten_AndNothingThrows()
    {
        // Every node of a rich template replaced by values of every other shape: the comparison stays total, reflexive
        // and symmetric (a request whose value does not decode is refused before the strategy compares anything).
        const string Rich = "{containers: [{name: a, image: i, ports: [{containerPort: 80, hostPort: 80}], resources: {limits: {cpu: 1}}, "
            + "livenessProbe: {httpGet: {port: 80}, periodSeconds: 10}, env: [{name: A, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}]}], "
            + "hostNetwork: true, serviceAccountName: s, volumes: [{name: v, emptyDir: {sizeLimit: 1Gi}}], securityContext: {runAsUser: 0}, overhead: {cpu: 1}}";
        var gates = FeatureGateSet.Defaults(KubernetesRelease.Parse("1.27")); // the most special defaults (hostPort)
        var original = Template("{creationTimestamp: '2020-01-01T00:00:00Z', labels: {a: b}}", Rich)!;
        var hostile = new[] { "x", "5", "1.5", "true", "[]", "[1]", "{}", "{a: 1}", "null", "'2020-13-01T00:00:00Z'" };
        var mutants = new List<ManifestNode>();
        foreach (var path in Paths(original, string.Empty))
        {
            foreach (var h in hostile)
            {
                mutants.Add(Replace(original, path, Node(h)));
            }
        }

        Assert.True(mutants.Count > 300, $"only {mutants.Count} mutants");
        for (var i = 0; i < mutants.Count; i++)
        {
            var m = mutants[i];
            var other = mutants[(i * 7919) % mutants.Count];
            Assert.True(ApiEquality.Templates(m, m, gates));
            Assert.Equal(ApiEquality.Templates(m, original, gates), ApiEquality.Templates(original, m, gates));
            Assert.Equal(ApiEquality.Templates(m, other, gates), ApiEquality.Templates(other, m, gates));
        }

        Assert.True(ApiEquality.Templates(Node("5"), Node("5"), gates));
        Assert.False(ApiEquality.Templates(Node("5"), null, gates));
        Assert.True(ApiEquality.Templates(null, Node("{}"), gates));
    }

    [Fact]
    public void LargeTemplates_CompareInOnePass()
    {
        // 5,000 containers and 20,000 labels: each mapping is looked up by key, each list walked once (a quadratic
        // comparison would run for minutes here; no timing is asserted, as in LargeInputTests).
        const int Containers = 5_000;
        const int Labels = 20_000;
        static string Build(int changedContainer)
        {
            var sb = new StringBuilder("{labels: {");
            for (var i = 0; i < Labels; i++)
            {
                sb.Append(i == 0 ? string.Empty : ", ").Append("k").Append(i).Append(": v").Append(i);
            }

            sb.Append("}}\n    spec: {containers: [");
            for (var i = 0; i < Containers; i++)
            {
                sb.Append(i == 0 ? string.Empty : ", ").Append("{name: c").Append(i).Append(", image: 'i:1', env: [{name: A, value: '").Append(i == changedContainer ? "changed" : "v").Append("'}], resources: {limits: {cpu: 100m}}}");
            }

            return sb.Append("]}").ToString();
        }

        var gates = FeatureGateSet.Defaults(KubernetesRelease.Parse("1.32"));
        var a = TemplateOf(Build(-1));
        Assert.True(ApiEquality.Templates(a, TemplateOf(Build(-1)), gates));
        Assert.False(ApiEquality.Templates(a, TemplateOf(Build(Containers - 1)), gates));
    }

    [Fact]
    public void TheTablesNameFieldsTheSchemaHas_OfTheRightShape()
    {
        var problems = new List<string>();
        void Check(string definition, string property, Func<SchemaNode, bool> shape, string what)
        {
            var found = KubernetesRelease.Supported
                .Select(r => SchemaSet.For(r).Definition(definition))
                .Where(d => d is not null && d.TryGetProperty(property, out _))
                .Select(d => d!.Properties[property])
                .ToList();
            if (found.Count == 0)
            {
                problems.Add($"{definition}.{property}: no supported release has it");
            }
            else if (!found.All(shape))
            {
                problems.Add($"{definition}.{property}: not {what}");
            }
        }

        static bool IsScalar(SchemaNode s) => s.Kind is not (SchemaKind.Object or SchemaKind.Array or SchemaKind.Map);
        foreach (var (d, p) in PodTemplateGoTypes.AllValueStructs)
        {
            Check(d, p, s => s.Kind == SchemaKind.Object, "an object");
        }

        foreach (var (d, p) in PodTemplateGoTypes.AllPointers)
        {
            Check(d, p, IsScalar, "a scalar, quantity, time or free-form value");
        }

        foreach (var (d, p, value) in PodTemplateDefaults.All)
        {
            Check(d, p, value.Kind is DefaultKind.EmptyStruct or DefaultKind.EmptyDirWithoutSource ? s => s.Kind == SchemaKind.Object : IsScalar, "of the default's shape");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(PodTemplateGoTypes.AllPointers.Count() > 80);
    }

    private static ManifestNode? Template(string metadata, string spec) => TemplateOf($"{metadata}\n    spec: {spec}");

    private static ManifestNode? TemplateOf(string metadataAndSpec)
    {
        var text = $"apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: x}}\nspec:\n  template:\n    metadata: {metadataAndSpec}\n";
        var doc = Assert.Single(YamlManifestReader.ReadDocuments("t.yaml", text));
        Assert.Empty(doc.Problems);
        return Assert.Single(doc.Objects).Root.Map("spec")!["template"];
    }

    private static ManifestNode Node(string yaml)
    {
        var doc = Assert.Single(YamlManifestReader.ReadDocuments("n.yaml", $"apiVersion: v1\nkind: X\nvalue: {yaml}\n"));
        return Assert.Single(doc.Objects).Root["value"]!;
    }

    // Every node of a tree, as a list of keys and indexes from the root.
    private static IEnumerable<string> Paths(ManifestNode node, string prefix)
    {
        if (prefix.Length > 0)
        {
            yield return prefix;
        }

        switch (node)
        {
            case MappingNode m:
                foreach (var e in m.Entries)
                {
                    foreach (var p in Paths(e.Value, prefix + "/" + e.Key))
                    {
                        yield return p;
                    }
                }

                break;
            case SequenceNode s:
                for (var i = 0; i < s.Count; i++)
                {
                    foreach (var p in Paths(s.Items[i], prefix + "/#" + i))
                    {
                        yield return p;
                    }
                }

                break;
        }
    }

    private static ManifestNode Replace(ManifestNode node, string path, ManifestNode value)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var slash = path.IndexOf('/', 1);
        var step = slash < 0 ? path.Substring(1) : path.Substring(1, slash - 1);
        var rest = slash < 0 ? string.Empty : path.Substring(slash);
        switch (node)
        {
            case MappingNode m:
                return new MappingNode(m.Span, m.Entries.Select(e => e.Key == step ? new MappingEntry(e.Key, e.KeySpan, Replace(e.Value, rest, value)) : e).ToList());
            case SequenceNode s:
                var index = int.Parse(step.Substring(1), System.Globalization.CultureInfo.InvariantCulture);
                return new SequenceNode(s.Span, s.Items.Select((x, i) => i == index ? Replace(x, rest, value) : x).ToList());
            default:
                return node;
        }
    }
}
