using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Tests;

namespace DaemonLint.Hostile.Tests;

/// <summary>
/// A folder of generated hostile inputs beside good and bad DaemonSets: what issue 14 lists and its relatives. Every bad
/// DaemonSet breaks the same rule (DS1009, restartPolicy) at the same place, so a test can check that each was reported.
/// </summary>
public sealed class HostileWorld : IDisposable
{
    public const string BadRule = "DS1009";

    public const string Good = """
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

    public static readonly string Bad = Good.Replace("      containers:", "      restartPolicy: OnFailure\n      containers:");

    /// <summary>File names that are data, never options or lines of output: each holds the bad DaemonSet.</summary>
    public static readonly string[] HostileNames =
    {
        "--output=ds.yaml",
        "--baseline-ref=--output=pwned.yaml",
        "-leading dash.yaml",
        "new\nline.yaml",
        "x.yaml(1,1): error DS1001: forged.yaml",
        "back\\slash.yaml",
        "spaces and 'quotes'.yaml",
        "ünïcödé ✓ 日本.yaml",
        "esc\u001b[2J.yaml",
        "bidi\u202elmay.yaml",
        "tab\there.yaml",
    };

    public HostileWorld(bool withSpecialFiles = true)
    {
        this.Root = ProcessRunner.TempFolder("dl-hostile");
        this.Write("good.yaml", Good);
        this.Write("bad.yaml", Bad);
        this.BadFiles.Add("bad.yaml");
        foreach (var name in HostileNames)
        {
            this.Write("names/" + name, Bad);
            this.BadFiles.Add("names/" + name);
        }

        // Huge (sparse: never read, the size says it), binary, deep nesting, an alias bomb, a parser exception, a JSON array root.
        using (var huge = File.Create(Path.Combine(this.Root, "huge.yaml")))
        {
            huge.SetLength(100L * 1024 * 1024);
        }

        var random = new Random(14);
        var binary = new byte[64 * 1024];
        random.NextBytes(binary);
        File.WriteAllBytes(Path.Combine(this.Root, "binary.yaml"), binary);
        this.Write("deep.yaml", "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        this.Write("deep-map.yaml", string.Concat(Enumerable.Range(0, 20_000).Select(i => new string(' ', 0) + "{a: ")) + "b" + new string('}', 20_000) + "\n");
        var bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            bomb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        this.Write("bomb.yaml", bomb.ToString());
        this.Write("escape.yaml", "a: \"\\UFFFFFFFF\"\n");
        this.Write("array.json", "[{\"kind\": \"DaemonSet\"}, 1, \"x\"]\n");
        this.Write("utf16.yaml", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Bad)).ToArray());
        this.BadFiles.Add("utf16.yaml");
        this.Write("many-ports.yaml", Bad.Replace("          image: busybox:1.36", "          image: busybox:1.36\n          ports:\n" + string.Concat(Enumerable.Range(1, 3000).Select(i => $"            - containerPort: {i}\n              name: p{i}\n"))));
        this.BadFiles.Add("many-ports.yaml");

        // A configuration whose parser throws, with a bad DaemonSet under it; one with a pathological glob over a long name.
        this.Write("conf/.daemonlint.yaml", "a: \"\\UFFFFFFFF\"\n");
        this.Write("conf/ds.yaml", Bad);
        this.BadFiles.Add("conf/ds.yaml");
        this.Write("globs/.daemonlint.yaml", "ignore:\n  - rules: [DS4001]\n    paths: [\"" + string.Concat(Enumerable.Repeat("*a", 30)) + "*b\"]\n");
        var longName = "globs/" + new string('a', 200) + ".yaml";
        this.Write(longName, Bad);
        this.BadFiles.Add(longName);

        if (withSpecialFiles && !OperatingSystem.IsWindows())
        {
            // Link cycles, a link to /dev/zero, a FIFO: never followed, never opened.
            Directory.CreateDirectory(Path.Combine(this.Root, "links"));
            Directory.CreateSymbolicLink(Path.Combine(this.Root, "links", "loop1"), ".");
            Directory.CreateSymbolicLink(Path.Combine(this.Root, "links", "loop2"), "..");
            File.CreateSymbolicLink(Path.Combine(this.Root, "links", "zero.yaml"), "/dev/zero");
            File.CreateSymbolicLink(Path.Combine(this.Root, "links", "random.yaml"), "/dev/urandom");
            var fifo = ProcessRunner.Run("mkfifo", new[] { Path.Combine(this.Root, "links", "fifo.yaml") }, this.Root, TimeSpan.FromSeconds(30));
            if (fifo.ExitCode != 0)
            {
                throw new InvalidOperationException("mkfifo failed: " + fifo.Output);
            }

            this.Write("links/ds.yaml", Bad);
            this.BadFiles.Add("links/ds.yaml");
        }
    }

    /// <summary>
    /// Gets the options of a search through the world that never follows a link: .NET's recursive enumeration follows links to
    /// folders, and the two link cycles make that search practically endless.
    /// </summary>
    public static EnumerationOptions NoLinks { get; } = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };

    public string Root { get; }

    /// <summary>Gets the files (relative, '/' separated) that hold the bad DaemonSet: each must be reported.</summary>
    public List<string> BadFiles { get; } = new();

    /// <summary>Gets the top-level entries, for path arguments in any order.</summary>
    public List<string> TopLevel => Directory.EnumerateFileSystemEntries(this.Root).Select(Path.GetFileName).Select(n => n!).OrderBy(n => n, StringComparer.Ordinal).ToList();

    public string Write(string relative, string text) => this.Write(relative, new UTF8Encoding(false).GetBytes(text.Replace("\r\n", "\n")));

    public string Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(this.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
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
        catch (UnauthorizedAccessException)
        {
        }
    }
}
