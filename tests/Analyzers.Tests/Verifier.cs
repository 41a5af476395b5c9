using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// Microsoft.CodeAnalysis.Testing set up to need no network: the running .NET 10 framework's assemblies and
/// KubernetesClient (from this test's own output folder) are the references.
/// </summary>
public static class Verifier
{
    private static Lazy<MetadataReference[]> References => KubernetesCompilation.References;

    public const string Usings = """
        using System.Collections.Generic;
        using k8s.Models;

        """;

    public static Task VerifyAnalyzerAsync(string source, bool withKubernetesClient = true, params (string Path, string Text)[] additionalFiles) =>
        VerifyAnalyzerAsync(source, null, withKubernetesClient, additionalFiles);

    public static async Task VerifyAnalyzerAsync(string source, string? editorConfig, bool withKubernetesClient = true, params (string Path, string Text)[] additionalFiles)
    {
        var test = new CSharpAnalyzerTest<DaemonSetAnalyzer, DefaultVerifier>();
        Configure(test.TestState, withKubernetesClient);
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        test.TestCode = source;
        foreach (var f in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add((f.Path, f.Text));
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/0/.editorconfig", editorConfig));
        }

        if (additionalFiles.Length > 0)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.DaemonLintAnalyzeYaml = true\n"));
        }

        await test.RunAsync(CancellationToken.None);
    }

    public static async Task VerifyCodeFixAsync<TFix>(string source, string fixedSource, int? iterations = null)
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<DaemonSetAnalyzer, TFix, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            TestCode = source,
            FixedCode = fixedSource,
        };
        Configure(test.TestState, true);
        Configure(test.FixedState, true);
        if (iterations is { } n)
        {
            test.NumberOfFixAllIterations = n;
            test.NumberOfIncrementalIterations = n;
        }

        await test.RunAsync(CancellationToken.None);
    }

    private static void Configure(SolutionState state, bool withKubernetesClient)
    {
        var refs = References.Value;
        state.AdditionalReferences.AddRange(withKubernetesClient ? refs : refs.Where(r => !r.Display!.Contains("KubernetesClient", StringComparison.Ordinal)));
    }
}
