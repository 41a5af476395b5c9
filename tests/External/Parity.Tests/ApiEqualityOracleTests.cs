using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using DaemonLint.Parity.Oracle;
using DaemonLint.Parity.Schema;
using DaemonLint.Tests;

namespace DaemonLint.Parity.Tests;

/// <summary>
/// DS1331 and DS1005 compare values as the API server does (<c>Semantic.DeepEqual</c> of decoded, defaulted, converted
/// values: src/Validator/Rules/Support/ApiEquality.cs). Checked here field by field against the oracles: for every
/// property of every struct a pod template reaches in the release's OpenAPI document, a DaemonSet stored at the largest
/// template generation is updated with only that property added (its zero value, an empty object, a sample value, or
/// the default upstream's defaulting gives it), and the core must say "template changed" (DS1331) exactly when the
/// oracle reports the wrapped <c>spec.templateGeneration</c>. This is where the pointer and default tables are proven
/// (a pointer taken for a value, or a default missed, shows as a disagreement here).
/// </summary>
public class ApiEqualityOracleTests
{
    private const string MaxGeneration = "9223372036854775807";

    // The constant defaults of pkg/apis/core/v1/defaults.go and of the +default markers of core/v1 types.go (written out
    // independently of the core's table): spelling one out must be no change.
    private static readonly (string Definition, string Property, JsonNode Value)[] Defaults =
    {
        ("PodSpec", "dnsPolicy", "ClusterFirst"), ("PodSpec", "restartPolicy", "Always"), ("PodSpec", "terminationGracePeriodSeconds", 30),
        ("PodSpec", "schedulerName", "default-scheduler"), ("PodSpec", "securityContext", new JsonObject()),
        ("Container", "terminationMessagePath", "/dev/termination-log"), ("Container", "terminationMessagePolicy", "File"), ("Container", "imagePullPolicy", "IfNotPresent"),
        ("EphemeralContainer", "terminationMessagePath", "/dev/termination-log"), ("EphemeralContainer", "terminationMessagePolicy", "File"),
        ("ContainerPort", "protocol", "TCP"), ("Probe", "timeoutSeconds", 1), ("Probe", "periodSeconds", 10), ("Probe", "successThreshold", 1), ("Probe", "failureThreshold", 3),
        ("HTTPGetAction", "path", "/"), ("HTTPGetAction", "scheme", "HTTP"), ("GRPCAction", "service", string.Empty), ("ObjectFieldSelector", "apiVersion", "v1"),
        ("Volume", "emptyDir", new JsonObject()), ("HostPathVolumeSource", "type", string.Empty), ("SecretVolumeSource", "defaultMode", 420), ("ConfigMapVolumeSource", "defaultMode", 420),
        ("DownwardAPIVolumeSource", "defaultMode", 420), ("ProjectedVolumeSource", "defaultMode", 420), ("ServiceAccountTokenProjection", "expirationSeconds", 3600),
        ("PersistentVolumeClaimSpec", "volumeMode", "Filesystem"), ("ISCSIVolumeSource", "iscsiInterface", "default"), ("RBDVolumeSource", "pool", "rbd"),
        ("RBDVolumeSource", "user", "admin"), ("RBDVolumeSource", "keyring", "/etc/ceph/keyring"), ("AzureDiskVolumeSource", "cachingMode", "ReadWrite"),
        ("AzureDiskVolumeSource", "fsType", "ext4"), ("AzureDiskVolumeSource", "readOnly", false), ("AzureDiskVolumeSource", "kind", "Shared"),
        ("ScaleIOVolumeSource", "storageMode", "ThinProvisioned"), ("ScaleIOVolumeSource", "fsType", "xfs"),
    };

    // What a list item needs to be the item it is (a container without a name is still compared, but reads oddly).
    private static readonly Dictionary<string, string> Seeds = new(StringComparer.Ordinal)
    {
        ["Container"] = "{\"name\":\"a\",\"image\":\"busybox:1.36\"}",
        ["EphemeralContainer"] = "{\"name\":\"e\",\"image\":\"busybox:1.36\"}",
        ["Volume"] = "{\"name\":\"v\"}",
    };

