using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Xml.Linq;
using DaemonLint.Tests;

namespace DaemonLint.Install.Tests;

[CollectionDefinition(Name)]
public sealed class ToolFeedsCollection : ICollectionFixture<ToolFeeds>
{
    public const string Name = "tool feeds";
}

/// <summary>
/// The platform-specific tool packages as `dotnet tool install` sees them (docs/install.md): what the packs write, what a
/// tool-path, global and local install lay down, that the native executable validates exactly as the framework-dependent
/// build does, the cross-linked arm64 executable (under qemu), and the pack's fall-back when no linker can be found.
/// </summary>
[Collection(ToolFeedsCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class ToolPackageTests
{
    private const string Id = "DaemonLint";
    private static readonly string[] NativeRids = { "linux-x64", "linux-arm64" };
    private static readonly string[] FrameworkRids = { "linux-musl-x64", "linux-musl-arm64", "any" };

    // The release pack's framework-dependent ReadyToRun packages for platforms without a native one, with the PE machine of
    // their code (ReadyToRun marks the target OS by XOR: 0x4644 macOS, 0x7B79 Linux, nothing for Windows).
    private static readonly Dictionary<string, ushort> ReadyToRunMachine = new()
    {
        ["linux-musl-x64"] = 0x8664 ^ 0x7B79,
        ["linux-musl-arm64"] = 0xAA64 ^ 0x7B79,
        ["osx-x64"] = 0x8664 ^ 0x4644,
        ["osx-arm64"] = 0xAA64 ^ 0x4644,
        ["win-x64"] = 0x8664,
        ["win-arm64"] = 0xAA64,
    };

    private static readonly string[] OtherPlatformRids = { "osx-x64", "osx-arm64", "win-x64", "win-arm64" };
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private readonly ToolFeeds feeds;

    public ToolPackageTests(ToolFeeds feeds)
    {
        this.feeds = feeds;
    }

    private static string HostRid => RuntimeInformation.RuntimeIdentifier;

    [Fact]
    public void ReleaseFeed_HasOnlyThePointerOnTop_EveryRidPackageOneFolderDown_AndThePointerListsThemAll()
    {
        var feed = this.feeds.Release;

        // The other platforms' packages the feed could make (a runtime pack the feed lacks leaves one out, and the pack says so).
        var otherPlatforms = OtherPlatformRids.Where(r => File.Exists(feed.Package(Id + "." + r, true))).ToArray();
        Assert.Contains("osx-arm64", otherPlatforms);
        Assert.Contains("win-x64", otherPlatforms);
        foreach (var missing in OtherPlatformRids.Except(otherPlatforms))
        {
            Assert.Contains($"warning DL0904: The ReadyToRun package for {missing} could not be packed", this.feeds.ReleasePack.Output);
        }

        var frameworkRids = FrameworkRids.Concat(otherPlatforms).ToArray();

        // pre-commit installs every package at the top as a tool: only the pointer may be there.
        Assert.Equal(new[] { Path.GetFileName(feed.Package(Id, false)) }, Directory.GetFiles(feed.Folder, "*.nupkg").Select(Path.GetFileName));
        var ridPackages = NativeRids.Concat(frameworkRids).Select(r => Path.GetFileName(feed.Package(Id + "." + r, true))).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(ridPackages, Directory.GetFiles(feed.RidFolder, "*.nupkg").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));

        // The pointer: package type DotnetTool, a settings file that maps every RID to its package, and no implementation.
        using (var pointer = ZipFile.OpenRead(feed.Package(Id, false)))
        {
            Assert.Equal("DotnetTool", PackageType(pointer));
            Assert.Equal(new[] { "tools/any/any/DotnetToolSettings.xml" }, pointer.Entries.Select(e => e.FullName).Where(n => n.StartsWith("tools/", StringComparison.Ordinal)));
            var settings = Settings(pointer, "tools/any/any/DotnetToolSettings.xml");
            Assert.Equal("daemonlint", settings.Descendants("Command").Single().Attribute("Name")?.Value);
            var map = settings.Descendants("RuntimeIdentifierPackage").ToDictionary(e => e.Attribute("RuntimeIdentifier")!.Value, e => e.Attribute("Id")!.Value);
            Assert.Equal(
                NativeRids.Concat(frameworkRids).OrderBy(r => r, StringComparer.Ordinal).Select(r => $"{r} -> {Id}.{r}"),
                map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} -> {p.Value}"));
        }

        // Native packages: the executable and its settings, nothing else (no .dbg, .pdb, .xml, no dll).
        foreach (var rid in NativeRids)
        {
            using var package = ZipFile.OpenRead(feed.Package(Id + "." + rid, true));
            Assert.Equal("DotnetToolRidPackage", PackageType(package));
            Assert.Equal(
                new[] { $"tools/any/{rid}/DotnetToolSettings.xml", $"tools/any/{rid}/daemonlint" },
                package.Entries.Select(e => e.FullName).Where(n => n.StartsWith("tools/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal));
            var command = Settings(package, $"tools/any/{rid}/DotnetToolSettings.xml").Descendants("Command").Single();
            Assert.Equal(("daemonlint", "daemonlint", "executable"), (command.Attribute("Name")?.Value, command.Attribute("EntryPoint")?.Value, command.Attribute("Runner")?.Value));
            var executable = ReadAll(package.GetEntry($"tools/any/{rid}/daemonlint")!);
            Assert.Equal(rid == "linux-x64" ? InstalledTool.X64 : InstalledTool.Arm64, InstalledTool.ElfMachine(executable));
        }

        // Framework-dependent packages: daemonlint.dll run by `dotnet`, no apphost. (A musl package installs only on a musl
        // machine: the installer looks for tools/net10.0/<its RID>/; there is none here, so this layout is what is checked.)
        foreach (var rid in frameworkRids)
        {
            using var package = ZipFile.OpenRead(feed.Package(Id + "." + rid, true));
            Assert.Equal("DotnetToolRidPackage", PackageType(package));
            var files = package.Entries.Select(e => e.FullName).Where(n => n.StartsWith("tools/", StringComparison.Ordinal)).ToList();
            Assert.Contains($"tools/net10.0/{rid}/daemonlint.dll", files);
            Assert.Contains($"tools/net10.0/{rid}/YamlDotNet.dll", files);
            Assert.DoesNotContain($"tools/net10.0/{rid}/daemonlint", files);
            Assert.DoesNotContain(files, f => f.EndsWith(".xml", StringComparison.Ordinal) && !f.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
            var command = Settings(package, $"tools/net10.0/{rid}/DotnetToolSettings.xml").Descendants("Command").Single();
            Assert.Equal(("daemonlint", "daemonlint.dll", "dotnet"), (command.Attribute("Name")?.Value, command.Attribute("EntryPoint")?.Value, command.Attribute("Runner")?.Value));

            // ReadyToRun code for the package's platform, except `any` (it runs everywhere) and Microsoft.CodeAnalysis (loaded only
            // for an .editorconfig that sets a severity). A platform whose runtime pack the feed lacks (linux-musl-arm64 here) is
            // packed as IL only, and the pack says so.
            var r2r = ReadyToRunAssemblies(package, $"tools/net10.0/{rid}/");
            if (rid == "any")
            {
                Assert.Empty(r2r);
            }
            else if (r2r.Count == 0)
            {
                Assert.Contains($"warning DL0903: The framework-dependent daemonlint for {rid} could not be packed with ReadyToRun code", this.feeds.ReleasePack.Output);
                Assert.StartsWith("linux-musl-", rid); // the other platforms' packages exist only with it
                Assert.NotEqual("linux-musl-x64", rid); // the host's partner: its runtime pack is on every feed the pack restores from here
            }
            else
            {
                Assert.Equal(new[] { "DaemonLint.Hosting.dll", "DaemonLint.Validator.dll", "System.CommandLine.dll", "YamlDotNet.dll", "daemonlint.dll" }, r2r.Select(a => a.Name));
                Assert.All(r2r, a => Assert.Equal(ReadyToRunMachine[rid], a.Machine));
            }
        }
    }

    // The assemblies of a folder of a package that carry ReadyToRun code (a managed native header in their CLI header), with the
    // machine their PE header names.
    private static List<(string Name, ushort Machine)> ReadyToRunAssemblies(ZipArchive package, string folder)
    {
        var found = new List<(string Name, ushort Machine)>();
        foreach (var entry in package.Entries.Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(ReadAll(entry)));
            if (pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0)
            {
                found.Add((entry.Name, (ushort)pe.PEHeaders.CoffHeader.Machine));
            }
        }

        return found.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void ToolPathInstall_LaysDownTheNativeExecutable_WhichValidatesByteForByteLikeTheFrameworkDependentBuild()
    {
        var native = this.InstallToolPath(this.feeds.Release, Id);
        Assert.True(native.IsNative, native.ToString());
        Assert.Equal(InstalledTool.HostMachine(), native.Machine);
        Assert.True(native.Size > 4_000_000, native.ToString()); // the whole program, not an 80 KB launcher
        Assert.NotEqual(native.Command, native.Target); // a symbolic link into the store...
        Assert.Contains($"{Path.DirectorySeparatorChar}daemonlint.{HostRid}{Path.DirectorySeparatorChar}{this.feeds.Release.Version}{Path.DirectorySeparatorChar}tools{Path.DirectorySeparatorChar}any{Path.DirectorySeparatorChar}{HostRid}{Path.DirectorySeparatorChar}daemonlint", native.Target, StringComparison.Ordinal); // ...to the RID package's executable

        var good = Run(native.Command, "validate", "samples/good-daemonset.yaml");
        Assert.True(good.ExitCode == 0, good.Output);
        Assert.Equal("1 file, 1 object, 1 DaemonSet: 0 errors, 0 warnings, 0 infos (Kubernetes 1.35)", good.Output.Trim());
        AssertBadSample(Run(native.Command, "validate", "samples/bad-daemonset.yaml"));

        // The framework-dependent fallback, installed by name: the .NET apphost and daemonlint.dll on the shared runtime.
        var jit = this.InstallToolPath(this.feeds.Release, Id + ".any");
        Assert.False(jit.IsNative, jit.ToString());
        Assert.True(jit.LoadsHostFxr, jit.ToString());
        AssertBadSample(Run(jit.Command, "validate", "samples/bad-daemonset.yaml"));

        foreach (var args in new[] { new[] { "validate", "samples/" }, new[] { "validate", "--format", "json", "samples/" }, new[] { "place", "--nodes", "samples/nodes.yaml", "samples/good-daemonset.yaml" } })
        {
            var n = Run(native.Command, args);
            var j = Run(jit.Command, args);
            Assert.Equal((j.ExitCode, j.Output), (n.ExitCode, n.Output));
        }
    }

    [Fact]
    public void InstalledTools_StartWorkerProcessesAsTheyWereInstalled_AndReportWhatThreadsReport()
    {
        // The native executable starts copies of itself; the framework-dependent apphost starts itself (daemonlint.dll beside it).
        var native = this.InstallToolPath(this.feeds.Release, Id);
        var jit = this.InstallToolPath(this.feeds.Release, Id + ".any");
        foreach (var tool in new[] { native, jit })
        {
            var outDir = this.feeds.Folder("workers");
            ProcessRunner.Result Validate(string name, Dictionary<string, string> environment) => ProcessRunner.Run(
                tool.Command,
                new[] { "validate", "--format", "sarif", "--output", Path.Combine(outDir, name), RepoPaths.RealWorldCorpus, RepoPaths.Fixtures },
                RepoPaths.Root,
                RunTimeout,
                environment);

            var threads = Validate("threads.sarif", new Dictionary<string, string> { ["DAEMONLINT_WORKERS"] = "0" });
            var workers = Validate("workers.sarif", new Dictionary<string, string> { ["DAEMONLINT_WORKERS"] = "1", ["DAEMONLINT_TRACE"] = "1" });

            Assert.Equal(1, threads.ExitCode);
            Assert.Equal(threads.ExitCode, workers.ExitCode);
            Assert.Contains("1 worker process(es) started", workers.Output);
            Assert.Contains("LOHThreshold=1048576", workers.Output); // the runtime settings the package ships with, native or not
            Assert.Matches(@"files checked: [1-9]\d* by workers, \d+ here, 0 worker\(s\) failed", workers.Output);
            Assert.True(File.ReadAllBytes(Path.Combine(outDir, "threads.sarif")).SequenceEqual(File.ReadAllBytes(Path.Combine(outDir, "workers.sarif"))), tool.ToString());
        }
    }

    [Fact]
    public void GlobalInstall_PutsTheNativeExecutableInTheUsersToolFolder()
    {
        var home = this.feeds.Folder("home");
        var install = this.feeds.Install(this.feeds.Release, Id, home, new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = home }, "-g");
        Assert.True(install.ExitCode == 0, install.Output);
        var tool = InstalledTool.Read(Path.Combine(home, ".dotnet", "tools", "daemonlint"));
        Assert.True(tool.IsNative, tool.ToString());
        AssertBadSample(Run(tool.Command, "validate", "samples/bad-daemonset.yaml"));
    }

    [Fact]
    public void LocalToolManifest_InstallsAndRestoresTheNativeExecutable_AndDotnetToolRunStartsIt()
    {
        var repo = this.feeds.Folder("consumer");
        var packages = Path.Combine(repo, ".packages");
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages, ["DOTNET_CLI_HOME"] = repo };
        File.Copy(this.feeds.NuGetConfig, Path.Combine(repo, "nuget.config"));
        var manifest = ProcessRunner.Run("dotnet", new[] { "new", "tool-manifest" }, repo, RunTimeout, env);
        Assert.True(manifest.ExitCode == 0, manifest.Output);
        var install = this.feeds.Install(this.feeds.Release, Id, repo, env, "--local");
        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Contains("\"daemonlint\"", File.ReadAllText(Path.Combine(repo, "dotnet-tools.json")), StringComparison.Ordinal);

        var executable = Path.Combine(packages, "daemonlint." + HostRid, this.feeds.Release.Version, "tools", "any", HostRid, "daemonlint");
        Assert.True(InstalledTool.Read(executable).IsNative, InstalledTool.Read(executable).ToString());
        var bad = Path.Combine(RepoPaths.Root, "samples", "bad-daemonset.yaml");
        var run = ProcessRunner.Run("dotnet", new[] { "tool", "run", "daemonlint", "validate", bad }, repo, RunTimeout, env);
        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains(bad + "(23,22): error DS1009: Unsupported value: \"OnFailure\"", run.Output, StringComparison.Ordinal);

        // A fresh machine with the same manifest: `dotnet tool restore` brings back the pointer and the native package.
        Directory.Delete(packages, recursive: true);
        var restore = ProcessRunner.Run("dotnet", new[] { "tool", "restore", "--add-source", this.feeds.Release.Folder }, repo, RunTimeout, env);
        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.True(InstalledTool.Read(executable).IsNative);
        var again = ProcessRunner.Run("dotnet", new[] { "daemonlint", "validate", bad }, repo, RunTimeout, env);
        Assert.Equal((run.ExitCode, run.Output), (again.ExitCode, again.Output));
    }

    [Fact]
    public void Arm64Package_HoldsAnAArch64Executable_ThatValidatesUnderQemu_AsTheX64OneDoes()
    {
        const string sysroot = "/usr/aarch64-linux-gnu"; // Debian's libc6-arm64-cross (gcc-aarch64-linux-gnu)
        Assert.True(Directory.Exists(sysroot), sysroot + " is missing: apt-get install gcc-aarch64-linux-gnu (.ci/run does)");
        var folder = this.feeds.Folder("arm64");
        using (var package = ZipFile.OpenRead(this.feeds.Release.Package(Id + ".linux-arm64", true)))
        {
            package.GetEntry("tools/any/linux-arm64/daemonlint")!.ExtractToFile(Path.Combine(folder, "daemonlint"));
        }

        var executable = Path.Combine(folder, "daemonlint");
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tool = InstalledTool.Read(executable);
        Assert.Equal(InstalledTool.Arm64, tool.Machine);
        Assert.True(tool.IsNative, tool.ToString());

        var x64 = this.InstallToolPath(this.feeds.Release, Id);
        foreach (var args in new[] { new[] { "validate", "samples/bad-daemonset.yaml" }, new[] { "validate", "samples/good-daemonset.yaml" } })
        {
            var arm = ProcessRunner.Run("qemu-aarch64", new[] { "-L", sysroot, executable }.Concat(args), RepoPaths.Root, RunTimeout);
            var reference = Run(x64.Command, args);
            Assert.Equal((reference.ExitCode, reference.Output), (arm.ExitCode, arm.Output));
        }
    }

    [Fact]
    public void WithoutALinker_ThePackWarns_ThePointerListsOnlyTheFrameworkDependentBuild_AndTheToolStillInstallsAndRuns()
    {
        var pack = this.feeds.FallbackPack;
        Assert.Contains("warning DL0902: The native daemonlint for " + HostRid + " could not be built", pack.Output, StringComparison.Ordinal);
        Assert.Contains(ToolFeeds.MissingLinker, pack.Output, StringComparison.Ordinal); // the reason is shown

        var feed = this.feeds.Fallback;
        Assert.Equal(new[] { Path.GetFileName(feed.Package(Id, false)) }, Directory.GetFiles(feed.Folder, "*.nupkg").Select(Path.GetFileName));
        Assert.Equal(new[] { Path.GetFileName(feed.Package(Id + ".any", true)) }, Directory.GetFiles(feed.RidFolder, "*.nupkg").Select(Path.GetFileName));
        using (var pointer = ZipFile.OpenRead(feed.Package(Id, false)))
        {
            var map = Settings(pointer, "tools/any/any/DotnetToolSettings.xml").Descendants("RuntimeIdentifierPackage").Select(e => e.Attribute("RuntimeIdentifier")?.Value + " -> " + e.Attribute("Id")?.Value);
            Assert.Equal(new[] { "any -> DaemonLint.any" }, map);
        }

        // This machine's RID has no package in that feed: `dotnet tool install DaemonLint` takes `any`.
        var tool = this.InstallToolPath(feed, Id);
        Assert.False(tool.IsNative, tool.ToString());
        Assert.True(tool.LoadsHostFxr, tool.ToString());
        var store = Path.Combine(Path.GetDirectoryName(tool.Command)!, ".store", "daemonlint", feed.Version, "daemonlint.any", feed.Version, "tools", "net10.0", "any", "daemonlint.dll");
        Assert.True(File.Exists(store), store);
        AssertBadSample(Run(tool.Command, "validate", "samples/bad-daemonset.yaml"));
    }

    private static void AssertBadSample(ProcessRunner.Result r)
    {
        Assert.True(r.ExitCode == 1, r.Output);
        Assert.Contains("samples/bad-daemonset.yaml(17,17): error DS1015: Invalid value: 1: may not be set when maxUnavailable is non-zero [spec.updateStrategy.rollingUpdate.maxSurge]", r.Output, StringComparison.Ordinal);
        Assert.Contains("samples/bad-daemonset.yaml(20,7): error DS1001: ", r.Output, StringComparison.Ordinal);
        Assert.Contains("samples/bad-daemonset.yaml(23,22): error DS1009: Unsupported value: \"OnFailure\": supported values: \"Always\" [spec.template.spec.restartPolicy]", r.Output, StringComparison.Ordinal);
        Assert.Contains("samples/bad-daemonset.yaml(34,13): error DS6001: ", r.Output, StringComparison.Ordinal);
        Assert.Contains("1 file, 2 objects, 2 DaemonSets: 6 errors, 0 warnings, 0 infos (Kubernetes 1.35)", r.Output, StringComparison.Ordinal);
    }

    private static ProcessRunner.Result Run(string command, params string[] args) =>
        ProcessRunner.Run(command, args, RepoPaths.Root, RunTimeout);

    private static string PackageType(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")!.Value;
    }

    private static XDocument Settings(ZipArchive package, string entry)
    {
        using var stream = package.GetEntry(entry)?.Open() ?? throw new InvalidOperationException("no " + entry);
        return XDocument.Load(stream);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private InstalledTool InstallToolPath(ToolFeeds.Feed feed, string packageId)
    {
        var tools = this.feeds.Folder("tools");
        var install = this.feeds.Install(feed, packageId, this.feeds.Root, null, "--tool-path", tools);
        Assert.True(install.ExitCode == 0, install.Output);
        return InstalledTool.Read(Path.Combine(tools, "daemonlint"));
    }
}
