using System.Collections.Generic;
using System.IO;

namespace DaemonLint.MsBuild;

/// <summary>The file access of the task: a seam for tests.</summary>
internal interface ITaskFileSystem
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The full path.</param>
    /// <returns>The bytes.</returns>
    byte[] ReadAllBytes(string path);

    /// <summary>Whether a file exists.</summary>
    /// <param name="path">The full path.</param>
    /// <returns>True when it does.</returns>
    bool FileExists(string path);

    /// <summary>Whether a folder exists.</summary>
    /// <param name="path">The full path.</param>
    /// <returns>True when it does.</returns>
    bool DirectoryExists(string path);

    /// <summary>Lists the manifest files (<c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c>) under a folder, recursively, in ordinal order.</summary>
    /// <param name="path">The folder.</param>
    /// <returns>The files.</returns>
    IReadOnlyList<string> ManifestFilesUnder(string path);
}

/// <summary>The real file system.</summary>
internal sealed class PhysicalFileSystem : ITaskFileSystem
{
    /// <summary>Gets the instance.</summary>
    public static PhysicalFileSystem Instance { get; } = new();

    /// <inheritdoc />
    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    /// <inheritdoc />
    public bool FileExists(string path) => File.Exists(path);

    /// <inheritdoc />
    public bool DirectoryExists(string path) => Directory.Exists(path);

    /// <inheritdoc />
    public IReadOnlyList<string> ManifestFilesUnder(string path)
    {
        var files = new List<string>();
        foreach (var f in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            var ext = Path.GetExtension(f).ToLowerInvariant();
            if (ext is ".yaml" or ".yml" or ".json")
            {
                files.Add(f);
            }
        }

        files.Sort(System.StringComparer.Ordinal);
        return files;
    }
}
