using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DaemonLint.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// Fix All called the way <c>dotnet format analyzers</c> calls it: one diagnostic id at a time, all of the run's
/// diagnostics in the provider, and the equivalence key of a fix registered for the run's first diagnostic, which may
/// belong to another rule (or be null when that rule has no fix). The id asked for must be fixed whatever that key is.
/// </summary>
public sealed class FixAllContextTests
{
    private const string Source = Verifier.Usings + """
        public static class Manifests
        {
            public static V1DaemonSet Old() => new V1DaemonSet { ApiVersion = "apps/v1beta2", Metadata = new V1ObjectMeta { Name = "old" } };

            public static V1DaemonSet Build(string name, string policy) => new V1DaemonSet
            {
                Metadata = new V1ObjectMeta { Name = "agent" },
                Spec = new V1DaemonSetSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agnet" } },
                        Spec = new V1PodSpec { RestartPolicy = "OnFailure", Containers = [new V1Container { Name = "c", Image = "i" }] },
                    },
                },
            };
        }
        """;

    [Theory]
    [InlineData("DS6001", null)]
    [InlineData("DS6001", "DaemonLint.DS1009.Always")] // the run's first diagnostic was a DS1009: same fixer, another rule
    [InlineData("DS6001", "DaemonLint.DS6001.AppsV1")]
    [InlineData("DS1009", null)] // the run's first diagnostic was the unfixable DS1001
    [InlineData("DS1009", "DaemonLint.DS6001.AppsV1")]
    [InlineData("DS1009", "DaemonLint.DS1009.Always")]
    public async Task ReplaceValue_FixesTheIdAskedFor_WhateverKeyTheRunGave(string id, string? key)
    {
        var text = await FixAllAsync(new ReplaceValueCodeFix(), id, key);

        if (id == "DS6001")
        {
            Assert.Contains("ApiVersion = \"apps/v1\",", text, System.StringComparison.Ordinal);
            Assert.Contains("RestartPolicy = \"OnFailure\"", text, System.StringComparison.Ordinal); // only the id asked for
        }
        else
        {
            Assert.Contains("RestartPolicy = \"Always\"", text, System.StringComparison.Ordinal);
            Assert.Contains("ApiVersion = \"apps/v1beta2\"", text, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AKeyOfTheSameRuleForAnotherFix_StillFilters()
    {
        var plan = new FixPlan(SyntaxFactory.IdentifierName("x"), "t", "DaemonLint.DS1009.Always", (root, _) => root);
        Assert.True(DaemonLintCodeFixProvider.Accepts(null, plan, "DS1009"));
        Assert.True(DaemonLintCodeFixProvider.Accepts("DaemonLint.DS1009.Always", plan, "DS1009"));
        Assert.True(DaemonLintCodeFixProvider.Accepts("DaemonLint.DS6001.AppsV1", plan, "DS1009"));
        Assert.True(DaemonLintCodeFixProvider.Accepts("SomeOtherAnalyzer.Fix", plan, "DS1009"));
        Assert.False(DaemonLintCodeFixProvider.Accepts("DaemonLint.DS1009.RemoveField", plan, "DS1009"));
    }

    private static async Task<string> FixAllAsync(CodeFixProvider fixer, string id, string? key)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "Consumer",
            "Consumer",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: KubernetesCompilation.References.Value));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Manifests.cs", SourceText.From(Source), filePath: "/consumer/Manifests.cs");
        var document = solution.GetDocument(documentId)!;
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DaemonSetAnalyzer())).GetAnalyzerDiagnosticsAsync();
        Assert.Contains(diagnostics, d => d.Id == "DS1001");
        Assert.Contains(diagnostics, d => d.Id == id);

        var context = new FixAllContext(document, fixer, FixAllScope.Solution, key!, new[] { id }, new AllDiagnostics(diagnostics), CancellationToken.None);
        var action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
        Assert.NotNull(action);
        var operations = await action!.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await changed.GetDocument(documentId)!.GetTextAsync()).ToString();
    }

    /// <summary>Like dotnet format's provider: every diagnostic of the run, whatever its id.</summary>
    private sealed class AllDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> diagnostics;

        public AllDiagnostics(ImmutableArray<Diagnostic> diagnostics) => this.diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(this.diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(this.diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(this.diagnostics);
    }
}
