using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace DaemonLint.Analyzers.CodeFixes;

/// <summary>
/// What the DaemonLint fixes share. A fix is planned on the original tree (where the semantic model answers) as an anchor
/// node and a rewrite of the tree at that anchor. One fix, or every fix of a document at once (Fix All), annotates the
/// anchors, applies the rewrites one after the other on the changing tree, then simplifies and formats only what was
/// written: fixes of one document never conflict, however close they are.
/// </summary>
/// <remarks>
/// Equivalence keys are <c>DaemonLint.{rule id}.{fix}</c>. Fix All fixes every diagnostic of the ids asked for, keeping for
/// each rule only the fix the key names when the key is one of that rule's. A key of another rule, or none, does not
/// filter: <c>dotnet format analyzers</c>, fixing one id at a time, takes the key from a fix of the first diagnostic of its
/// run, which may belong to another rule (DS1009's key while it fixes DS6001, both in <see cref="ReplaceValueCodeFix"/>),
/// and a filter on that key silently fixed nothing.
/// </remarks>
public abstract class DaemonLintCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            await this.FixAsync(document, diagnostics.Where(d => context.DiagnosticIds.Contains(d.Id)), context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!this.FixableDiagnosticIds.Contains(diagnostic.Id) || this.Plan(root, model, diagnostic, context.CancellationToken) is not { } plan)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(plan.Title, ct => this.FixAsync(document, new[] { diagnostic }, plan.EquivalenceKey, ct), plan.EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>Plans the fix of one diagnostic on the original tree, or returns null when there is no certain fix.</summary>
    internal abstract FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>Whether Fix All with this equivalence key applies this plan for a diagnostic of this id.</summary>
    internal static bool Accepts(string? equivalenceKey, FixPlan plan, string diagnosticId) =>
        equivalenceKey is null
        || equivalenceKey == plan.EquivalenceKey
        || !equivalenceKey.StartsWith("DaemonLint." + diagnosticId + ".", StringComparison.Ordinal);

    private async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        // One plan per anchor (two findings on one place get one fix), in source order.
        var plans = new Dictionary<SyntaxNode, FixPlan>();
        foreach (var d in diagnostics.Where(d => this.FixableDiagnosticIds.Contains(d.Id)).OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (this.Plan(root, model, d, ct) is { } plan && Accepts(equivalenceKey, plan, d.Id) && !plans.ContainsKey(plan.Anchor))
            {
                plans.Add(plan.Anchor, plan);
            }
        }

        if (plans.Count == 0)
        {
            return document;
        }

        var marks = plans.Keys.ToDictionary(a => a, _ => new SyntaxAnnotation("DaemonLint.Fix"));
        root = root.ReplaceNodes(plans.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(marks[original]));
        foreach (var kv in plans)
        {
            ct.ThrowIfCancellationRequested();
            if (root.GetAnnotatedNodes(marks[kv.Key]).FirstOrDefault() is { } anchor)
            {
                root = kv.Value.Apply(root, anchor);
            }
        }

        var fixedDocument = document.WithSyntaxRoot(root);
        fixedDocument = await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: ct).ConfigureAwait(false);
        return await Formatter.FormatAsync(fixedDocument, Formatter.Annotation, cancellationToken: ct).ConfigureAwait(false);
    }
}

/// <summary>A planned fix: where, what it is called, and how it rewrites the tree at that place.</summary>
internal sealed class FixPlan
{
    /// <summary>Initializes a new instance of the <see cref="FixPlan"/> class.</summary>
    /// <param name="anchor">The node of the original tree the fix is about.</param>
    /// <param name="title">The title shown to the user.</param>
    /// <param name="equivalenceKey">The same for every fix of the same kind (Fix All applies those together).</param>
    /// <param name="apply">Rewrites a tree, given the anchor as it is in that tree, and returns the new root.</param>
    public FixPlan(SyntaxNode anchor, string title, string equivalenceKey, Func<SyntaxNode, SyntaxNode, SyntaxNode> apply)
    {
        this.Anchor = anchor;
        this.Title = title;
        this.EquivalenceKey = equivalenceKey;
        this.Apply = apply;
    }

    public SyntaxNode Anchor { get; }

    public string Title { get; }

    public string EquivalenceKey { get; }

    public Func<SyntaxNode, SyntaxNode, SyntaxNode> Apply { get; }
}
