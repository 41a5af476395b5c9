using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Releases;
using DaemonLint.Schema;

namespace DaemonLint.Tests.Schema;

/// <summary>The schema of each release: one merged document, compiled per release; fields of other releases named as such.</summary>
public sealed class SchemaReleaseTests
{
    private static KubernetesRelease R(string text) => KubernetesRelease.Parse(text);

    [Fact]
    public void EveryRelease_HasItsSchema_CompiledOnce()
    {
        foreach (var r in KubernetesRelease.Supported)
        {
            var set = SchemaSet.For(r);
            Assert.Same(set, SchemaSet.For(r));
            Assert.Equal(r, set.Release);
            Assert.NotNull(set.ForKind("apps/v1", "DaemonSet"));
        }

        Assert.Same(SchemaSet.For(KubernetesRelease.Default), SchemaSet.Kubernetes);
    }

    [Theory]
    [InlineData("io.k8s.api.core.v1.Lifecycle", "stopSignal", "1.33-1.35")]
    [InlineData("io.k8s.api.core.v1.Container", "restartPolicy", "1.28-1.35")]
    [InlineData("io.k8s.api.core.v1.Container", "restartPolicyRules", "1.34-1.35")]
    [InlineData("io.k8s.api.core.v1.LifecycleHandler", "sleep", "1.29-1.35")]
    [InlineData("io.k8s.api.core.v1.PodSpec", "resources", "1.32-1.35")]
    [InlineData("io.k8s.api.core.v1.PodSpec", "workloadRef", "1.35")]
    [InlineData("io.k8s.api.core.v1.Volume", "image", "1.31-1.35")]
    [InlineData("io.k8s.api.core.v1.PodResourceClaim", "source", "1.27-1.30")]
    [InlineData("io.k8s.api.core.v1.PodResourceClaim", "resourceClaimName", "1.31-1.35")]
    public void AProperty_ExistsInItsReleasesOnly(string definition, string property, string releases)
    {
        Assert.True(ReleaseSet.TryParse(releases, out var expected));
        foreach (var r in KubernetesRelease.Supported)
        {
            var def = SchemaSet.For(r).Definition(definition);
            Assert.NotNull(def);
            if (expected.Contains(r))
            {
                Assert.True(def!.TryGetProperty(property, out _), $"{definition}.{property} should exist in {r}");
                Assert.False(def.OtherReleases.ContainsKey(property));
            }
            else
            {
                Assert.False(def!.TryGetProperty(property, out _), $"{definition}.{property} should not exist in {r}");
                Assert.Equal(expected, def.OtherReleases[property]);
            }
        }
    }

    [Fact]
    public void AChangedType_IsTheVariantOfTheRelease()
    {
        // The ephemeral volume claim template's resources: ResourceRequirements (with claims) to 1.28, VolumeResourceRequirements after.
        Assert.True(SchemaSet.For(R("1.28")).Definition("io.k8s.api.core.v1.PersistentVolumeClaimSpec")!.TryGetProperty("resources", out var old));
        Assert.Equal("io.k8s.api.core.v1.ResourceRequirements", old.Definition);
        Assert.True(SchemaSet.For(R("1.29")).Definition("io.k8s.api.core.v1.PersistentVolumeClaimSpec")!.TryGetProperty("resources", out var current));
        Assert.Equal("io.k8s.api.core.v1.VolumeResourceRequirements", current.Definition);
        Assert.False(current.TryGetProperty("claims", out _));
    }

    [Fact]
    public void AFieldAddedLater_SaysWhichReleaseAddedIt()
    {
        var f = Single("1.32", "containers: [{name: c, image: i, lifecycle: {stopSignal: SIGTERM}}]", "DS2001");
        Assert.Equal("spec.template.spec.containers[0].lifecycle.stopSignal", f.Path!.ToString());
        Assert.Equal(
            "Forbidden: strict decoding error: unknown field \"spec.template.spec.containers[0].lifecycle.stopSignal\". `lifecycle.stopSignal` is not known to Kubernetes 1.32; it was added in 1.33",
            f.Message);
    }

    [Fact]
    public void AFieldRemovedLater_SaysWhichReleaseRemovedIt()
    {
        var f = Single("1.31", "resourceClaims: [{name: r, source: {resourceClaimName: x}}]\ncontainers: [{name: c, image: i}]", "DS2001");
        Assert.Equal("Forbidden: strict decoding error: unknown field \"spec.template.spec.resourceClaims[0].source\". `resourceClaims.source` is not known to Kubernetes 1.31; it was removed in 1.31", f.Message);
    }

