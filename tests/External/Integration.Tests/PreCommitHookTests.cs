using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Install.Tests;
using DaemonLint.Tests;

namespace DaemonLint.Integration.Tests;

/// <summary>
/// The hook end to end with the real pre-commit (Debian's package; .ci/run installs it): a consumer repository whose
/// .pre-commit-config.yaml points at this repository (a local path and a commit), `pre-commit install`, then commits.
/// pre-commit's dotnet language packs this repository (the tool's pointer package on top, its platform packages one folder
/// down) and installs the tool from it: the native AOT executable on linux-x64 (clang is there: .ci/run installs it).
/// </summary>
public sealed class PreCommitHookTests
{
    private const string Good = """
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
        """;

    [Fact]
    public void Hook_BlocksBadCommits_AndSelectorChanges_AndLetsGoodOnesThrough()
    {
        var work = ProcessRunner.TempFolder("dl-precommit");
        try
        {
            var head = Git(RepoPaths.Root, "rev-parse", "HEAD").Output.Trim();
            var repo = Path.Combine(work, "consumer");
            Directory.CreateDirectory(repo);
            var env = new Dictionary<string, string> { ["PRE_COMMIT_HOME"] = Path.Combine(work, "cache"), ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.com", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.com" };
            Git(repo, "init", "-q", "-b", "main");
            File.WriteAllText(Path.Combine(repo, ".pre-commit-config.yaml"), $"""
                repos:
                  - repo: {RepoPaths.Root}
                    rev: {head}
                    hooks:
                      - id: daemonlint
                """);
            Git(repo, "add", ".pre-commit-config.yaml");
            Git(repo, "commit", "-q", "-m", "config", "--no-verify");
            Assert.Equal(0, Run(repo, env, "pre-commit", "install").ExitCode);

            // A good manifest (with a name that needs no quoting by a shell, and one that would) passes.
            var ds = Path.Combine(repo, "deploy", "my agent's ds.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(ds)!);
            File.WriteAllText(ds, Good);
            Git(repo, "add", "-A");
            var ok = Run(repo, env, "git", "commit", "-m", "good");
            Assert.True(ok.ExitCode == 0, ok.Output);

            // What pre-commit installed from the pack of this repository: the pointer package resolved to this machine's
            // native AOT package (docs/install.md), not the framework-dependent build.
            var installed = Directory.GetFiles(Path.Combine(work, "cache"), "daemonlint", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "bin" && Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f))!)!.StartsWith("dotnetenv-", StringComparison.Ordinal))
                .Select(InstalledTool.Read)
                .Single();
            Assert.True(installed.IsNative, installed.ToString());
            Assert.Equal(InstalledTool.HostMachine(), installed.Machine);

            // A bad one is blocked, with the finding printed.
            File.WriteAllText(Path.Combine(repo, "bad.yaml"), Good.Replace("      containers:", "      restartPolicy: OnFailure\n      containers:"));
            Git(repo, "add", "bad.yaml");
            var bad = Run(repo, env, "git", "commit", "-m", "bad");
            Assert.NotEqual(0, bad.ExitCode);
            Assert.Contains("bad.yaml(14,22): error DS1009", bad.Output, StringComparison.Ordinal);
            Git(repo, "rm", "-q", "--cached", "bad.yaml");
            File.Delete(Path.Combine(repo, "bad.yaml"));

            // Changing the selector of a committed DaemonSet is blocked against HEAD: the staged content is checked.
            File.WriteAllText(ds, Good.Replace("app: agent", "app: agent2"));
            Git(repo, "add", "-A");
            var changed = Run(repo, env, "git", "commit", "-m", "selector");
            Assert.NotEqual(0, changed.ExitCode);
            Assert.Contains("error DS1005", changed.Output, StringComparison.Ordinal);
            Assert.Contains("field is immutable", changed.Output, StringComparison.Ordinal);

            // What is checked is the index, not the work tree: restoring the file only in the work tree changes nothing.
            File.WriteAllText(ds, Good);
            var stillStaged = Run(repo, env, "git", "commit", "-m", "selector again");
            Assert.NotEqual(0, stillStaged.ExitCode);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static ProcessRunner.Result Git(string dir, params string[] args)
    {
        var r = ProcessRunner.Run("git", args, dir, TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.com", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.com" });
        Assert.True(r.ExitCode == 0, $"git {string.Join(" ", args)}: {r.Output}");
        return r;
    }

    private static ProcessRunner.Result Run(string dir, Dictionary<string, string> env, string file, params string[] args) =>
        ProcessRunner.Run(file, args, dir, TimeSpan.FromMinutes(10), env);
}
