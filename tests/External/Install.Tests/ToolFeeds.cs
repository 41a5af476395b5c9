using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DaemonLint.Tests;

namespace DaemonLint.Install.Tests;

/// <summary>
/// Packs the tool packages from this working tree once per test run, each pack with a version no earlier run used (so no
/// package cache can hand back an older build):
/// <list type="bullet">
/// <item><see cref="Release"/>: <c>dotnet pack src/Cli -c Release -p:DaemonLintRelease=true</c>, every platform package;</item>
/// <item><see cref="Fallback"/>: a plain <c>dotnet pack src/Cli -c Release</c> (what pre-commit's root pack does for the
/// tool) on a machine whose C linker cannot be found (<c>CppCompilerAndLinker</c> names a program that does not exist).</item>
/// </list>
/// Tools are installed with a nuget.config that clears every source, so only the feed given with <c>--add-source</c> counts.
/// </summary>
public sealed class ToolFeeds : IDisposable
{
    /// <summary>The linker the fallback pack is given: it does not exist.</summary>
    public const string MissingLinker = "/nonexistent/daemonlint-test-cc";

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(25);

    public ToolFeeds()
    {
        this.Root = ProcessRunner.TempFolder("dl-install-it");
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N").Substring(0, 6);
        this.NuGetConfig = Path.Combine(this.Root, "nuget.config");
        File.WriteAllText(this.NuGetConfig, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>
            """);

        this.Release = new Feed(Path.Combine(this.Root, "release"), "0.0.0-it." + stamp);
        this.ReleasePack = PackOnce(this.Release, null, "-p:DaemonLintRelease=true");
        if (this.ReleasePack.ExitCode != 0)
        {
            throw new InvalidOperationException("the release pack failed:\n" + this.ReleasePack.Output);
        }

        this.Fallback = new Feed(Path.Combine(this.Root, "fallback"), "0.0.0-it." + stamp + ".nolinker");
        this.FallbackPack = PackOnce(this.Fallback, new Dictionary<string, string> { ["CppCompilerAndLinker"] = MissingLinker });
        if (this.FallbackPack.ExitCode != 0)
        {
            throw new InvalidOperationException("the pack without a linker failed (it should fall back):\n" + this.FallbackPack.Output);
        }
    }

    /// <summary>Gets the folder of everything the run makes.</summary>
    public string Root { get; }

    /// <summary>Gets the nuget.config that clears every package source.</summary>
    public string NuGetConfig { get; }

    /// <summary>Gets the feed of the release pack.</summary>
    public Feed Release { get; }

    /// <summary>Gets the output of the release pack.</summary>
    public ProcessRunner.Result ReleasePack { get; }

    /// <summary>Gets the feed of the pack without a linker.</summary>
    public Feed Fallback { get; }

    /// <summary>Gets the output of the pack without a linker.</summary>
    public ProcessRunner.Result FallbackPack { get; }

    /// <summary>Runs <c>dotnet tool install</c> of a package from a feed, with every other source cleared.</summary>
    /// <param name="feed">The feed.</param>
    /// <param name="packageId">The package to install.</param>
    /// <param name="workingDirectory">Where to run it.</param>
    /// <param name="environment">Extra environment (DOTNET_CLI_HOME, NUGET_PACKAGES).</param>
    /// <param name="where">Where to install: <c>--tool-path DIR</c>, <c>-g</c> or <c>--local</c>.</param>
    /// <returns>The result.</returns>
    public ProcessRunner.Result Install(Feed feed, string packageId, string workingDirectory, IDictionary<string, string>? environment, params string[] where) =>
        ProcessRunner.Run(
            "dotnet",
            new[] { "tool", "install", packageId, "--version", feed.Version, "--configfile", this.NuGetConfig, "--add-source", feed.Folder }.Concat(where),
            workingDirectory,
            TimeSpan.FromMinutes(5),
            environment);

    /// <summary>Makes an empty folder under the run's folder.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The path.</returns>
    public string Folder(string name)
    {
        var dir = Path.Combine(this.Root, name + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
        Directory.CreateDirectory(dir);
        return dir;
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

    /// <summary>The message of NuGet's restore when it fails without saying why (MSB4181).</summary>
    internal const string SilentRestoreFailure = "The \"RestoreTask\" task returned false but did not log an error";

    // A pack, run a second time only when its restore failed without an error of its own: NuGet's restore intermittently
    // returns false without logging anything (NuGet/Home#13460; the .NET build infrastructure lists it as a known build error
    // to retry, dotnet/sdk#41477). Seen once in this suite, 58 ms into a restore that succeeds when run again. Any other
    // failure, or the same one twice, fails the suite with both outputs.
    private static ProcessRunner.Result PackOnce(Feed feed, IDictionary<string, string>? environment, params string[] properties)
    {
        var first = Pack(feed, environment, properties);
        if (first.ExitCode == 0 || !first.Output.Contains(SilentRestoreFailure, StringComparison.Ordinal))
        {
            return first;
        }

        var second = Pack(feed, environment, properties);
        return second.ExitCode == 0 ? second : new ProcessRunner.Result(second.ExitCode, first.Output + "\n(packed again after NuGet's silent restore failure:)\n" + second.Output);
    }

    private static ProcessRunner.Result Pack(Feed feed, IDictionary<string, string>? environment, params string[] properties)
    {
        var env = new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0" };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        using var turn = RepositoryBuildLock.Acquire();
        return ProcessRunner.Run(
            "dotnet",
            new[] { "pack", Path.Combine(RepoPaths.Root, "src", "Cli"), "-c", "Release", "-nologo", "-p:Version=" + feed.Version, "-o", feed.Folder }.Concat(properties),
            RepoPaths.Root,
            PackTimeout,
            env);
    }

    /// <summary>A folder the packs wrote, and the version of its packages.</summary>
    /// <param name="Folder">The folder given to <c>dotnet pack -o</c> and to <c>--add-source</c>.</param>
    /// <param name="Version">The version of every package in it.</param>
    public sealed record Feed(string Folder, string Version)
    {
        /// <summary>Gets the folder the RID packages go to.</summary>
        public string RidFolder => Path.Combine(this.Folder, "rid-packages");

        /// <summary>The path of a package of this feed.</summary>
        /// <param name="id">The package id.</param>
        /// <param name="inRidFolder">Whether it is one of the RID packages.</param>
        /// <returns>The path.</returns>
        public string Package(string id, bool inRidFolder) =>
            Path.Combine(inRidFolder ? this.RidFolder : this.Folder, id + "." + this.Version + ".nupkg");
    }
}
