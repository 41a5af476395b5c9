using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

/// <summary>
/// Lists of 10,000 items (40,000 constraints) that once cost minutes and gigabytes: each test asserts how many findings
/// come out and what they look like. No timing is asserted; a rule that turned quadratic again would make these tests
/// run for minutes (3,000 ports took 34 s and 3.3 GB, 10,000 ran out of memory, 40,000 constraints took 55 s).
/// </summary>
public sealed class LargeInputTests
{
    private const int N = 10_000;

    [Fact]
    public void TenThousandCopiesOfAPort_AreOneDs4104Finding_NamingThreeOthersAndHowManyMore()
    {
        var findings = Validate("containers:\n  - name: c\n    image: i\n    ports:\n" + Lines(N, _ => "      - {containerPort: 80}"));
        var f = Assert.Single(findings, f => f.RuleId == RuleCatalog.DS4104_PortDefinitionsShouldNotOverlap.Id);
        Assert.Equal("spec.template.spec.containers[0].ports[1]", f.Path!.ToString());
        Assert.Equal(
            "Duplicate value: \"80/TCP\": duplicate port definition with spec.template.spec.containers[0].ports[0]; also at "
            + "spec.template.spec.containers[0].ports[2], spec.template.spec.containers[0].ports[3], spec.template.spec.containers[0].ports[4] "
            + $"and {N - 5} more",
            f.Message);
        Assert.Equal("Declare each port once: these ports overlap earlier ones of the same containerPort and protocol", f.Hint);
        Assert.DoesNotContain(findings, f => f.RuleId == RuleCatalog.DS1156_HostPortsMustNotConflict.Id);
    }

    [Fact]
    public void TenThousandPortsOfOneHostBinding_AreDs1156AtEachRepeat_AsTheServerReports_AndNoWarning()
    {
        var findings = Validate("containers:\n  - name: c\n    image: i\n    ports:\n" + Lines(N, _ => "      - {containerPort: 80, hostPort: 8080}"));
        var dup = findings.Where(f => f.RuleId == RuleCatalog.DS1156_HostPortsMustNotConflict.Id).ToList();
        Assert.Equal(N - 1, dup.Count);
        Assert.Equal("spec.template.spec.containers[0].ports[1].hostPort", dup[0].Path!.ToString());
        Assert.Equal($"spec.template.spec.containers[0].ports[{N - 1}].hostPort", dup[^1].Path!.ToString());
        Assert.DoesNotContain(findings, f => f.RuleId == RuleCatalog.DS4104_PortDefinitionsShouldNotOverlap.Id);
    }

    [Fact]
    public void TenThousandDistinctPorts_AreClean()
    {
        var findings = Validate("containers:\n  - name: c\n    image: i\n    ports:\n" + Lines(N, i => $"      - {{containerPort: {(i % 60000) + 1}, hostPort: {(i % 60000) + 1}, name: p{i}}}"));
        Assert.DoesNotContain(findings, f => f.RuleId is "DS4104" or "DS1152" or "DS1156");
    }

    [Fact]
    public void FortyThousandDistinctConstraints_AreClean_AndFortyThousandCopies_AreReportedAtEachButTheLast()
    {
        var distinct = Validate("containers: [{name: c, image: i}]\ntopologySpreadConstraints:\n"
            + Lines(4 * N, i => $"  - {{maxSkew: 1, topologyKey: k{i}, whenUnsatisfiable: DoNotSchedule}}"));
        Assert.DoesNotContain(distinct, f => f.RuleId == RuleCatalog.DS1125_TopologySpreadConstraintsMustBeUnique.Id);

        var copies = Validate("containers: [{name: c, image: i}]\ntopologySpreadConstraints:\n"
            + Lines(4 * N, _ => "  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}"));
        var dup = copies.Where(f => f.RuleId == RuleCatalog.DS1125_TopologySpreadConstraintsMustBeUnique.Id).ToList();
        Assert.Equal((4 * N) - 1, dup.Count);
        Assert.Equal("spec.template.spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}", dup[0].Path!.ToString());
        Assert.EndsWith("topologySpreadConstraints[1] has the same topologyKey and whenUnsatisfiable; keep one of them", dup[0].Hint);
        Assert.EndsWith($"topologySpreadConstraints[{(4 * N) - 1}] has the same topologyKey and whenUnsatisfiable; keep one of them", dup[^1].Hint);
    }

    [Fact]
    public void TenThousandEnvVarsOfOneName_AreOneWarningPerRepeat_AndDistinctOnesAreClean()
    {
        var same = Validate("containers:\n  - name: c\n    image: i\n    env:\n" + Lines(N, i => $"      - {{name: A, value: \"{i}\"}}"));
        Assert.Equal(N - 1, same.Count(f => f.RuleId == RuleCatalog.DS4105_EnvNamesShouldBeUnique.Id));

        var distinct = Validate("containers:\n  - name: c\n    image: i\n    env:\n" + Lines(N, i => $"      - {{name: A{i}, value: \"$(A{i})\"}}"));
        Assert.DoesNotContain(distinct, f => f.RuleId is "DS4105" or "DS1171" or "DS1172");
    }

