using DaemonLint.Catalog;

namespace DaemonLint.Cli.Tests;

/// <summary>Exit codes 0, 1 and 2 (DESIGN.md §5), and usage errors.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void CleanFile_ExitsZero_AndSaysNoErrors()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "ds.yaml");

        Assert.Equal(Program.ExitOk, r.ExitCode);
        Assert.Equal($"1 file, 1 object, 1 DaemonSet: 0 errors, 0 warnings, 0 infos (Kubernetes {DaemonLint.Releases.KubernetesRelease.Default})\n", r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void FileWithError_ExitsOne()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "ds.yaml");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.Contains($"error {Manifests.RestartPolicyRule}:", r.Stdout);
    }

    [Fact]
    public void OnlyWarnings_ExitZeroByDefault_AndOneWithFailOnWarning()
    {
        // An empty folder is a warning (DS9007): the only warning every build of the catalog has.
        using var dir = new TempFolder();
        dir.Write("empty/readme.txt", "no manifests here");

        var byDefault = Cli.Run(dir.Path, "validate", "empty");
        var failOnWarning = Cli.Run(dir.Path, "validate", "--fail-on", "warning", "empty");
        var failOnInfo = Cli.Run(dir.Path, "validate", "--fail-on=info", "empty");

        Assert.Equal(Model.Severity.Warning, RuleCatalog.Get(RuleCatalog.DS9007_NoManifests.Id).DefaultSeverity);
        Assert.Equal(Program.ExitOk, byDefault.ExitCode);
        Assert.Contains($"warning {RuleCatalog.DS9007_NoManifests.Id}:", byDefault.Stdout);
        Assert.Equal(Program.ExitFindings, failOnWarning.ExitCode);
        Assert.Equal(Program.ExitFindings, failOnInfo.ExitCode);
    }

    [Fact]
    public void FailOnWarning_StillFailsOnErrors()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        Assert.Equal(Program.ExitFindings, Cli.Run(dir.Path, "validate", "--fail-on", "warning", "ds.yaml").ExitCode);
    }

    [Fact]
    public void MissingFile_ExitsTwo_AndReportsIt()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "ds.yaml", "missing.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains($"missing.yaml: error {RuleCatalog.DS9002_FileUnreadable.Id}:", r.Stdout);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--fail-on", "fatal")]
    [InlineData("--fail-on", "none")]
    [InlineData("--max-file-size", "-5")]
    [InlineData("--format")]
    public void BadOption_ExitsTwo_WithAMessageOnStderr(params string[] options)
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);
        var args = new System.Collections.Generic.List<string> { "validate", "ds.yaml" };
        args.AddRange(options);

        var r = Cli.Run(dir.Path, args.ToArray());

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.StartsWith("daemonlint: ", r.Stderr);
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Fact]
    public void UnknownFormat_ExitsTwo_AndNamesIt()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "--format", "yaml", "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains("unknown format 'yaml'", r.Stderr);
    }

    [Fact]
    public void TwoFormatsToStdout_ExitTwo_BeforeWritingAnything()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "--format", "json", "--format", "sarif", "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains("only one --format may write to standard output", r.Stderr);
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Fact]
    public void NoPath_ExitsTwo()
    {
        using var dir = new TempFolder();

        Assert.Equal(Program.ExitUsage, Cli.Run(dir.Path, "validate", "--format", "json").ExitCode);
    }

    [Fact]
    public void UnknownCommand_ExitsTwo()
    {
        using var dir = new TempFolder();

        var r = Cli.Run(dir.Path, "lint", "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains("unknown command 'lint'", r.Stderr);
    }

    [Fact]
    public void UnwritableOutput_ExitsTwo()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "--format", "json", "--output", "no/such/folder/out.json", "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains("cannot write no/such/folder/out.json", r.Stderr);
    }
}
