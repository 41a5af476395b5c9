using System.IO;
using System.Text.RegularExpressions;
using DaemonLint.MsBuild.Tests;

namespace DaemonLint.MsBuild.IntegrationTests;

/// <summary>Real <c>dotnet build</c>s of consumers that only reference the package.</summary>
public sealed class BuildTests : IClassFixture<PackageFixture>
{
    private const string SkippedTarget = "Skipping target \"DaemonLintValidate\" because all output files are up-to-date";

    private readonly PackageFixture package;

    public BuildTests(PackageFixture package) => this.package = package;

    [Fact]
    public void CSharpProject_BadManifestFails_FixedManifestBuilds_NoOpBuildSkipsTheTarget()
    {
        var c = this.package.NewConsumer("csharp");
        c.WriteProject();
        c.Write("Program.cs", "internal static class Program { private static void Main() { } }\n");
        c.Write("deploy/other.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        c.Write("node_modules/pkg/ds.yaml", Manifests.NoSelector);
        var manifest = c.Write("deploy/ds.yaml", Manifests.NoSelector);

        var bad = c.Build();
        Assert.NotEqual(0, bad.ExitCode);
        AssertMatches(new Regex("^\\s*" + Regex.Escape(manifest) + @"\(8,7\): error DS1002: .*\[spec\.template\.metadata\.labels\]", RegexOptions.Multiline), bad);
        Assert.DoesNotContain("node_modules", bad.Output);
        Assert.DoesNotContain("MSB4018", bad.Output);

        // The stamp is written only on success: the same failing build fails again.
        var again = c.Build();
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("error DS1002", again.Output);

        c.Write("deploy/ds.yaml", Manifests.Valid);
        var good = c.Build();
        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.DoesNotContain("DS1002", good.Output);
        Assert.DoesNotContain(SkippedTarget, good.Output);

        var noOp = c.Build();
        Assert.True(noOp.ExitCode == 0, noOp.ToString());
        Assert.Contains(SkippedTarget, noOp.Output);
    }

    [Fact]
    public void DaemonSetsSpelledAsTheParserAllows_FailTheBuild_AsTheCliWould()
    {
        // Issue 14 item 9: a text pre-filter skipped these before parsing; now only files that cannot hold a DaemonSet are skipped.
        var c = this.package.NewConsumer("spellings");
        c.WriteProject();
        c.Write("Program.cs", "internal static class Program { private static void Main() { } }\n");
        var tagged = c.Write("deploy/tagged.yaml", Manifests.NoSelector.Replace("kind: DaemonSet", "kind: !!str DaemonSet"));
        var anchored = c.Write("deploy/anchored.yaml", Manifests.NoSelector.Replace("kind: DaemonSet", "kind: &k DaemonSet"));
        var escaped = c.Write("deploy/escaped.yaml", Manifests.NoSelector.Replace("kind: DaemonSet", "kind: \"Daemon\\u0053et\""));
        var utf16 = Path.Combine(Path.GetDirectoryName(tagged)!, "utf16.yaml");
        File.WriteAllText(utf16, Manifests.NoSelector.Replace("\r\n", "\n"), new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        c.Write("deploy/playbook.yml", "- hosts: all\n  tasks: [{name: x, apt: {name: nginx}}]\n");

        var result = c.Build();

        Assert.NotEqual(0, result.ExitCode);
        foreach (var file in new[] { tagged, anchored, escaped, utf16 })
        {
            AssertMatches(new Regex("^\\s*" + Regex.Escape(file) + @"\(\d+,\d+\): error DS1002: ", RegexOptions.Multiline), result);
        }

        Assert.DoesNotContain("playbook.yml", result.Output);
        Assert.DoesNotContain("MSB4018", result.Output);
    }

    [Fact]
    public void EditorConfigAndCompilerWarningProperties_TakeEffect()
    {
        var c = this.package.NewConsumer("warnings");
        c.WriteProject();
        c.Write("Program.cs", "internal static class Program { private static void Main() { } }\n");
        var manifest = c.Write("deploy/ds.yaml", Manifests.NoSelector);
        c.Write(".editorconfig", "root = true\n\n[*.{yaml,yml}]\ndotnet_diagnostic.DS1002.severity = warning\n");
        var warningLine = new Regex("^\\s*" + Regex.Escape(manifest) + @"\(8,7\): warning DS1002: ", RegexOptions.Multiline);
        var errorLine = new Regex("^\\s*" + Regex.Escape(manifest) + @"\(8,7\): error DS1002: ", RegexOptions.Multiline);

        // .editorconfig lowered an error to a warning: the build passes and prints the warning.
        var lowered = c.Build();
        Assert.True(lowered.ExitCode == 0, lowered.ToString());
        AssertMatches(warningLine, lowered);

        // TreatWarningsAsErrors (also given only on the command line) makes it an error again.
        var strict = c.Build("-p:TreatWarningsAsErrors=true");
        Assert.NotEqual(0, strict.ExitCode);
        AssertMatches(errorLine, strict);

        // ... unless WarningsNotAsErrors exempts it.
        var exempt = c.Build("-p:TreatWarningsAsErrors=true", "-p:WarningsNotAsErrors=DS1002");
        Assert.True(exempt.ExitCode == 0, exempt.ToString());
        AssertMatches(warningLine, exempt);

        // WarningsAsErrors for that one code.
        var one = c.Build("-p:WarningsAsErrors=DS1002");
        Assert.NotEqual(0, one.ExitCode);
        AssertMatches(errorLine, one);

        // NoWarn in the project silences it, even with TreatWarningsAsErrors.
        c.WriteProject(properties: "<NoWarn>$(NoWarn);DS1002</NoWarn><TreatWarningsAsErrors>true</TreatWarningsAsErrors>");
        var silenced = c.Build();
        Assert.True(silenced.ExitCode == 0, silenced.ToString());
        Assert.False(warningLine.IsMatch(silenced.Output), silenced.ToString());
        Assert.False(errorLine.IsMatch(silenced.Output), silenced.ToString());

        // severity = none turns the rule off for the files under that .editorconfig.
        c.WriteProject();
        c.Write(".editorconfig", "root = true\n\n[*.yaml]\ndotnet_diagnostic.DS1002.severity = none\n");
        var off = c.Build();
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.DoesNotContain("DS1002", off.Output);
    }

    [Fact]
    public void ManifestsOnlyProject_ValidatesToo()
    {
        // A Microsoft.NET.Sdk project with no .cs file at all.
        var plain = this.package.NewConsumer("manifests-only");
        plain.WriteProject(properties: "<OutputType>Library</OutputType>");
        var manifest = plain.Write("ds.yaml", Manifests.NoSelector);
        var result = plain.Build();
        Assert.NotEqual(0, result.ExitCode);
        AssertMatches(new Regex("^\\s*" + Regex.Escape(manifest) + @"\(8,7\): error DS1002: ", RegexOptions.Multiline), result);

        plain.Write("ds.yaml", Manifests.Valid);
        var good = plain.Build();
        Assert.True(good.ExitCode == 0, good.ToString());
    }

    [Fact]
    public void NoTargetsProject_ValidatesOnBuild()
    {
        // Microsoft.Build.NoTargets compiles nothing (no CoreCompile): the target hooks Build there.
        var c = this.package.NewConsumer("notargets");
        c.WriteProject(sdk: "Microsoft.Build.NoTargets/3.7.0");
        var manifest = c.Write("k8s/ds.yaml", Manifests.NoSelector);
        var result = c.Build();
        Assert.NotEqual(0, result.ExitCode);
        AssertMatches(new Regex("^\\s*" + Regex.Escape(manifest) + @"\(8,7\): error DS1002: ", RegexOptions.Multiline), result);
        Assert.Single(Regex.Matches(result.Output, "^\\s*" + Regex.Escape(manifest) + @"\(8,7\): error DS1002: ", RegexOptions.Multiline));
    }

    [Fact]
    public void DisabledOrDefaultItemsOff_DoesNotValidate()
    {
        var c = this.package.NewConsumer("disabled");
        c.WriteProject(properties: "<DaemonLintEnabled>false</DaemonLintEnabled>");
        c.Write("Program.cs", "internal static class Program { private static void Main() { } }\n");
        c.Write("ds.yaml", Manifests.NoSelector);
        var disabled = c.Build();
        Assert.True(disabled.ExitCode == 0, disabled.ToString());

        // Default globs off, one explicit item with a Baseline: only that file is validated (DS1005 against the baseline).
        c.WriteProject(
            properties: "<EnableDefaultKubernetesManifestItems>false</EnableDefaultKubernetesManifestItems>",
            items: "<KubernetesManifest Include=\"deploy/ds.yaml\" Baseline=\"prior/\" />");
        c.Write("prior/ds.yaml", Manifests.Valid);
        var changed = c.Write("deploy/ds.yaml", Manifests.Valid.Replace("app: fluentd", "app: fluentd-v2"));
        var result = c.Build();
        Assert.NotEqual(0, result.ExitCode);
        AssertMatches(new Regex("^\\s*" + Regex.Escape(changed) + @"\(6,3\): error DS1005: ", RegexOptions.Multiline), result);
        Assert.DoesNotContain("DS1002", result.Output);
    }

    [Theory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void BaselineRef_ReadsTheRevisionWithGit_WithEitherBuildOfTheTask(string taskFolder)
    {
        var c = this.package.NewConsumer("git-" + taskFolder);
        c.WriteProject();
        c.Write("Program.cs", "internal static class Program { private static void Main() { } }\n");
        // A space in the name: git's argument must arrive whole (ArgumentList on net8.0, quoting on netstandard2.0).
        c.Write("deploy/fluentd ds.yaml", Manifests.Valid);
        Git(c.Directory, "init", "-q");
        Git(c.Directory, "add", "-A");
        Git(c.Directory, "-c", "user.email=test@example.com", "-c", "user.name=test", "commit", "-q", "-m", "base");

        // The selector changed since HEAD (DS1005); a new file has no version at HEAD (a create: no baseline, no finding).
        var changed = c.Write("deploy/fluentd ds.yaml", Manifests.Valid.Replace("app: fluentd", "app: fluentd-v2"));
        c.Write("deploy/new agent.yaml", Manifests.Valid.Replace("name: fluentd", "name: agent").Replace("app: fluentd", "app: agent"));

        // -v:d prints the assembly each task comes from.
        var result = c.Build("-p:DaemonLintBaselineRef=HEAD", "-p:_DaemonLintTaskFolder=" + taskFolder, "-v:d");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/tasks/" + taskFolder + "/DaemonLint.MsBuild.dll", result.Output.Replace('\\', '/'));
        AssertMatches(new Regex("^\\s*" + Regex.Escape(changed) + @"\(6,3\): error DS1005: ", RegexOptions.Multiline), result);
        Assert.DoesNotContain("new agent.yaml(", result.Output);
    }

    private static void AssertMatches(Regex regex, ProcessResult result) =>
        Assert.True(regex.IsMatch(result.Output), "no line matches " + regex + " in:\n" + result);

    private static void Git(string directory, params string[] arguments)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "git " + string.Join(" ", arguments) + ": " + error);
    }
}
