using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using DaemonLint.Catalog;
using Microsoft.CodeAnalysis;
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
public sealed class ReplaceValueCodeFix : DaemonLintCodeFixProvider
{
    private static readonly string RestartPolicy = RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id;
    private static readonly string ApiVersion = RuleCatalog.DS6001_ApiVersionRemoved.Id;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RestartPolicy, ApiVersion);

    /// <inheritdoc />
    internal override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value
            || value.Parent is not AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment
            || assignment.Right != value)
        {
            return null;
        }

        var (title, key, replacement) = diagnostic.Id == RestartPolicy
            ? ("Set restartPolicy to Always", "DaemonLint.DS1009.Always", "Always")
            : ("Use apiVersion apps/v1", "DaemonLint.DS6001.AppsV1", "apps/v1");
        return new FixPlan(value, title, key, (tree, anchor) => tree.ReplaceNode(
            anchor,
            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement)).WithTriviaFrom(anchor)));
    }
}
