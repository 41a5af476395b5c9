using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DaemonLint.Tests;
using Xunit.Abstractions;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// The packed DaemonLint.Analyzers in real clients, as processes: the compiler (with and without the compiler server),
/// a binary YAML AdditionalFile, and <c>dotnet format analyzers</c> applying the code fixes.
/// </summary>
[Collection(AnalyzerPackageCollection.Name)]
public sealed class PackageIntegrationTests
{
    private readonly AnalyzerPackageFixture package;
    private readonly ITestOutputHelper output;

    public PackageIntegrationTests(AnalyzerPackageFixture package, ITestOutputHelper output)
    {
        this.package = package;
        this.output = output;
    }

    [Fact]
    public void ConsumerBuild_PrintsTheFinding_InTheCompilersFormat()
    {
        var consumer = this.package.NewConsumer("build");
        this.package.WriteProject(consumer);
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
            var build = this.package.Dotnet(consumer, "build", "-p:UseSharedCompilation=" + shared);
            Assert.NotEqual(0, build.ExitCode);
            Assert.Contains("Manifests.cs(15,56): error DS1009: Unsupported value: \"OnFailure\"", build.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("CS9057", build.Output, StringComparison.Ordinal);
        }

        this.package.Dotnet(consumer, "build-server", "shutdown");

        // YAML in the IDE: opted in, the analyzer reports inside the manifest; with the MSBuild package referenced too,
        // the task validates the YAML and the analyzer stays out of it, so the finding is printed once, not twice.
        var msbuildPack = this.package.Pack("MsBuildTask", "-p:IsPackable=true");
        Assert.True(msbuildPack.ExitCode == 0, msbuildPack.Output);
        File.WriteAllText(Path.Combine(consumer, "Manifests.cs"), "public static class Empty { }\n");
        File.WriteAllText(Path.Combine(consumer, "ds.yaml"), RestartPolicyNeverYaml);
        foreach (var withTask in new[] { false, true })
        {
            var task = withTask ? $"<PackageReference Include=\"DaemonLint.MsBuild\" Version=\"{this.package.Version}\" PrivateAssets=\"all\" />" : string.Empty;
            this.package.WriteProject(consumer, "<DaemonLintAnalyzeYaml>true</DaemonLintAnalyzeYaml>", task);
            var build = this.package.Dotnet(consumer, "build");
            Assert.NotEqual(0, build.ExitCode);
            var lines = build.Output.Split('\n').Where(l => l.Contains("ds.yaml(12,22): error DS1009", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
            Assert.True(lines.Count == 1, $"withTask={withTask}: expected the YAML finding once:\n{build.Output}");
        }
    }

    [Fact]
    public void BinaryYamlAdditionalFile_IsReportedAsNotText_NotCS2015_AndFifosAreNotRead()
    {
        // Issue 14: with DaemonLintAnalyzeYaml=true a binary .yaml failed the C# build with CS2015 (the compiler's error
        // for an AdditionalFile whose text holds two NULs, raised when the analyzer read it), and a FIFO blocked it.
        var consumer = this.package.NewConsumer("binary-yaml");
        this.package.WriteProject(consumer, "<DaemonLintAnalyzeYaml>true</DaemonLintAnalyzeYaml>");
        File.WriteAllText(Path.Combine(consumer, "Empty.cs"), "public static class Empty { }\n");
        File.WriteAllText(Path.Combine(consumer, "ds.yaml"), RestartPolicyNeverYaml);
        var binary = new byte[4096];
        new Random(17).NextBytes(binary);
        binary[100] = 0;
        binary[101] = 0;
        File.WriteAllBytes(Path.Combine(consumer, "image.yaml"), binary);
        File.WriteAllText(Path.Combine(consumer, "empty.yml"), string.Empty);
        var fifo = ProcessRunner.Run("mkfifo", new[] { Path.Combine(consumer, "pipe.yaml") }, consumer, TimeSpan.FromSeconds(30));
        Assert.Equal(0, fifo.ExitCode);

        var build = this.package.Dotnet(consumer, "build");

        Assert.NotEqual(0, build.ExitCode);
        Assert.DoesNotContain("CS2015", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"image\.yaml\(1,1\): error DS9003: the file is binary"), build.Output);
        Assert.Contains("ds.yaml(12,22): error DS1009", build.Output, StringComparison.Ordinal); // the other files still checked
        Assert.DoesNotContain("pipe.yaml", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("empty.yml", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DotnetFormat_FixesEveryFixableFindingInOneRun_AndASecondRunChangesNothing()
    {
        // Issue 17: `dotnet format analyzers` with several ids fixed only one of them, and runs never converged.
        var consumer = this.package.NewConsumer("format");
        this.package.WriteProject(consumer);
        var file = Path.Combine(consumer, "Manifests.cs");
        File.WriteAllText(file, Before);
        var format = new[] { "format", "analyzers", "--diagnostics", "DS1009", "DS1002", "DS6001", "DS3001", "DS1001", "DS1015" };
        var clock = Stopwatch.StartNew();

        var first = this.package.Dotnet(consumer, format);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.DoesNotContain("Fix All action", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to apply", first.Output, StringComparison.Ordinal);
        Assert.Equal(After, File.ReadAllText(file));
        var firstRun = clock.Elapsed;

        var second = this.package.Dotnet(consumer, format);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(After, File.ReadAllText(file));

        // What the second run still finds is what has no certain fix: the mismatched selector and maxSurge without
        // maxUnavailable. A fixable finding left over would have been fixed (the file would change) or failed loudly.
        var left = Regex.Matches(second.Output, @"Unable to fix (DS\d{4})\. No associated code fix found").Select(m => m.Groups[1].Value).OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(new[] { "DS1001", "DS1015" }, left);
        Assert.DoesNotContain("Fix All action", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to apply", second.Output, StringComparison.Ordinal);
        this.output.WriteLine($"dotnet format: first run (with restore) {firstRun.TotalSeconds:0.0} s, both runs {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private const string RestartPolicyNeverYaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: i}]\n";

    private const string Before = """
        using System.Collections.Generic;
        using k8s.Models;

        public static class Manifests
        {
            public static V1DaemonSet Agent() => new V1DaemonSet
            {
                Metadata = new V1ObjectMeta { Name = "agent" },
                Spec = new V1DaemonSetSpec
                {
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta
                        {
                            Labels = new Dictionary<string, string>
                            {
                                ["app"] = "agent",
                            },
                        },
                        Spec = new V1PodSpec
                        {
                            RestartPolicy = "OnFailure",
                            Containers = [new V1Container { Name = "c", Image = "i" }],
                            Tolerations =
                            [
                                new V1Toleration { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists", Effect = "NoSchedule" },
                            ],
                        },
                    },
                },
            };

            public static V1DaemonSet Mismatched() => new V1DaemonSet
            {
                Metadata = new V1ObjectMeta { Name = "mismatched" },
                Spec = new V1DaemonSetSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { { "app", "other" } } },
                    UpdateStrategy = new V1DaemonSetUpdateStrategy { RollingUpdate = new V1RollingUpdateDaemonSet { MaxSurge = 1 } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { { "app", "mismatched" } } },
                        Spec = new V1PodSpec
                        {
                            RestartPolicy = "Never",
                            Containers = [new V1Container { Name = "c", Image = "i" }],
                            Tolerations = new List<V1Toleration>
                            {
                                new V1Toleration
                                {
                                    Key = "node-role.kubernetes.io/master",
                                    OperatorProperty = "Exists",
                                }
                            },
                        },
                    },
                },
            };

            public static V1DaemonSet Old() => new V1DaemonSet
            {
                ApiVersion = "apps/v1beta2",
                Metadata = new V1ObjectMeta { Name = "old" },
            };
        }

        """;

    private const string After = """
        using System.Collections.Generic;
        using k8s.Models;

        public static class Manifests
        {
            public static V1DaemonSet Agent() => new V1DaemonSet
            {
                Metadata = new V1ObjectMeta { Name = "agent" },
                Spec = new V1DaemonSetSpec
                {
                    Selector = new V1LabelSelector
                    {
                        MatchLabels = new Dictionary<string, string>
                        {
                            ["app"] = "agent",
                        },
                    },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta
                        {
                            Labels = new Dictionary<string, string>
                            {
                                ["app"] = "agent",
                            },
                        },
                        Spec = new V1PodSpec
                        {
                            RestartPolicy = "Always",
                            Containers = [new V1Container { Name = "c", Image = "i" }],
                            Tolerations =
                            [
                                new V1Toleration { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists", Effect = "NoSchedule" },
                                new V1Toleration { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "Exists", Effect = "NoSchedule" },
                            ],
                        },
                    },
                },
            };

            public static V1DaemonSet Mismatched() => new V1DaemonSet
            {
                Metadata = new V1ObjectMeta { Name = "mismatched" },
                Spec = new V1DaemonSetSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { { "app", "other" } } },
                    UpdateStrategy = new V1DaemonSetUpdateStrategy { RollingUpdate = new V1RollingUpdateDaemonSet { MaxSurge = 1 } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { { "app", "mismatched" } } },
                        Spec = new V1PodSpec
                        {
                            RestartPolicy = "Always",
                            Containers = [new V1Container { Name = "c", Image = "i" }],
                            Tolerations = new List<V1Toleration>
                            {
                                new V1Toleration
                                {
                                    Key = "node-role.kubernetes.io/master",
                                    OperatorProperty = "Exists",
                                },
                                new V1Toleration
                                {
                                    Key = "node-role.kubernetes.io/control-plane",
                                    OperatorProperty = "Exists",
                                }
                            },
                        },
                    },
                },
            };

            public static V1DaemonSet Old() => new V1DaemonSet
            {
                ApiVersion = "apps/v1",
                Metadata = new V1ObjectMeta { Name = "old" },
            };
        }

        """;
}