    [Fact]
    public void TenThousandVolumesAndMounts_AreLookedUpByName()
    {
        // Volume names repeat (each repeat is the server's Duplicate), and the mounts name missing volumes, one of them
        // in the wrong case, so every mount needs the volume index and the not-found hints.
        var text = "volumes:\n" + Lines(N, i => $"  - {{name: v{i % (N / 2)}, emptyDir: {{}}}}")
            + "containers:\n  - name: c\n    image: i\n    volumeMounts:\n"
            + Lines(N, i => i == 0 ? "      - {name: V1, mountPath: /m0}" : $"      - {{name: w{i}, mountPath: /m{i % 100}, subPath: s}}");
        var findings = Validate(text);
        Assert.Equal(N / 2, findings.Count(f => f.RuleId == RuleCatalog.DS1360_VolumeNameMustBeValid.Id && f.Kind == FindingKind.Duplicate));
        var notFound = findings.Where(f => f.RuleId == RuleCatalog.DS1380_VolumeMountMustReferenceVolume.Id).ToList();
        Assert.Equal(N, notFound.Count);
        Assert.Contains("did you mean \"v1\"?", notFound[0].Message + ". " + notFound[0].Hint);
        Assert.Equal("Add a volume named \"w1\" to spec.template.spec.volumes, or mount an existing one", notFound[1].Hint);
        Assert.Equal(N - 100, findings.Count(f => f.RuleId == RuleCatalog.DS1381_MountPathMustBeValid.Id));
    }

    [Fact]
    public void TenThousandContainersOfOneName_AreDuplicatesAtEachRepeat()
    {
        var findings = Validate("containers:\n" + Lines(N, i => $"  - {{name: c, image: i, imagePullPolicy: Always, ports: [{{containerPort: {(i % 60000) + 1}}}]}}"));
        Assert.Equal(N - 1, findings.Count(f => f.RuleId == RuleCatalog.DS1133_ContainerNamesMustBeUnique.Id));
        Assert.DoesNotContain(findings, f => f.RuleId == RuleCatalog.DS4104_PortDefinitionsShouldNotOverlap.Id);
    }

    [Fact]
    public void TenThousandInvalidTolerations_AreOneFindingEach()
    {
        var findings = Validate("containers: [{name: c, image: i}]\ntolerations:\n" + Lines(N, i => $"  - {{key: k{i}, operator: Bad}}"));
        Assert.Equal(N, findings.Count(f => f.RuleId == RuleCatalog.DS1017_TolerationMustBeValid.Id));
    }

    [Fact]
    public void TenThousandResourcesWithLimits_AreComparedByName()
    {
        var findings = Validate("containers:\n  - name: c\n    image: i\n    resources:\n      limits:\n"
            + Lines(N, i => $"        example.com/r{i}: \"2\"") + "      requests:\n" + Lines(N, i => $"        example.com/r{N - 1 - i}: \"3\""));
        var unequal = findings.Where(f => f.RuleId == RuleCatalog.DS1304_NonOvercommitableRequestMustEqualLimit.Id).ToList();
        Assert.Equal(N, unequal.Count);
        Assert.All(unequal, f => Assert.StartsWith("Invalid value: \"3\": must be equal to example.com/r", f.Message));
    }

    [Fact]
    public void TenThousandLineComments_SuppressTenThousandFindings()
    {
        var text = "containers:\n" + Lines(N, i => $"  - {{name: c{i}, image: i, imagePullPolicy: always}} # daemonlint-disable-line DS1136");
        var findings = Validate(text);
        Assert.DoesNotContain(findings, f => f.RuleId == RuleCatalog.DS1136_ImagePullPolicyMustBeSupported.Id);
        Assert.DoesNotContain(findings, f => f.RuleId == RuleCatalog.DS9010_UnusedSuppression.Id);
    }

    [Fact]
    public void AnIgnoreAnnotationListingTenThousandIds_SuppressesAndReportsTheUnusedOnesInOneBoundedFinding()
    {
        var ids = string.Join(",", Enumerable.Range(0, N).Select(i => "DS" + (i % 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture)));
        var text = PodSpec.PodSpecYaml.DaemonSet("containers:\n" + Lines(100, i => "  - {name: c, image: i}"))
            .Replace("metadata:\n  name: ds", "metadata:\n  name: ds\n  annotations:\n    daemonlint.io/ignore: \"" + ids + "\"");
        var findings = new ManifestValidator().ValidateText("a.yaml", text).Findings;
        Assert.DoesNotContain(findings, f => f.RuleId == RuleCatalog.DS1133_ContainerNamesMustBeUnique.Id);
        var unused = Assert.Single(findings, f => f.RuleId == RuleCatalog.DS9010_UnusedSuppression.Id);
        Assert.InRange(unused.Message.Length, 100, GoText.MaxMessagePartChars + 100);
        Assert.Contains("...(truncated ", unused.Message);
    }

    private static List<Finding> Validate(string podSpec) =>
        new ManifestValidator().ValidateText("big.yaml", PodSpec.PodSpecYaml.DaemonSet(podSpec)).Findings;

    private static string Lines(int count, Func<int, string> line)
    {
        var sb = new StringBuilder(count * 40);
        for (var i = 0; i < count; i++)
        {
            sb.Append(line(i)).Append('\n');
        }

        return sb.ToString();
    }
}
