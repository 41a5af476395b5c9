using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DaemonLint.Cli;

namespace DaemonLint.MsBuild.IntegrationTests;

/// <summary>
/// The same manifests, the same .daemonlint.yaml, .editorconfig and cluster settings, through the three hosts: the CLI, a real
/// `dotnet build` with the packed MSBuild package, and a real compilation with the packed analyzers (YAML as AdditionalFiles).
/// Each must report the same (rule id, severity, file, line, column).
/// </summary>
public sealed class CrossHostTests : IClassFixture<PackageFixture>
{
    private static readonly Regex Diagnostic = new(@"^\s*(?<file>/[^(\n]+?)\((?<line>\d+),(?<col>\d+)\): (?<sev>error|warning) (?<id>DS\d{4}):", RegexOptions.Multiline);

    private const string DaemonSet = """
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
              restartPolicy: OnFailure
              hostUsers: false
              hostNetwork: true
              containers:
                - name: agent
                  image: busybox:1.36
                  securityContext:
                    privileged: true
        """;

    private readonly PackageFixture package;

    public CrossHostTests(PackageFixture package) => this.package = package;

    [Fact]
    public void CliBuildAndAnalyzers_ReportTheSameFindings_WithTheSameConfiguration()
    {
        this.package.PackAnalyzers();
        var build = this.package.NewConsumer("cross-build");
        var analyzers = this.package.NewConsumer("cross-analyzers");
        foreach (var c in new[] { build, analyzers })
        {
            c.Write("Program.cs", "internal static class Program { private static void Main() { } }\n");
            c.Write(".editorconfig", "root = true\n\n[*.{yaml,yml}]\ndotnet_diagnostic.DS1009.severity = warning\n");
            c.Write(".daemonlint.yaml", "disallowPrivileged: true\nignore:\n  - rules: [DS1009]\n    paths: [\"vendor/**\"]\n");
            c.Write("deploy/ds.yaml", DaemonSet);
            c.Write("vendor/ds.yaml", DaemonSet);
        }

        // The cluster setting that is not in the file comes from each host's own way of giving it.
        build.WriteProject(properties: "<DaemonLintUserNamespaces>true</DaemonLintUserNamespaces>");
        analyzers.WriteProject(properties: "<DaemonLintUserNamespaces>true</DaemonLintUserNamespaces><DaemonLintAnalyzeYaml>true</DaemonLintAnalyzeYaml>", package: "DaemonLint.Analyzers");
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();
        var code = Program.Run(new[] { "validate", "--user-namespaces", "deploy", "vendor" }, TextReader.Null, stdout, stderr, build.Directory);
        var built = build.Build();
        var compiled = analyzers.Build();

        Assert.True(code == Program.ExitFindings, stdout + "\n" + stderr);
        var cli = Diagnostic.Matches(stdout.ToString().Replace("\ndeploy/", "\n" + build.Directory + "/deploy/").Replace("\nvendor/", "\n" + build.Directory + "/vendor/").Insert(0, "\n").Replace("\n" + "deploy/", "\n" + build.Directory + "/deploy/"))
            .Select(Key).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        var fromBuild = Diagnostic.Matches(built.Output).Select(Key).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        var fromAnalyzers = Diagnostic.Matches(compiled.Output).Select(Key).Select(k => k.Replace(analyzers.Directory, build.Directory, StringComparison.Ordinal)).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();

        // What the configuration must have done: DS1009 lowered to a warning, ignored under vendor/, DS1320 from the file,
        // DS1116 from the host's user-namespaces setting.
        Assert.Contains(cli, k => k.StartsWith("DS1009 warning ", StringComparison.Ordinal) && k.Contains("/deploy/ds.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain(cli, k => k.StartsWith("DS1009", StringComparison.Ordinal) && k.Contains("/vendor/", StringComparison.Ordinal));
        Assert.Contains(cli, k => k.StartsWith("DS1320 error ", StringComparison.Ordinal));
        Assert.Contains(cli, k => k.StartsWith("DS1116 error ", StringComparison.Ordinal));
        Assert.True(cli.SequenceEqual(fromBuild), $"CLI:\n{string.Join("\n", cli)}\nbuild:\n{string.Join("\n", fromBuild)}\n{built.Output}");

        Assert.True(cli.SequenceEqual(fromAnalyzers), $"CLI:\n{string.Join("\n", cli)}\nanalyzers:\n{string.Join("\n", fromAnalyzers)}\n{compiled.Output}");
    }

    [Fact]
    public void EveryHost_TakesTheKubernetesRelease_AndTheFeatureGates_TheSameWay()
    {
        // An env name with '/': refused by Kubernetes 1.31 (RelaxedEnvironmentVariableValidation is off there), accepted
        // by 1.32 and later. Each host is told 1.31 its own way; strict/ keeps the release's gates, relaxed/ has a
        // .daemonlint.yaml that turns the gate on, as the cluster's kube-apiserver --feature-gates would.
        const string EnvDaemonSet = """
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
                      env:
                        - name: my.var/x
                          value: "1"
            """;
        this.package.PackAnalyzers();
        var build = this.package.NewConsumer("release-build");
        var analyzers = this.package.NewConsumer("release-analyzers");
        foreach (var c in new[] { build, analyzers })
        {
            c.Write("Program.cs", "internal static class Program { private static void Main() { } }\n");
            c.Write("deploy/strict/ds.yaml", EnvDaemonSet);
            c.Write("deploy/relaxed/ds.yaml", EnvDaemonSet);
            c.Write("deploy/relaxed/.daemonlint.yaml", "featureGates:\n  RelaxedEnvironmentVariableValidation: true\n");
        }

        build.WriteProject(properties: "<DaemonLintKubernetesVersion>1.31</DaemonLintKubernetesVersion>");
        analyzers.WriteProject(properties: "<DaemonLintKubernetesVersion>1.31</DaemonLintKubernetesVersion><DaemonLintAnalyzeYaml>true</DaemonLintAnalyzeYaml>", package: "DaemonLint.Analyzers");
        var (code, stdout) = RunCli(build.Directory, "validate", "--kubernetes-version", "1.31", "deploy");
        var built = build.Build();
        var compiled = analyzers.Build();

        Assert.True(code == Program.ExitFindings, stdout);
        Assert.Contains("(Kubernetes 1.31)", stdout, StringComparison.Ordinal);
        var cli = Diagnostic.Matches(("\n" + stdout).Replace("\ndeploy/", "\n" + build.Directory + "/deploy/")).Select(Key).Distinct().ToList();
        var fromBuild = Diagnostic.Matches(built.Output).Select(Key).Distinct().ToList();
        var fromAnalyzers = Diagnostic.Matches(compiled.Output).Select(Key).Select(k => k.Replace(analyzers.Directory, build.Directory, StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(cli.Count == 1 && cli[0].StartsWith($"DS1171 error {build.Directory}/deploy/strict/ds.yaml(18,", StringComparison.Ordinal), stdout);
        Assert.True(fromBuild.SequenceEqual(cli), $"build:\n{string.Join("\n", fromBuild)}\n{built.Output}");
        Assert.True(fromAnalyzers.SequenceEqual(cli), $"analyzers:\n{string.Join("\n", fromAnalyzers)}\n{compiled.Output}");

        // The same manifests at the default release, and at 1.31 with the gate given on the command line: clean.
        Assert.Equal(Program.ExitOk, RunCli(build.Directory, "validate", "deploy").Code);
        Assert.Equal(Program.ExitOk, RunCli(build.Directory, "validate", "--kubernetes-version", "1.31", "--feature-gates", "RelaxedEnvironmentVariableValidation=true", "deploy").Code);
    }

    private static (int Code, string Stdout) RunCli(string directory, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();
        var code = Program.Run(args, TextReader.Null, stdout, stderr, directory);
        return (code, stdout + stderr.ToString());
    }

    private static string Key(Match m) =>
        $"{m.Groups["id"].Value} {m.Groups["sev"].Value} {m.Groups["file"].Value.Trim()}({m.Groups["line"].Value},{m.Groups["col"].Value})";
}
