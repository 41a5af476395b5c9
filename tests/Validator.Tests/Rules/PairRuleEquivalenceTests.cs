using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

/// <summary>
/// The linear DS4104 and DS1125 against the pair loops they replaced (the server's own algorithms, written out here):
/// on random pod specs they must find the same entries with the same partners.
/// </summary>
public sealed class PairRuleEquivalenceTests
{
    private static readonly string[] ContainerPorts = { "80", "81" };
    private static readonly string?[] Protocols = { null, "TCP", "UDP" };
    private static readonly string?[] HostPorts = { null, "0", "80", "81" };
    private static readonly string?[] HostIps = { null, "\"\"", "10.0.0.1", "10.0.0.2" };

    [Fact]
    public void DS4104_ReportsEachOverlappingGroupOnce_AtThePortTheServerWarnsFirst_NamingTheSamePartners()
    {
        var random = new Random(4104);
        for (var round = 0; round < 400; round++)
        {
            var ports = new List<PortSpec>();
            var sb = new StringBuilder();
            foreach (var (list, count) in new[] { ("initContainers", random.Next(0, 3)), ("containers", random.Next(1, 4)) })
            {
                if (count == 0)
                {
                    continue;
                }

                sb.Append(list).Append(":\n");
                for (var c = 0; c < count; c++)
                {
                    sb.Append("  - name: c").Append(list[0]).Append(c).Append("\n    image: i\n    ports:\n");
                    var n = random.Next(0, 5);
                    if (n == 0)
                    {
                        sb.Length -= "    ports:\n".Length;
                    }

                    for (var p = 0; p < n; p++)
                    {
                        var port = new PortSpec(
                            list,
                            c,
                            p,
                            ContainerPorts[random.Next(ContainerPorts.Length)],
                            Protocols[random.Next(Protocols.Length)],
                            HostPorts[random.Next(HostPorts.Length)],
                            HostIps[random.Next(HostIps.Length)]);
                        ports.Add(port);
                        sb.Append("      - {containerPort: ").Append(port.ContainerPort)
                            .Append(port.Protocol is null ? string.Empty : ", protocol: " + port.Protocol)
                            .Append(port.HostPort is null ? string.Empty : ", hostPort: " + port.HostPort)
                            .Append(port.HostIp is null ? string.Empty : ", hostIP: " + port.HostIp)
                            .Append("}\n");
                    }
                }
            }

            var yaml = PodSpec.PodSpecYaml.DaemonSet(sb.ToString());
            var actual = new ManifestValidator().ValidateText("p.yaml", yaml).Findings
                .Where(f => f.RuleId == RuleCatalog.DS4104_PortDefinitionsShouldNotOverlap.Id && f.Kind == FindingKind.Duplicate)
                .ToList();

            var expected = ExpectedPortGroups(ports);
            Assert.True(expected.Count == actual.Count, $"round {round}: expected {expected.Count} groups, got {actual.Count}\n{yaml}\n{string.Join("\n", actual.Select(f => f.Path + " " + f.Message))}");
            foreach (var group in expected)
            {
                var (first, with, kind) = group.Overlaps[0];
                var f = Assert.Single(actual, a => a.Path!.ToString() == first.Path);
                var head = $"Duplicate value: \"{first.ContainerPort}/{first.EffectiveProtocol}\": {kind} with {with.Path}";
                Assert.True(f.Message.StartsWith(head, StringComparison.Ordinal), $"round {round}: {f.Message}\nexpected to start with {head}\n{yaml}");
                var others = group.Overlaps.Skip(1).Select(o => o.Port.Path).ToList();
                foreach (var named in others.Take(3))
                {
                    Assert.Contains(named, f.Message);
                }

                if (others.Count > 3)
                {
                    Assert.Contains($" and {others.Count - 3} more", f.Message);
                }
                else if (others.Count == 0)
                {
                    Assert.DoesNotContain("also at", f.Message);
                }
            }
        }
    }

