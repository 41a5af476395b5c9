using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace DaemonLint.Cli.Tests;

/// <summary><c>--jobs N</c>: files are validated in parallel, and every output is byte for byte the sequential run's.</summary>
public sealed class JobsTests
{
    private static readonly string[] OutputFiles = { "out/r.json", "out/r.sarif", "out/r.xml", "out/r.github" };

    [Theory]
    [InlineData("2")]
    [InlineData("4")]
    [InlineData("16")]
    public void ParallelRun_WritesExactlyTheSequentialRunsBytes_InEveryFormat(string jobs)
    {
        using var dir = new TempFolder();
        var files = WriteCorpus(dir);
        var sequential = RunAll(dir, "1");

        // What the sequential run saw, so that equal outputs mean something: findings of every kind, notices, a read error.
        Assert.Equal(Program.ExitUsage, sequential.Result.ExitCode);
        foreach (var id in new[] { "DS1009", "DS1005", "DS9001", "DS9005", "DS9010" })
        {
            Assert.Contains(" " + id + ":", sequential.Result.Stdout);
        }

        Assert.Matches(@"team2/ds\d+\.yaml\(\d+,\d+\): warning DS1009", sequential.Result.Stdout);
        Assert.DoesNotMatch(@"team1/ds\d+\.yaml\(\d+,\d+\): \w+ DS1009", sequential.Result.Stdout);
        Assert.Contains("names no namespace", sequential.Result.Stderr);
        Assert.Contains("missing.yaml", sequential.Result.Stdout);
        Assert.StartsWith($"{files} files, ", sequential.Result.Stdout.Split('\n')[^2]);

        // Several parallel runs: the scheduling differs from run to run, the bytes may not.
        for (var round = 0; round < 3; round++)
        {
            var parallel = RunAll(dir, jobs);
            Assert.Equal(sequential.Result.ExitCode, parallel.Result.ExitCode);
            Assert.Equal(sequential.Result.Stdout, parallel.Result.Stdout);
            Assert.Equal(sequential.Result.Stderr, parallel.Result.Stderr);
            foreach (var name in OutputFiles)
            {
                Assert.True(sequential.Files[name].SequenceEqual(parallel.Files[name]), $"{name} differs with --jobs {jobs}");
            }
        }
    }

