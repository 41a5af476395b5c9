using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using DaemonLint.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace DaemonLint.Analyzers.CodeFixes;

/// <summary>
/// DS3001: a toleration of <c>node-role.kubernetes.io/master</c> without one of <c>node-role.kubernetes.io/control-plane</c>.
/// Adds a copy of the master toleration with the control-plane key right after it (kubeadm 1.25+ taints control-plane
/// nodes only with the new key; keeping the old one still covers older clusters), written as its neighbours are.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddControlPlaneTolerationCodeFix))]
[Shared]
public sealed class AddControlPlaneTolerationCodeFix : DaemonLintCodeFixProvider
{
    private const string Master = "node-role.kubernetes.io/master";
    private const string ControlPlane = "node-role.kubernetes.io/control-plane";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleCatalog.DS3001_MasterTolerationWithoutControlPlane.Id);

    /// <inheritdoc />
    internal override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var creation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
        if (creation?.Initializer is not { } init
            || creation.Parent is not (InitializerExpressionSyntax { RawKind: (int)SyntaxKind.CollectionInitializerExpression or (int)SyntaxKind.ArrayInitializerExpression } or ExpressionElementSyntax { Parent: CollectionExpressionSyntax }))
        {
            return null;
        }

        // The position of `Key = "node-role.kubernetes.io/master"` in the initializer: found again in the changing tree.
        var keyIndex = -1;
        for (var i = 0; i < init.Expressions.Count; i++)
        {
            if (init.Expressions[i] is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "Key" }, Right: LiteralExpressionSyntax literal }
                && model.GetConstantValue(literal, cancellationToken) is { HasValue: true, Value: Master })
            {
                keyIndex = i;
                break;
            }
        }

        if (keyIndex < 0)
        {
            return null;
        }

        return new FixPlan(creation, "Also tolerate node-role.kubernetes.io/control-plane", "DaemonLint.DS3001.AddControlPlane", (tree, anchor) => AddCopy(tree, (BaseObjectCreationExpressionSyntax)anchor, keyIndex));
    }

    private static SyntaxNode AddCopy(SyntaxNode root, BaseObjectCreationExpressionSyntax creation, int keyIndex)
    {
        var literal = ((AssignmentExpressionSyntax)creation.Initializer!.Expressions[keyIndex]).Right;
        var copy = creation.ReplaceNode(literal, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(ControlPlane)).WithTriviaFrom(literal))
            .WithoutAnnotations("DaemonLint.Fix")
            .WithAdditionalAnnotations(Formatter.Annotation);
        if (creation.Parent is InitializerExpressionSyntax list)
        {
            return root.ReplaceNode(list, list.WithExpressions(ListLayout.Insert(list.Expressions, list.Expressions.IndexOf(creation) + 1, (ExpressionSyntax)copy)));
        }

        var element = (ExpressionElementSyntax)creation.Parent!;
        var collection = (CollectionExpressionSyntax)element.Parent!;
        return root.ReplaceNode(collection, collection.WithElements(ListLayout.Insert(collection.Elements, collection.Elements.IndexOf(element) + 1, (CollectionElementSyntax)SyntaxFactory.ExpressionElement((ExpressionSyntax)copy))));
    }
}
