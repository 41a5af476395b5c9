using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace DaemonLint.Hosting;

/// <summary>What one git invocation returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">The bytes written to standard output.</param>
/// <param name="StandardError">The text written to standard error.</param>
public sealed record GitResult(int ExitCode, byte[] StandardOutput, string StandardError);

/// <summary>Runs git: a seam for tests.</summary>
public interface IGitProcess
{
    /// <summary>Runs git with an argument list (never through a shell).</summary>
    /// <param name="workingDirectory">The working folder.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The result.</returns>
    GitResult Run(string workingDirectory, IReadOnlyList<string> arguments);
}

/// <summary>A git revision or repository that cannot be used: a configuration error (exit code 2, DS9009), never a silent skip.</summary>
public sealed class GitException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="GitException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    public GitException(string message)
        : base(message)
    {
    }
}

/// <summary>Runs the <c>git</c> found on the PATH as a process: an argument list, no terminal prompt, no pager, a timeout.</summary>
public sealed class GitProcess : IGitProcess
{
    /// <summary>Initializes a new instance of the <see cref="GitProcess"/> class.</summary>
    /// <param name="timeout">How long one git command may take (default two minutes).</param>
    public GitProcess(TimeSpan? timeout = null) => this.Timeout = timeout ?? TimeSpan.FromMinutes(2);

    /// <summary>Gets the default instance.</summary>
    public static GitProcess Instance { get; } = new();

    /// <summary>Gets how long one git command may take.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public GitResult Run(string workingDirectory, IReadOnlyList<string> arguments)
    {
        var psi = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory,
            Arguments = JoinArguments(arguments),
        };

        // Keep git from paging, prompting or taking locks that would disturb a concurrent git command of the user.
        psi.EnvironmentVariables["GIT_TERMINAL_PROMPT"] = "0";
        psi.EnvironmentVariables["GIT_PAGER"] = "cat";
        psi.EnvironmentVariables["GIT_OPTIONAL_LOCKS"] = "0";

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new GitException("git did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new GitException("git is not available: " + ex.Message);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            using var stdout = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
            if (!process.WaitForExit((int)this.Timeout.TotalMilliseconds))
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // already gone
                }

                throw new GitException($"git {string.Join(" ", arguments)} did not finish within {this.Timeout.TotalSeconds:0} s");
            }

            Task.WaitAll(copy, stderr);
            process.WaitForExit();
            return new GitResult(process.ExitCode, stdout.ToArray(), stderr.Result);
        }
    }

    /// <summary>
    /// Quotes arguments into one command line by the rules both .NET runtimes split it back with (CommandLineToArgvW's), so any
    /// file name (spaces, quotes, backslashes, a leading dash, newlines) reaches git as exactly one argument.
    /// </summary>
    /// <param name="arguments">The arguments.</param>
    /// <returns>One command line.</returns>
    public static string JoinArguments(IReadOnlyList<string> arguments)
    {
        var sb = new StringBuilder();
        foreach (var a in arguments)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            if (a.Length > 0 && a.IndexOfAny(new[] { ' ', '\t', '\n', '\r', '\v', '"' }) < 0)
            {
                sb.Append(a);
                continue;
            }

            sb.Append('"');
            var backslashes = 0;
            foreach (var c in a)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                if (c == '"')
                {
                    sb.Append('\\', (backslashes * 2) + 1);
                }
                else
                {
                    sb.Append('\\', backslashes);
                }

                backslashes = 0;
                sb.Append(c);
            }

            sb.Append('\\', backslashes * 2);
            sb.Append('"');
        }

        return sb.ToString();
    }
}

/// <summary>
/// The one git client of every host: a repository found from a folder, revisions verified as commits
/// (<c>git rev-parse --verify --end-of-options REV^{commit}</c>), files read at a commit or from the index, renames between a
/// commit and the index or the work tree. Options always end with <c>--end-of-options</c> (or <c>--</c> before paths), and
/// objects are named by the verified commit id (or <c>:0:</c> for the index) with the file's path relative to the
/// repository root, so neither a revision nor a file name can be read as an option.
/// </summary>
public sealed class GitClient
{
    private readonly IGitProcess git;

    private GitClient(IGitProcess git, string root)
    {
        this.git = git;
        this.Root = root;
    }

    /// <summary>Gets the work tree root.</summary>
    public string Root { get; }

    /// <summary>Finds the repository that holds a folder.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="git">The git runner, or the real git.</param>
    /// <returns>The client.</returns>
    /// <exception cref="GitException">There is no repository there, or git cannot run.</exception>
    public static GitClient Open(string folder, IGitProcess? git = null)
    {
        git ??= GitProcess.Instance;
        var r = git.Run(folder, new[] { "rev-parse", "--show-toplevel" });
        if (r.ExitCode != 0)
        {
            throw new GitException($"'{folder}' is not in a git repository{Detail(r.StandardError)}");
        }

        var root = Encoding.UTF8.GetString(r.StandardOutput).TrimEnd('\n', '\r');
        return new GitClient(git, Path.GetFullPath(root));
    }

