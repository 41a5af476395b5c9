using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace DaemonLint.Cli.Git;

/// <summary>
/// The few git queries the update rules need, run as a <c>git</c> process with an argument list (never a shell), so
/// file names with spaces, quotes, leading dashes or non-ASCII characters need no quoting.
/// </summary>
public sealed class GitRepository
{
    private GitRepository(string root) => this.Root = root;

    /// <summary>Gets the work tree root.</summary>
    public string Root { get; }

    /// <summary>Finds the repository that holds a folder.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="error">Why there is none.</param>
    /// <returns>The repository, or null.</returns>
    public static GitRepository? Find(string folder, out string? error)
    {
        var r = Run(folder, "rev-parse", "--show-toplevel");
        if (r.ExitCode != 0)
        {
            error = Encoding.UTF8.GetString(r.Stderr).Trim();
            return null;
        }

        error = null;
        return new GitRepository(Encoding.UTF8.GetString(r.Stdout).Trim());
    }

    /// <summary>Reads a file as stored at a revision (<c>HEAD</c>, a tag) or in the index (<paramref name="revision"/> empty).</summary>
    /// <param name="revision">The revision, or empty for the index (staged content).</param>
    /// <param name="fullPath">The file's full path in the work tree.</param>
    /// <returns>The bytes, or null when the file does not exist there.</returns>
    public byte[]? Show(string revision, string fullPath)
    {
        var r = Run(this.Root, "show", revision + ":" + this.RelativePath(fullPath));
        return r.ExitCode == 0 ? r.Stdout : null;
    }

    /// <summary>Maps each renamed file's new path to its old path, comparing <paramref name="revision"/> with the index (staged) or the work tree.</summary>
    /// <param name="revision">The revision.</param>
    /// <param name="staged">Whether to compare with the index (true) or the work tree (false).</param>
    /// <returns>New full path → old full path.</returns>
    public Dictionary<string, string> Renames(string revision, bool staged)
    {
        var args = new List<string> { "-c", "core.quotePath=false", "diff", "--name-status", "-M", "-z" };
        if (staged)
        {
            args.Add("--cached");
        }

        args.Add(revision);
        args.Add("--");
        var r = Run(this.Root, args.ToArray());
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.ExitCode != 0)
        {
            return map;
        }

        var parts = Encoding.UTF8.GetString(r.Stdout).Split('\0');
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

    /// <summary>Gets a work tree file's path relative to the root, '/' separated.</summary>
    /// <param name="fullPath">The full path.</param>
    /// <returns>The relative path.</returns>
    public string RelativePath(string fullPath) => Path.GetRelativePath(this.Root, fullPath).Replace('\\', '/');

    private string FullPath(string relative) => Path.GetFullPath(Path.Combine(this.Root, relative));

    private static (int ExitCode, byte[] Stdout, byte[] Stderr) Run(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(psi)!;
            var stderrTask = p.StandardError.ReadToEndAsync();
            using var stdout = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(stdout);
            p.WaitForExit();
            return (p.ExitCode, stdout.ToArray(), Encoding.UTF8.GetBytes(stderrTask.Result));
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (127, Array.Empty<byte>(), Encoding.UTF8.GetBytes("git is not available: " + ex.Message));
        }
    }
}
