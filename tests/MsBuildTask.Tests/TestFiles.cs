using System;
using System.Collections.Generic;
using System.IO;
using DaemonLint.Hosting;
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

    internal (ValidateKubernetesManifests Task, MockEngine Engine) Task(IHostFileSystem? fs, IGitProcess? git, params ITaskItem[] items)
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
internal sealed class FailingFileSystem : IHostFileSystem
{
    public Dictionary<string, Exception> ReadFailures { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Exception> ExistsFailures { get; } = new(StringComparer.Ordinal);

    public PathKind Probe(string fullPath) =>
        this.ExistsFailures.TryGetValue(fullPath, out var ex) ? throw ex : PhysicalFileSystem.Instance.Probe(fullPath);

    public long Length(string fullPath) => PhysicalFileSystem.Instance.Length(fullPath);

    public byte[] Read(string fullPath, long maxBytes) =>
        this.ReadFailures.TryGetValue(fullPath, out var ex) ? throw ex : PhysicalFileSystem.Instance.Read(fullPath, maxBytes);

    public IEnumerable<FolderEntry> List(string fullPath) => PhysicalFileSystem.Instance.List(fullPath);
}

/// <summary>A git whose work tree is the folder it is run in, that knows one revision and the files it holds; records its calls.</summary>
internal sealed class FakeGit : IGitProcess
{
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";

    public string Revision { get; init; } = "HEAD";

    /// <summary>Gets the files at <see cref="Revision"/>, by full path.</summary>
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public List<string[]> Calls { get; } = new();

    private string root = string.Empty;

    public GitResult Run(string workingDirectory, IReadOnlyList<string> arguments)
    {
        var args = new string[arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = arguments[i];
        }

        lock (this.Calls)
        {
            // The task validates files on several threads.
            this.Calls.Add(args);
        }

        if (args.Length == 2 && args[0] == "rev-parse" && args[1] == "--show-toplevel")
        {
            this.root = workingDirectory;
            return new GitResult(0, System.Text.Encoding.UTF8.GetBytes(workingDirectory + "\n"), string.Empty);
        }

        if (args[0] == "rev-parse" && args[3] == "--end-of-options")
        {
            return args[4] == this.Revision + "^{commit}"
                ? new GitResult(0, System.Text.Encoding.UTF8.GetBytes(Commit + "\n"), string.Empty)
                : new GitResult(1, Array.Empty<byte>(), string.Empty);
        }

        if (Array.IndexOf(args, "diff") >= 0)
        {
            return new GitResult(0, Array.Empty<byte>(), string.Empty);
        }

        if (args[0] == "cat-file" && args[3].StartsWith(Commit + ":", StringComparison.Ordinal))
        {
            var path = Path.Combine(this.root, args[3].Substring(Commit.Length + 1));
            return this.Files.TryGetValue(path, out var text)
                ? new GitResult(0, System.Text.Encoding.UTF8.GetBytes(text), string.Empty)
                : new GitResult(128, Array.Empty<byte>(), $"fatal: path '{path}' does not exist in '{this.Revision}'");
        }

        return new GitResult(129, Array.Empty<byte>(), "usage");
    }
}