    /// <summary>Verifies that a revision names a commit and returns the commit id.</summary>
    /// <param name="revision">The revision (<c>HEAD</c>, <c>origin/main</c>, a tag, an id).</param>
    /// <returns>The full commit id.</returns>
    /// <exception cref="GitException">It does not name a commit of this repository.</exception>
    public string VerifyCommit(string revision)
    {
        if (string.IsNullOrWhiteSpace(revision) || revision.IndexOf('\0') >= 0)
        {
            throw new GitException($"'{revision}' is not a git revision");
        }

        var r = this.git.Run(this.Root, new[] { "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}" });
        var id = Encoding.UTF8.GetString(r.StandardOutput).Trim();
        if (r.ExitCode != 0 || id.Length < 40 || !IsHex(id))
        {
            throw new GitException($"'{revision}' does not name a commit of the git repository at '{this.Root}'{Detail(r.StandardError)}");
        }

        return id;
    }

    /// <summary>Whether the current branch has no commit yet (a new repository).</summary>
    /// <returns>True when <c>HEAD</c> names a branch that does not exist yet.</returns>
    public bool IsUnborn()
    {
        var branch = this.git.Run(this.Root, new[] { "symbolic-ref", "--quiet", "HEAD" });
        if (branch.ExitCode != 0)
        {
            return false;
        }

        var name = Encoding.UTF8.GetString(branch.StandardOutput).Trim();
        return this.git.Run(this.Root, new[] { "rev-parse", "--verify", "--quiet", "--end-of-options", name }).ExitCode != 0;
    }

    /// <summary>Reads a file as stored at a commit, or in the index.</summary>
    /// <param name="commit">A commit id from <see cref="VerifyCommit"/>, or null for the index (staged content).</param>
    /// <param name="fullPath">The file's full path in the work tree.</param>
    /// <returns>The bytes, or null when the file does not exist there.</returns>
    public byte[]? Show(string? commit, string fullPath)
    {
        var relative = this.RelativePath(fullPath);
        if (relative is null)
        {
            return null;
        }

        var r = this.git.Run(this.Root, new[] { "cat-file", "--end-of-options", "blob", (commit ?? ":0") + ":" + relative });
        return r.ExitCode == 0 ? r.StandardOutput : null;
    }

    /// <summary>Maps each renamed file's new path to its old path, comparing a commit with the index (staged) or the work tree.</summary>
    /// <param name="commit">A commit id from <see cref="VerifyCommit"/>.</param>
    /// <param name="staged">Whether to compare with the index (true) or the work tree (false).</param>
    /// <returns>New full path → old full path.</returns>
    public Dictionary<string, string> Renames(string commit, bool staged)
    {
        var args = new List<string> { "-c", "core.quotePath=false", "diff", "--name-status", "-M", "-z", "--no-ext-diff", "--no-textconv" };
        if (staged)
        {
            args.Add("--cached");
        }

        args.Add("--end-of-options");
        args.Add(commit);
        args.Add("--");
        var r = this.git.Run(this.Root, args);
        var map = new Dictionary<string, string>(HostPaths.Comparer);
        if (r.ExitCode != 0)
        {
            throw new GitException($"git diff against {commit} failed{Detail(r.StandardError)}");
        }

        var parts = Encoding.UTF8.GetString(r.StandardOutput).Split('\0');
        for (var i = 0; i < parts.Length; i++)
        {
            var status = parts[i];
            if (status.StartsWith("R", StringComparison.Ordinal) || status.StartsWith("C", StringComparison.Ordinal))
            {
                if (i + 2 < parts.Length)
                {
                    map[this.FullPath(parts[i + 2])] = this.FullPath(parts[i + 1]);
                }

                i += 2;
            }
            else if (status.Length > 0)
            {
                i += 1;
            }
        }

        return map;
    }

    /// <summary>Gets a work tree file's path relative to the root, '/' separated (as git names it).</summary>
    /// <param name="fullPath">The full path.</param>
    /// <returns>The relative path, or null when the file is outside the work tree.</returns>
    public string? RelativePath(string fullPath) => HostPaths.Relative(this.Root, Path.GetFullPath(fullPath));

    private static bool IsHex(string s)
    {
        foreach (var c in s)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static string Detail(string stderr)
    {
        var t = stderr.Trim();
        return t.Length == 0 ? string.Empty : ": " + t.Replace("\r", string.Empty).Replace('\n', ' ');
    }

    private string FullPath(string relative) => Path.GetFullPath(Path.Combine(this.Root, relative));
}
