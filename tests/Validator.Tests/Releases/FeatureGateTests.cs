using System;
using System.Collections.Generic;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Releases;

namespace DaemonLint.Tests.Releases;

public sealed class FeatureGateTests
{
    private static KubernetesRelease R(string text) => KubernetesRelease.Parse(text);

    [Fact]
    public void Table_HasOneRowPerGate_InEnumOrder_WithASourceAndAnEffect()
    {
        var gates = Enum.GetValues<FeatureGate>();
        Assert.Equal(gates.Length, FeatureGateTable.All.Count);
        for (var i = 0; i < gates.Length; i++)
        {
            var row = FeatureGateTable.All[i];
            Assert.Equal(gates[i], row.Gate);
            Assert.NotEmpty(row.Source);
            Assert.NotEmpty(row.Effect);
            Assert.NotEmpty(row.Specs);
            Assert.True(row.Specs.Zip(row.Specs.Skip(1)).All(p => p.First.Minor < p.Second.Minor), $"{row.Name}: specs out of order");
        }
    }

    [Theory]
    //          gate                                       release default
    [InlineData(FeatureGate.RelaxedEnvironmentVariableValidation, "1.31", false)]
    [InlineData(FeatureGate.RelaxedEnvironmentVariableValidation, "1.32", true)]
    [InlineData(FeatureGate.UserNamespacesSupport, "1.32", false)]
    [InlineData(FeatureGate.UserNamespacesSupport, "1.33", true)]
    [InlineData(FeatureGate.SidecarContainers, "1.28", false)]
    [InlineData(FeatureGate.SidecarContainers, "1.29", true)]
    [InlineData(FeatureGate.PodLifecycleSleepActionAllowZero, "1.32", false)]
    [InlineData(FeatureGate.PodLifecycleSleepActionAllowZero, "1.33", true)]
    [InlineData(FeatureGate.ProcMountType, "1.31", false)]
    [InlineData(FeatureGate.ProcMountType, "1.33", true)]
    [InlineData(FeatureGate.ImageVolume, "1.34", false)]
    [InlineData(FeatureGate.ImageVolume, "1.35", true)]
    [InlineData(FeatureGate.InPlacePodVerticalScaling, "1.32", false)]
    [InlineData(FeatureGate.InPlacePodVerticalScaling, "1.33", true)]
    [InlineData(FeatureGate.PodLevelResources, "1.33", false)]
    [InlineData(FeatureGate.PodLevelResources, "1.34", true)]
    [InlineData(FeatureGate.ContainerStopSignals, "1.35", false)]
    [InlineData(FeatureGate.ContainerRestartRules, "1.34", false)]
    [InlineData(FeatureGate.ContainerRestartRules, "1.35", true)]
    [InlineData(FeatureGate.EnvFiles, "1.35", true)]
    [InlineData(FeatureGate.DynamicResourceAllocation, "1.33", false)]
    [InlineData(FeatureGate.DynamicResourceAllocation, "1.34", true)]
    [InlineData(FeatureGate.MatchLabelKeysInPodTopologySpreadSelectorMerge, "1.34", true)]
    [InlineData(FeatureGate.SupplementalGroupsPolicy, "1.33", true)]
    [InlineData(FeatureGate.SELinuxMount, "1.35", false)]
    public void Defaults_FollowTheUpstreamTable(FeatureGate gate, string release, bool on) =>
        Assert.Equal(on, FeatureGateSet.Defaults(R(release)).Enabled(gate));

    [Fact]
    public void AGateRemovedAfterGa_StaysOn_ButCannotBeSet()
    {
        var gates = FeatureGateSet.Defaults(R("1.32"));
        Assert.False(gates.IsKnown(FeatureGate.PodHostIPs));
        Assert.True(gates.Enabled(FeatureGate.PodHostIPs));
        Assert.False(FeatureGateSet.TryCreate(R("1.32"), Pairs("PodHostIPs=true"), out _, out var error));
        Assert.Equal("unrecognized feature gate: PodHostIPs (Kubernetes 1.32 no longer has it: it was removed in 1.32)", error);
    }

    [Fact]
    public void AGateNotYetIntroduced_IsOff_AndCannotBeSet()
    {
        var gates = FeatureGateSet.Defaults(R("1.32"));
        Assert.False(gates.IsKnown(FeatureGate.ContainerStopSignals));
        Assert.False(gates.Enabled(FeatureGate.ContainerStopSignals));
        Assert.False(FeatureGateSet.TryCreate(R("1.32"), Pairs("ContainerStopSignals=true"), out _, out var error));
        Assert.Equal("unrecognized feature gate: ContainerStopSignals (Kubernetes 1.32 does not have it yet: it was added in 1.33)", error);
    }

    [Fact]
    public void AnUnknownName_IsRefused_WithTheApiServersWording()
    {
        Assert.False(FeatureGateSet.TryCreate(R("1.35"), Pairs("SidecarContainer=true"), out _, out var error));
        Assert.StartsWith("unrecognized feature gate: SidecarContainer (", error);
    }

