using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1369: the selectors of downwardAPI volume files and projected downwardAPI sources.</summary>
internal sealed class DS1369DownwardApiVolumeFileMustSelectSupportedField : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1369DownwardApiVolumeFileMustSelectSupportedField"/> class.</summary>
    public DS1369DownwardApiVolumeFileMustSelectSupportedField()
        : base(RuleCatalog.DS1369_DownwardApiVolumeFileMustSelectSupportedField)
    {
    }
}
