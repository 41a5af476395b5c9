using System.Text.Json;
using DaemonLint.Releases;
using DaemonLint.Tests;

namespace DaemonLint.Cli.Tests;

/// <summary>The Kubernetes release and feature gates through the CLI: flags, .daemonlint.yaml, the outputs, rules.</summary>
public sealed class KubernetesReleaseTests
{
    // An env name with '/': refused by 1.31 (RelaxedEnvironmentVariableValidation off), accepted from 1.32.
    private const string EnvName = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
        spec:
          selector:
            matchLabels:
              app: agent
          template:
            metadata:
              labels:
                app: agent
            spec:
              containers:
                - name: agent
                  image: busybox:1.36
                  env:
                    - name: my.var/x
                      value: "1"
        """;

    private const string Finding = "ds.yaml(18,21): error DS1171: Invalid value: \"my.var/x\": a valid environment variable name must consist of";

    [Fact]
    public void Release_ChangesTheVerdict_AndTheSummarySaysWhichOne()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", EnvName);

        var at31 = Cli.Run(dir.Path, "validate", "--kubernetes-version", "1.31", "ds.yaml");
        var at32 = Cli.Run(dir.Path, "validate", "--kubernetes-version", "v1.32.2", "ds.yaml");
        var byDefault = Cli.Run(dir.Path, "validate", "ds.yaml");
        var gateOn = Cli.Run(dir.Path, "validate", "--kubernetes-version", "1.31", "--feature-gates", "RelaxedEnvironmentVariableValidation=true", "ds.yaml");
        var gateOff = Cli.Run(dir.Path, "validate", "--kubernetes-version", "1.33", "--feature-gates", "RelaxedEnvironmentVariableValidation=false", "ds.yaml");

        Assert.Equal(Program.ExitFindings, at31.ExitCode);
        Assert.Contains(Finding, at31.Stdout);
        Assert.EndsWith("1 error, 0 warnings, 0 infos (Kubernetes 1.31)\n", at31.Stdout);
        Assert.Equal(Program.ExitOk, at32.ExitCode);
        Assert.EndsWith("(Kubernetes 1.32)\n", at32.Stdout);
        Assert.Equal(Program.ExitOk, byDefault.ExitCode);
        Assert.EndsWith($"(Kubernetes {KubernetesRelease.Default})\n", byDefault.Stdout);
        Assert.Equal(Program.ExitOk, gateOn.ExitCode);
        Assert.Equal(Program.ExitFindings, gateOff.ExitCode);
        Assert.Contains("DS1171", gateOff.Stdout);
    }

    [Theory]
    [InlineData("--kubernetes-version", "1.20", "--kubernetes-version: Kubernetes 1.20 is not supported: supported releases are 1.27 to")]
    [InlineData("--kubernetes-version", "latest", "--kubernetes-version: invalid Kubernetes version \"latest\"")]
    [InlineData("--feature-gates", "NoSuchGate=true", "--feature-gates: unrecognized feature gate: NoSuchGate")]
    [InlineData("--feature-gates", "SidecarContainers", "--feature-gates: missing bool value for SidecarContainers")]
    [InlineData("--feature-gates", "SidecarContainers=false", "--feature-gates: cannot set feature gate SidecarContainers to false, feature is locked to true")]
    public void BadSetting_IsAUsageError_WithTheApiServersMessage(string flag, string value, string message)
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", EnvName);

        var r = Cli.Run(dir.Path, "validate", flag, value, "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains(message, r.Stderr);
    }

    [Fact]
    public void DaemonlintYaml_SetsTheReleaseAndGates_ForItsFolder_AndTheFlagWins()
    {
        using var dir = new TempFolder();
        dir.Write("old/.daemonlint.yaml", "kubernetesVersion: \"1.31\"\n");
        dir.Write("old/ds.yaml", EnvName);
        dir.Write("relaxed/.daemonlint.yaml", "kubernetesVersion: 1.31\nfeatureGates:\n  RelaxedEnvironmentVariableValidation: true\n");
        dir.Write("relaxed/ds.yaml", EnvName);
        dir.Write("text/.daemonlint.yaml", "kubernetesVersion: v1.31\nfeatureGates: RelaxedEnvironmentVariableValidation=true\n");
        dir.Write("text/ds.yaml", EnvName);
        dir.Write("new/ds.yaml", EnvName);

        var r = Cli.Run(dir.Path, "validate", "old", "relaxed", "text", "new");
        var flag = Cli.Run(dir.Path, "validate", "--kubernetes-version", "1.32", "old");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.Contains("old/" + Finding, r.Stdout);
        Assert.DoesNotContain("relaxed/ds.yaml", r.Stdout);
        Assert.DoesNotContain("text/ds.yaml", r.Stdout);
        Assert.DoesNotContain("new/ds.yaml", r.Stdout);
        Assert.EndsWith($"(Kubernetes 1.31, {KubernetesRelease.Default})\n", r.Stdout);
        Assert.Equal(Program.ExitOk, flag.ExitCode);
    }

    [Theory]
    [InlineData("kubernetesVersion: \"1.19\"\n", ".daemonlint.yaml(1,20): error DS9009: kubernetesVersion: Kubernetes 1.19 is not supported")]
    [InlineData("featureGates:\n  NoSuchGate: true\n", ".daemonlint.yaml(2,3): error DS9009: featureGates: unrecognized feature gate: NoSuchGate")]
    [InlineData("featureGates:\n  SidecarContainers: maybe\n", ".daemonlint.yaml(2,22): error DS9009: featureGates: SidecarContainers must be true or false")]
    [InlineData("kubernetesVersion: \"1.31\"\nfeatureGates: ContainerRestartRules=true\n", ".daemonlint.yaml(2,15): error DS9009: featureGates: unrecognized feature gate: ContainerRestartRules (Kubernetes 1.31 does not have it yet: it was added in 1.34)")]
    public void BadSettingInDaemonlintYaml_IsAConfigurationError_AtItsPlace(string config, string message)
    {
        using var dir = new TempFolder();
        dir.Write(".daemonlint.yaml", config);
        dir.Write("ds.yaml", EnvName);

        var r = Cli.Run(dir.Path, "validate", "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains(message, r.Stdout);
    }

    [Fact]
    public void HostGates_ThatTheFilesReleaseDoesNotKnow_AreAConfigurationErrorOnTheFile()
    {
        using var dir = new TempFolder();
        dir.Write(".daemonlint.yaml", "kubernetesVersion: \"1.31\"\n");
        dir.Write("ds.yaml", EnvName);

        var r = Cli.Run(dir.Path, "validate", "--feature-gates", "ContainerRestartRules=true", "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains(".daemonlint.yaml(1,20): error DS9009: featureGates: unrecognized feature gate: ContainerRestartRules", r.Stdout);
    }

    [Fact]
    public void JsonAndSarif_SayWhichReleaseWasUsed()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", EnvName);

        var json = Cli.Run(dir.Path, "validate", "--kubernetes-version", "1.31", "--format", "json", "ds.yaml");
        var sarif = Cli.Run(dir.Path, "validate", "--kubernetes-version", "1.31", "--format", "sarif", "ds.yaml");

        using var j = JsonDocument.Parse(json.Stdout);
        Assert.Equal("1.31", j.RootElement.GetProperty("kubernetesVersion").GetString());
        Assert.Equal("1.31", j.RootElement.GetProperty("kubernetesVersions")[0].GetString());
        Assert.Equal("DS1171", j.RootElement.GetProperty("findings")[0].GetProperty("ruleId").GetString());
        using var s = JsonDocument.Parse(sarif.Stdout);
        Assert.Equal("1.31", s.RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("kubernetesVersion").GetString());
    }

    [Fact]
    public void Rules_AndExplain_ShowTheGatesARuleDependsOn()
    {
        using var dir = new TempFolder();

        var rules = Cli.Run(dir.Path, "rules");
        var explain = Cli.Run(dir.Path, "explain", "DS1171");

        Assert.Contains("Environment variable name must be valid [feature gates: RelaxedEnvironmentVariableValidation]", rules.Stdout);
        Assert.Contains("| Feature gates | `RelaxedEnvironmentVariableValidation` (defaults per release: [releases](../releases.md)) |", explain.Stdout);
    }
}
