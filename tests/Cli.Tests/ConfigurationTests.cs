using System.Collections.Generic;
using System.IO;
using DaemonLint.Tests;

namespace DaemonLint.Cli.Tests;

/// <summary>One configuration and suppression model, through the CLI: .editorconfig, .daemonlint.yaml, explain.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void EditorConfigSeverity_AppliesToTheYamlUnderIt_Only()
    {
        using var dir = new TempFolder();
        dir.Write("team/.editorconfig", "root = true\n[*.yaml]\ndotnet_diagnostic.DS1009.severity = warning\n");
        dir.Write("team/ds.yaml", Manifests.RestartPolicy);
        dir.Write("other/ds.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "team", "other");

        Assert.Contains("team/ds.yaml(", r.Stdout);
        Assert.Matches(@"team/ds\.yaml\(\d+,\d+\): warning DS1009", r.Stdout);
        Assert.Matches(@"other/ds\.yaml\(\d+,\d+\): error DS1009", r.Stdout);
    }

    [Fact]
    public void EditorConfigSeverityNone_TurnsTheRuleOff_AndExitIsZero()
    {
        using var dir = new TempFolder();
        dir.Write(".editorconfig", "root = true\n[*.{yaml,yml}]\ndotnet_diagnostic.DS1009.severity = none\n");
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "ds.yaml");

        Assert.Equal(Program.ExitOk, r.ExitCode);
        Assert.DoesNotContain("DS1009", r.Stdout);
    }

    [Fact]
    public void DaemonlintYaml_IgnoresByPathGlob_AndReportsUnusedEntries()
    {
        using var dir = new TempFolder();
        dir.Write(".daemonlint.yaml", """
            ignore:
              - rules: [DS1009]
                paths: ["vendor/**"]
                reason: third-party chart
              - rules: [DS1010]
            """);
        dir.Write("vendor/chart/ds.yaml", Manifests.RestartPolicy);
        dir.Write("deploy/ds.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "vendor", "deploy");

        Assert.DoesNotMatch(@"vendor/chart/ds\.yaml\(\d+,\d+\): error DS1009", r.Stdout);
        Assert.Matches(@"deploy/ds\.yaml\(\d+,\d+\): error DS1009", r.Stdout);
        Assert.Matches(@"\.daemonlint\.yaml\(5,5\): info DS9010: this ignore entry suppressed nothing", r.Stdout);
    }

    [Fact]
    public void BrokenDaemonlintYaml_IsAConfigurationError_ExitTwo()
    {
        using var dir = new TempFolder();
        dir.Write(".daemonlint.yaml", "ignore:\n  - rulez: [DS1009]\n");
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains(".daemonlint.yaml(2,5): error DS9009: unknown ignore key 'rulez'", r.Stdout);
    }

    [Fact]
    public void Explain_PrintsTheRulePage_AndRules_ListsTheCatalog()
    {
        using var dir = new TempFolder();
        var explain = Cli.Run(dir.Path, "explain", "ds1009");
        Assert.Equal(Program.ExitOk, explain.ExitCode);
        Assert.StartsWith("# DS1009: Pod restartPolicy must be Always", explain.Stdout);
        Assert.Contains("## How to suppress", explain.Stdout);
        Assert.DoesNotContain("<!--", explain.Stdout);

        Assert.Equal(Program.ExitUsage, Cli.Run(dir.Path, "explain", "DS0000").ExitCode);
        var rules = Cli.Run(dir.Path, "rules");
        Assert.Matches(@"(?m)^DS1009\s+error\s+ApiCorrectness\s+Pod restartPolicy must be Always$", rules.Stdout);
    }

    [Fact]
    public void Staged_ReadsTheIndex_FollowsRenames_AndHandlesAwkwardNames()
    {
        using var dir = new TempFolder();
        void Git(params string[] args)
        {
            var r = ProcessRunner.Run("git", args, dir.Path, System.TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@e", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@e" });
            Assert.True(r.ExitCode == 0, r.Output);
        }

        Git("init", "-q");
        dir.Write("déploiement ds.yaml", Manifests.DaemonSet("agent", "agent"));
        Git("add", "-A");
        Git("commit", "-q", "-m", "init");
        Git("mv", "--", "déploiement ds.yaml", "-renamed.yaml");
        File.WriteAllText(Path.Combine(dir.Path, "-renamed.yaml"), Manifests.DaemonSet("agent", "changed"));
        Git("add", "-A");
        dir.Write("-renamed.yaml", Manifests.DaemonSet("agent", "agent")); // work tree differs from the index

        var r = Cli.Run(dir.Path, "validate", "--staged", "--verbose", "--", "-renamed.yaml");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.Contains("-renamed.yaml(", r.Stdout);
        Assert.Contains("error DS1005", r.Stdout);
        Assert.Contains("HEAD:déploiement ds.yaml", r.Stdout); // in the hint, which --verbose shows
    }
}
