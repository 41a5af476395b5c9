using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1370: the in-tree storage plugin volume sources.</summary>
internal sealed class DS1370StorageVolumeSourceMustBeValid : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1370StorageVolumeSourceMustBeValid"/> class.</summary>
    public DS1370StorageVolumeSourceMustBeValid()
        : base(RuleCatalog.DS1370_StorageVolumeSourceMustBeValid)
    {
    }
}
