using System.Linq;

namespace DaemonLint.Cli.Tests;

/// <summary>
/// The short form (what editors and MSBuild show) by default; <c>--verbose</c> adds each finding's hint and help link on
/// indented lines in text, and the hint on the annotation's second line in github (issue 17 item 4).
/// </summary>
public sealed class VerboseTests
{
    [Fact]
    public void Text_ByDefault_IsTheServersText_WithoutHintOrLink()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "ds.yaml");

        var (line, column) = Manifests.PositionOf(Manifests.RestartPolicy, "OnFailure");
        Assert.Equal(
            $"ds.yaml({line},{column}): error DS1009: Unsupported value: \"OnFailure\": supported values: \"Always\" [{Manifests.RestartPolicyPath}]",
            r.Stdout.Split('\n')[0]);
        Assert.DoesNotContain("hint", r.Stdout);
        Assert.DoesNotContain("http", r.Stdout);
    }

    [Fact]
    public void Text_Verbose_PutsTheHintAndTheHelpLink_IndentedUnderTheLine()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        var plain = Cli.Run(dir.Path, "validate", "ds.yaml");
        var verbose = Cli.Run(dir.Path, "validate", "--verbose", "ds.yaml");

        var lines = verbose.Stdout.Split('\n');
        Assert.Equal(plain.Stdout.Split('\n')[0], lines[0]);
        Assert.Equal("    hint: DaemonSet pods must restart Always; remove restartPolicy or set it to Always", lines[1]);
        Assert.Equal("    help: https://github.com/daemonlint/daemonlint/blob/main/docs/rules/DS1009.md", lines[2]);
        Assert.Equal(plain.Stdout.Split('\n')[1], lines[3]); // the summary
        Assert.Equal(plain.ExitCode, verbose.ExitCode);
    }

    [Fact]
    public void GitHub_Verbose_PutsTheHintOnTheAnnotationsSecondLine()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        var plain = Cli.Run(dir.Path, "validate", "--format", "github", "ds.yaml").Stdout.Split('\n')[0];
        var verbose = Cli.Run(dir.Path, "validate", "--format", "github", "-v", "ds.yaml").Stdout.Split('\n')[0];

        Assert.DoesNotContain("%0A", plain);
        Assert.Equal(plain + "%0ADaemonSet pods must restart Always; remove restartPolicy or set it to Always", verbose);
    }

    [Fact]
    public void RemovedApiVersion_ShowsWhatComesNext_MarkedAsAppsV1_WithItsSeverity()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy.Replace("apiVersion: apps/v1", "apiVersion: apps/v1beta2"));

        var r = Cli.Run(dir.Path, "validate", "ds.yaml");

        var lines = r.Stdout.Split('\n').Where(l => l.Contains(": error DS")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Contains("error DS6001: Invalid value: \"apps/v1beta2\": no matches for kind \"DaemonSet\"") && !l.Contains("(as apps/v1)"));
        Assert.Contains(lines, l => l.Contains("error DS1009: Unsupported value: \"OnFailure\": supported values: \"Always\" (as apps/v1) [spec.template.spec.restartPolicy]"));
    }
}
