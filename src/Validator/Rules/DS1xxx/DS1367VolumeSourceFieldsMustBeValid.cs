using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1367: required fields and local paths of common volume sources.</summary>
internal sealed class DS1367VolumeSourceFieldsMustBeValid : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1367VolumeSourceFieldsMustBeValid"/> class.</summary>
    public DS1367VolumeSourceFieldsMustBeValid()
        : base(RuleCatalog.DS1367_VolumeSourceFieldsMustBeValid)
    {
    }
}
