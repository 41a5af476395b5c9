using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1371: CSI inline volumes (validateCSIVolumeSource).</summary>
internal sealed class DS1371CsiVolumeMustBeValid : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1371CsiVolumeMustBeValid"/> class.</summary>
    public DS1371CsiVolumeMustBeValid()
        : base(RuleCatalog.DS1371_CsiVolumeMustBeValid)
    {
    }
}
