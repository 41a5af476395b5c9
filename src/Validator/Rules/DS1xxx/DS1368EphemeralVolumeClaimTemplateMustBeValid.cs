using DaemonLint.Catalog;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1368: an ephemeral volume's claim template (validateEphemeralVolumeSource / ValidatePersistentVolumeClaimTemplate).</summary>
internal sealed class DS1368EphemeralVolumeClaimTemplateMustBeValid : VolumeIssueRule
{
    /// <summary>Initializes a new instance of the <see cref="DS1368EphemeralVolumeClaimTemplateMustBeValid"/> class.</summary>
    public DS1368EphemeralVolumeClaimTemplateMustBeValid()
        : base(RuleCatalog.DS1368_EphemeralVolumeClaimTemplateMustBeValid)
    {
    }
}