    [Fact]
    public void DS1125_ReportsTheSameConstraintsAsTheServersLoop()
    {
        var random = new Random(1125);
        var keys = new[] { "zone", "host", "rack" };
        var actions = new[] { "DoNotSchedule", "ScheduleAnyway" };
        for (var round = 0; round < 300; round++)
        {
            var n = random.Next(0, 12);
            var pairs = new List<(string Key, string Action)>();
            var sb = new StringBuilder("containers: [{name: c, image: i}]\ntopologySpreadConstraints:\n");
            for (var i = 0; i < n; i++)
            {
                var pair = (keys[random.Next(keys.Length)], actions[random.Next(actions.Length)]);
                pairs.Add(pair);
                sb.Append("  - {maxSkew: 1, topologyKey: ").Append(pair.Item1).Append(", whenUnsatisfiable: ").Append(pair.Item2).Append("}\n");
            }

            var actual = new ManifestValidator().ValidateText("t.yaml", PodSpec.PodSpecYaml.DaemonSet(sb.ToString())).Findings
                .Where(f => f.RuleId == RuleCatalog.DS1125_TopologySpreadConstraintsMustBeUnique.Id)
                .Select(f => (f.Path!.ToString(), f.Message + ". " + f.Hint))
                .ToList();

            // ValidateSpreadConstraintNotRepeat(constraint, constraints[i+1:]): the first later repeat is named.
            var expected = new List<(string, string)>();
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    if (pairs[i] == pairs[j])
                    {
                        expected.Add((
                            $"spec.template.spec.topologySpreadConstraints[{i}].{{topologyKey, whenUnsatisfiable}}",
                            $"Duplicate value: \"{{{pairs[i].Key}, {pairs[i].Action}}}\". topologySpreadConstraints[{j}] has the same topologyKey and whenUnsatisfiable; keep one of them"));
                        break;
                    }
                }
            }

            Assert.Equal(expected, actual);
        }
    }

    // The server's loop (warningsForPodSpecAndMeta): each port against every earlier port of its containerPort and
    // protocol; the same host binding among containers or within one init container is DS1156's error instead.
    private static List<Group> ExpectedPortGroups(List<PortSpec> ports)
    {
        var groups = new List<Group>();
        var byKey = new Dictionary<string, Group>();
        foreach (var p in ports)
        {
            var key = p.ContainerPort + "/" + p.EffectiveProtocol;
            if (!byKey.TryGetValue(key, out var g))
            {
                byKey[key] = g = new Group();
                groups.Add(g);
            }

            foreach (var e in g.Members)
            {
                var kind = Compare(p, e);
                var rejected = p.HostPortValue != 0 && p.HostIpValue == e.HostIpValue && p.HostPortValue == e.HostPortValue
                    && ((p.List == "containers" && e.List == "containers") || (p.List == e.List && p.Container == e.Container));
                if (kind is not null && !rejected)
                {
                    g.Overlaps.Add((p, e, kind));
                    break;
                }
            }

            g.Members.Add(p);
        }

        return groups.Where(g => g.Overlaps.Count > 0).ToList();
    }

    private static string? Compare(PortSpec port, PortSpec other)
    {
        if (port.HostIpValue == other.HostIpValue && port.HostPortValue == other.HostPortValue)
        {
            return "duplicate port definition";
        }

        if (port.HostPortValue == 0 || other.HostPortValue == 0)
        {
            return "overlapping port definition";
        }

        var a = port.HostIpValue.Length == 0;
        var b = other.HostIpValue.Length == 0;
        return port.HostPortValue == other.HostPortValue && a != b ? "dangerously ambiguous port definition" : null;
    }

    private sealed record PortSpec(string List, int Container, int Index, string ContainerPort, string? Protocol, string? HostPort, string? HostIp)
    {
        public string EffectiveProtocol => this.Protocol ?? "TCP";

        public long HostPortValue => this.HostPort is null ? 0 : long.Parse(this.HostPort, CultureInfo.InvariantCulture);

        public string HostIpValue => this.HostIp is null or "\"\"" ? string.Empty : this.HostIp;

        public string Path => $"spec.template.spec.{this.List}[{this.Container}].ports[{this.Index}]";
    }

    private sealed class Group
    {
        public List<PortSpec> Members { get; } = new();

        public List<(PortSpec Port, PortSpec With, string Kind)> Overlaps { get; } = new();
    }
}