    [Theory]
    [InlineData("1.32", null)]
    [InlineData("1.31", null)]
    [InlineData("1.32", "AllAlpha=true,AllBeta=true")]
    public void EveryFieldOfAPodTemplate_IsAChange_ExactlyWhenTheServerSaysSo(string release, string? gates)
    {
        var o = HarnessOptions.ForRepository(RepoPaths.Root, release);
        Assert.True(File.Exists(o.OraclePath), $"the oracle is missing: {o.OraclePath}");
        var schema = OpenApiSchema.Load(o.SchemaPath);
        var cases = new List<(string Name, JsonObject Old, JsonObject New, string What, bool MustBeSame)>();
        foreach (var (definition, path) in StructPaths(schema))
        {
            foreach (var p in definition.Properties)
            {
                foreach (var (tag, value) in Values(p.Type))
                {
                    cases.Add(($"c{cases.Count}", Template(path, new JsonObject()), Template(path, new JsonObject { [p.Name] = value }), $"{definition.Name}.{p.Name} = {tag} {value?.ToJsonString()}", false));
                }

                foreach (var d in Defaults.Where(d => d.Definition == definition.Name && d.Property == p.Name))
                {
                    cases.Add(($"c{cases.Count}", Template(path, new JsonObject()), Template(path, new JsonObject { [p.Name] = d.Value.DeepClone() }), $"{definition.Name}.{p.Name} = default {d.Value.ToJsonString()}", true));
                }
            }
        }

        Assert.True(cases.Count > 700, $"only {cases.Count} cases: is {o.SchemaPath} the apps/v1 document?");
        var (oracle, core) = Run(o, release, gates, $"api-equality-{release}{(gates is null ? string.Empty : "-gates")}", cases.Select(c => (c.Name, Stored(c.Name, c.Old), Update(c.Name, c.New))).ToList(), "spec.templateGeneration", "DS1331");

        var problems = new List<string>();
        foreach (var c in cases)
        {
            var server = oracle[c.Name];
            if (server is null)
            {
                problems.Add($"{c.What}: the oracle did not decode the update");
            }
            else if (server != core.Contains(c.Name))
            {
                problems.Add($"{c.What}: the server sees {(server.Value ? "a change" : "no change")}, the core {(core.Contains(c.Name) ? "a change" : "none")}");
            }
            else if (c.MustBeSame && server.Value)
            {
                problems.Add($"{c.What}: spelling out the default is a change to the server");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {cases.Count} cases:\n" + string.Join("\n", problems));
        Assert.Contains(cases, c => oracle[c.Name] == true);
        Assert.Contains(cases, c => oracle[c.Name] == false && !c.MustBeSame);
    }

    [Fact]
    public void ASelector_IsImmutable_AsTheServerComparesIt()
    {
        var o = HarnessOptions.ForRepository(RepoPaths.Root, "1.32");
        var pairs = new (string? Old, string? New)[]
        {
            (null, "{}"), ("{}", "{\"matchLabels\":{}}"), (null, "{\"bogus\":1}"), ("{}", "{\"bogus\":1}"),
            ("{\"matchLabels\":{\"a\":\"b\"}}", "{\"matchLabels\":{\"a\":\"b\"},\"matchExpressions\":[]}"),
            ("{\"matchLabels\":{\"a\":\"b\"}}", "{\"matchLabels\":{\"a\":\"b\"},\"matchExpressions\":null}"),
            ("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\"}]}", "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\",\"values\":[]}]}"),
            ("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\",\"values\":[\"x\",\"y\"]}]}", "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\",\"values\":[\"y\",\"x\"]}]}"),
            ("{\"matchLabels\":{\"a\":\"b\",\"c\":\"d\"}}", "{\"matchLabels\":{\"c\":\"d\",\"a\":\"b\"}}"),
            ("{\"matchLabels\":{\"a\":\"b\"}}", "{\"matchLabels\":{\"a\":\"b\",\"c\":\"d\"}}"),
        };
        var docs = new List<(string Name, string Old, string New)>();
        for (var i = 0; i < pairs.Length; i++)
        {
            static JsonObject WithSelector(JsonObject ds, string? selector)
            {
                if (selector is not null)
                {
                    ds["spec"]!["selector"] = JsonNode.Parse(selector);
                }
                else
                {
                    ds["spec"]!.AsObject().Remove("selector");
                }

                return ds;
            }

            var name = $"s{i}";
            docs.Add((name, WithSelector(JsonNode.Parse(Stored(name, Template(new List<string>(), new JsonObject())))!.AsObject(), pairs[i].Old).ToJsonString(), WithSelector(JsonNode.Parse(Update(name, Template(new List<string>(), new JsonObject())))!.AsObject(), pairs[i].New).ToJsonString()));
        }

        var (oracle, core) = Run(o, "1.32", null, "api-equality-selector", docs, "spec.selector", "DS1005", immutableOnly: true);
        for (var i = 0; i < pairs.Length; i++)
        {
            Assert.True(oracle[$"s{i}"] == core.Contains($"s{i}"), $"{pairs[i].Old ?? "(none)"} -> {pairs[i].New}: the server says {(oracle[$"s{i}"] == true ? "immutable" : "equal")}");
        }

        Assert.Equal(4, oracle.Values.Count(v => v == true)); // a selector where there was none (twice), reordered values, a label more
    }

    // The structs a template reaches, each with the path of keys (a "[]" suffix: a list, given one item) that leads there.
    private static IEnumerable<(SchemaType Definition, List<string> Path)> StructPaths(OpenApiSchema schema)
    {
        var root = schema.Definitions["PodTemplateSpec"];
        var paths = new Dictionary<SchemaType, List<string>> { [root] = new List<string>() };
        var queue = new Queue<SchemaType>();
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            var t = queue.Dequeue();
            yield return (t, paths[t]);
            foreach (var p in t.Properties)
            {
                var (target, step) = p.Type.Kind == SchemaKind.Array && p.Type.Element is { Kind: SchemaKind.Object } item ? (item, p.Name + "[]") : (p.Type, p.Name);
                if (target.Kind == SchemaKind.Object && target.Name is not null && !paths.ContainsKey(target))
                {
                    paths[target] = new List<string>(paths[t]) { step + "=" + target.Name };
                    queue.Enqueue(target);
                }
            }
        }
    }

    // The values a property is given: its zero value (or an empty object), and a sample of its type.
    private static IEnumerable<(string Tag, JsonNode? Value)> Values(SchemaType t)
    {
        switch (t.Kind)
        {
            case SchemaKind.Object or SchemaKind.OpenObject or SchemaKind.Map:
                yield return ("empty", new JsonObject());
                break;
            case SchemaKind.Array:
                yield return ("empty", new JsonArray());
                break;
            default:
                switch (t.ScalarType)
                {
                    case "integer" or "number" or "int-or-string":
                        yield return ("zero", 0);
                        yield return ("sample", 1);
                        break;
                    case "quantity":
                        yield return ("zero", "0");
                        yield return ("sample", "1");
                        break;
                    case "boolean":
                        yield return ("zero", false);
                        yield return ("sample", true);
                        break;
                    case "string" when t.Format == "date-time":
                        yield return ("zero", "0001-01-01T00:00:00Z");
                        yield return ("sample", "2020-01-01T00:00:00Z");
                        break;
                    default:
                        yield return ("zero", string.Empty);
                        yield return ("sample", "x");
                        break;
                }

                break;
        }
    }

    // A template holding the struct at the path, whose own fields are the leaf's.
    private static JsonObject Template(List<string> path, JsonObject leaf)
    {
        JsonNode node = leaf;
        for (var i = path.Count - 1; i >= 0; i--)
        {
            var eq = path[i].IndexOf('=');
            var key = path[i].Substring(0, eq);
            var type = path[i].Substring(eq + 1);
            var obj = Seeds.TryGetValue(type, out var seed) ? JsonNode.Parse(seed)!.AsObject() : new JsonObject();
            foreach (var e in node.AsObject().ToList())
            {
                node.AsObject().Remove(e.Key);
                obj[e.Key] = e.Value;
            }

            node = key.EndsWith("[]", StringComparison.Ordinal) ? new JsonObject { [key.Substring(0, key.Length - 2)] = new JsonArray(obj) } : new JsonObject { [key] = obj };
        }

        var template = node.AsObject();
        var metadata = template["metadata"] as JsonObject ?? new JsonObject();
        template["metadata"] = metadata;
        metadata["labels"] ??= new JsonObject { ["app"] = "x" };
        var spec = template["spec"] as JsonObject ?? new JsonObject();
        template["spec"] = spec;
        spec["containers"] ??= new JsonArray(JsonNode.Parse(Seeds["Container"]));
        return template;
    }

    private static string Stored(string name, JsonObject template) =>
        Document(name, template, new JsonObject { ["deprecated.daemonset.template.generation"] = MaxGeneration });

    private static string Update(string name, JsonObject template) => Document(name, template, null);

    private static string Document(string name, JsonObject template, JsonObject? annotations)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (annotations is not null)
        {
            metadata["annotations"] = annotations;
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "DaemonSet",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "x" } }, ["template"] = template.DeepClone() },
        }.ToJsonString();
    }

    // Runs both tools on the updates (JSON documents, which YAML reads): per name, whether the oracle reports an error at
    // the path (null: it did not decode the update), and the names the core reports the rule for.
    private static (Dictionary<string, bool?> Oracle, HashSet<string> Core) Run(HarnessOptions o, string release, string? gates, string dirName, IReadOnlyList<(string Name, string Old, string New)> docs, string path, string rule, bool immutableOnly = false)
    {
        var dir = Path.Combine(RepoPaths.Root, "artifacts", "parity-ci", dirName);
        Directory.CreateDirectory(dir);
        var oldText = string.Join("\n---\n", docs.Select(d => d.Old)) + "\n";
        var newText = string.Join("\n---\n", docs.Select(d => d.New)) + "\n";
        File.WriteAllText(Path.Combine(dir, "old.yaml"), oldText, new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(dir, "new.yaml"), newText, new UTF8Encoding(false));

        var oracle = new Dictionary<string, bool?>(StringComparer.Ordinal);
        foreach (var r in new OracleRunner(o.OraclePath, gates).Run(dir, new[] { "new.yaml" }, "old.yaml"))
        {
            var name = r.Name!.Substring(r.Name!.IndexOf('/') + 1);
            Assert.Equal("update", r.Mode);
            oracle[name] = string.IsNullOrEmpty(r.DecodeError)
                ? r.Errors?.Any(e => e.Field == path && (!immutableOnly || e.Message.EndsWith("field is immutable", StringComparison.Ordinal))) == true
                : null;
        }

        Assert.Equal(docs.Count, oracle.Count);
        var result = new CoreHost(new ClusterSettings(release, gates)).Validate("new.yaml", newText, "old.yaml", oldText);
        var core = new HashSet<string>(result.Findings.Where(f => f.RuleId == rule).Select(f => f.Object!.Name!), StringComparer.Ordinal);
        return (oracle, core);
    }
}
