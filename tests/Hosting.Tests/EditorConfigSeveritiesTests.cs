using System.Collections.Generic;
using System.IO;
using DaemonLint.Model;

namespace DaemonLint.Hosting.Tests;

/// <summary>.editorconfig severities: files that set none are not handed to Microsoft.CodeAnalysis, files that do are read as Roslyn reads them.</summary>
public sealed class EditorConfigSeveritiesTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "daemonlint-editorconfig-tests"));

    private const string StyleOnly = """
        root = true

        [*]
        indent_style = space
        insert_final_newline = true

        [*.cs]
        csharp_style_var_elsewhere = true:suggestion
        dotnet_style_qualification_for_field = true:warning
        # dotnet_diagnostic.DS1009.severity = none (a comment)
        """;

    private static EditorConfigSeverities With(Dictionary<string, string> files) =>
        new(Root, path => files.TryGetValue(path, out var text) ? text : null);

    private static string At(string relative) => Path.Combine(Root, relative);

    [Fact]
    public void AFileOfStyleOptionsOnly_SetsNothing_AndIsNotParsedByRoslyn()
    {
        var severities = With(new() { [At(".editorconfig")] = StyleOnly });

        Assert.Empty(severities.SeveritiesFor(At("apps/ds.yaml")));
        Assert.Null(severities.GetSeverity("DS1009", At("apps/ds.yaml")));
        Assert.Equal(0, severities.SetsBuilt);
    }

    [Fact]
    public void AKeyInAnotherCase_InAParentFile_StillApplies()
    {
        // Roslyn lowercases keys: DOTNET_DIAGNOSTIC.DS1009.SEVERITY is dotnet_diagnostic.ds1009.severity.
        var severities = With(new()
        {
            [At("apps/.editorconfig")] = "[*.cs]\nindent_size = 4\n",
            [At(".editorconfig")] = "root = true\n[*.yaml]\nDOTNET_DIAGNOSTIC.DS1009.SEVERITY = none\n",
        });

        Assert.Equal(Severity.None, severities.GetSeverity("DS1009", At("apps/ds.yaml")));
        Assert.Null(severities.GetSeverity("DS1009", At("apps/ds.yml")));
        Assert.Equal(1, severities.SetsBuilt);
    }

    [Fact]
    public void ACapitalIWithADot_IsTheLetterIToRoslyn()
    {
        // Roslyn's case-insensitive comparison maps U+0130 to i, which an ordinal comparison ignoring case does not.
        var severities = With(new() { [At(".editorconfig")] = "root = true\n[*.yaml]\ndotnet_d\u0130agnostic.DS1009.severity = error\n" });

        Assert.Equal(Severity.Error, severities.GetSeverity("DS1009", At("ds.yaml")));
    }

    [Fact]
    public void EverySeveritySet_IsReturned_NotOnlyDaemonLintRules()
    {
        var severities = With(new() { [At(".editorconfig")] = "root = true\n[*]\ndotnet_diagnostic.CA1000.severity = warning\ndotnet_diagnostic.DS1002.severity = suggestion\n" });

        var all = severities.SeveritiesFor(At("ds.yaml"));
        Assert.Equal(Severity.Warning, all["CA1000"]);
        Assert.Equal(Severity.Info, all["DS1002"]);
    }

    [Fact]
    public void ALineBreakRoslynKnows_EndsACommentLine()
    {
        // U+2028 ends a line for Roslyn's SourceText: the key after it is not part of the comment.
        var severities = With(new() { [At(".editorconfig")] = "root = true\n[*.yaml]\n# off:\u2028dotnet_diagnostic.DS1009.severity = none\n" });

        Assert.Equal(Severity.None, severities.GetSeverity("DS1009", At("ds.yaml")));
        Assert.Equal(1, severities.SetsBuilt);
    }
}
