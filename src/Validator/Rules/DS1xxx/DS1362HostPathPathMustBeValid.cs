using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1362: hostPath.path required, without '..'.</summary>
internal sealed class DS1362HostPathPathMustBeValid : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1362HostPathPathMustBeValid"/> class.</summary>
    public DS1362HostPathPathMustBeValid()
        : base(RuleCatalog.DS1362_HostPathPathMustBeValid)
    {
    }
}
