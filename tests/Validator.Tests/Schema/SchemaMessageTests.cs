using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Schema;

/// <summary>The full message of each DS2xxx id, asserted once.</summary>
public sealed class SchemaMessageTests
{
    [Fact]
    public void DS2001_UnknownField_ServerWordsAndDidYouMean()
    {
        var f = Single(
            RuleCatalog.DS2001_UnknownField.Id,
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  containers:
                    - name: c
                      image: i
                      imagePullPolice: Always # expect: DS2001 spec.template.spec.containers[0].imagePullPolice
            """);
        Assert.Equal(
            "Forbidden: strict decoding error: unknown field \"spec.template.spec.containers[0].imagePullPolice\"",
            f.Message);
        Assert.Equal("Did you mean \"imagePullPolicy\"?", f.Hint);
        Assert.Equal(FindingKind.Forbidden, f.Kind);
        Assert.Equal(Severity.Error, f.Severity);
    }

    [Fact]
    public void DS2001_TemplateGeneration_ExplainsTheRemoval()
    {
        var f = Single(
            RuleCatalog.DS2001_UnknownField.Id,
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              templateGeneration: 1 # expect: DS2001 spec.templateGeneration
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec: {containers: [{name: c, image: i}]}
            """);
        Assert.Equal(
            "Forbidden: strict decoding error: unknown field \"spec.templateGeneration\"",
            f.Message);
        Assert.Equal("Removed in apps/v1; the value lives in the annotation deprecated.daemonset.template.generation, which the server maintains: delete the field", f.Hint);
    }

    [Fact]
    public void DS2002_WrongType_SaysWhatWasExpected()
    {
        var f = Single(
            RuleCatalog.DS2002_WrongType.Id,
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  containers:
                    - name: c
                      image: i
                      ports:
                        - containerPort: "8080" # expect: DS2002 spec.template.spec.containers[0].ports[0].containerPort
            """);
        Assert.Equal(
            "Invalid value: \"8080\": json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32",
            f.Message);
        Assert.Equal("A quoted number is a string; remove the quotes: 8080", f.Hint);
        Assert.Equal(FindingKind.Invalid, f.Kind);
    }

    [Fact]
    public void DS2002_OutOfRange_NamesTheRange()
    {
        var f = Single(
            RuleCatalog.DS2002_WrongType.Id,
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              minReadySeconds: 3000000000 # expect: DS2002 spec.minReadySeconds
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec: {containers: [{name: c, image: i}]}
            """);
        Assert.Equal(
            "Invalid value: 3000000000: json: cannot unmarshal number 3000000000 into Go struct field DaemonSetSpec.spec.minReadySeconds of type int32",
            f.Message);
        Assert.Equal("Int32 fields take -2147483648 to 2147483647", f.Hint);
    }

    [Fact]
    public void DS2003_YamlBoolean_ExplainsYaml11()
    {
        var f = Single(
            RuleCatalog.DS2003_YamlBooleanForString.Id,
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: ds
              labels:
                enabled: yes # expect: DS2003 metadata.labels[enabled]
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec: {containers: [{name: c, image: i}]}
            """);
        Assert.Equal(
            "Invalid value: yes: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string",
            f.Message);
        Assert.Equal("The unquoted yes is a boolean in YAML 1.1 (it reaches the server as true); quote it: \"yes\"", f.Hint);
        Assert.Equal(6, f.Span.Start.Line);
        Assert.Equal(14, f.Span.Start.Column);
    }

    [Fact]
    public void DS2004_YamlNumber_ShowsWhatTheNumberBecame()
    {
        var f = Single(
            RuleCatalog.DS2004_YamlNumberForString.Id,
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: ds
              labels:
                version: 1.10 # expect: DS2004 metadata.labels[version]
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec: {containers: [{name: c, image: i}]}
            """);
        Assert.Equal(
            "Invalid value: 1.10: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
            f.Message);
        Assert.Equal("The unquoted 1.10 is the number 1.1 in YAML; quote it: \"1.10\"", f.Hint);
    }

    [Fact]
    public void DS2004_Octal_ShowsTheDecimalValue()
    {
        var f = Single(
            RuleCatalog.DS2004_YamlNumberForString.Id,
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  containers:
                    - name: c
                      image: i
                      env:
                        - {name: UMASK, value: 0640} # expect: DS2004 spec.template.spec.containers[0].env[0].value
            """);
        Assert.Equal(
            "Invalid value: 0640: json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string",
            f.Message);
        Assert.Equal("The unquoted 0640 is the octal number 416 in YAML 1.1; quote it: \"0640\"", f.Hint);
    }

    [Fact]
    public void DS2005_Quantity_UpstreamMessageAndUnitHint()
    {
        var f = Single(
            RuleCatalog.DS2005_QuantityMustParse.Id,
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  containers:
                    - name: c
                      image: i
                      resources:
                        limits: {memory: 512MB} # expect: DS2005 spec.template.spec.containers[0].resources.limits[memory]
            """);
        Assert.Equal(
            "Invalid value: \"512MB\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            f.Message);
        Assert.Equal("Suffixes are case-sensitive and have no B: Ki, Mi, Gi (powers of 2) or k, M, G (powers of 10), e.g. 128Mi", f.Hint);
    }

    [Fact]
    public void Catalog_HasEverySchemaId()
    {
        var ids = RuleCatalog.All.Where(d => d.Category == RuleCategory.Schema).Select(d => d.Id).ToArray();
        Assert.Equal(new[] { "DS2001", "DS2002", "DS2003", "DS2004", "DS2005" }, ids);
        Assert.All(RuleCatalog.All.Where(d => d.Category == RuleCategory.Schema), d => Assert.Equal(Severity.Error, d.DefaultSeverity));
    }

    private static Finding Single(string ruleId, string yaml) =>
        FixtureVerifier.VerifyText(yaml, ruleId: ruleId).Single(x => x.RuleId == ruleId);
}
