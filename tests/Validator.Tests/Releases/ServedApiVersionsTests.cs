using DaemonLint.Releases;

namespace DaemonLint.Tests.Releases;

public sealed class ServedApiVersionsTests
{
    [Fact]
    public void EverySupportedRelease_ServesDaemonSetsOnlyAsAppsV1()
    {
        foreach (var r in KubernetesRelease.Supported)
        {
            Assert.Null(ServedApiVersions.RemovalIn("apps/v1", "DaemonSet", r));
            foreach (var old in new[] { "extensions/v1beta1", "apps/v1beta2", "apps/v1beta1" })
            {
                var removal = ServedApiVersions.RemovalIn(old, "DaemonSet", r);
                Assert.NotNull(removal);
                Assert.Equal("apps/v1", removal!.Replacement);
                Assert.Equal($"no matches for kind \"DaemonSet\" in version \"{old}\"", removal.ServerMessage);
            }
        }
    }

    [Fact]
    public void Removal_SaysWhen()
    {
        var r = KubernetesRelease.Oldest;
        Assert.Equal("removed in Kubernetes 1.16", ServedApiVersions.RemovalIn("apps/v1beta2", "DaemonSet", r)!.When);
        Assert.Equal("apps/v1beta1 never served DaemonSets", ServedApiVersions.RemovalIn("apps/v1beta1", "DaemonSet", r)!.When);
        Assert.Null(ServedApiVersions.RemovalIn("apps/v1beta2", "Deployment", r)); // not a kind the table covers
    }
}
