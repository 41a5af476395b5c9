using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Model;
using DaemonLint.Parity.Compare;
using DaemonLint.Parity.Oracle;

namespace DaemonLint.Parity.Tests;

public class ComparisonTests
{
    private static readonly string DataDir = Path.Combine(AppContext.BaseDirectory, "Data");

    [Fact]
    public void Same_errors_agree_and_update_duplicates_count_once()
    {
        var oracle = Result(valid: false, errors: new[] { ("spec.template.spec.containers[0].name", "FieldValueInvalid"), ("spec.template.spec.containers[0].name", "FieldValueInvalid") });
        var c = Comparer.Compare(oracle, new[] { F("DS1132", "spec.template.spec.containers[0].name", FindingKind.Invalid) }, KnownDifferences.None);
        Assert.Equal(Category.Agree, c.Category);
        Assert.Single(c.Oracle);
    }

    [Fact]
    public void Verdict_categories()
    {
        var rejects = Result(valid: false, errors: new[] { ("spec.selector", "FieldValueRequired") });
        Assert.Equal(Category.Missed, Comparer.Compare(rejects, Array.Empty<Finding>(), KnownDifferences.None).Category);
        Assert.Equal(Category.False, Comparer.Compare(Result(valid: true), new[] { F("DS1007", "metadata.labels", FindingKind.Invalid) }, KnownDifferences.None).Category);
        var different = Comparer.Compare(rejects, new[] { F("DS1002", "spec", FindingKind.Required) }, KnownDifferences.None);
        Assert.Equal(Category.Different, different.Category);
        Assert.Equal("spec.selector", Assert.Single(different.OracleOnly).Path);
        Assert.Equal("spec", Assert.Single(different.CoreOnly).Path);

        // Warnings are not rejections.
        Assert.Equal(Category.Agree, Comparer.Compare(Result(valid: true), new[] { F("DS4101", "spec", FindingKind.Invalid, Severity.Warning) }, KnownDifferences.None).Category);

        // Any other error is a false error (severity principle).
        var other = Comparer.Compare(Result(valid: true), new[] { F("DS5001", "spec.template.spec.hostPID", FindingKind.Invalid) }, KnownDifferences.None);
        Assert.Equal(Category.False, other.Category);
        Assert.Equal("Rule:DS5001", Assert.Single(other.CoreOnly).Type);
    }

    [Fact]
    public void Strict_errors_reject_and_match_unknown_field_and_duplicate_key_findings()
    {
        var oracle = Result(valid: true, strict: new[] { "unknown field \"spec.template.spec.containers[0].bar\"", "yaml: unmarshal errors:\n  line 9: key \"containerPort\" already set in map" });
        Assert.True(oracle.Rejects);
        var agree = Comparer.Compare(oracle, new[]
        {
            F("DS2001", "spec.template.spec.containers[0].bar", FindingKind.Forbidden),
            F("DS9004", null, FindingKind.Invalid, message: "mapping key \"containerPort\" already defined at line 9; the Kubernetes decoder rejects duplicate keys"),
        }, KnownDifferences.None);
        Assert.Equal(Category.Agree, agree.Category);

        var missed = Comparer.Compare(oracle, new[] { F("DS2001", "spec.template.spec.containers[0].bar", FindingKind.Forbidden) }, KnownDifferences.None);
        Assert.Equal(Category.Different, missed.Category);
        Assert.Equal("(key containerPort)", Assert.Single(missed.OracleOnly).Path);
    }

