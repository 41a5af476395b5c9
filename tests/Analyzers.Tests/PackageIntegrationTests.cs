using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Tests;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// Packs DaemonLint.Analyzers into a local feed and builds a real consumer project with it, as a process: the analyzer
/// must load in this SDK's compiler (with and without the compiler server) and the compiler must print the finding.
/// </summary>
public sealed class PackageIntegrationTests
{
    [Fact]
    public void ConsumerBuild_PrintsTheFinding_InTheCompilersFormat()
    {
        var work = ProcessRunner.TempFolder("dl-analyzers-it");
        try
        {
            var feed = Path.Combine(work, "feed");
            var version = "0.0.0-it" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
            var pack = ProcessRunner.Run(
                "dotnet",
                new[] { "pack", Path.Combine(RepoPaths.Root, "src", "Analyzers.CodeFixes"), "-c", "Release", "-p:PackAnalyzers=true", "-p:Version=" + version, "-o", feed },
                RepoPaths.Root,
                TimeSpan.FromMinutes(5));
            Assert.True(pack.ExitCode == 0, pack.Output);

            var consumer = Path.Combine(work, "consumer");
            Directory.CreateDirectory(consumer);
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <configuration>
                  <packageSources>
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="KubernetesClient" Version="21.0.8" />
                    <PackageReference Include="DaemonLint.Analyzers" Version="{version}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(consumer, "Manifests.cs"), """
                using System.Collections.Generic;
                using k8s.Models;

                public static class Manifests
                {
                    public static V1DaemonSet Build() => new V1DaemonSet
                    {
                        Metadata = new V1ObjectMeta { Name = "agent" },
                        Spec = new V1DaemonSetSpec
                        {
                            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } },
                            Template = new V1PodTemplateSpec
                            {
                                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent" } },
                                Spec = new V1PodSpec { RestartPolicy = "OnFailure", Containers = [new V1Container { Name = "c", Image = "i" }] },
                            },
                        },
                    };
                }
                """);

            foreach (var shared in new[] { "false", "true" })
            {
                var build = ProcessRunner.Run("dotnet", new[] { "build", "-p:UseSharedCompilation=" + shared }, consumer, TimeSpan.FromMinutes(8));
                Assert.NotEqual(0, build.ExitCode);
                Assert.Contains("Manifests.cs(15,56): error DS1009: Unsupported value: \"OnFailure\"", build.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("CS9057", build.Output, StringComparison.Ordinal);
            }

            ProcessRunner.Run("dotnet", new[] { "build-server", "shutdown" }, consumer, TimeSpan.FromMinutes(2));

            // YAML in the IDE: opted in, the analyzer reports inside the manifest; with the MSBuild package referenced too,
            // the task validates the YAML and the analyzer stays out of it, so the finding is printed once, not twice.
            var msbuildPack = ProcessRunner.Run(
                "dotnet",
                new[] { "pack", Path.Combine(RepoPaths.Root, "src", "MsBuildTask"), "-c", "Release", "-p:IsPackable=true", "-p:Version=" + version, "-o", feed },
                RepoPaths.Root,
                TimeSpan.FromMinutes(5));
            Assert.True(msbuildPack.ExitCode == 0, msbuildPack.Output);
            File.WriteAllText(Path.Combine(consumer, "Manifests.cs"), "public static class Empty { }\n");
            File.WriteAllText(Path.Combine(consumer, "ds.yaml"), "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: i}]\n");
            foreach (var withTask in new[] { false, true })
            {
                var task = withTask ? $"<PackageReference Include=\"DaemonLint.MsBuild\" Version=\"{version}\" PrivateAssets=\"all\" />" : string.Empty;
                File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup><TargetFramework>net10.0</TargetFramework><DaemonLintAnalyzeYaml>true</DaemonLintAnalyzeYaml></PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="KubernetesClient" Version="21.0.8" />
                        <PackageReference Include="DaemonLint.Analyzers" Version="{version}" PrivateAssets="all" />
                        {task}
                      </ItemGroup>
                    </Project>
                    """);
                var build = ProcessRunner.Run("dotnet", new[] { "build", "-p:UseSharedCompilation=false" }, consumer, TimeSpan.FromMinutes(8));
                Assert.NotEqual(0, build.ExitCode);
                var lines = build.Output.Split('\n').Where(l => l.Contains("ds.yaml(12,22): error DS1009", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
                Assert.True(lines.Count == 1, $"withTask={withTask}: expected the YAML finding once:\n{build.Output}");
            }
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
