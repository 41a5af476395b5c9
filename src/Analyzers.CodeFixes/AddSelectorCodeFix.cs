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
using Microsoft.CodeAnalysis.Simplification;

namespace DaemonLint.Analyzers.CodeFixes;

/// <summary>
/// DS1002 (no selector): adds <c>Selector = new V1LabelSelector { MatchLabels = ... }</c> to the DaemonSet spec, before its
/// template, with a copy of the template's labels written exactly as they are (indexers or braces, one line or several,
/// trailing commas) — offered only when the labels are constants written in the same initializer tree.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSelectorCodeFix))]
[Shared]
public sealed class AddSelectorCodeFix : DaemonLintCodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleCatalog.DS1002_SelectorRequired.Id);

    /// <inheritdoc />
    internal override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // The finding points at the template labels (or, later, at the spec): find the spec either way.
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var spec = node.AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault(c => IsSpec(c, model, cancellationToken))
            ?? node.DescendantNodesAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault(c => IsSpec(c, model, cancellationToken));
        if (spec?.Initializer is not { } specInit
            || Member(specInit, "Selector") is not null
            || Member(specInit, "Template") is not { Right: BaseObjectCreationExpressionSyntax { Initializer: { } template } }
            || Member(template, "Metadata") is not { Right: BaseObjectCreationExpressionSyntax { Initializer: { } metadata } }
            || Member(metadata, "Labels") is not { Right: BaseObjectCreationExpressionSyntax { Initializer: { Expressions.Count: > 0 } labelsInit } labels }
            || !AllConstant(labelsInit, model, cancellationToken))
        {
            return null;
        }

        return new FixPlan(spec, "Add a selector that matches the template labels", "DaemonLint.DS1002.AddSelector", (tree, anchor) => AddSelector(tree, (BaseObjectCreationExpressionSyntax)anchor, labels));
    }

    private static bool IsSpec(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken ct) =>
        model.GetTypeInfo(creation, ct).Type is { Name: "V1DaemonSetSpec", ContainingNamespace: { Name: "Models", ContainingNamespace.Name: "k8s" } };

    private static AssignmentExpressionSyntax? Member(InitializerExpressionSyntax init, string name) =>
        init.Expressions.OfType<AssignmentExpressionSyntax>().FirstOrDefault(a => a.Left is IdentifierNameSyntax id && id.Identifier.ValueText == name);

    private static bool AllConstant(InitializerExpressionSyntax init, SemanticModel model, CancellationToken ct)
    {
        foreach (var e in init.Expressions)
        {
            ExpressionSyntax? k = null, v = null;
            if (e is InitializerExpressionSyntax { Expressions.Count: 2 } kv)
            {
                k = kv.Expressions[0];
                v = kv.Expressions[1];
            }
            else if (e is AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax { ArgumentList.Arguments.Count: 1 } ia } a)
            {
                k = ia.ArgumentList.Arguments[0].Expression;
                v = a.Right;
            }

            if (k is null || v is null
                || model.GetConstantValue(k, ct) is not { HasValue: true, Value: string }
                || model.GetConstantValue(v, ct) is not { HasValue: true, Value: string })
            {
                return false;
            }
        }

        return true;
    }

    private static SyntaxNode AddSelector(SyntaxNode root, BaseObjectCreationExpressionSyntax spec, BaseObjectCreationExpressionSyntax labels)
    {
        // The labels as written, on one line or on several like the template's; the formatter indents them in their new place.
        var copy = labels.WithoutLeadingTrivia().WithoutTrailingTrivia().WithoutAnnotations("DaemonLint.Fix").ToFullString();
        var labelsInit = labels.Initializer!;
        var text = labels.SyntaxTree.GetText();
        var multiLine = text.Lines.GetLineFromPosition(labelsInit.OpenBraceToken.SpanStart).LineNumber != text.Lines.GetLineFromPosition(labelsInit.CloseBraceToken.SpanStart).LineNumber;
        ListLayout.StartsLine(labelsInit.CloseBraceToken.Parent!, out var eol);
        var trailingComma = labelsInit.Expressions.SeparatorCount == labelsInit.Expressions.Count ? "," : string.Empty;
        var source = multiLine
            ? "Selector = new global::k8s.Models.V1LabelSelector" + eol + "{" + eol + "MatchLabels = " + copy + trailingComma + eol + "}"
            : "Selector = new global::k8s.Models.V1LabelSelector { MatchLabels = " + copy + " }";
        var assignment = (AssignmentExpressionSyntax)SyntaxFactory.ParseExpression(source);
        var selectorType = assignment.DescendantNodes().OfType<QualifiedNameSyntax>().First(q => q.Right.Identifier.ValueText == "V1LabelSelector");
        assignment = assignment.ReplaceNode(selectorType, selectorType.WithAdditionalAnnotations(Simplifier.Annotation)).WithAdditionalAnnotations(Formatter.Annotation);

        var init = spec.Initializer!;
        var template = Member(init, "Template");
        var index = template is null ? 0 : init.Expressions.IndexOf(template);
        return root.ReplaceNode(init, init.WithExpressions(ListLayout.Insert(init.Expressions, index, (ExpressionSyntax)assignment)));
    }
}
