using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using DaemonLint.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DaemonLint.Analyzers.CodeFixes;

/// <summary>
/// Fixes whose result is certain and which replace one value: <c>RestartPolicy = "OnFailure"</c> → <c>"Always"</c> (DS1009),
/// a removed <c>ApiVersion</c> → <c>"apps/v1"</c> (DS6001).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceValueCodeFix))]
[Shared]
public sealed class ReplaceValueCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id, RuleCatalog.DS6001_ApiVersionRemoved.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value
                || value.Parent is not AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax })
            {
                continue;
            }

            var (title, replacement) = diagnostic.Id == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id
                ? ("Set restartPolicy to Always", "Always")
                : ("Use apiVersion apps/v1", "apps/v1");
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => Replace(context.Document, value, replacement, ct), equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static async Task<Document> Replace(Document document, ExpressionSyntax value, string text, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text)).WithTriviaFrom(value);
        return document.WithSyntaxRoot(root!.ReplaceNode(value, literal));
    }
}
