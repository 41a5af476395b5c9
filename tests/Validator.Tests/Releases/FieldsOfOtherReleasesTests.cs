using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Tests.Releases;

/// <summary>
/// The release's decoder drops the fields it does not know before validation: rules never check a field of a later
/// release, while DS2001 still reports it (the v1.31.1 oracle: only the unknown field).
/// </summary>
public sealed class FieldsOfOtherReleasesTests
{
    private static string Windows(string podSecurityContext) => $$$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: ds}
        spec:
          selector: {matchLabels: {app: ds}}
          template:
            metadata: {labels: {app: ds}}
            spec:
              os: {name: windows}
              securityContext: {{{podSecurityContext}}}
              containers: [{name: c, image: i}]
        """;

    private static FileReport Validate(string release, string text) =>
        new ManifestValidator(new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse(release) }).ValidateText("ds.yaml", text);

    [Fact]
    public void AFieldOfALaterRelease_IsReportedAsUnknown_AndNotValidated()
    {
        var report = Validate("1.31", Windows("{seLinuxChangePolicy: MountOption}"));
        Assert.Equal(new (string, string?)[] { ("DS2001", "spec.template.spec.securityContext.seLinuxChangePolicy") }, report.Findings.Where(f => f.Severity == Severity.Error).Select(f => (f.RuleId, f.Path?.ToString())));
    }

    [Fact]
    public void TheSameField_AtTheReleaseThatHasIt_IsValidated()
    {
        var report = new ManifestValidator(new ValidatorOptions
        {
            KubernetesVersion = KubernetesRelease.Parse("1.33"),
        }).ValidateText("ds.yaml", Windows("{seLinuxChangePolicy: MountOption}"));
        Assert.Contains(report.Findings, f => f.RuleId == "DS1342" && f.Path?.ToString() == "spec.template.spec.securityContext.seLinuxChangePolicy");
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "DS2001");
    }

    [Fact]
    public void AValueAliasedAtAKnownField_StaysThere()
    {
        // One node, two places: dropped where the release does not know the field, validated where it does.
        var report = Validate("1.31", Windows("\n        seLinuxChangePolicy: &p OnRootMismatch\n        fsGroupChangePolicy: *p"));
        var ds1342 = report.Findings.Where(f => f.RuleId == "DS1342").Select(f => f.Path?.ToString()).ToArray();
        Assert.Equal(new string?[] { "spec.template.spec.securityContext.fsGroupChangePolicy" }, ds1342);
    }

    [Fact]
    public void FieldsOfOtherReleases_InManyContainers_AreDroppedInOneWalk()
    {
        // Thousands of them (hostile input) cost one walk of the object, not one copy per field.
        var containers = string.Join(", ", Enumerable.Range(0, 3000).Select(i => $"{{name: c{i}, image: i, lifecycle: {{stopSignal: SIGTERM}}}}"));
        var text = Windows("{}").Replace("containers: [{name: c, image: i}]", "containers: [" + containers + "]", System.StringComparison.Ordinal);
        var report = Validate("1.32", text);
        Assert.Equal(3000, report.Findings.Count(f => f.RuleId == "DS2001"));
    }
}
