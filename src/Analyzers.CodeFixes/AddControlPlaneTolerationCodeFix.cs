using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
/// DS3001: a toleration of <c>node-role.kubernetes.io/master</c> without one of <c>node-role.kubernetes.io/control-plane</c>.
/// Adds a copy of the master toleration with the control-plane key right after it (kubeadm 1.25+ taints control-plane
/// nodes only with the new key; keeping the old one still covers older clusters).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddControlPlaneTolerationCodeFix))]
[Shared]
public sealed class AddControlPlaneTolerationCodeFix : CodeFixProvider
{
    private const string Master = "node-role.kubernetes.io/master";
    private const string ControlPlane = "node-role.kubernetes.io/control-plane";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleCatalog.DS3001_MasterTolerationWithoutControlPlane.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var creation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
            if (creation?.Initializer is null || KeyLiteral(creation, model, context.CancellationToken) is null)
            {
                continue;
            }

            if (creation.Parent is not (InitializerExpressionSyntax { RawKind: (int)SyntaxKind.CollectionInitializerExpression or (int)SyntaxKind.ArrayInitializerExpression } or ExpressionElementSyntax))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Also tolerate node-role.kubernetes.io/control-plane", ct => AddCopy(context.Document, creation, model, ct), equivalenceKey: nameof(AddControlPlaneTolerationCodeFix)),
                diagnostic);
        }
    }

    private static LiteralExpressionSyntax? KeyLiteral(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken ct) =>
        creation.Initializer!.Expressions
            .OfType<AssignmentExpressionSyntax>()
            .Where(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "Key" })
            .Select(a => a.Right)
            .OfType<LiteralExpressionSyntax>()
            .FirstOrDefault(l => model.GetConstantValue(l, ct) is { HasValue: true, Value: Master });

    private static async Task<Document> AddCopy(Document document, BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var literal = KeyLiteral(creation, model, ct)!;
        var copy = creation.ReplaceNode(literal, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(ControlPlane)).WithTriviaFrom(literal));
        SyntaxNode newRoot;
        if (creation.Parent is InitializerExpressionSyntax list)
        {
            newRoot = root!.ReplaceNode(list, list.WithExpressions(list.Expressions.Insert(list.Expressions.IndexOf(creation) + 1, copy.WithoutLeadingTrivia())));
        }
        else
        {
            var element = (ExpressionElementSyntax)creation.Parent!;
            var collection = (CollectionExpressionSyntax)element.Parent!;
            newRoot = root!.ReplaceNode(collection, collection.WithElements(collection.Elements.Insert(collection.Elements.IndexOf(element) + 1, SyntaxFactory.ExpressionElement(copy.WithoutLeadingTrivia()))));
        }

        return document.WithSyntaxRoot(newRoot);
    }
}
