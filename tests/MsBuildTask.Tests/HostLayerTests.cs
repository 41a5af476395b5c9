using System;
using System.IO;
using System.Linq;

namespace DaemonLint.MsBuild.Tests;

/// <summary>The task on the host layer: .daemonlint.yaml, the cluster-setting properties, Helm templates, like the CLI.</summary>
public sealed class HostLayerTests : IDisposable
{
    private readonly TempProject project = new();

    public void Dispose() => this.project.Dispose();

    [Fact]
    public void DaemonlintYaml_IgnoreEntries_AndUnusedOnes_AreHonoured()
    {
        this.project.Write(".daemonlint.yaml", "ignore:\n  - rules: [DS1002]\n    paths: [\"vendor/**\"]\n  - rules: [DS1009]\n");
        var vendor = this.project.Write("vendor/ds.yaml", Manifests.NoSelector);
        var own = this.project.Write("deploy/ds.yaml", Manifests.NoSelector);
        var (task, engine) = this.project.Task(this.project.Item("vendor/ds.yaml"), this.project.Item("deploy/ds.yaml"));

        Assert.False(task.Execute(), engine.Log);
        Assert.Equal(("DS1002", own), (Assert.Single(engine.Errors).Code, engine.Errors[0].File));
        Assert.DoesNotContain(engine.Errors, e => e.File == vendor);
        var unused = Assert.Single(engine.Messages, m => m.Code == "DS9010");
        Assert.Equal((Path.Combine(this.project.Root, ".daemonlint.yaml"), 4), (unused.File, unused.Line));
    }

    [Fact]
    public void ClusterSettings_ComeFromThePropertiesOverTheFile()
    {
        var privileged = Manifests.Valid.Replace("image: fluentd:1.16", "image: fluentd:1.16\n          securityContext:\n            privileged: true");
        Assert.Contains("privileged: true", privileged);
        this.project.Write(".daemonlint.yaml", "disallowPrivileged: true\n");
        this.project.Write("deploy/ds.yaml", privileged);

        var (fromFile, fileEngine) = this.project.Task(this.project.Item("deploy/ds.yaml"));
        var (overridden, overriddenEngine) = this.project.Task(this.project.Item("deploy/ds.yaml"));
        overridden.DisallowPrivileged = "false";

        Assert.False(fromFile.Execute(), fileEngine.Log);
        Assert.Equal("DS1320", Assert.Single(fileEngine.Errors).Code);
        Assert.True(overridden.Execute(), overriddenEngine.Log);
    }

    [Theory]
    [InlineData("DisallowPrivileged", "yes")]
    [InlineData("UserNamespaces", "1")]
    [InlineData("Namespace", "Kube_System")]
    public void BadClusterProperty_IsAConfigurationError(string property, string value)
    {
        this.project.Write("deploy/ds.yaml", Manifests.Valid);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml"));
        typeof(ValidateKubernetesManifests).GetProperty(property)!.SetValue(task, value);

        Assert.False(task.Execute(), engine.Log);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("DS9009", error.Code);
        Assert.Contains("DaemonLint" + property, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_MatchesBaselineObjectsWithoutOne()
    {
        this.project.Write("prior/ds.yaml", Manifests.Valid.Replace("  name: fluentd", "  name: fluentd\n  namespace: kube-system"));
        this.project.Write("deploy/ds.yaml", Manifests.ChangedSelector);
        var (asDefault, defaultEngine) = this.project.Task(this.project.Item("deploy/ds.yaml", ("Baseline", "prior")));
        var (inKubeSystem, kubeSystemEngine) = this.project.Task(this.project.Item("deploy/ds.yaml", ("Baseline", "prior")));
        inKubeSystem.Namespace = "kube-system";

        Assert.True(asDefault.Execute(), defaultEngine.Log);
        Assert.Contains(defaultEngine.Messages, m => m.Message.Contains("names no namespace", StringComparison.Ordinal));
        Assert.False(inKubeSystem.Execute(), kubeSystemEngine.Log);
        Assert.Equal("DS1005", Assert.Single(kubeSystemEngine.Errors).Code);
    }

    [Fact]
    public void HelmChartTemplates_AreSkippedWithOneMessage()
    {
        this.project.Write("charts/agent/Chart.yaml", "apiVersion: v2\nname: agent\nversion: 0.1.0\n");
        this.project.Write("charts/agent/templates/ds.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n");
        this.project.Write("charts/agent/templates/other.yaml", "kind: DaemonSet\n{{ end }}\n");
        var (task, engine) = this.project.Task(this.project.Item("charts/agent/templates/ds.yaml"), this.project.Item("charts/agent/templates/other.yaml"));

        Assert.True(task.Execute(), engine.Log);
        Assert.Empty(engine.Errors);
        Assert.Single(engine.Messages, m => m.Message.Contains("Helm chart", StringComparison.Ordinal));
    }
}
