using System;
using System.Collections.Generic;
using System.IO;
using DaemonLint.Tests;

namespace DaemonLint.MsBuild.IntegrationTests;

/// <summary>
/// Packs DaemonLint.MsBuild once, with a version no earlier run used (NuGet caches a version forever), into a temporary feed, with a
/// private global packages folder so that nothing of the test run lands in the machine's cache.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        this.Root = Path.Combine(Path.GetTempPath(), "dl-it-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        this.Feed = Path.Combine(this.Root, "feed");
        this.Packages = Path.Combine(this.Root, "packages");
        Directory.CreateDirectory(this.Feed);
        this.Version = "0.0.0-it." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Guid.NewGuid().ToString("N").Substring(0, 6);

        var project = Path.Combine(RepoPaths.Root, "src", "MsBuildTask", "DaemonLint.MsBuild.csproj");
        using var turn = RepositoryBuildLock.Acquire();
        this.Pack = DotNet.Run(
            RepoPaths.Root,
            null,
            "pack", project, "-c", "Release", "-nologo", "-p:IsPackable=true", "-p:Version=" + this.Version, "-o", this.Feed);
        if (this.Pack.ExitCode != 0 || !File.Exists(Path.Combine(this.Feed, $"DaemonLint.MsBuild.{this.Version}.nupkg")))
        {
            throw new InvalidOperationException("dotnet pack failed: " + this.Pack);
        }
    }

    /// <summary>Packs the analyzer package (DaemonLint.Analyzers) into the same feed, once, with the same version.</summary>
    public void PackAnalyzers()
    {
        lock (this.Feed)
        {
            if (File.Exists(Path.Combine(this.Feed, $"DaemonLint.Analyzers.{this.Version}.nupkg")))
            {
                return;
            }

            var project = Path.Combine(RepoPaths.Root, "src", "Analyzers.CodeFixes", "DaemonLint.Analyzers.CodeFixes.csproj");
            // A configuration of its own: the analyzer tests pack the same project in Release at the same time (dotnet test runs the
            // test projects in parallel), and two builds must never write the same bin/ and obj/ folders.
            using var turn = RepositoryBuildLock.Acquire();
            var pack = DotNet.Run(RepoPaths.Root, null, "pack", project, "-c", "CrossHost", "-p:Optimize=true", "-nologo", "-p:PackAnalyzers=true", "-p:Version=" + this.Version, "-o", this.Feed);
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack of the analyzers failed: " + pack);
            }
        }
    }

    public string Root { get; }

    public string Feed { get; }

    public string Packages { get; }

    public string Version { get; }

    public ProcessResult Pack { get; }

    /// <summary>Gets the environment of consumer builds: the private packages folder.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = this.Packages };

    /// <summary>Makes a consumer folder that sees the local feed (plus the machine's normal source) and nothing above it.</summary>
    public Consumer NewConsumer(string name)
    {
        var dir = Path.Combine(this.Root, "consumers", name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="daemonlint-local" value="{this.Feed}" />
              </packageSources>
            </configuration>
            """);

        // Stop MSBuild's and .editorconfig's upward searches here: whatever lies in the temp folder above is not ours.
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, ".editorconfig"), "root = true\n");
        return new Consumer(this, dir);
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

/// <summary>A consumer project folder.</summary>
public sealed class Consumer
{
    private readonly PackageFixture package;

    public Consumer(PackageFixture package, string directory)
    {
        this.package = package;
        this.Directory = directory;
    }

    public string Directory { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(this.Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    /// <summary>Writes <c>App.csproj</c>: the given SDK, net10.0, the package, and any extra properties and items.</summary>
    public void WriteProject(string sdk = "Microsoft.NET.Sdk", string properties = "", string items = "", string package = "DaemonLint.MsBuild")
    {
        this.Write("App.csproj", $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{package}" Version="{this.package.Version}" PrivateAssets="all" />
                {items}
              </ItemGroup>
            </Project>
            """);
    }

    /// <summary>Runs <c>dotnet build</c> at normal verbosity (which prints skipped targets).</summary>
    public ProcessResult Build(params string[] extra)
    {
        var args = new List<string> { "build", "App.csproj", "-nologo", "-v:n" };
        args.AddRange(extra);
        return DotNet.Run(this.Directory, this.package.Environment, args.ToArray());
    }
}
