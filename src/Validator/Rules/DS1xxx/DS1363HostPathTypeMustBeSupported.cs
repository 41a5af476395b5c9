using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1363: hostPath.type supported.</summary>
internal sealed class DS1363HostPathTypeMustBeSupported : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1363HostPathTypeMustBeSupported"/> class.</summary>
    public DS1363HostPathTypeMustBeSupported()
        : base(RuleCatalog.DS1363_HostPathTypeMustBeSupported)
    {
    }
}
