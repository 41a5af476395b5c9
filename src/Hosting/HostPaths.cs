using System;
using System.IO;

namespace DaemonLint.Hosting;

/// <summary>Path helpers netstandard2.0 lacks.</summary>
public static class HostPaths
{
    /// <summary>Gets the comparer of full paths on this platform.</summary>
    public static StringComparer Comparer =>
        Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>A path relative to a folder, '/' separated, when it lies below (or is) the folder.</summary>
    /// <param name="folder">The folder (full path).</param>
    /// <param name="fullPath">The path (full path).</param>
    /// <returns>The relative path, or null when the path is outside the folder.</returns>
    public static string? Relative(string folder, string fullPath)
    {
        var f = folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (string.Equals(f, fullPath.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), comparison))
        {
            return ".";
        }

        if (fullPath.Length > f.Length + 1 && fullPath.StartsWith(f, comparison)
            && (fullPath[f.Length] == Path.DirectorySeparatorChar || fullPath[f.Length] == Path.AltDirectorySeparatorChar))
        {
            return ToSlashes(fullPath.Substring(f.Length + 1));
        }

        // The root folder ("/" or "C:\") ends in a separator already.
        if (f.Length == 0 && fullPath.Length > 1 && fullPath[0] == '/')
        {
            return fullPath.Substring(1);
        }

        return null;
    }

    /// <summary>Turns the platform's separators into '/' (on Unix a backslash is part of a file name and stays).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The path with '/' separators.</returns>
    public static string ToSlashes(string path) => Path.DirectorySeparatorChar == '\\' ? path.Replace('\\', '/') : path;

    /// <summary>A path relative to a folder, '/' separated, with <c>..</c> segments when it lies outside.</summary>
    /// <param name="folder">The folder (full path).</param>
    /// <param name="fullPath">The path (full path).</param>
    /// <returns>The relative path.</returns>
    public static string RelativeWithParents(string folder, string fullPath)
    {
        var separators = Path.DirectorySeparatorChar == '\\' ? new[] { '/', '\\' } : new[] { '/' };
        var from = Path.GetFullPath(folder).TrimEnd(separators).Split(separators);
        var to = Path.GetFullPath(fullPath).Split(separators);
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var common = 0;
        while (common < from.Length && common < to.Length && string.Equals(from[common], to[common], comparison))
        {
            common++;
        }

        var parts = new System.Collections.Generic.List<string>();
        for (var i = common; i < from.Length; i++)
        {
            parts.Add("..");
        }

        for (var i = common; i < to.Length; i++)
        {
            parts.Add(to[i]);
        }

        return parts.Count == 0 ? "." : string.Join("/", parts);
    }
}
