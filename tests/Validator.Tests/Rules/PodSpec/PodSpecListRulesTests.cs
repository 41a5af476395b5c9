using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodSpec;

public sealed class PodSpecListRulesTests
{
    private const string Container = "containers:\n  - name: c\n    image: i\n";

    [Fact]
    public void HostAliasWithCidr_Triggers_WithFix()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1121_HostAliasesMustBeValid.Id,
            "hostAliases:\n  - ip: 10.0.0.0/8 # expect: DS1121 spec.template.spec.hostAliases[0].ip\n" + Container);
        Assert.Equal(
            "Invalid value: \"10.0.0.0/8\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            f.Message);
        Assert.Equal("Ip takes one address, not a range: write 10.0.0.0", f.Hint);
    }

    [Fact]
    public void HostAliasHostnameWithUpperCase_Triggers_WithFix()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1121_HostAliasesMustBeValid.Id,
            "hostAliases:\n  - ip: 10.0.0.1\n    hostnames:\n      - Db.Local # expect: DS1121 spec.template.spec.hostAliases[0].hostnames[0]\n" + Container);
        Assert.Equal(
            "Invalid value: \"Db.Local\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            f.Message);
        Assert.Equal("Write db.local", f.Hint);
    }

    [Fact]
    public void HostAliasesValid_DoNotTrigger() =>
        PodSpecYaml.None(RuleCatalog.DS1121_HostAliasesMustBeValid.Id, "hostAliases:\n  - ip: \"::1\"\n    hostnames: [localhost6]\n" + Container);

    [Fact]
    public void ReadinessGateWithUpperCasePrefix_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1122_ReadinessGatesMustBeValid.Id,
            "readinessGates:\n  - conditionType: Example.com/ready # expect: DS1122 spec.template.spec.readinessGates[0].conditionType\n" + Container);
        Assert.Equal(FindingKind.Invalid, f.Kind);
        Assert.StartsWith("Invalid value: \"Example.com/ready\": prefix part a lowercase RFC 1123 subdomain must consist of", f.Message);
    }

    [Fact]
    public void ReadinessGateValid_DoesNotTrigger() =>
        PodSpecYaml.None(RuleCatalog.DS1122_ReadinessGatesMustBeValid.Id, "readinessGates:\n  - conditionType: example.com/ready\n" + Container);

    [Fact]
    public void DuplicateSchedulingGate_Triggers_AtTheEntry()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1123_SchedulingGatesMustBeValid.Id,
            "schedulingGates:\n  - name: example.com/quota\n  - name: example.com/quota # expect: DS1123 spec.template.spec.schedulingGates[1]\n" + Container);
        Assert.Equal(FindingKind.Duplicate, f.Kind);
        Assert.Equal("Duplicate value: \"example.com/quota\"", f.Message);
        Assert.Equal("Remove the repeated gate", f.Hint);
    }

    [Fact]
    public void SchedulingGateWithBadName_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1123_SchedulingGatesMustBeValid.Id,
            "schedulingGates:\n  - name: a/b/c # expect: DS1123 spec.template.spec.schedulingGates[0]\n" + Container);
        Assert.Equal(
            "Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
            f.Message);
    }

    [Fact]
    public void SchedulingGatesUnique_DoNotTrigger() =>
        PodSpecYaml.None(RuleCatalog.DS1123_SchedulingGatesMustBeValid.Id, "schedulingGates:\n  - name: example.com/a\n  - name: example.com/b\n" + Container);

    [Fact]
    public void EnvFromWithoutSource_Triggers_OnTheList()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1174_EnvFromMustBeValid.Id,
            "containers:\n  - name: c\n    image: i\n    envFrom:\n      - prefix: A_ # expect: DS1174 spec.template.spec.containers[0].envFrom\n");
        Assert.Equal(FindingKind.Invalid, f.Kind);
        Assert.Equal("Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`", f.Message);
        Assert.Equal("Add configMapRef: {name: ...} or secretRef: {name: ...}", f.Hint);
    }

    [Fact]
    public void EnvFromWithBothSources_Triggers_OnTheList()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1174_EnvFromMustBeValid.Id,
            "containers:\n  - name: c\n    image: i\n    envFrom:\n      - {configMapRef: {name: a}, secretRef: {name: b}} # expect: DS1174 spec.template.spec.containers[0].envFrom\n");
        Assert.Equal("Invalid value: \"\": may not have more than one field specified at a time", f.Message);
        Assert.Equal("Split the entry in two: one with configMapRef, one with secretRef", f.Hint);
    }

    [Fact]
    public void EnvFromWithoutName_Triggers_Required()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1174_EnvFromMustBeValid.Id,
            "containers:\n  - name: c\n    image: i\n    envFrom:\n      - secretRef: {optional: true} # expect: DS1174 spec.template.spec.containers[0].envFrom[0].secretRef.name\n");
        Assert.Equal(FindingKind.Required, f.Kind);
        Assert.Equal("Required value", f.Message);
        Assert.Equal("Name the Secret whose keys become environment variables", f.Hint);
    }

    [Fact]
    public void EnvFromPrefixWithEquals_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1174_EnvFromMustBeValid.Id,
            "containers:\n  - name: c\n    image: i\n    envFrom:\n      - prefix: A= # expect: DS1174 spec.template.spec.containers[0].envFrom[0].prefix\n        configMapRef: {name: a}\n");
        Assert.Equal("Invalid value: \"A=\": a valid environment variable name must consist only of printable ASCII characters other than '='", f.Message);
    }

    [Fact]
    public void EnvFromValid_DoesNotTrigger() =>
        PodSpecYaml.None(RuleCatalog.DS1174_EnvFromMustBeValid.Id, "containers:\n  - name: c\n    image: i\n    envFrom:\n      - prefix: \"1 x\"\n        configMapRef: {name: cfg-}\n");
}
