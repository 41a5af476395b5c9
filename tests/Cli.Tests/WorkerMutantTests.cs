using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DaemonLint.Tests;

namespace DaemonLint.Cli.Tests;

/// <summary>
/// Worker processes on broken input: the fixtures with bytes replaced, inserted, repeated and removed (YAML syntax errors,
/// invalid UTF-8, deep nesting, NUL and escape bytes), checked by the real tool with a worker process and with
/// <c>--jobs 1</c>. The two reports are the same bytes and the same exit code, a worker took part, and nothing threw. One
/// stream of such documents is also split into runs, where the join has to stop where the sequential reading stops (at the
/// first syntax error).
/// </summary>
public sealed class WorkerMutantTests
{
    private static readonly byte[][] Tokens = new[]
    {
        "&a ", "*a", "!!str ", "<<: *a\n", "{", "}", "[", "]", "? ", ": ", "- ", "|", ">", "|-\n", "\"", "'", "\t", "\r", "\n",
        "---\n", "...\n", "%YAML 1.2\n", "#", "\uFEFF", "\0", "\u2028", "1e400", "0x", "-.inf", "~", "null", "=", "\u001b[31m",
    }.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();

    private static readonly string[] Seeds = Directory.GetFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories)
        .OrderBy(f => f, StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MutatedFiles_CheckedByAWorker_GiveTheSequentialBytes(int seed)
    {
        using var dir = new TempFolder();
        var random = new Random(seed);
        for (var i = 0; i < 60; i++)
        {
            dir.Write($"apps/m{i:D2}.yaml", Mutate(File.ReadAllBytes(Seeds[random.Next(Seeds.Length)]), random));
        }

        AssertSameAsSequential(dir, "apps", "by workers");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void AMutatedStream_SplitIntoRuns_GivesTheSequentialBytes(int seed)
    {
        // Over 512 KiB, so the validator splits it into runs of documents; one document in 40 is broken (kept UTF-8, so the
        // file is read at all), and the first syntax error ends the reading of the stream in both runs.
        using var dir = new TempFolder();
        var random = new Random(seed);
        var stream = new MemoryStream();
        while (stream.Length < 700_000)
        {
            var doc = File.ReadAllBytes(Seeds[random.Next(Seeds.Length)]);
            if (random.Next(40) == 0)
            {
                doc = Encoding.UTF8.GetBytes(new UTF8Encoding(false, false).GetString(Mutate(doc, random)));
            }

            stream.Write(doc);
            stream.Write("\n---\n"u8);
        }

        dir.Write("big.yaml", stream.ToArray());

        AssertSameAsSequential(dir, "big.yaml", "runs by workers");
    }

    private static void AssertSameAsSequential(TempFolder dir, string path, string workerCounter)
    {
        var tool = new ToolProcess { ExtraEnvironment = { ["DAEMONLINT_WORKERS"] = "1", ["DAEMONLINT_TRACE"] = "1" } };
        foreach (var format in new[] { "sarif", "text" })
        {
            var sequential = tool.Run(dir.Path, null, "validate", "--format", format, "--jobs", "1", path);
            var parallel = tool.Run(dir.Path, null, "validate", "--format", format, "--jobs", "2", path);

            Assert.Contains(sequential.ExitCode, new[] { Program.ExitOk, Program.ExitFindings });
            Assert.Equal(sequential.ExitCode, parallel.ExitCode);
            Assert.Equal(sequential.Stdout, parallel.Stdout);
            Assert.DoesNotContain("xception", parallel.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("xception", sequential.Stderr, StringComparison.Ordinal);
            var counted = Regex.Match(parallel.Stderr, @"(\d+) " + workerCounter + @", (?:\d+ here, )?(\d+) worker\(s\) failed");
            Assert.True(counted.Success, parallel.Stderr);
            Assert.Equal("0", counted.Groups[2].Value);
            if (workerCounter == "by workers")
            {
                Assert.NotEqual("0", counted.Groups[1].Value);
            }

            // A folder's run starts its worker while the folder is listed; a file named on the command line is not walked.
            Assert.Contains(path == "apps" ? "(1 while the inputs were listed)" : "(0 while the inputs were listed)", parallel.Stderr, StringComparison.Ordinal);
        }
    }

    private static byte[] Mutate(byte[] text, Random random)
    {
        var b = new List<byte>(text);
        for (var n = random.Next(1, 9); n > 0; n--)
        {
            var i = random.Next(b.Count + 1);
            switch (random.Next(6))
            {
                case 0 when b.Count > 0:
                    b[Math.Min(i, b.Count - 1)] = (byte)random.Next(256);
                    break;
                case 1:
                    b.InsertRange(i, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 2 when b.Count > 0:
                    b.RemoveRange(i, Math.Min(b.Count - i, random.Next(1, 65)));
                    break;
                case 3 when b.Count > 0:
                    var part = b.GetRange(i, Math.Min(b.Count - i, random.Next(1, 401)));
                    for (var r = random.Next(1, 6); r > 0; r--)
                    {
                        b.InsertRange(i, part);
                    }

                    break;
                case 4:
                    b.InsertRange(i, Encoding.ASCII.GetBytes(random.Next(2) == 0 ? new string('[', random.Next(1, 3000)) : string.Concat(Enumerable.Repeat("- ", random.Next(1, 2000)))));
                    break;
                default:
                    b.InsertRange(i, Encoding.ASCII.GetBytes("\n" + new string(' ', random.Next(41))).Concat(Tokens[random.Next(Tokens.Length)]));
                    break;
            }
        }

        return b.ToArray();
    }
}
