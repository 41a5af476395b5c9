using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodSpec;

public sealed class EnvRulesTests
{
    [Fact]
    public void EnvNameWithEquals_Triggers_WithFix()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1171_EnvNameMustBeValid.Id,
            """
            containers:
              - name: c
                image: i
                env:
                  - name: LOG_LEVEL=debug # expect: DS1171 spec.template.spec.containers[0].env[0].name
            """);
        Assert.Equal(
            "Invalid value: \"LOG_LEVEL=debug\": a valid environment variable name must consist only of printable ASCII characters other than '='",
            f.Message);
        Assert.Equal("Write name: LOG_LEVEL and value: debug", f.Hint);
    }

    [Fact]
    public void ResourceFieldRefDivisor_Triggers_WithTheResourceNameAsTheBadValue()
    {
        // The server's quirk: validateContainerResourceDivisor reports the resource, not the divisor.
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1175_EnvResourceFieldRefMustBeValid.Id,
            """
            containers:
              - name: c
                image: i
                env:
                  - name: CPU
                    valueFrom:
                      resourceFieldRef:
                        resource: limits.cpu
                        divisor: 10m # expect: DS1175 spec.template.spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor
            """);
        Assert.Equal(FindingKind.Invalid, f.Kind);
        Assert.Equal("Invalid value: \"limits.cpu\": only divisor's values 1m and 1 are supported with the cpu resource", f.Message);
        Assert.Equal("The value is divided by the divisor: use one of the units the resource supports (the divisor 10m is not one)", f.Hint);
    }

    [Fact]
    public void ResourceFieldRefResource_Triggers_NotSupported_WithTheServersList()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1175_EnvResourceFieldRefMustBeValid.Id,
            """
            containers:
              - name: c
                image: i
                env:
                  - name: GPU
                    valueFrom:
                      resourceFieldRef:
                        resource: limits.nvidia.com/gpu # expect: DS1175 spec.template.spec.containers[0].env[0].valueFrom.resourceFieldRef.resource
            """);
        Assert.Equal(FindingKind.NotSupported, f.Kind);
        Assert.StartsWith(
            "Unsupported value: \"limits.nvidia.com/gpu\": supported values: \"limits.cpu\", \"limits.ephemeral-storage\", \"limits.memory\", \"requests.cpu\", \"requests.ephemeral-storage\", \"requests.memory\"",
            f.Message,
            System.StringComparison.Ordinal);
    }

    [Fact]
    public void KeyRefWithoutName_Triggers_Invalid_NotRequired()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1176_EnvKeyRefMustBeValid.Id,
            """
            containers:
              - name: c
                image: i
                env:
                  - name: TOKEN
                    valueFrom:
                      secretKeyRef: # expect: DS1176 spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name
                        key: token
                        optional: true
            """);
        Assert.Equal(FindingKind.Invalid, f.Kind);
        Assert.StartsWith("Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of", f.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyEnvName_Triggers_Required()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1171_EnvNameMustBeValid.Id,
            """
            containers:
              - name: c
                image: i
                env:
                  - value: x # expect: DS1171 spec.template.spec.containers[0].env[0].name
            """);
        Assert.Equal(FindingKind.Required, f.Kind);
    }

    [Theory]
    [InlineData("valueFrom: {}", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`", null)]
    [InlineData("value: x, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}", "may not be specified when `value` is not empty", "Keep either value or valueFrom")]
    [InlineData("valueFrom: {fieldRef: {fieldPath: spec.nodeName}, secretKeyRef: {name: s, key: k}}", "may not have more than one field specified at a time", "Keep one source under valueFrom, or split it into several env entries")]
    public void BadValueFrom_Triggers(string entry, string detail, string? hint)
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1172_EnvValueFromMustHaveOneSource.Id,
            "containers:\n  - name: c\n    image: i\n    env:\n      - {name: A, " + entry + "} # expect: DS1172 spec.template.spec.containers[0].env[0].valueFrom");
        Assert.Equal("Invalid value: \"\": " + detail, f.Message);
        Assert.Equal(hint, f.Hint);
    }

    [Fact]
    public void ValueFromSources_AreThoseOfTheRelease()
    {
        // Before EnvFiles (1.34) fileKeyRef is not a source: an unknown field the decoder ignores (DS2001).
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1172_EnvValueFromMustHaveOneSource.Id,
            "containers:\n  - name: c\n    image: i\n    env:\n      - {name: A, valueFrom: {fileKeyRef: {volumeName: v, path: p, key: k}}} # expect: DS1172 spec.template.spec.containers[0].env[0].valueFrom",
            options: new ValidatorOptions { KubernetesVersion = DaemonLint.Releases.KubernetesRelease.Parse("1.33") });
        Assert.Equal("Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`", f.Message);
        PodSpecYaml.None(
            RuleCatalog.DS1172_EnvValueFromMustHaveOneSource.Id,
            "containers:\n  - name: c\n    image: i\n    env:\n      - {name: A, valueFrom: {fileKeyRef: {volumeName: v, path: p, key: k}}}",
            new ValidatorOptions { KubernetesVersion = DaemonLint.Releases.KubernetesRelease.Parse("1.35") });
    }

    [Fact]
    public void WholeLabelMapInEnv_Triggers_NotSupported()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1173_EnvFieldRefMustBeSupported.Id,
            """
            containers:
              - name: c
                image: i
                env:
                  - name: L
                    valueFrom:
                      fieldRef:
                        fieldPath: metadata.annotations # expect: DS1173 spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath
            """);
        Assert.Equal(FindingKind.NotSupported, f.Kind);
        Assert.Equal(
            "Unsupported value: \"metadata.annotations\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"",
            f.Message);
        Assert.Equal("Env takes one entry: write metadata.annotations['<key>']; the whole map is available through a downwardAPI volume", f.Hint);
    }

    [Fact]
    public void UnknownFieldPath_Triggers_ConversionError()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1173_EnvFieldRefMustBeSupported.Id,
            """
            containers:
              - name: c
                image: i
                env:
                  - name: N
                    valueFrom:
                      fieldRef:
                        fieldPath: status.nodeIP # expect: DS1173 spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath
            """);
        Assert.Equal(FindingKind.Invalid, f.Kind);
        Assert.Equal("Invalid value: \"status.nodeIP\": error converting fieldPath: field label not supported: status.nodeIP", f.Message);
    }

    [Fact]
    public void EnvOverriddenWithoutReference_Triggers_Warning()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS4105_EnvNamesShouldBeUnique.Id,
            """
            containers:
              - name: c
                image: i
                env:
                  - {name: A, value: "1"}
                  - {name: A, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}} # expect: DS4105 spec.template.spec.containers[0].env[1]
            """);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("Duplicate value: \"A\": hides previous definition of \"A\", which may be dropped when using apply", f.Message);
        Assert.Equal("Remove one of the entries", f.Hint);
    }
}
