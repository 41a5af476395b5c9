using System;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Tests;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// AnalyzerReleases.Unshipped.md lists every rule of the catalog with its category and severity, so a new rule or a
/// severity change shows in review (roslyn-analyzers release tracking). Set DAEMONLINT_UPDATE_GENERATED=1 to rewrite it.
/// </summary>
public sealed class ReleaseTrackingTests
{
    [Fact]
    public void UnshippedReleaseFile_ListsEveryCatalogRule()
    {
        var path = Path.Combine(RepoPaths.Root, "src", "Analyzers", "AnalyzerReleases.Unshipped.md");
        var expected = Expected();
        if (Environment.GetEnvironmentVariable("DAEMONLINT_UPDATE_GENERATED") == "1")
        {
            File.WriteAllText(path, expected);
        }

        var actual = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.True(
            expected == actual,
            $"{path} is stale: run `DAEMONLINT_UPDATE_GENERATED=1 dotnet test tests/Analyzers.Tests --filter ReleaseTrackingTests` and commit it.");
    }

    private static string Expected()
    {
        var sb = new StringBuilder();
        sb.Append("; Unshipped analyzer release\n");
        sb.Append("; https://github.com/dotnet/roslyn-analyzers/blob/main/src/Microsoft.CodeAnalysis.Analyzers/ReleaseTrackingAnalyzers.Help.md\n\n");
        sb.Append("### New Rules\n\n");
        sb.Append("Rule ID | Category | Severity | Notes\n");
        sb.Append("--------|----------|----------|-------\n");
        foreach (var r in RuleCatalog.All.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var severity = r.DefaultSeverity switch
            {
                Model.Severity.Error => "Error",
                Model.Severity.Warning => "Warning",
                Model.Severity.Info => "Info",
                _ => "Disabled",
            };
            sb.Append($"{r.Id} | DaemonLint.{r.CategoryName} | {(r.EnabledByDefault ? severity : "Disabled")} | {r.Title}\n");
        }

        return sb.ToString();
    }
}
