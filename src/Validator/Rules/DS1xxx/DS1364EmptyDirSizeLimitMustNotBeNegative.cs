using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1364: emptyDir.sizeLimit not negative.</summary>
internal sealed class DS1364EmptyDirSizeLimitMustNotBeNegative : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1364EmptyDirSizeLimitMustNotBeNegative"/> class.</summary>
    public DS1364EmptyDirSizeLimitMustNotBeNegative()
        : base(RuleCatalog.DS1364_EmptyDirSizeLimitMustNotBeNegative)
    {
    }
}
