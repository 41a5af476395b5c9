using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodSpec;

public sealed class TemplateRulesTests
{
    [Fact]
    public void InvalidTemplateLabelValue_Triggers_AtInternalPath()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1101_TemplateLabelsMustBeValid.Id,
            """
            containers: [{name: c, image: i}]
            """,
            "  tier: \"back end\" # expect: DS1101 spec.template.labels");
        Assert.Equal("spec.template.labels", f.Path?.ToString());
        Assert.Equal("spec.template.metadata.labels[tier]", f.LocationPath?.ToString());
        Assert.StartsWith("Invalid value: \"back end\": a valid label must be an empty string or consist of alphanumeric characters", f.Message);
    }

    [Fact]
    public void InvalidTemplateAnnotationKey_Triggers_AtInternalPath()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1102_TemplateAnnotationsMustBeValid.Id,
            """
            containers: [{name: c, image: i}]
            """,
            "annotations:\n  \"a b\": x # expect: DS1102 spec.template.annotations");
        Assert.Equal(
            "Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            f.Message);
    }

    [Fact]
    public void EphemeralContainers_Triggers_Forbidden()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1103_EphemeralContainersNotAllowedInTemplate.Id,
            """
            containers: [{name: c, image: i}]
            ephemeralContainers: [{name: d, image: i}] # expect: DS1103 spec.template.spec.ephemeralContainers
            """);
        Assert.Equal(FindingKind.Forbidden, f.Kind);
        Assert.Equal(
            "Forbidden: ephemeral containers not allowed in pod template",
            f.Message);
        Assert.Equal("Ephemeral containers are added to running pods with kubectl debug; move these to containers or initContainers, or remove them", f.Hint);
    }

    [Fact]
    public void EmptyEphemeralContainers_DoesNotTrigger() =>
        PodSpecYaml.None(RuleCatalog.DS1103_EphemeralContainersNotAllowedInTemplate.Id, "containers: [{name: c, image: i}]\nephemeralContainers: []");
}
