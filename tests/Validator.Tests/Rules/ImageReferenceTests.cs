using DaemonLint.Releases;
using DaemonLint.Rules.Support;

namespace DaemonLint.Tests.Rules;

/// <summary>
/// The pull policy defaulting gives an image: every row was answered by the v1.31.1 and v1.32.2 oracles (an update whose
/// only change spells out <c>imagePullPolicy: Always</c> is a template change exactly when the default is IfNotPresent).
/// </summary>
public sealed class ImageReferenceTests
{
    private const string Hex = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    [Theory]
    [InlineData("busybox", "Always")]
    [InlineData("busybox:latest", "Always")]
    [InlineData("busybox:1.36", "IfNotPresent")]
    [InlineData("busybox:LATEST", "IfNotPresent")]
    [InlineData("busybox:", "IfNotPresent")]
    [InlineData("Busybox", "IfNotPresent")]
    [InlineData("FOO", "IfNotPresent")]
    [InlineData("Foo/bar", "Always")] // an upper-case first component is a registry
    [InlineData("foo/Bar", "IfNotPresent")]
    [InlineData("example.com/Foo", "IfNotPresent")]
    [InlineData("", "IfNotPresent")]
    [InlineData(" busybox", "IfNotPresent")]
    [InlineData("foo bar", "IfNotPresent")]
    [InlineData("ä/b", "IfNotPresent")]
    [InlineData("localhost:5000/x", "Always")]
    [InlineData("localhost/foo", "Always")]
    [InlineData("LOCALHOST/foo", "Always")]
    [InlineData("Foo:5000/bar", "Always")]
    [InlineData("[::1]:5000/x", "Always")]
    [InlineData("[::1]/x", "Always")]
    [InlineData("foo.bar/baz", "Always")]
    [InlineData("a-b/c", "Always")]
    [InlineData("-a/b", "IfNotPresent")]
    [InlineData("a./b", "IfNotPresent")]
    [InlineData("my_image", "Always")]
    [InlineData("my__image", "Always")]
    [InlineData("my___image", "IfNotPresent")]
    [InlineData("docker.io/busybox", "Always")]
    [InlineData("index.docker.io/busybox:latest", "Always")]
    [InlineData("foo/bar:latest", "Always")]
    [InlineData("a/b/c/d:latest", "Always")]
    [InlineData("a:b", "IfNotPresent")]
    [InlineData("a:b:c", "IfNotPresent")]
    [InlineData(Hex, "IfNotPresent")] // an image ID
    [InlineData("busybox@sha256:" + Hex, "IfNotPresent")] // a digest and no tag
    [InlineData("busybox:latest@sha256:" + Hex, "Always")]
    [InlineData("busybox:latest@sha256:abc", "IfNotPresent")] // the digest does not parse
    [InlineData("busybox:latest@sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "IfNotPresent")]
    [InlineData("busybox:latest@md5:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "IfNotPresent")]
    [InlineData("busybox:latest@sha384:" + Hex + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Always")]
    [InlineData("busybox:latest@sha512:" + Hex + Hex, "Always")]
    public void DefaultPullPolicy_IsTheApiServers(string image, string policy)
    {
        Assert.Equal(policy, ImageReference.DefaultPullPolicy(image, KubernetesRelease.Parse("1.31")));
        Assert.Equal(policy, ImageReference.DefaultPullPolicy(image, KubernetesRelease.Parse("1.32")));
    }

    [Fact]
    public void TheLengthLimit_CountsTheRegistryUpTo131_ThePathFrom132()
    {
        // 240 characters become docker.io/library/ + 240 = 258 characters (path library/ + 240 = 248).
        var name = new string('x', 240);
        Assert.Equal("IfNotPresent", ImageReference.DefaultPullPolicy(name, KubernetesRelease.Parse("1.31")));
        Assert.Equal("Always", ImageReference.DefaultPullPolicy(name, KubernetesRelease.Parse("1.32")));
        Assert.Equal("Always", ImageReference.DefaultPullPolicy(new string('x', 237), KubernetesRelease.Parse("1.31")));
    }

    [Fact]
    public void AHugeReference_IsParsedInOnePass()
    {
        var huge = new string('a', 2_000_000) + ":latest";
        Assert.Equal("IfNotPresent", ImageReference.DefaultPullPolicy(huge, KubernetesRelease.Parse("1.32")));
        Assert.Equal("IfNotPresent", ImageReference.DefaultPullPolicy("a" + new string('_', 1_000_000) + "b", KubernetesRelease.Parse("1.32")));
    }
}
