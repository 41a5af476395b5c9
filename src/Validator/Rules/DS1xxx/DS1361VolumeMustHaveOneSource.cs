using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1361: one source per volume.</summary>
internal sealed class DS1361VolumeMustHaveOneSource : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1361VolumeMustHaveOneSource"/> class.</summary>
    public DS1361VolumeMustHaveOneSource()
        : base(RuleCatalog.DS1361_VolumeMustHaveOneSource)
    {
    }
}
