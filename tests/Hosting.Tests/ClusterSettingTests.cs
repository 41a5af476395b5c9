using System.Collections.Generic;
using DaemonLint.Releases;

namespace DaemonLint.Hosting.Tests;

/// <summary>The release and feature gates as MSBuild properties and analyzer options give them, and their layering.</summary>
public sealed class ClusterSettingTests
{
    [Fact]
    public void Properties_GiveTheReleaseAndGates()
    {
        var props = new Dictionary<string, string> { ["DaemonLintKubernetesVersion"] = " 1.31 ", ["DaemonLintFeatureGates"] = "RelaxedEnvironmentVariableValidation=true, ImageVolume=false" };

        var cluster = ClusterSetting.FromProperties(n => props.TryGetValue(n, out var v) ? v : null, out var error);

        Assert.Null(error);
        Assert.Equal(KubernetesRelease.Parse("1.31"), cluster!.KubernetesVersion);
        Assert.Equal(new[] { new KeyValuePair<string, bool>("RelaxedEnvironmentVariableValidation", true), new KeyValuePair<string, bool>("ImageVolume", false) }, cluster.FeatureGates);
        Assert.True(cluster.ApplyTo(new Engine.ValidatorOptions()).TryResolveGates(out var gates, out _));
        Assert.True(gates.Enabled(FeatureGate.RelaxedEnvironmentVariableValidation));
    }

    [Theory]
    [InlineData("DaemonLintKubernetesVersion", "2.0", "DaemonLintKubernetesVersion: Kubernetes 2.0 is not supported")]
    [InlineData("DaemonLintFeatureGates", "ImageVolume=yes", "DaemonLintFeatureGates: invalid value of ImageVolume=yes")]
    [InlineData("DaemonLintFeatureGates", "Bogus=true", "DaemonLintFeatureGates: unrecognized feature gate: Bogus")]
    public void BadProperty_IsAnError(string name, string value, string message)
    {
        var cluster = ClusterSetting.FromProperties(n => n == name ? value : null, out var error);

        Assert.Null(cluster);
        Assert.StartsWith(message, error);
    }

    [Fact]
    public void Host_WinsOverTheFile_ForTheRelease_AndGatesAddUp_TheHostsLast()
    {
        var file = new ClusterOptions { KubernetesVersion = KubernetesRelease.Parse("1.31"), FeatureGates = new[] { new KeyValuePair<string, bool>("ImageVolume", true), new KeyValuePair<string, bool>("RelaxedEnvironmentVariableValidation", true) } };
        var host = new ClusterOptions { KubernetesVersion = KubernetesRelease.Parse("1.32"), FeatureGates = new[] { new KeyValuePair<string, bool>("RelaxedEnvironmentVariableValidation", false) } };

        var layered = host.Over(file);
        Assert.True(layered.ApplyTo(new Engine.ValidatorOptions()).TryResolveGates(out var gates, out _));

        Assert.Equal(KubernetesRelease.Parse("1.32"), gates.Release);
        Assert.True(gates.Enabled(FeatureGate.ImageVolume));
        Assert.False(gates.Enabled(FeatureGate.RelaxedEnvironmentVariableValidation));
        Assert.Equal(KubernetesRelease.Parse("1.31"), ClusterOptions.None.Over(file).KubernetesVersion);
    }
}
