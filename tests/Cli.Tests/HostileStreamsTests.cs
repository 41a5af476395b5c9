using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Tests;

namespace DaemonLint.Cli.Tests;

/// <summary>
/// Standard streams as an attacker or a careless user leaves them (issue 14 items 4 and 10): standard output full or closed,
/// standard error closed, standard input closed or in another encoding. Every command ends with one line on standard error
/// and exit code 2, never a stack trace and never a wait.
/// </summary>
public sealed class HostileStreamsTests
{
    public static IEnumerable<object[]> Commands() => new[]
    {
        new object[] { new[] { "validate", "bad.yaml" } },
        new object[] { new[] { "validate", "--format", "github", "bad.yaml" } },
        new object[] { new[] { "rules" } },
        new object[] { new[] { "explain", "DS1009" } },
        new object[] { new[] { "place", "--nodes", "nodes.yaml", "ds.yaml" } },
        new object[] { new[] { "completion", "bash" } },
        new object[] { new[] { "--help" } },
        new object[] { new[] { "--version" } },
        new object[] { new[] { "validate", "--help" } },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void StandardOutputClosed_IsOneLine_AndExitTwo(string[] args)
    {
        using var dir = Inputs();

        var r = Shell(dir.Path, ">&-", args);

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Equal("daemonlint: cannot write the output: standard output is closed\n", r.Output);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void StandardOutputFull_IsOneLine_AndExitTwo(string[] args)
    {
        if (!File.Exists("/dev/full"))
        {
            throw new InvalidOperationException("this test needs /dev/full (Linux)");
        }

        using var dir = Inputs();

        var r = Shell(dir.Path, ">/dev/full", args);

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Equal("daemonlint: cannot write the output: No space left on device\n", r.Output);
    }

    [Fact]
    public void StandardErrorClosed_DoesNotEndARunThatCanWriteItsReport()
    {
        using var dir = Inputs();

        // A note goes to standard error (a Helm chart's templates are skipped); standard error is closed: the report still comes.
        dir.Write("chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
        dir.Write("chart/templates/ds.yaml", "{{ .Values.x }}\n");
        var r = Shell(dir.Path, "2>&-", new[] { "validate", "bad.yaml", "chart" });

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.Contains($"error {Manifests.RestartPolicyRule}:", r.Output);
    }

    [Fact]
    public void StandardInputClosed_IsAnInputError_NeverAWait()
    {
        using var dir = Inputs();
        var watch = Stopwatch.StartNew();

        var r = Shell(dir.Path, "<&-", new[] { "validate", "-", "bad.yaml" });

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains($"<stdin>: error {RuleCatalog.DS9002_FileUnreadable.Id}: standard input is closed; nothing to read\n", r.Output);
        Assert.Contains($"error {Manifests.RestartPolicyRule}:", r.Output);
    }

    [Fact]
    public void EmptyStandardInput_IsAnEmptyFile_AndIsReadOnceForTwoDashes()
    {
        using var dir = new TempFolder();

        var r = Cli.RunWithInput(dir.Path, Manifests.RestartPolicy, "validate", "-", "-");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.EndsWith($"1 file, 1 object, 1 DaemonSet: 1 error, 0 warnings, 0 infos (Kubernetes {DaemonLint.Releases.KubernetesRelease.Default})\n", r.Stdout);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-32le")]
    [InlineData("utf-32be")]
    [InlineData("utf-8-bom")]
    public void StandardInput_IsDecodedLikeAFile(string encoding)
    {
        using var dir = new TempFolder();
        var bytes = Encode(Manifests.RestartPolicy, encoding);
        dir.Write("ds.yaml", bytes);

        var fromFile = Cli.Run(dir.Path, "validate", "ds.yaml");
        var fromStdin = Run(dir.Path, bytes, "validate", "-");

        Assert.Equal(Program.ExitFindings, fromStdin.ExitCode);
        Assert.Contains($"error {Manifests.RestartPolicyRule}:", fromStdin.Stdout);
        Assert.Equal(fromFile.Stdout.Replace("ds.yaml", "<stdin>"), fromStdin.Stdout);
    }

    [Fact]
    public void InvalidUtf8OnStandardInput_IsLocatedAtTheBadByte_AsInAFile()
    {
        using var dir = new TempFolder();
        var bytes = Encoding.UTF8.GetBytes("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ab").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();

        var r = Run(dir.Path, bytes, "validate", "-");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.StartsWith($"<stdin>(4,11): error {RuleCatalog.DS9003_NotText.Id}: ", r.Stdout);
    }

    [Fact]
    public void StandardInputOverTheLimit_IsNotReadToItsEnd()
    {
        using var dir = new TempFolder();
        var endless = new EndlessStream();

        var stdout = new StringWriter { NewLine = "\n" };
        var code = Program.Run(new[] { "validate", "--max-file-size", "1000", "-" }, endless, stdout, new StringWriter(), dir.Path);

        Assert.Equal(Program.ExitFindings, code);
        Assert.StartsWith($"<stdin>(1,1): error {RuleCatalog.DS9005_FileTooLarge.Id}: the input has more bytes than the limit of 1,000;", stdout.ToString());
        Assert.True(endless.BytesRead < 100_000, $"read {endless.BytesRead} bytes");
    }

    [Fact]
    public void AnInternalError_IsOneLine_AndExitTwo()
    {
        var stderr = new StringWriter { NewLine = "\n" };

        var code = Guard.Run(new StringWriter(), stderr, (_, _) => throw new InvalidOperationException("broken\nsecond line \u001b[31mred"));

        Assert.Equal(Program.ExitUsage, code);
        Assert.Equal("daemonlint: internal error: InvalidOperationException: broken\\nsecond line \\x1b[31mred (please report it with the input that caused it)\n", stderr.ToString());
    }

    [Fact]
    public void MissingFile_IsSaidInPlainWords()
    {
        using var dir = new TempFolder();

        var config = Cli.Run(dir.Path, "validate", "--config", "nope.yaml", "-");
        var output = Cli.Run(dir.Path, "validate", "--output", "no/such/folder/out.txt", "x.yaml");

        Assert.Equal(Program.ExitUsage, config.ExitCode);
        Assert.Contains("no such file or directory", config.Stdout);
        Assert.Equal(Program.ExitUsage, output.ExitCode);
        Assert.Contains("cannot write no/such/folder/out.txt: no such file or directory", output.Stderr);
        Assert.DoesNotContain("IO_", config.Stdout + config.Stderr + output.Stderr);
    }

    private static CliResult Run(string dir, byte[] stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = Program.Run(args, new MemoryStream(stdin), stdout, stderr, dir);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    private static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-16le" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(),
        "utf-16be" => Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray(),
        "utf-32le" => Encoding.UTF32.GetPreamble().Concat(Encoding.UTF32.GetBytes(text)).ToArray(),
        "utf-32be" => new UTF32Encoding(bigEndian: true, byteOrderMark: true) is var be ? be.GetPreamble().Concat(be.GetBytes(text)).ToArray() : throw new InvalidOperationException(),
        _ => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(),
    };

    private static TempFolder Inputs()
    {
        var dir = new TempFolder();
        dir.Write("bad.yaml", Manifests.RestartPolicy);
        dir.Write("ds.yaml", Manifests.Clean);
        dir.Write("nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels:\n    kubernetes.io/os: linux\nstatus:\n  allocatable:\n    pods: \"110\"\n");
        return dir;
    }

    // Runs the built tool through /bin/sh with a redirection (`>&-`, `>/dev/full`, `<&-`), so the process starts with that stream so.
    private static ProcessRunner.Result Shell(string dir, string redirection, string[] args)
    {
        var tool = new ToolProcess();
        var argv = new List<string> { "-c", "exec \"$@\" " + redirection, "sh", tool.DotnetPath, tool.ToolPath };
        argv.AddRange(args);
        var r = ProcessRunner.Run("/bin/sh", argv, dir, TimeSpan.FromMinutes(2));
        Assert.DoesNotContain("   at ", r.Output);
        Assert.DoesNotContain("Unhandled exception", r.Output);
        return r;
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => this.BytesRead; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            this.BytesRead += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
