using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Tests;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// Packs DaemonLint.Analyzers once per test run, with a version no earlier run used, into a temporary feed; consumers
/// restore into a private packages folder (the machine's folder is only a read-only fallback for KubernetesClient), so a
/// stale package from an earlier run can never be picked up and nothing of the run lands in the machine's cache.
/// </summary>
public sealed class AnalyzerPackageFixture : IDisposable
{
    public AnalyzerPackageFixture()
    {
        this.Root = ProcessRunner.TempFolder("dl-analyzers-it");
        this.Feed = Path.Combine(this.Root, "feed");
        this.Packages = Path.Combine(this.Root, "packages");
        this.Version = "0.0.0-it." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N").Substring(0, 6);
        var pack = this.Pack("Analyzers.CodeFixes", "-p:PackAnalyzers=true");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
        }
    }

    public string Root { get; }

    public string Feed { get; }

    public string Packages { get; }

    public string Version { get; }

    /// <summary>
    /// Packs a project of the repository into the feed with this run's version. It restores the repository's own projects,
    /// so it uses the machine's packages folder like any build of the repository: their project.assets.json must never
    /// point into the private folder, which is deleted at the end of the run.
    /// </summary>
    public ProcessRunner.Result Pack(string project, params string[] properties)
    {
        using var turn = RepositoryBuildLock.Acquire();
        return ProcessRunner.Run(
            "dotnet",
            new[] { "pack", Path.Combine(RepoPaths.Root, "src", project), "-c", "Release", "-p:Version=" + this.Version, "-o", this.Feed }.Concat(properties),
            RepoPaths.Root,
            TimeSpan.FromMinutes(8),
            new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0" });
    }

    /// <summary>Runs <c>dotnet</c> in a consumer folder, with the private packages folder.</summary>
    public ProcessRunner.Result Dotnet(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run("dotnet", arguments, workingDirectory, TimeSpan.FromMinutes(8), new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = this.Packages,
            ["UseSharedCompilation"] = "false",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        });

    /// <summary>Makes a consumer folder that sees the local feed and nothing of the folders above it.</summary>
    public string NewConsumer(string name)
    {
        var dir = Path.Combine(this.Root, "consumers", name);
        Directory.CreateDirectory(dir);
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="daemonlint-local" value="{this.Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, ".editorconfig"), "root = true\n");
        return dir;
    }

    /// <summary>Writes <c>Consumer.csproj</c> referencing KubernetesClient and the package.</summary>
    public void WriteProject(string dir, string properties = "", string items = "") =>
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable>{properties}</PropertyGroup>
              <ItemGroup>
                <PackageReference Include="KubernetesClient" Version="21.0.8" />
                <PackageReference Include="DaemonLint.Analyzers" Version="{this.Version}" PrivateAssets="all" />
                {items}
              </ItemGroup>
            </Project>
            """);

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

[CollectionDefinition(Name)]
public sealed class AnalyzerPackageCollection : ICollectionFixture<AnalyzerPackageFixture>
{
    public const string Name = "DaemonLint.Analyzers package";
}