    [Fact]
    public void AFieldOfNoRelease_StillGetsASpellingSuggestion()
    {
        var f = Single("1.32", "containers: [{name: c, image: i, imagePullPolice: Always}]", "DS2001");
        Assert.DoesNotContain("Kubernetes", f.Message);
    }

    [Fact]
    public void TheDefaultRelease_KnowsTheNewestFields()
    {
        var report = new ManifestValidator().ValidateText("ds.yaml", Releases.DroppedFieldTests.Text("workloadRef: {name: w}\ncontainers: [{name: c, image: i, lifecycle: {stopSignal: SIGTERM}}]"));
        Assert.DoesNotContain(report.Findings, f => f.RuleId.StartsWith("DS2", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_CompilesAnAnnotatedDocument_ForARelease()
    {
        const string Doc = """
            {"definitions": {"x.v1.Thing": {
              "type": "object", "additionalProperties": false,
              "x-kubernetes-group-version-kind": [{"group": "x", "version": "v1", "kind": "Thing"}],
              "properties": {
                "mode": {"type": "string", "enum": ["A", "B", "C"], "x-daemonlint-enum-releases": {"C": "1.33-1.35"}},
                "gap": {"type": "string", "x-daemonlint-releases": "1.30,1.32"},
                "size": {"anyOf": [{"type": "string", "x-daemonlint-releases": "1.27-1.29"}, {"type": "integer", "format": "int32", "x-daemonlint-releases": "1.30-1.35"}]}
              }}}}
            """;
        var s131 = SchemaSet.Parse(Doc, R("1.31")).ForKind("x/v1", "Thing")!;
        Assert.True(s131.TryGetProperty("mode", out var mode));
        Assert.Equal(new[] { "A", "B" }, mode.Enum);
        Assert.False(s131.TryGetProperty("gap", out _));
        Assert.Equal("it exists in 1.30, 1.32", s131.OtherReleases["gap"].Describe(R("1.31")));
        Assert.True(s131.TryGetProperty("size", out var size));
        Assert.Equal(SchemaKind.Integer, size.Kind);
        Assert.True(SchemaSet.Parse(Doc, R("1.28")).ForKind("x/v1", "Thing")!.TryGetProperty("size", out var oldSize));
        Assert.Equal(SchemaKind.String, oldSize.Kind);
        Assert.True(SchemaSet.Parse(Doc, R("1.35")).ForKind("x/v1", "Thing")!.TryGetProperty("mode", out var newMode));
        Assert.Equal(new[] { "A", "B", "C" }, newMode.Enum);
    }

    [Fact]
    public void ReleaseSet_ParsesAndPrintsRanges()
    {
        Assert.True(ReleaseSet.TryParse("1.27-1.28,1.30, 1.33-1.35", out var set));
        Assert.Equal("1.27-1.28,1.30,1.33-1.35", set.ToString());
        Assert.True(set.Contains(R("1.30")));
        Assert.False(set.Contains(R("1.31")));
        Assert.Equal("1.27", set.First.ToString());
        Assert.Equal("1.35", set.Last.ToString());
        Assert.Equal("1.27-1.35", ReleaseSet.All.ToString());
        Assert.False(ReleaseSet.TryParse("1.30-1.28", out _));
        Assert.False(ReleaseSet.TryParse("1.26", out _));
        Assert.False(ReleaseSet.TryParse(string.Empty, out _));
        Assert.True(ReleaseSet.TryParse("1.33-1.35", out var later));
        Assert.Equal("it was added in 1.33", later.Describe(R("1.31")));
        Assert.True(ReleaseSet.TryParse("1.27-1.30", out var earlier));
        Assert.Equal("it was removed in 1.31", earlier.Describe(R("1.34")));
    }

    private static DaemonLint.Model.Finding Single(string release, string podSpec, string ruleId)
    {
        var report = new ManifestValidator(new ValidatorOptions { KubernetesVersion = R(release) }).ValidateText("ds.yaml", Releases.DroppedFieldTests.Text(podSpec));
        return Assert.Single(report.Findings, f => f.RuleId == ruleId);
    }
}