    [Theory]
    [InlineData("1.35", "SidecarContainers=false", "cannot set feature gate SidecarContainers to false, feature is locked to true")]
    [InlineData("1.31", "AppArmor=false", "cannot set feature gate AppArmor to false, feature is locked to true")]
    [InlineData("1.35", "DynamicResourceAllocation=false", "cannot set feature gate DynamicResourceAllocation to false, feature is locked to true")]
    public void ALockedGate_CannotBeSetToItsNonDefault(string release, string overrides, string message)
    {
        Assert.False(FeatureGateSet.TryCreate(R(release), Pairs(overrides), out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void ALockedGate_MayBeSetToItsDefault()
    {
        Assert.True(FeatureGateSet.TryCreate(R("1.35"), Pairs("SidecarContainers=true"), out var gates, out var error), error);
        Assert.True(gates.Enabled(FeatureGate.SidecarContainers));
    }

    [Theory]
    [InlineData("Gate", "missing bool value for Gate")]
    [InlineData("Gate=yes", "invalid value of Gate=yes, err: strconv.ParseBool: parsing \"yes\": invalid syntax")]
    [InlineData("A=true, Gate = maybe", "invalid value of Gate=maybe, err: strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    public void Parse_RefusesWhatTheApiServerRefuses(string text, string message)
    {
        Assert.False(FeatureGateSet.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Parse_ReadsTheApiServerSyntax_AndGoBooleans()
    {
        Assert.True(FeatureGateSet.TryParse(" A=true, B=False ,,C=1,D=F,E=T, F=0 ", out var pairs, out var error), error);
        Assert.Equal(new[] { "A=True", "B=False", "C=True", "D=False", "E=True", "F=False" }, pairs.Select(p => $"{p.Key}={p.Value}"));
        Assert.True(FeatureGateSet.TryParse(string.Empty, out var none, out _));
        Assert.Empty(none);
    }

    [Fact]
    public void Overrides_ApplyInOrder_TheLastOneWinning()
    {
        Assert.True(FeatureGateSet.TryCreate(R("1.32"), Pairs("UserNamespacesSupport=true,UserNamespacesSupport=false"), out var gates, out _));
        Assert.False(gates.Enabled(FeatureGate.UserNamespacesSupport));
        Assert.True(gates.IsOverridden(FeatureGate.UserNamespacesSupport));
        Assert.Equal("UserNamespacesSupport=true,UserNamespacesSupport=false", gates.ToString());
    }

    [Fact]
    public void AllAlphaAndAllBeta_SetTheGatesNotNamed()
    {
        Assert.True(FeatureGateSet.TryCreate(R("1.32"), Pairs("AllBeta=false,AllAlpha=true,ProcMountType=true,PodLevelResources=false"), out var gates, out var error), error);
        Assert.False(gates.Enabled(FeatureGate.RelaxedEnvironmentVariableValidation)); // beta
        Assert.True(gates.Enabled(FeatureGate.ProcMountType)); // beta, named
        Assert.True(gates.Enabled(FeatureGate.SELinuxMount)); // alpha
        Assert.False(gates.Enabled(FeatureGate.PodLevelResources)); // alpha, named
        Assert.True(gates.Enabled(FeatureGate.PodSchedulingReadiness)); // GA and locked: untouched
    }

    [Fact]
    public void Describe_SaysWhyAGateIsOnOrOff()
    {
        Assert.Equal("feature gate UserNamespacesSupport is off in Kubernetes 1.32", FeatureGateSet.Defaults(R("1.32")).Describe(FeatureGate.UserNamespacesSupport));
        Assert.True(FeatureGateSet.TryCreate(R("1.35"), Pairs("UserNamespacesSupport=false"), out var gates, out _));
        Assert.Equal("feature gate UserNamespacesSupport is off (--feature-gates UserNamespacesSupport=false)", gates.Describe(FeatureGate.UserNamespacesSupport));
    }

    [Theory]
    [InlineData("1.27", FeatureGate.UserNamespacesStatelessPodsSupport)]
    [InlineData("1.32", FeatureGate.UserNamespacesSupport)]
    public void UserNamespacesOption_IsAnAliasOfTheGate(string release, FeatureGate gate)
    {
        var options = new ValidatorOptions { KubernetesVersion = R(release), UserNamespaces = true };
        Assert.True(options.TryResolveGates(out var gates, out var error), error);
        Assert.True(gates.Enabled(gate));

        // An explicit override of the gate wins over the alias.
        var off = options with { FeatureGates = Pairs(gate + "=false") };
        Assert.True(off.TryResolveGates(out var offGates, out _));
        Assert.False(offGates.Enabled(gate));
    }

    [Fact]
    public void Validator_RefusesInvalidOverrides_AndExposesTheGates()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ManifestValidator(new ValidatorOptions { FeatureGates = Pairs("NoSuchGate=true") }));
        Assert.StartsWith("invalid --feature-gates: unrecognized feature gate: NoSuchGate", ex.Message);
        var v = new ManifestValidator(new ValidatorOptions { KubernetesVersion = R("1.31"), FeatureGates = Pairs("ImageVolume=true") });
        Assert.True(v.Gates.Enabled(FeatureGate.ImageVolume));
        Assert.Equal(R("1.31"), v.Gates.Release);
    }

    private static IReadOnlyList<KeyValuePair<string, bool>> Pairs(string text)
    {
        Assert.True(FeatureGateSet.TryParse(text, out var pairs, out var error), error);
        return pairs;
    }
}
