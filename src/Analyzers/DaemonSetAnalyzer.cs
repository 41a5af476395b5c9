using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using DaemonLint.Engine;
using DaemonLint.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DaemonLint.Analyzers;

/// <summary>
/// Reports the core's findings on C# code that creates DaemonSets with KubernetesClient models (or any type marked
/// <c>[KubernetesEntity(Kind = "DaemonSet")]</c>), and, when YAML manifests are passed as AdditionalFiles, inside them.
/// No rule is re-implemented here: the C# front end builds the core's tree and the core's rules run on it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DaemonSetAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The MSBuild property (made compiler-visible by the package) that turns YAML AdditionalFiles analysis on.</summary>
    public const string AnalyzeYamlProperty = "build_property.DaemonLintAnalyzeYaml";

    private static readonly ManifestValidator Validator = new();

    private readonly AnalyzerWork work = new();

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var frontEnd = new CSharpFrontEnd(start.Compilation);
            if (frontEnd.IsRelevant)
            {
                // One index of the locals per method body, shared by all its creations (linear, issue 14).
                start.RegisterOperationBlockStartAction(block =>
                {
                    var contexts = new LocalContexts(frontEnd, this.work);
                    block.RegisterOperationAction(c => AnalyzeCreation(c, frontEnd, contexts), OperationKind.ObjectCreation);
                });
            }

            if (start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(AnalyzeYamlProperty, out var yaml)
                && string.Equals(yaml, "true", StringComparison.OrdinalIgnoreCase))
            {
                start.RegisterAdditionalFileAction(AnalyzeYaml);
            }
        });
    }

    /// <summary>Gets what this instance did so far (for tests that pin linear cost).</summary>
    internal AnalyzerWork Work => this.work;

    private static void AnalyzeCreation(OperationAnalysisContext context, CSharpFrontEnd frontEnd, LocalContexts contexts)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!frontEnd.TryGetEntity(creation.Type, out var kind, out var apiVersion) || kind != "DaemonSet")
        {
            return;
        }

        ManifestObject? obj;
        var findings = new List<Finding>();
        try
        {
            obj = frontEnd.Build(creation, kind, apiVersion, contexts.For(creation));
            if (obj is null)
            {
                return;
            }

            Validator.ValidateObject(obj, baseline: null, findings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never an AD0001: a failure of the front end or a rule is reported as DS9008 on the creation.
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(Catalog.RuleCatalog.DS9008_InternalError.Id), CreationLocation(creation.Syntax), $"DaemonLint failed on this DaemonSet: {ex.GetType().Name}: {ex.Message}"));
            return;
        }

        foreach (var f in findings)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!CSharpFrontEnd.IsCertain(obj.Root, f))
            {
                continue;
            }

            var location = Locate(obj.Root, f, creation.Syntax);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.Get(f.RuleId),
                location,
                properties: Properties(f),
                f.Message + (f.Path is null ? string.Empty : " [" + f.Path + "]")));
        }
    }

    private static ImmutableDictionary<string, string?> Properties(Finding f) =>
        ImmutableDictionary<string, string?>.Empty
            .Add("path", f.Path?.ToString())
            .Add("locationPath", (f.LocationPath ?? f.Path)?.ToString());

    /// <summary>Maps a finding's field path to the C# syntax that holds it.</summary>
    internal static Location Locate(MappingNode root, Finding f, SyntaxNode fallback)
    {
        var loc = ResolvedLocation.Resolve(root, f.LocationPath ?? f.Path);
        SyntaxNode? syntax;
        if (loc.Exact && loc.Node is ScalarNode or UnknownNode)
        {
            syntax = loc.Node.HostData as SyntaxNode;
        }
        else if (loc.Exact && loc.Entry?.HostData is SyntaxNode key)
        {
            syntax = key;
        }
        else
        {
            // A missing field: the creation expression of its parent.
            syntax = loc.Node.HostData as SyntaxNode ?? loc.Entry?.HostData as SyntaxNode;
            return CreationLocation(syntax ?? fallback);
        }

        return (syntax ?? fallback).GetLocation();
    }

    private static Location CreationLocation(SyntaxNode syntax)
    {
        // `new V1PodSpec(...)` without its (possibly long) initializer.
        if (syntax is BaseObjectCreationExpressionSyntax creation && creation.Initializer is not null)
        {
            var end = creation.ArgumentList?.Span.End ?? (creation is ObjectCreationExpressionSyntax o ? o.Type.Span.End : creation.NewKeyword.Span.End);
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(creation.SpanStart, end));
        }

        return syntax.GetLocation();
    }

    private static void AnalyzeYaml(AdditionalFileAnalysisContext context)
    {
        var path = context.AdditionalFile.Path;
        var ext = Path.GetExtension(path);
        if (!string.Equals(ext, ".yaml", StringComparison.OrdinalIgnoreCase) && !string.Equals(ext, ".yml", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (YamlInput.MustNotRead(context, out var notText))
        {
            if (notText is not null)
            {
                context.ReportDiagnostic(notText);
            }

            return;
        }

        var text = context.AdditionalFile.GetText(context.CancellationToken);
        if (text is null)
        {
            return;
        }

        FileReport report;
        try
        {
            report = Validator.ValidateText(path, text.ToString());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(Catalog.RuleCatalog.DS9008_InternalError.Id), Location.Create(path, default, default), $"DaemonLint failed on this file: {ex.GetType().Name}: {ex.Message}"));
            return;
        }

        if (report.DaemonSets == 0 && report.Findings.Count == 0)
        {
            return;
        }

        foreach (var f in report.Findings)
        {
            var start = f.Span.IsKnown ? f.Span.Start : SourcePosition.Start;
            var end = f.Span.IsKnown ? f.Span.End : start;
            var startOffset = (int)Math.Min(start.Offset, text.Length);
            var endOffset = (int)Math.Min(Math.Max(end.Offset, start.Offset), text.Length);
            var location = Location.Create(
                path,
                TextSpan.FromBounds(startOffset, endOffset),
                new LinePositionSpan(new LinePosition(start.Line - 1, start.Column - 1), new LinePosition(end.Line - 1, Math.Max(end.Column - 1, 0))));
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(f.RuleId), location, Properties(f), f.Message + (f.Path is null ? string.Empty : " [" + f.Path + "]")));
        }
    }
}
