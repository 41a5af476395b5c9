using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1360: volume names are required, DNS labels and unique.</summary>
internal sealed class DS1360VolumeNameMustBeValid : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1360VolumeNameMustBeValid"/> class.</summary>
    public DS1360VolumeNameMustBeValid()
        : base(RuleCatalog.DS1360_VolumeNameMustBeValid)
    {
    }
}
