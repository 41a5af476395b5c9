using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DaemonLint.Analyzers;

/// <summary>
/// What the package's build step found out about a YAML AdditionalFile before the compiler reads it. The command-line
/// compiler turns the text of a binary AdditionalFile into error CS2015 the moment an analyzer asks for it, and reading a
/// FIFO never ends; the targets mark such files with <c>DaemonLintText</c> metadata, and the analyzer reports them
/// instead of reading them.
/// </summary>
internal static class YamlInput
{
    /// <summary>The analyzer-config key of the metadata the package's targets set.</summary>
    public const string TextMetadata = "build_metadata.AdditionalFiles.DaemonLintText";

    /// <summary>Whether the file must not be read; <paramref name="diagnostic"/> is what to report instead, if anything.</summary>
    public static bool MustNotRead(AdditionalFileAnalysisContext context, out Diagnostic? diagnostic)
    {
        diagnostic = null;
        if (!context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.AdditionalFile).TryGetValue(TextMetadata, out var verdict)
            || verdict.Length == 0)
        {
            return false;
        }

        var location = Location.Create(context.AdditionalFile.Path, default, new LinePositionSpan(default, default));
        diagnostic = verdict switch
        {
            "binary" => Diagnostic.Create(Descriptors.Get(Catalog.RuleCatalog.DS9003_NotText.Id), location, "the file is binary (it contains NUL bytes), not a YAML or JSON manifest"),
            "unreadable" => Diagnostic.Create(Descriptors.Get(Catalog.RuleCatalog.DS9002_FileUnreadable.Id), location, "the file cannot be read"),
            _ => null, // "empty": nothing to validate
        };
        return true;
    }
}
