using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace DaemonLint.MsBuild;

/// <summary>What one git invocation returned.</summary>
internal sealed class GitResult
{
    /// <summary>Initializes a new instance of the <see cref="GitResult"/> class.</summary>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="standardOutput">The bytes written to standard output.</param>
    /// <param name="standardError">The text written to standard error.</param>
    public GitResult(int exitCode, byte[] standardOutput, string standardError)
    {
        this.ExitCode = exitCode;
        this.StandardOutput = standardOutput;
        this.StandardError = standardError;
    }

    /// <summary>Gets the exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Gets the bytes written to standard output.</summary>
    public byte[] StandardOutput { get; }

    /// <summary>Gets the text written to standard error.</summary>
    public string StandardError { get; }
}

/// <summary>Runs git: a seam for tests.</summary>
internal interface IGitRunner
{
    /// <summary>Runs git with an argument list (never through a shell).</summary>
    /// <param name="workingDirectory">The working folder.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The result.</returns>
    GitResult Run(string workingDirectory, IReadOnlyList<string> arguments);
}

/// <summary>Runs the <c>git</c> found on the PATH as a process.</summary>
internal sealed class ProcessGitRunner : IGitRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Gets the instance.</summary>
    public static ProcessGitRunner Instance { get; } = new();

    /// <inheritdoc />
    public GitResult Run(string workingDirectory, IReadOnlyList<string> arguments)
    {
        var psi = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory,
        };
#if NETSTANDARD2_0
        psi.Arguments = JoinArguments(arguments);
#else
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
#endif

        // Keep git from paging or asking for anything.
        psi.EnvironmentVariables["GIT_TERMINAL_PROMPT"] = "0";
        psi.EnvironmentVariables["GIT_PAGER"] = "cat";

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("git did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            throw new TimeoutException($"git {string.Join(" ", arguments)} did not finish within {Timeout.TotalSeconds:0} s");
        }

        Task.WaitAll(copy, stderr);
        process.WaitForExit();
        return new GitResult(process.ExitCode, stdout.ToArray(), stderr.Result);
    }

    /// <summary>Quotes arguments for the .NET Framework command line (the CommandLineToArgvW rules), for hosts without ArgumentList.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <returns>One command line.</returns>
    internal static string JoinArguments(IReadOnlyList<string> arguments)
    {
        var sb = new StringBuilder();
        foreach (var a in arguments)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            if (a.Length > 0 && a.IndexOfAny(new[] { ' ', '\t', '\n', '"' }) < 0)
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

/// <summary>Reads prior versions of manifests from a git revision (<c>git show REV:./file</c>).</summary>
internal sealed class GitBaseline
{
    private readonly IGitRunner git;

    /// <summary>Initializes a new instance of the <see cref="GitBaseline"/> class.</summary>
    /// <param name="git">The runner.</param>
    /// <param name="revision">The revision.</param>
    public GitBaseline(IGitRunner git, string revision)
    {
        this.git = git;
        this.Revision = revision;
    }

    /// <summary>Gets the revision.</summary>
    public string Revision { get; }

    /// <summary>Checks that the revision names a commit of the repository that holds a folder.</summary>
    /// <param name="folder">The folder (the project folder).</param>
    /// <returns>Null when it does, otherwise what is wrong.</returns>
    public string? Verify(string folder)
    {
        if (this.Revision.StartsWith("-", StringComparison.Ordinal) || this.Revision.IndexOf(':') >= 0)
        {
            return $"DaemonLintBaselineRef '{this.Revision}' is not a git revision";
        }

        GitResult r;
        try
        {
            r = this.git.Run(folder, new[] { "rev-parse", "--verify", "--quiet", this.Revision + "^{commit}" });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"cannot run git for DaemonLintBaselineRef '{this.Revision}': {ex.Message}";
        }

        return r.ExitCode == 0
            ? null
            : $"DaemonLintBaselineRef '{this.Revision}' does not name a commit of the git repository at '{folder}'{Detail(r.StandardError)}";
    }

    /// <summary>Reads a file's content at the revision.</summary>
    /// <param name="fullPath">The file's full path.</param>
    /// <returns>The content, or null when the file does not exist at the revision (no baseline: a create).</returns>
    public byte[]? Show(string fullPath)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        var r = this.git.Run(folder, new[] { "show", this.Revision + ":./" + Path.GetFileName(fullPath) });
        return r.ExitCode == 0 ? r.StandardOutput : null;
    }

    private static string Detail(string stderr)
    {
        var t = stderr.Trim();
        return t.Length == 0 ? string.Empty : ": " + t.Replace("\r", string.Empty).Replace('\n', ' ');
    }
}
