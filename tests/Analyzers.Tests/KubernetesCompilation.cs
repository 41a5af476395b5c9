using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DaemonLint.Analyzers.Tests;

/// <summary>Compiles C# against the framework and KubernetesClient, and runs the analyzer over it.</summary>
internal static class KubernetesCompilation
{
    /// <summary>Gets the references: the running framework's assemblies and KubernetesClient (no network needed).</summary>
    public static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == frameworkDir)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(k8s.Models.V1DaemonSet).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    });

    /// <summary>Compiles a source file and runs <see cref="DaemonSetAnalyzer"/> over it.</summary>
    /// <param name="source">The whole file.</param>
    /// <returns>The compiler's errors and the analyzer's DSxxxx diagnostics.</returns>
    public static (List<Diagnostic> CompileErrors, List<Diagnostic> Findings) Analyze(string source) => Analyze(Compile(source), new DaemonSetAnalyzer());

    /// <summary>Compiles a source file.</summary>
    /// <param name="source">The whole file.</param>
    /// <returns>The compilation.</returns>
    public static CSharpCompilation Compile(string source) =>
        CSharpCompilation.Create(
            "Fixture",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

    /// <summary>Runs an analyzer instance over a compilation.</summary>
    /// <param name="compilation">The compilation.</param>
    /// <param name="analyzer">The analyzer (its work counters can be read afterwards).</param>
    /// <returns>The compiler's errors and the analyzer's DSxxxx diagnostics.</returns>
    public static (List<Diagnostic> CompileErrors, List<Diagnostic> Findings) Analyze(CSharpCompilation compilation, DaemonSetAnalyzer analyzer)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var analyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer));
        var found = analyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Where(d => d.Id.StartsWith("DS", StringComparison.Ordinal)).ToList();
        return (errors, found);
    }
}
