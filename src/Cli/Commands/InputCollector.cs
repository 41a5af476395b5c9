using System;
using System.Collections.Generic;
using System.IO;

namespace DaemonLint.Cli.Commands;

/// <summary>One input: a file on disk, or standard input.</summary>
/// <param name="DisplayName">The name shown in findings (relative to the current directory when below it, '/' separated).</param>
/// <param name="FullPath">The full path, or null for stdin.</param>
public sealed record InputFile(string DisplayName, string? FullPath);

/// <summary>Expands the PATH arguments into files: folders recursively (*.yaml, *.yml, *.json), '-' for stdin.</summary>
public static class InputCollector
{
    private static readonly string[] Extensions = { ".yaml", ".yml", ".json" };

    /// <summary>Collects the inputs.</summary>
    /// <param name="paths">The arguments.</param>
    /// <param name="currentDirectory">The directory relative paths are resolved against.</param>
    /// <param name="missing">Paths that do not exist.</param>
    /// <param name="emptyFolders">Folders without any manifest file.</param>
    /// <returns>The files, in argument order, folders sorted.</returns>
    public static List<InputFile> Collect(IEnumerable<string> paths, string currentDirectory, List<string> missing, List<string> emptyFolders)
    {
        var result = new List<InputFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arg in paths)
        {
            if (arg == "-")
            {
                result.Add(new InputFile("<stdin>", null));
                continue;
            }

            var full = Path.GetFullPath(Path.Combine(currentDirectory, arg));
            if (File.Exists(full))
            {
                if (seen.Add(full))
                {
                    result.Add(new InputFile(Display(arg, full, currentDirectory), full));
                }
            }
            else if (Directory.Exists(full))
            {
                var before = result.Count;
                foreach (var f in EnumerateManifests(full))
                {
                    if (seen.Add(f))
                    {
                        result.Add(new InputFile(Display(null, f, currentDirectory), f));
                    }
                }

                if (result.Count == before)
                {
                    emptyFolders.Add(arg);
                }
            }
            else
            {
                missing.Add(arg);
            }
        }

        return result;
    }

    /// <summary>Whether a file name has a manifest extension.</summary>
    /// <param name="path">The path.</param>
    /// <returns>True for .yaml, .yml and .json.</returns>
    public static bool IsManifestName(string path)
    {
        foreach (var e in Extensions)
        {
            if (path.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> EnumerateManifests(string folder)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var e in entries)
            {
                var name = Path.GetFileName(e);
                if (Directory.Exists(e))
                {
                    if (!name.StartsWith(".", StringComparison.Ordinal) && name is not ("node_modules" or "bin" or "obj"))
                    {
                        pending.Push(e);
                    }
                }
                else if (IsManifestName(name))
                {
                    files.Add(e);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static string Display(string? arg, string full, string currentDirectory)
    {
        var rel = Path.GetRelativePath(currentDirectory, full);
        if (!rel.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(rel))
        {
            return rel.Replace('\\', '/');
        }

        return (arg ?? full).Replace('\\', '/');
    }
}
