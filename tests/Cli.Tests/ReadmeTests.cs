using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DaemonLint.Tests;

namespace DaemonLint.Cli.Tests;

/// <summary>The README's commands and snippets work as written.</summary>
public sealed class ReadmeTests
{
    private static string Readme => File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    [Fact]
    public void EveryDaemonlintCommandLine_RunsAgainstTheSamples()
    {
        var lines = Regex.Matches(Readme, @"^daemonlint (?<args>.+)$", RegexOptions.Multiline).Select(m => m.Groups["args"].Value).ToList();
        Assert.True(lines.Count >= 8, "expected the README's CLI examples");
        using var outDir = new TempFolder();
        foreach (var line in lines)
        {
            var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? Path.Combine(RepoPaths.Root, a) : a)
                .ToArray();
            var r = Cli.Run(outDir.Path, args);
            Assert.True(r.ExitCode is Program.ExitOk or Program.ExitFindings, $"daemonlint {line} exited {r.ExitCode}: {r.Stderr}");
        }
    }

    [Fact]
    public void TheCanonicalLineShown_IsWhatTheToolPrints()
    {
        var shown = Regex.Match(Readme, @"^samples/bad-daemonset\.yaml\(\d+,\d+\): error DS1009: .+$", RegexOptions.Multiline).Value;
        Assert.NotEmpty(shown);
        var r = Cli.Run(RepoPaths.Root, "validate", "samples/");
        Assert.Contains(shown, r.Stdout.Split('\n'));
    }

    [Fact]
    public void PreCommitSnippet_NamesHooksThatExist()
    {
        var hooks = File.ReadAllText(Path.Combine(RepoPaths.Root, ".pre-commit-hooks.yaml"));
        foreach (Match m in Regex.Matches(Readme, @"- id: (?<id>[\w-]+)"))
        {
            Assert.Contains("- id: " + m.Groups["id"].Value + "\n", hooks);
        }

        Assert.Contains("daemonlint-system", Readme);
    }
}
