using System.Collections.Generic;
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
/// DS1002 (no selector): adds <c>Selector = new V1LabelSelector { MatchLabels = ... }</c> to the DaemonSet spec, filled from
/// the template labels — offered only when the labels are constants written in the same initializer tree.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSelectorCodeFix))]
[Shared]
public sealed class AddSelectorCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleCatalog.DS1002_SelectorRequired.Id);

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
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not { } labelsAssignment
                || labelsAssignment.Right is not BaseObjectCreationExpressionSyntax { Initializer: { } labelsInit }
                || FindSpec(labelsAssignment, model, context.CancellationToken) is not { } spec)
            {
                continue;
            }

            var pairs = ConstantPairs(labelsInit, model, context.CancellationToken);
            if (pairs is null || pairs.Count == 0)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Add a selector that matches the template labels", ct => AddSelector(context.Document, spec, pairs, ct), equivalenceKey: nameof(AddSelectorCodeFix)),
                diagnostic);
        }
    }

    private static BaseObjectCreationExpressionSyntax? FindSpec(SyntaxNode from, SemanticModel model, CancellationToken ct)
    {
        foreach (var creation in from.Ancestors().OfType<BaseObjectCreationExpressionSyntax>())
        {
            if (model.GetTypeInfo(creation, ct).Type?.Name == "V1DaemonSetSpec" && creation.Initializer is not null)
            {
                return creation;
            }
        }

        return null;
    }

    private static List<(string Key, string Value)>? ConstantPairs(InitializerExpressionSyntax init, SemanticModel model, CancellationToken ct)
    {
        var pairs = new List<(string, string)>();
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
                || model.GetConstantValue(k, ct) is not { HasValue: true, Value: string key }
                || model.GetConstantValue(v, ct) is not { HasValue: true, Value: string value })
            {
                return null;
            }

            pairs.Add((key, value));
        }

        return pairs;
    }

    private static async Task<Document> AddSelector(Document document, BaseObjectCreationExpressionSyntax spec, List<(string Key, string Value)> pairs, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var entries = string.Join(", ", pairs.Select(p => "{ " + Literal(p.Key) + ", " + Literal(p.Value) + " }"));
        var assignment = (AssignmentExpressionSyntax)SyntaxFactory.ParseExpression(
            "Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { " + entries + " } }");
        var init = spec.Initializer!;
        var newInit = init.WithExpressions(init.Expressions.Insert(0, assignment));
        return document.WithSyntaxRoot(root!.ReplaceNode(init, newInit.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation)));
    }

    private static string Literal(string s) => SyntaxFactory.Literal(s).ToString();
}