    [Fact]
    public void After_a_decode_error_only_decoding_is_compared()
    {
        var oracle = Result(valid: false, decode: "json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32");
        var findings = new[]
        {
            F("DS2002", "spec.template.spec.containers[0].ports[0].containerPort", FindingKind.Invalid),
            F("DS1153", "spec.template.spec.containers[0].ports[0].containerPort", FindingKind.Invalid),
        };
        Assert.Equal(Category.Agree, Comparer.Compare(oracle, findings, KnownDifferences.None).Category);

        // A decode finding at another field does not match the oracle's.
        var elsewhere = Comparer.Compare(oracle, new[] { F("DS2002", "spec.template.spec.containers[0].ports[0].hostPort", FindingKind.Invalid) }, KnownDifferences.None);
        Assert.Equal(Category.Different, elsewhere.Category);
        Assert.Equal(ItemType.Decode, Assert.Single(elsewhere.OracleOnly).Type);

        // No decode finding at all: the core missed it, whatever validation errors it reports.
        Assert.Equal(Category.Different, Comparer.Compare(oracle, new[] { findings[1] }, KnownDifferences.None).Category);
        Assert.Equal(Category.Missed, Comparer.Compare(oracle, Array.Empty<Finding>(), KnownDifferences.None).Category);

        // A decode error without a field (a quantity) matches any decode finding.
        var quantity = Result(valid: false, decode: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        Assert.Equal(Category.Agree, Comparer.Compare(quantity, new[] { F("DS2005", "spec.template.spec.containers[0].resources.limits[cpu]", FindingKind.Invalid) }, KnownDifferences.None).Category);
    }

    [Fact]
    public void Known_differences_explain_only_their_own_items()
    {
        var file = Path.Combine(Path.GetTempPath(), "daemonlint-known-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, SampleKnownDifferences);
        var known = KnownDifferences.Load(file, "1.32");
        var other = KnownDifferences.Load(file, "1.31");
        File.Delete(file);
        var sleep = Result(valid: false, errors: new[] { ("spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds", "FieldValueInvalid") }, message: "Invalid value: 0: must be greater than 0 and less than terminationGracePeriodSeconds (30)");
        var c = Comparer.Compare(sleep, Array.Empty<Finding>(), known);
        Assert.Equal(Category.Known, c.Category);
        Assert.False(c.Disagrees);

        // The same item with another message (a negative value) is not explained.
        var negative = Result(valid: false, errors: new[] { ("spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds", "FieldValueInvalid") }, message: "Invalid value: -1: must be greater than 0 and less than terminationGracePeriodSeconds (30)");
        Assert.Equal(Category.Missed, Comparer.Compare(negative, Array.Empty<Finding>(), known).Category);

        // An entry can look at the value as written: a search domain "." is reported as "" by the oracle.
        var search = Result(valid: false, errors: new[] { ("spec.template.spec.dnsConfig.searches[0]", "FieldValueInvalid") }, message: "Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of ...");
        Assert.Equal(Category.Known, Comparer.Compare(search, Array.Empty<Finding>(), known, _ => ".").Category);
        Assert.Equal(Category.Missed, Comparer.Compare(search, Array.Empty<Finding>(), known, _ => string.Empty).Category);
        Assert.Equal(Category.Missed, Comparer.Compare(search, Array.Empty<Finding>(), known).Category);

        // Entries are kept per oracle release.
        Assert.Empty(other.Entries);
    }

    [Fact]
    public void Registry_refusals_are_compared_as_request_items()
    {
        // An update conflict: the oracle's requestError and the core's DS1026 are the same item, whatever the path.
        var conflict = new OracleResult { Valid = false, RequestError = "Conflict: the object has been modified (resourceVersion \"4\" != stored \"5\")" };
        Assert.Equal(Category.Agree, Comparer.Compare(conflict, new[] { F("DS1026", "metadata.resourceVersion", FindingKind.Invalid) }, KnownDifferences.None).Category);
        Assert.Equal(Category.Missed, Comparer.Compare(conflict, Array.Empty<Finding>(), KnownDifferences.None).Category);

        // A create with a resourceVersion: the oracle stops before storage and accepts; the cited entry explains the
        // core's DS1025 and nothing else.
        var known = KnownDifferences.Load(Path.Combine(DataDir, "known-differences.json"), "1.32");
        var create = new[] { F("DS1025", "metadata.resourceVersion", FindingKind.Invalid, message: "Invalid value: \"5\": resourceVersion should not be set on objects to be created. Remove it") };
        Assert.Equal(Category.False, Comparer.Compare(Result(valid: true), create, KnownDifferences.None).Category);
        var c = Comparer.Compare(Result(valid: true), create, known);
        Assert.Equal(Category.Known, c.Category);
        Assert.Equal("create-with-resource-version", Assert.Single(c.Known).Known.Id);
        Assert.Equal(Category.False, Comparer.Compare(Result(valid: true), new[] { F("DS1026", "metadata.resourceVersion", FindingKind.Invalid) }, known).Category);
    }

    [Fact]
    public void The_known_differences_list_is_small_and_cited()
    {
        // Issue 12: the harness gives both tools the same release and gates, so no release difference is explained away;
        // what is left is what the oracle does not model (storage), each entry cited and applying to every oracle.
        var known = KnownDifferences.Load(Path.Combine(DataDir, "known-differences.json"), null);
        Assert.InRange(known.Entries.Count, 0, 3);
        foreach (var k in known.Entries)
        {
            Assert.Equal("*", k.Kubernetes);
            Assert.Matches("^DS[0-9]{4}$", k.Rule ?? string.Empty);
            Assert.True(k.Citation.Contains("kubernetes/", StringComparison.Ordinal) || k.Citation.Contains("pkg/", StringComparison.Ordinal), k.Id);
            Assert.DoesNotContain("gate", k.Reason, StringComparison.OrdinalIgnoreCase);
        }
    }

    // Two entries of the list as it was before the core took a release (cited, per oracle release), for the matcher's test.
    private const string SampleKnownDifferences = """
        [
          {
            "id": "sleep-zero-seconds",
            "kubernetes": "1.32",
            "rule": "DS1184",
            "side": "oracle",
            "type": "Invalid",
            "path": "spec.template.spec.*ontainers[*].lifecycle.*",
            "message": "^Invalid value: 0: must be greater than 0",
            "reason": "The core follows 1.33+, where PodLifecycleSleepActionAllowZero is beta and on by default, so a lifecycle sleep of 0 seconds is accepted; in 1.32 the gate is alpha and off, so the v1.32 oracle rejects it. Goes away when the core takes a release (issue 12).",
            "citation": "kubernetes/website content/en/docs/reference/command-line-tools-reference/feature-gates/PodLifecycleSleepActionAllowZero.md (alpha 1.32 off, beta 1.33 on); pkg/apis/core/validation/validation.go validateSleepAction (opts.AllowPodLifecycleSleepActionZeroValue)"
          },
          {
            "id": "dns-search-relaxed",
            "kubernetes": "1.32",
            "rule": "DS1113",
            "side": "oracle",
            "type": "Invalid",
            "path": "spec.template.spec.dnsConfig.searches[*]",
            "reason": "The core follows 1.33+, where RelaxedDNSSearchValidation is beta and on by default: a DNS search domain may hold an underscore, and a lone \".\" is allowed. In 1.32 the gate is alpha and off, so the v1.32 oracle rejects both (\".\" is reported as the empty value left after its trailing dot is trimmed). Goes away when the core takes a release (issue 12).",
            "citation": "kubernetes/website content/en/docs/reference/command-line-tools-reference/feature-gates/RelaxedDNSSearchValidation.md (alpha 1.32 off, beta 1.33 on); pkg/apis/core/validation/validation.go validatePodDNSConfig (opts.AllowRelaxedDNSSearchValidation: search \".\" skipped, others ValidateDNS1123SubdomainWithUnderScore)",
            "value": "^(\\.|.*_.*)$"
          }
        ]
        """;

    [Theory]
    [InlineData("spec.template.spec.containers[0].env[2].valueFrom.resourceFieldRef.divisor", "validateEnvVarValueFrom → validateContainerResourceFieldSelector / validateContainerResourceDivisor")]
    [InlineData("spec.template.spec.volumes[1].csi.driver", "validateCSIVolumeSource / ValidateCSIDriverName")]
    [InlineData("spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/c]", "ValidateAppArmorPodAnnotations")]
    [InlineData("spec.template.spec.initContainers[0].livenessProbe", "validateInitContainers (probes only for sidecars) / validateLivenessProbe → validateProbe → validateHandler")]
    [InlineData("metadata.ownerReferences[0].uid", "ValidateOwnerReferences / validateOwnerReference")]
    public void Paths_map_to_upstream_functions(string path, string function)
    {
        var map = UpstreamMap.Load(Path.Combine(DataDir, "upstream-functions.json"));
        Assert.Equal(function, map.FunctionFor(Comparer.Normalize(path), "Invalid"));
    }

    [Theory]
    [InlineData("spec.template.spec.containers[3].ports[0].hostPort", "spec.template.spec.containers[*].ports[*].hostPort")]
    [InlineData("metadata.labels[app.example.com/x]", "metadata.labels[*]")]
    [InlineData("spec.template.metadata.annotations[controller.kubernetes.io/pod-deletion-cost]", "spec.template.metadata.annotations[controller.kubernetes.io/pod-deletion-cost]")]
    [InlineData("(key name)", "(duplicate key)")]
    [InlineData("spec.template.annotations[container.apparmor.security.beta.kubernetes.io/agent]", "spec.template.annotations[container.apparmor.security.beta.kubernetes.io/*]")]
    [InlineData("spec.template.annotations.container.seccomp.security.alpha.kubernetes.io/agent", "spec.template.annotations.container.seccomp.security.alpha.kubernetes.io/*")]
    public void Normalized_paths(string path, string normalized) => Assert.Equal(normalized, Comparer.Normalize(path));

    private static OracleResult Result(bool valid, (string Field, string Type)[]? errors = null, string[]? strict = null, string? decode = null, string message = "m") => new()
    {
        Valid = valid,
        Errors = errors?.Select(e => new OracleError { Field = e.Field, Type = e.Type, Message = message }).ToList() ?? new List<OracleError>(),
        StrictErrors = strict?.ToList(),
        DecodeError = decode,
    };

    private static Finding F(string rule, string? path, FindingKind kind, Severity severity = Severity.Error, string message = "m") => new()
    {
        RuleId = rule,
        Severity = severity,
        Message = message,
        Kind = kind,
        Path = path is null ? null : FieldPath.Parse(path),
    };
}
