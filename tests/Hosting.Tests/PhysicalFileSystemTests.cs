using System;
using System.IO;
using DaemonLint.Cli.Tests;

namespace DaemonLint.Hosting.Tests;

/// <summary>The real file system answers as the runtime does, with one stat where it can: kinds, sizes, links.</summary>
public sealed class PhysicalFileSystemTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(5000L)]
    [InlineData(5L * 1024 * 1024 * 1024)] // past 2^32: the size is read as 64 bits (a sparse file, no disk used)
    public void Length_IsTheFilesSize_AlsoThroughALink(long size)
    {
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "f.yaml");
        using (var fs = File.Create(file))
        {
            fs.SetLength(size);
        }

        Assert.Equal(size, PhysicalFileSystem.Instance.Length(file));
        Assert.Equal(PathKind.File, PhysicalFileSystem.Instance.Probe(file));
        if (!OperatingSystem.IsWindows())
        {
            var link = Path.Combine(dir.Path, "link.yaml");
            File.CreateSymbolicLink(link, file);
            Assert.Equal(size, PhysicalFileSystem.Instance.Length(link));
            Assert.Equal(PathKind.File, PhysicalFileSystem.Instance.Probe(link));
        }
    }

    [Fact]
    public void Probe_TellsFoldersMissingPathsAndDanglingLinks_AsTheRuntimeDoes()
    {
        using var dir = new TempFolder();
        var sub = Directory.CreateDirectory(Path.Combine(dir.Path, "sub")).FullName;
        Assert.Equal(PathKind.Directory, PhysicalFileSystem.Instance.Probe(sub));
        Assert.Equal(PathKind.Missing, PhysicalFileSystem.Instance.Probe(Path.Combine(dir.Path, "none.yaml")));
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var toFolder = Path.Combine(dir.Path, "to-sub");
        File.CreateSymbolicLink(toFolder, sub);
        Assert.Equal(PathKind.Directory, PhysicalFileSystem.Instance.Probe(toFolder));

        // stat fails on a dangling link: the runtime's answer (it exists as a file; reading it is the I/O error then).
        var dangling = Path.Combine(dir.Path, "dangling.yaml");
        File.CreateSymbolicLink(dangling, Path.Combine(dir.Path, "gone.yaml"));
        Assert.Equal(File.Exists(dangling) ? PathKind.File : PathKind.Missing, PhysicalFileSystem.Instance.Probe(dangling));
        Assert.Equal(PathKind.Special, PhysicalFileSystem.Instance.Probe("/dev/null"));
    }

    [Fact]
    public void Length_RightAfterProbe_IsThatFilesSize_AndOnlyOnce()
    {
        // The size found by the probe answers the Length asked right after it for the same path, once; any other path, or a
        // second Length, is a stat of its own.
        using var dir = new TempFolder();
        var a = Path.Combine(dir.Path, "a.yaml");
        var b = Path.Combine(dir.Path, "b.yaml");
        File.WriteAllText(a, new string('a', 10));
        File.WriteAllText(b, new string('b', 20));
        var fs = PhysicalFileSystem.Instance;

        Assert.Equal(PathKind.File, fs.Probe(a));
        Assert.Equal(20, fs.Length(b));
        Assert.Equal(10, fs.Length(a));

        Assert.Equal(PathKind.File, fs.Probe(a));
        Assert.Equal(10, fs.Length(a));
        File.WriteAllText(a, new string('a', 30));
        Assert.Equal(30, fs.Length(a));

        Assert.Equal(PathKind.File, fs.Probe(b));
        Assert.Equal(PathKind.Directory, fs.Probe(dir.Path)); // a probe of anything else forgets the file
        File.WriteAllText(b, new string('b', 40));
        Assert.Equal(40, fs.Length(b));
    }

    [Fact]
    public void Read_AFileAnotherHolderLocksExclusively_ReadsIt()
    {
        // On Unix a FileStream opened with FileShare.None holds an exclusive flock on the file; a FileStream opened by path to
        // read takes a shared one, non-blocking, and fails ("being used by another process"). The reader takes none, as
        // kubectl does not. (On Windows the sharing mode is the system's: the read fails there as every reader's does.)
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "locked.yaml");
        File.WriteAllText(file, "apiVersion: apps/v1\nkind: DaemonSet\n");
        using var holder = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.Throws<IOException>(() => new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete).Dispose());

        Assert.Equal("apiVersion: apps/v1\nkind: DaemonSet\n", System.Text.Encoding.UTF8.GetString(PhysicalFileSystem.Instance.Read(file, 1000)));
        Assert.Equal("apiVersion", System.Text.Encoding.UTF8.GetString(PhysicalFileSystem.Instance.Read(file, 10)));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 100)]
    [InlineData(3 * 1024 * 1024 + 17, 64L * 1024 * 1024)] // several reads of the system's
    [InlineData(5000, 4096)] // the head of a file over the limit: the limit's bytes
    public void Read_GivesTheFilesBytes_UpToTheLimit_AlsoThroughALink(int size, long maxBytes)
    {
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "f.yaml");
        var content = new byte[size];
        new Random(size).NextBytes(content);
        File.WriteAllBytes(file, content);
        var expected = content.AsSpan(0, (int)Math.Min(size, maxBytes)).ToArray();

        Assert.Equal(expected, PhysicalFileSystem.Instance.Read(file, maxBytes));
        if (!OperatingSystem.IsWindows())
        {
            var link = Path.Combine(dir.Path, "link.yaml");
            File.CreateSymbolicLink(link, file);
            Assert.Equal(expected, PhysicalFileSystem.Instance.Read(link, maxBytes));
        }
    }

    [Fact]
    public void Read_AMissingOrUnreadablePath_ThrowsWhatTheRuntimeThrows()
    {
        using var dir = new TempFolder();
        Assert.Throws<FileNotFoundException>(() => PhysicalFileSystem.Instance.Read(Path.Combine(dir.Path, "none.yaml"), 10));
        Assert.Throws<DirectoryNotFoundException>(() => PhysicalFileSystem.Instance.Read(Path.Combine(dir.Path, "no", "none.yaml"), 10));
        if (!OperatingSystem.IsWindows() && Environment.UserName != "root")
        {
            var file = Path.Combine(dir.Path, "secret.yaml");
            File.WriteAllText(file, "a: 1\n");
            File.SetUnixFileMode(file, UnixFileMode.None);
            Assert.Throws<UnauthorizedAccessException>(() => PhysicalFileSystem.Instance.Read(file, 10));
        }
    }

    [Fact]
    public void List_SaysWhatEachEntryIs_WhetherItIsALink_AndARegularFilesSize()
    {
        using var dir = new TempFolder();
        File.WriteAllText(Path.Combine(dir.Path, "a.yaml"), "a: 1\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "sub"));
        var expected = new System.Collections.Generic.List<FolderEntry>
        {
            new(Path.Combine(dir.Path, "a.yaml"), PathKind.File, false, 5),
            new(Path.Combine(dir.Path, "sub"), PathKind.Directory, false),
        };
        if (!OperatingSystem.IsWindows())
        {
            File.CreateSymbolicLink(Path.Combine(dir.Path, "to-a.yaml"), Path.Combine(dir.Path, "a.yaml"));
            Directory.CreateSymbolicLink(Path.Combine(dir.Path, "to-sub"), Path.Combine(dir.Path, "sub"));
            File.CreateSymbolicLink(Path.Combine(dir.Path, "null.yaml"), "/dev/null");
            File.CreateSymbolicLink(Path.Combine(dir.Path, "dangling.yaml"), Path.Combine(dir.Path, "gone.yaml"));
            expected.Add(new(Path.Combine(dir.Path, "to-a.yaml"), PathKind.File, true));
            expected.Add(new(Path.Combine(dir.Path, "to-sub"), PathKind.Directory, true));
            expected.Add(new(Path.Combine(dir.Path, "null.yaml"), PathKind.Special, true));
            expected.Add(new(Path.Combine(dir.Path, "dangling.yaml"), PhysicalFileSystem.Instance.Probe(Path.Combine(dir.Path, "dangling.yaml")), true));
        }

        var listed = new System.Collections.Generic.List<FolderEntry>(PhysicalFileSystem.Instance.List(dir.Path));
        listed.Sort((x, y) => string.CompareOrdinal(x.FullPath, y.FullPath));
        expected.Sort((x, y) => string.CompareOrdinal(x.FullPath, y.FullPath));
        Assert.Equal(expected, listed);
    }
}
