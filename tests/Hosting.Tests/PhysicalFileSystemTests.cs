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
}
