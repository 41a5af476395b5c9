using System;
using System.IO;
using System.Text;

namespace DaemonLint.Cli.Tests;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Initializes a new instance of the <see cref="TempFolder"/> class.</summary>
    public TempFolder()
    {
        this.Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "daemonlint-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(this.Path);
    }

    /// <summary>Gets the full path of the folder.</summary>
    public string Path { get; }

    /// <summary>Writes a text file (UTF-8, no BOM), creating folders on the way.</summary>
    /// <param name="relative">The path below the folder, '/' separated.</param>
    /// <param name="text">The content.</param>
    /// <returns>The full path.</returns>
    public string Write(string relative, string text) => this.Write(relative, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes a file, creating folders on the way.</summary>
    /// <param name="relative">The path below the folder, '/' separated.</param>
    /// <param name="bytes">The content.</param>
    /// <returns>The full path.</returns>
    public string Write(string relative, byte[] bytes)
    {
        var full = System.IO.Path.Combine(this.Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>Reads a file below the folder.</summary>
    /// <param name="relative">The path below the folder.</param>
    /// <returns>The text.</returns>
    public string Read(string relative) => File.ReadAllText(System.IO.Path.Combine(this.Path, relative));

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(this.Path, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file: leave it to the OS temp cleaner.
        }
    }
}