    [Fact]
    public void DefaultJobs_IsTheSequentialOutputToo()
    {
        using var dir = new TempFolder();
        WriteCorpus(dir);

        var sequential = Cli.Run(dir.Path, "validate", "--format", "json", "--baseline", "live", "apps", "--jobs", "1");
        var byDefault = Cli.Run(dir.Path, "validate", "--format", "json", "--baseline", "live", "apps");

        Assert.Equal(sequential, byDefault);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("4")]
    public void OneLargeFile_IsValidatedInParallelRuns_WithTheSequentialRunsBytes(string jobs)
    {
        using var dir = new TempFolder();
        WriteLargeStream(dir);
        string[] Args(string j) => new[] { "validate", "--format", "sarif", "--output", $"out{j}.sarif", "--format", "text", "--baseline", "live", "--jobs", j, "big.yaml" };

        var sequential = Cli.Run(dir.Path, Args("1"));
        Assert.Equal(Program.ExitFindings, sequential.ExitCode);
        foreach (var id in new[] { "DS1009", "DS1005" })
        {
            Assert.Contains(" " + id + ":", sequential.Stdout);
        }

        for (var round = 0; round < 2; round++)
        {
            var parallel = Cli.Run(dir.Path, Args(jobs));
            Assert.Equal(sequential, parallel with { Stdout = parallel.Stdout.Replace($"out{jobs}.sarif", "out1.sarif") });
            Assert.True(File.ReadAllBytes(Path.Combine(dir.Path, "out1.sarif")).SequenceEqual(File.ReadAllBytes(Path.Combine(dir.Path, $"out{jobs}.sarif"))));
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("two")]
    [InlineData("1.5")]
    public void JobsThatIsNotAPositiveNumber_IsAUsageError(string jobs)
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "--jobs", jobs, "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains("--jobs takes a positive number", r.Stderr);
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Fact]
    public void ShortAlias_J_Works()
    {
        using var dir = new TempFolder();
        dir.Write("a.yaml", Manifests.RestartPolicy);
        dir.Write("b.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "-j", "3", "a.yaml", "b.yaml");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.Contains("a.yaml(", r.Stdout);
    }

    // One stream of about 2 MB (big.yaml) and prior versions of some of its DaemonSets (live/daemonsets.yaml).
    internal static void WriteLargeStream(TempFolder dir)
    {
        // One stream of about 2 MB: DaemonSets with and without findings, ConfigMaps, prior versions, suppression comments,
        // non-ASCII text and CRLF line ends, split into runs of documents by the validator.
        var big = new StringBuilder("# a comment before the first marker: é漢😀\r\n");
        var live = new StringBuilder();
        for (var d = 0; big.Length < 2_000_000; d++)
        {
            var doc = (d % 4) switch
            {
                0 => Manifests.RestartPolicy.Replace("bad-restart", $"agent-{d}"),
                1 => "# é漢😀\n" + Manifests.DaemonSet($"agent-{d}", "app-" + d),
                2 => Manifests.ConfigMap,
                _ => Manifests.DaemonSet($"agent-{d}", "new-" + d).Replace("kind: DaemonSet", "kind: DaemonSet # daemonlint-disable-line DS1005"),
            };
            if (d % 4 == 1)
            {
                live.Append(Manifests.DaemonSet($"agent-{d}", "old-" + d)).Append("\n---\n");
            }

            big.Append("---\r\n").Append(doc.Replace("\r\n", "\n").Replace("\n", "\r\n")).Append("\r\n");
        }

        dir.Write("big.yaml", big.ToString());
        dir.Write("live/daemonsets.yaml", live.ToString());
    }

    internal static (CliResult Result, Dictionary<string, byte[]> Files) RunAll(TempFolder dir, string jobs, Workers.SelfCommand? self = null)
    {
        var outDir = Path.Combine(dir.Path, "out");
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }

        Directory.CreateDirectory(outDir);
        var r = Cli.RunWith(
            self,
            dir.Path,
            "validate",
            "--format", "json", "--output", "out/r.json",
            "--format", "sarif", "--output", "out/r.sarif",
            "--format", "junit", "--output", "out/r.xml",
            "--format", "github", "--output", "out/r.github",
            "--format", "text",
            "--baseline", "live",
            "--max-file-size", "40000",
            "--jobs", jobs,
            "apps", "missing.yaml", "loose.yaml");
        return (r, OutputFiles.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(dir.Path, n))));
    }

    // About a hundred files of very different sizes (so that threads finish them out of order) over five folders with their
    // own configuration: clean and broken DaemonSets, many-document files, files that are not YAML, a file over the size
    // limit, objects with prior versions whose selector changed, and objects that name no namespace.
    internal static int WriteCorpus(TempFolder dir)
    {
        dir.Write("apps/team1/.daemonlint.yaml", "ignore:\n  - rules: [DS1009]\n  - rules: [DS1010]\n");
        dir.Write("apps/team2/.editorconfig", "root = true\n[*.yaml]\ndotnet_diagnostic.DS1009.severity = warning\n");
        var live = new StringBuilder();
        var count = 0;
        for (var i = 0; i < 100; i++)
        {
            var name = $"agent-{i:D3}";
            var path = $"apps/team{(i + (i / 10)) % 5}/ds{i:D3}.yaml";
            switch (i % 10)
            {
                case 0:
                    dir.Write(path, Manifests.RestartPolicy.Replace("bad-restart", name));
                    break;
                case 1:
                    // Many documents: a slow file.
                    var many = new StringBuilder();
                    for (var d = 0; d < 40; d++)
                    {
                        many.Append(d % 3 == 0 ? Manifests.RestartPolicy.Replace("bad-restart", $"{name}-{d}") : Manifests.DaemonSet($"{name}-{d}", $"app-{d}")).Append("\n---\n");
                    }

                    dir.Write(path, many.ToString());
                    break;
                case 2:
                    dir.Write(path, "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: " + name + "\n");
                    break;
                case 3:
                    dir.Write(path, new byte[] { 0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x0a });
                    break;
                case 4:
                    // Over --max-file-size: DS9005.
                    dir.Write(path, string.Concat(Enumerable.Repeat(Manifests.DaemonSet(name, "big") + "\n---\n", 150)));
                    break;
                case 5:
                    // The selector changed since the live version: DS1005 (immutable).
                    dir.Write(path, Manifests.DaemonSet(name, "new-" + i));
                    live.Append(Manifests.DaemonSet(name, "old-" + i)).Append("\n---\n");
                    break;
                case 6:
                    // No namespace: compared in 'default', while the live version is in kube-system (a notice on stderr).
                    dir.Write(path, Manifests.DaemonSet(name, "app").Replace("  namespace: kube-system\n", string.Empty));
                    live.Append(Manifests.DaemonSet(name, "app")).Append("\n---\n");
                    break;
                case 7:
                    dir.Write(path, Manifests.ConfigMap);
                    break;
                default:
                    dir.Write(path, Manifests.DaemonSet(name, "app-" + i));
                    break;
            }

            count++;
        }

        dir.Write("live/daemonsets.yaml", live.ToString());
        dir.Write("loose.yaml", Manifests.RestartPolicy);
        // The .yaml files under apps/ (the .daemonlint.yaml among them: a folder's every .yaml is read), and loose.yaml.
        return count + 2;
    }
}
