using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1365: defaultMode and mode within 0-0777.</summary>
internal sealed class DS1365FileModeMustBeInRange : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1365FileModeMustBeInRange"/> class.</summary>
    public DS1365FileModeMustBeInRange()
        : base(RuleCatalog.DS1365_FileModeMustBeInRange)
    {
    }
}
