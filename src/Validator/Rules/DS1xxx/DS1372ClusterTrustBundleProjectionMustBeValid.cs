using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1372: the clusterTrustBundle sources of projected volumes (<see cref="ClusterTrustBundles"/>).</summary>
internal sealed class DS1372ClusterTrustBundleProjectionMustBeValid : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1372ClusterTrustBundleProjectionMustBeValid"/> class.</summary>
    public DS1372ClusterTrustBundleProjectionMustBeValid()
        : base(RuleCatalog.DS1372_ClusterTrustBundleProjectionMustBeValid)
    {
    }
}
