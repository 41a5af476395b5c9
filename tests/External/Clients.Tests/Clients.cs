using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DaemonLint.Tests;

namespace DaemonLint.Clients.Tests;

/// <summary>
/// The real clients, run as processes. A client that is not installed fails the test with what to install (the external
/// suite never skips): <c>.ci/run</c> installs all of them.
/// </summary>
internal static class Clients
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Gets the folder of this test project in the repository.</summary>
    public static string ProjectFolder => Path.Combine(RepoPaths.Root, "tests", "External", "Clients.Tests");

    /// <summary>Gets Jenkins' junit-10.xsd as stored in the project.</summary>
    public static string JUnitSchema => Path.Combine(ProjectFolder, "schemas", "junit-10.xsd");

    /// <summary>Gets the folder of the SARIF multitool's npm package (installed by .ci/run).</summary>
    public static string MultitoolPackage => Path.Combine(ProjectFolder, ".tools", "node_modules", "@microsoft", "sarif-multitool-linux");

    /// <summary>Gets Debian's Python, which has Debian's python3-junitparser and python3-jsonschema (a pyenv shim may not).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Validates an XML file with <c>xmllint --schema</c>.</summary>
    /// <returns>The exit code (0 when valid) and what xmllint said.</returns>
    public static ProcessRunner.Result Xmllint(string xml, string schema) =>
        Run("xmllint (Debian package libxml2-utils)", "xmllint", new[] { "--noout", "--schema", schema, xml }, Path.GetDirectoryName(xml)!);

    /// <summary>Runs a Python script with Debian's Python.</summary>
    /// <returns>The exit code and output.</returns>
    public static ProcessRunner.Result RunPython(string script, params string[] args) =>
        Run("python3 (Debian)", Python, new[] { "-c", script }.Concat(args), Path.GetTempPath());

    /// <summary>
    /// Runs <c>Sarif.Multitool validate</c> with the SARIF rules and GitHub's ingestion rules on a log.
    /// </summary>
    /// <returns>The multitool's own results (rule id, level, text).</returns>
    public static List<(string RuleId, string Level, string Text)> Multitool(string sarif)
    {
        var exe = Path.Combine(MultitoolPackage, "Sarif.Multitool");
        Assert.True(
            File.Exists(exe),
            $"the SARIF multitool is not installed at {exe}: run `npm install --no-save --no-package-lock --prefix {Path.Combine(ProjectFolder, ".tools")} @microsoft/sarif-multitool-linux@5.7.0` (.ci/run does)");
        var output = sarif + ".validation.sarif";
        File.Delete(output);
        var r = Run("the SARIF multitool", exe, new[] { "validate", "--rule-kind", "Sarif;Gh", "--output", output, sarif }, Path.GetDirectoryName(sarif)!);
        Assert.True(r.ExitCode == 0 && File.Exists(output), "Sarif.Multitool validate failed: " + r.Output);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        var found = new List<(string, string, string)>();
        foreach (var run in doc.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var result in results.EnumerateArray())
            {
                var level = result.TryGetProperty("level", out var l) ? l.GetString()! : "warning";
                var args = result.GetProperty("message").TryGetProperty("arguments", out var a) ? string.Join(" | ", a.EnumerateArray().Select(x => x.GetString())) : string.Empty;
                found.Add((result.GetProperty("ruleId").GetString()!, level, args));
            }
        }

        return found;
    }

    private static ProcessRunner.Result Run(string what, string program, IEnumerable<string> args, string cwd)
    {
        try
        {
            return ProcessRunner.Run(program, args, cwd, Timeout);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"{what} is needed by the external suite and could not be started ({ex.Message}); .ci/run installs it");
            throw;
        }
    }
}
