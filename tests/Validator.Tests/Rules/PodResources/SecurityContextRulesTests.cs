using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodResources;

public sealed class PrivilegedDisallowedByPolicyTests
{
    private const string Privileged =
        """
        containers:
          - name: c
            image: i
            securityContext:
              privileged: true # expect: DS1320 spec.template.spec.containers[0].securityContext.privileged
        """;

    [Fact]
    public void Privileged_Triggers_WhenClusterDisallowsIt()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(Privileged), options: new ValidatorOptions { AllowPrivileged = false });
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1320_PrivilegedDisallowedByPolicy.Id);
        Assert.Equal("Forbidden: disallowed by cluster policy", f.Message);
        Assert.Equal("This cluster does not allow privileged containers; remove privileged: true and add only the capabilities the container needs", f.Hint);
    }

    [Fact]
    public void Privileged_DoesNotTrigger_ByDefault()
    {
        var findings = new ManifestValidator().ValidateText("x.yaml", PodTemplate.Ds(Privileged)).Findings;
        Assert.DoesNotContain(findings, f => f.RuleId == RuleCatalog.DS1320_PrivilegedDisallowedByPolicy.Id);
    }
}

public sealed class AllowPrivilegeEscalationConflictTests
{
    [Fact]
    public void NoEscalationButPrivileged_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                securityContext: {allowPrivilegeEscalation: false, privileged: true} # expect: DS1321 spec.template.spec.containers[0].securityContext
            """));
        Assert.Equal(
            "Invalid value: {allowPrivilegeEscalation: false, privileged: true}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            findings.Single(x => x.RuleId == RuleCatalog.DS1321_AllowPrivilegeEscalationConflict.Id).Message);
        Assert.Equal("A privileged container can always escalate: remove allowPrivilegeEscalation: false or privileged: true", findings.Single(x => x.RuleId == RuleCatalog.DS1321_AllowPrivilegeEscalationConflict.Id).Hint);
    }
}

public sealed class UserAndGroupIdsMustBeInRangeTests
{
    [Fact]
    public void NegativeUser_Triggers_WithTheServersMaximum()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            securityContext:
              runAsUser: -1 # expect: DS1322 spec.template.spec.securityContext.runAsUser
            containers: [{name: c, image: i}]
            """));
        Assert.Equal(
            "Invalid value: -1: must be between 0 and 2147483647, inclusive",
            findings.Single(x => x.RuleId == RuleCatalog.DS1322_UserAndGroupIdsMustBeInRange.Id).Message);
        Assert.Equal("IDs are non-negative: omit the field to leave it unset, or use 0 for root", findings.Single(x => x.RuleId == RuleCatalog.DS1322_UserAndGroupIdsMustBeInRange.Id).Hint);
    }
}

public sealed class SeccompProfileMustBeValidTests
{
    [Fact]
    public void MissingType_Triggers_Required()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            securityContext:
              seccompProfile: {} # expect: DS1323 spec.template.spec.securityContext.seccompProfile.type
            containers: [{name: c, image: i}]
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1323_SeccompProfileMustBeValid.Id);
        Assert.Equal("Required value: type is required when seccompProfile is set", f.Message);
        Assert.Equal("Set type: RuntimeDefault (or Localhost with a localhostProfile, or Unconfined)", f.Hint);
        Assert.Equal(FindingKind.Required, f.Kind);
    }

    [Fact]
    public void LocalhostProfileWithRuntimeDefault_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                securityContext:
                  seccompProfile:
                    type: RuntimeDefault
                    localhostProfile: my.json # expect: DS1323 spec.template.spec.containers[0].securityContext.seccompProfile.localhostProfile
            """));
        Assert.Equal(
            "Invalid value: {type: \"RuntimeDefault\", localhostProfile: \"my.json\"}: can only be set when seccomp type is Localhost",
            findings.Single(x => x.RuleId == RuleCatalog.DS1323_SeccompProfileMustBeValid.Id).Message);
        Assert.Equal("Remove localhostProfile or set type: Localhost", findings.Single(x => x.RuleId == RuleCatalog.DS1323_SeccompProfileMustBeValid.Id).Hint);
    }
}
