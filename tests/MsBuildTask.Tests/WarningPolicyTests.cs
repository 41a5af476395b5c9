using DaemonLint.Model;

namespace DaemonLint.MsBuild.Tests;

public sealed class WarningPolicyTests
{
    [Theory]
    [InlineData(null, null, null, false, "error", Severity.Warning, "Warning")]
    [InlineData("DS4001", null, null, false, "error", Severity.Warning, "Suppressed")]
    [InlineData("DS4001", null, null, false, "error", Severity.Error, "Error")]
    [InlineData(null, "DS4001", null, false, "error", Severity.Warning, "Error")]
    [InlineData(null, "DS4002", null, false, "error", Severity.Warning, "Warning")]
    [InlineData(null, null, null, true, "error", Severity.Warning, "Error")]
    [InlineData(null, null, "DS4001", true, "error", Severity.Warning, "Warning")]
    [InlineData(" DS4001 ,CS0168", null, null, true, "error", Severity.Warning, "Suppressed")]
    [InlineData(null, null, null, false, "warning", Severity.Warning, "Error")]
    [InlineData(null, null, null, false, "warning", Severity.Info, "Message")]
    [InlineData(null, null, null, false, "info", Severity.Info, "Error")]
    [InlineData("DS4001", null, null, false, "info", Severity.Info, "Message")]
    [InlineData(null, null, null, true, "error", Severity.Info, "Message")]
    public void Resolve_FollowsTheCompilerRules(string? noWarn, string? asErrors, string? notAsErrors, bool treatAsErrors, string failOn, Severity severity, string expected)
    {
        Assert.True(SeverityExtensions.TryParse(failOn, out var f));
        var policy = new WarningPolicy(noWarn, asErrors, notAsErrors, treatAsErrors, f);

        Assert.Equal(expected, policy.Resolve("DS4001", severity).ToString());
    }
}
