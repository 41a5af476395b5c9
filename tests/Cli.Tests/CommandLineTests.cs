using System.IO;
using DaemonLint.Tests;

namespace DaemonLint.Cli.Tests;

/// <summary>System.CommandLine: per-command help, version, suggestions, response files, completion, options that are file names.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("validate", "--baseline-ref")]
    [InlineData("place", "--nodes")]
    [InlineData("explain", "RULE")]
    [InlineData("completion", "SHELL")]
    public void EveryCommand_HasItsOwnHelp(string command, string mentions)
    {
        using var dir = new TempFolder();
        foreach (var flag in new[] { "--help", "-h" })
        {
            var r = Cli.Run(dir.Path, command, flag);

            Assert.Equal(Program.ExitOk, r.ExitCode);
            Assert.Contains(mentions, r.Stdout);
            Assert.Contains("Usage:", r.Stdout);
            Assert.Contains(" " + command + " ", r.Stdout);
        }
    }

    [Fact]
    public void MistypedOptionAndCommand_GetASuggestion()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var option = Cli.Run(dir.Path, "validate", "--formt", "json", "ds.yaml");
        var command = Cli.Run(dir.Path, "valdate", "ds.yaml");

        Assert.Equal(Program.ExitUsage, option.ExitCode);
        Assert.StartsWith("daemonlint: unknown option '--formt'; did you mean '--format'?", option.Stderr);
        Assert.Equal(Program.ExitUsage, command.ExitCode);
        Assert.StartsWith("daemonlint: unknown command 'valdate'; did you mean 'validate'?", command.Stderr);
    }

    [Fact]
    public void ResponseFile_GivesTheArguments()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);
        dir.Write("args.rsp", "--format json\nds.yaml\n");

        var r = Cli.Run(dir.Path, "validate", "@" + Path.Combine(dir.Path, "args.rsp"));

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.StartsWith("{", r.Stdout.TrimStart());
        Assert.Contains("\"ruleId\": \"DS1009\"", r.Stdout);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _daemonlint_complete daemonlint")]
    [InlineData("zsh", "compdef _daemonlint_complete daemonlint")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName daemonlint")]
    public void CompletionScripts_AskTheToolThroughTheSuggestDirective(string shell, string hook)
    {
        using var dir = new TempFolder();

        var r = Cli.Run(dir.Path, "completion", shell);

        Assert.Equal(Program.ExitOk, r.ExitCode);
        Assert.Contains(hook, r.Stdout);
        Assert.Contains("[suggest:", r.Stdout);
    }

    [Fact]
    public void SuggestDirective_CompletesCommandsOptionsAndValues()
    {
        using var dir = new TempFolder();

        Assert.Equal("validate", Cli.Run(dir.Path, "[suggest:13]", "daemonlint va").Stdout.Trim());
        Assert.Equal("--format", Cli.Run(dir.Path, "[suggest:24]", "daemonlint validate --fo").Stdout.Trim());
        Assert.Equal(new[] { "error", "info", "warning" }, Cli.Run(dir.Path, "[suggest:30]", "daemonlint validate --fail-on ").Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AfterDoubleDash_ANameThatLooksLikeAnOption_IsAFile()
    {
        using var dir = new TempFolder();
        dir.Write("--output=ds.yaml", Manifests.RestartPolicy);
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "--", "--output=ds.yaml");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.Contains("--output=ds.yaml(", r.Stdout);
        Assert.Equal(Manifests.Clean, File.ReadAllText(Path.Combine(dir.Path, "ds.yaml")));
    }

    [Theory]
    [InlineData("--baseline-ref=--output=../outside.txt", "daemonlint: --baseline-ref: ")]
    [InlineData("--baseline-ref=HEAD~999", "daemonlint: --baseline-ref: ")]
    [InlineData("--baseline-ref --output=../outside.txt", "daemonlint: ")]
    public void UnusableBaselineRef_IsAUsageError_AndWritesNothing(string option, string message)
    {
        using var dir = new TempFolder();
        ProcessRunner.Run("git", new[] { "init", "-q" }, dir.Path, System.TimeSpan.FromMinutes(1));
        dir.Write("ds.yaml", Manifests.Clean);
        var args = new System.Collections.Generic.List<string> { "validate" };
        args.AddRange(option.Split(' '));
        args.Add("ds.yaml");

        var r = Cli.Run(dir.Path, args.ToArray());

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.StartsWith(message, r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "..", "outside.txt")));
    }

    [Fact]
    public void Namespace_DecidesWhichBaselineObjectAManifestWithoutOneIsComparedWith()
    {
        using var dir = new TempFolder();
        dir.Write("live.yaml", Manifests.DaemonSet("agent", "agent"));
        dir.Write("ds.yaml", Manifests.DaemonSet("agent", "changed").Replace("  namespace: kube-system\n", string.Empty));

        var implicitDefault = Cli.Run(dir.Path, "validate", "--baseline", "live.yaml", "ds.yaml");
        var given = Cli.Run(dir.Path, "validate", "--baseline", "live.yaml", "--namespace", "kube-system", "ds.yaml");
        dir.Write(".daemonlint.yaml", "namespace: kube-system\n");
        var configured = Cli.Run(dir.Path, "validate", "--baseline", "live.yaml", "ds.yaml");

        Assert.Equal(Program.ExitOk, implicitDefault.ExitCode);
        Assert.Contains("names no namespace", implicitDefault.Stderr);
        Assert.Contains("'kube-system'", implicitDefault.Stderr);
        Assert.Equal(Program.ExitFindings, given.ExitCode);
        Assert.Contains("error DS1005", given.Stdout);
        Assert.Equal(Program.ExitFindings, configured.ExitCode);
        Assert.Contains("error DS1005", configured.Stdout);
    }

    [Fact]
    public void Output_IsByteIdentical_WhateverTheOrderOfThePaths()
    {
        using var dir = new TempFolder();
        dir.Write("a.yaml", Manifests.RestartPolicy);
        dir.Write("b/c.yaml", Manifests.RestartPolicy + "\n---\n" + Manifests.RestartPolicy);

        foreach (var format in new[] { "text", "json", "sarif", "junit", "github" })
        {
            var one = Cli.Run(dir.Path, "validate", "--format", format, "a.yaml", "b");
            var other = Cli.Run(dir.Path, "validate", "--format", format, "b", "a.yaml");

            Assert.Equal(one.ExitCode, other.ExitCode);
            Assert.Equal(one.Stdout, other.Stdout);
        }
    }
}

/// <summary>Standard output that fails (a full disk, a closed pipe): one line on standard error and exit code 2.</summary>
public sealed class FailingOutputTests
{
    [Theory]
    [InlineData("validate")]
    [InlineData("rules")]
    [InlineData("explain")]
    public void FullStandardOutput_IsOneLineAndExitTwo(string command)
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);
        var args = command switch
        {
            "validate" => new[] { "validate", "ds.yaml" },
            "explain" => new[] { "explain", "DS1009" },
            _ => new[] { command },
        };
        var stderr = new StringWriter { NewLine = "\n" };

        var code = Program.Run(args, TextReader.Null, new FullWriter(), stderr, dir.Path);

        Assert.Equal(Program.ExitUsage, code);
        Assert.StartsWith("daemonlint: cannot write the output: ", stderr.ToString());
        Assert.Single(stderr.ToString().TrimEnd('\n').Split('\n'));
    }

    private sealed class FullWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");
    }
}
