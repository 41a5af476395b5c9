using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace DaemonLint.MsBuild.Tests;

/// <summary>A temporary project folder, deleted on dispose. Its root .editorconfig says root = true, so nothing above leaks in.</summary>
public sealed class TempProject : IDisposable
{
    public TempProject()
    {
        this.Root = Path.Combine(Path.GetTempPath(), "dl-task-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(this.Root);
        this.Write(".editorconfig", "root = true\n");
    }

    public string Root { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(this.Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    public ITaskItem Item(string relativePath, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(Path.Combine(this.Root, relativePath));
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, value);
        }

        return item;
    }

    public (ValidateKubernetesManifests Task, MockEngine Engine) Task(params ITaskItem[] items) => this.Task(null, null, items);

    internal (ValidateKubernetesManifests Task, MockEngine Engine) Task(ITaskFileSystem? fs, IGitRunner? git, params ITaskItem[] items)
    {
        var engine = new MockEngine();
        var task = new ValidateKubernetesManifests(fs ?? PhysicalFileSystem.Instance, git ?? new FakeGit())
        {
            BuildEngine = engine,
            Manifests = items,
            ProjectDirectory = this.Root,
        };
        return (task, engine);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(this.Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A file system that fails for chosen paths and otherwise reads the disk.</summary>
internal sealed class FailingFileSystem : ITaskFileSystem
{
    public Dictionary<string, Exception> ReadFailures { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Exception> ExistsFailures { get; } = new(StringComparer.Ordinal);

    public byte[] ReadAllBytes(string path) =>
        this.ReadFailures.TryGetValue(path, out var ex) ? throw ex : PhysicalFileSystem.Instance.ReadAllBytes(path);

    public bool FileExists(string path) =>
        this.ExistsFailures.TryGetValue(path, out var ex) ? throw ex : PhysicalFileSystem.Instance.FileExists(path);

    public bool DirectoryExists(string path) =>
        this.ExistsFailures.TryGetValue(path, out var ex) ? throw ex : PhysicalFileSystem.Instance.DirectoryExists(path);

    public IReadOnlyList<string> ManifestFilesUnder(string path) => PhysicalFileSystem.Instance.ManifestFilesUnder(path);
}

/// <summary>A git that knows one revision and the files it holds; records its calls.</summary>
internal sealed class FakeGit : IGitRunner
{
    public string Revision { get; init; } = "HEAD";

    /// <summary>Gets the files at <see cref="Revision"/>, by full path.</summary>
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public List<string[]> Calls { get; } = new();

    public GitResult Run(string workingDirectory, IReadOnlyList<string> arguments)
    {
        var args = new string[arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = arguments[i];
        }

        this.Calls.Add(args);
        if (args[0] == "rev-parse")
        {
            return args[3] == this.Revision + "^{commit}"
                ? new GitResult(0, Array.Empty<byte>(), string.Empty)
                : new GitResult(1, Array.Empty<byte>(), "fatal: Needed a single revision");
        }

        if (args[0] == "show" && args[1].StartsWith(this.Revision + ":./", StringComparison.Ordinal))
        {
            var path = Path.Combine(workingDirectory, args[1].Substring(this.Revision.Length + 3));
            return this.Files.TryGetValue(path, out var text)
                ? new GitResult(0, System.Text.Encoding.UTF8.GetBytes(text), string.Empty)
                : new GitResult(128, Array.Empty<byte>(), $"fatal: path '{path}' exists on disk, but not in '{this.Revision}'");
        }

        return new GitResult(129, Array.Empty<byte>(), "usage");
    }
}
