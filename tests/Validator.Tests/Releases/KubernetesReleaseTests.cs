using System;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Releases;

namespace DaemonLint.Tests.Releases;

public sealed class KubernetesReleaseTests
{
    [Theory]
    [InlineData("1.31", 31)]
    [InlineData("v1.31", 31)]
    [InlineData("V1.31", 31)]
    [InlineData("1.31.4", 31)]
    [InlineData(" 1.27 ", 27)]
    [InlineData("1.35.0-rc.1", 35)]
    [InlineData("v1.33.2+k3s1", 33)]
    public void Parse_AcceptsTheWaysUsersWriteARelease(string text, int minor)
    {
        Assert.True(KubernetesRelease.TryParse(text, out var r, out var error), error);
        Assert.Equal(minor, r.Minor);
        Assert.Equal("1." + minor, r.ToString());
    }

    [Theory]
    [InlineData("1.26")]
    [InlineData("1.36")]
    [InlineData("2.31")]
    public void Parse_RefusesAnUnsupportedRelease_NamingTheSupportedOnes(string text)
    {
        Assert.False(KubernetesRelease.TryParse(text, out _, out var error));
        Assert.Equal($"Kubernetes {text} is not supported: supported releases are 1.27 to 1.35 (default 1.35)", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("latest")]
    [InlineData("1")]
    [InlineData("1.x")]
    [InlineData("1.31.4.1")]
    [InlineData("v")]
    public void Parse_RefusesWhatIsNotARelease(string text)
    {
        Assert.False(KubernetesRelease.TryParse(text, out _, out var error));
        Assert.StartsWith($"invalid Kubernetes version \"{text.Trim()}\": expected a release such as 1.32", error);
        Assert.Throws<FormatException>(() => KubernetesRelease.Parse(text));
    }

    [Fact]
    public void Default_IsTheNewestReleaseWithData()
    {
        Assert.Equal(KubernetesRelease.Newest, KubernetesRelease.Default);
        Assert.Equal("1.35", KubernetesRelease.Default.ToString());
        Assert.Equal(KubernetesRelease.Default, default(KubernetesRelease));
        Assert.Equal(KubernetesRelease.Default, new ValidatorOptions().KubernetesVersion);
        Assert.Equal(Enumerable.Range(27, 9), KubernetesRelease.Supported.Select(r => r.Minor));
    }
}
