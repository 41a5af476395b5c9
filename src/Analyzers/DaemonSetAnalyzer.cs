using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Hosting;
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
            var configuration = AnalyzerConfiguration.Read(start.Options, start.CancellationToken);
            start.RegisterAdditionalFileAction(c => configuration.ReportProblems(c));
            var frontEnd = new CSharpFrontEnd(start.Compilation);
            if (frontEnd.IsRelevant)
            {
                // One index of the locals per method body, shared by all its creations (linear, issue 14).
                start.RegisterOperationBlockStartAction(block =>
                {
                    var contexts = new LocalContexts(frontEnd, this.work);
                    block.RegisterOperationAction(c => AnalyzeCreation(c, frontEnd, contexts, configuration), OperationKind.ObjectCreation);
                });
            }

            if (start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(AnalyzeYamlProperty, out var yaml)
                && string.Equals(yaml, "true", StringComparison.OrdinalIgnoreCase))
            {
                start.RegisterAdditionalFileAction(c => AnalyzeYaml(c, configuration));
            }
        });
    }

    /// <summary>Gets what this instance did so far (for tests that pin linear cost).</summary>
    internal AnalyzerWork Work => this.work;

    private static void AnalyzeCreation(OperationAnalysisContext context, CSharpFrontEnd frontEnd, LocalContexts contexts, AnalyzerConfiguration configuration)
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

            configuration.ValidatorFor(creation.Syntax.SyntaxTree.FilePath).ValidateObject(obj, baseline: null, findings);
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
                Descriptors.For(f),
                location,
                properties: Properties(f),
                FindingText.Message(f)));
        }
    }

    private static ImmutableDictionary<string, string?> Properties(Finding f)
    {
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add("path", f.Path?.ToString())
            .Add("locationPath", (f.LocationPath ?? f.Path)?.ToString());
        if (f.Hint is not null)
        {
            properties = properties.Add("hint", f.Hint);
        }

        return f.WhenApiVersion is null ? properties : properties.Add("whenApiVersion", f.WhenApiVersion);
    }

    /// <summary>Maps a finding's field path to the C# syntax that holds it.</summary>
    internal static Location Locate(MappingNode root, Finding f, SyntaxNode fallback)
    {
        var loc = ResolvedLocation.Resolve(root, SourcePath(f));
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

    // Where a finding is shown in C#: its location path, except that a missing selector (DS1002, which the server reports on the
    // template labels) is shown where the selector belongs, on the creation of the spec, as the editor's user must add it there.
    private static FieldPath? SourcePath(Finding f) =>
        f.LocationPath is null && f.RuleId == Catalog.RuleCatalog.DS1002_SelectorRequired.Id
            ? FieldPath.Root("spec").Child("selector")
            : f.LocationPath ?? f.Path;

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

    private static void AnalyzeYaml(AdditionalFileAnalysisContext context, AnalyzerConfiguration configuration)
    {
        var path = context.AdditionalFile.Path;
        if (AnalyzerConfiguration.IsConfigurationFile(path))
        {
            return;
        }

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
            report = configuration.ValidatorFor(path, yaml: true).ValidateText(path, text.ToString());
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
            // With the finding's own severity: for a YAML file that is the .editorconfig's, which the compiler does not apply there.
            var severity = f.Severity switch
            {
                Severity.Error => DiagnosticSeverity.Error,
                Severity.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            };
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.For(f), location, severity, additionalLocations: null, Properties(f), FindingText.Message(f)));
        }
    }
}

/// <summary>
/// The host layer's configuration as the compiler hands it to analyzers: the cluster settings from the compiler-visible MSBuild
/// properties (<c>DaemonLintDisallowPrivileged</c>, <c>DaemonLintUserNamespaces</c>) and each <c>.daemonlint.yaml</c> passed as an
/// AdditionalFile (the package adds them), the nearest one above a file applying to it, as in the CLI and the MSBuild task.
/// No file is opened: the compiler gives the texts.
/// </summary>
internal sealed class AnalyzerConfiguration
{
    private readonly List<ConfigurationFile> files;
    private readonly EditorConfigSeverities? severities;
    private readonly ClusterOptions hostCluster;
    private readonly string? propertyError;
    private readonly Dictionary<string, ManifestValidator> validators = new(StringComparer.Ordinal);
    private readonly object gate = new();

    private AnalyzerConfiguration(List<ConfigurationFile> files, EditorConfigSeverities? severities, ClusterOptions hostCluster, string? propertyError)
    {
        this.files = files;
        this.severities = severities;
        this.hostCluster = hostCluster;
        this.propertyError = propertyError;
    }

    public static bool IsConfigurationFile(string path) =>
        string.Equals(Path.GetFileName(path), ConfigurationFile.FileName, StringComparison.Ordinal)
        || string.Equals(Path.GetFileName(path), EditorConfigSeverities.FileName, StringComparison.Ordinal);

    public static AnalyzerConfiguration Read(AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var cluster = ClusterSetting.FromProperties(name => global.TryGetValue("build_property." + name, out var v) ? v : null, out var error);
        var files = new List<ConfigurationFile>();
        var editorConfigs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var additional in options.AdditionalFiles)
        {
            var name = Path.GetFileName(additional.Path);
            if (name == ConfigurationFile.FileName && additional.GetText(cancellationToken) is { } text)
            {
                files.Add(ConfigurationFile.Parse(additional.Path, additional.Path, text.ToString()));
            }
            else if (name == EditorConfigSeverities.FileName && additional.GetText(cancellationToken) is { } editorConfig)
            {
                editorConfigs[additional.Path] = editorConfig.ToString();
            }
        }

        // Nearest first: the longest folder wins.
        files.Sort((a, b) => b.Folder.Length.CompareTo(a.Folder.Length));

        // The compiler applies .editorconfig severities to source files only; the package hands the .editorconfig files above the
        // YAML AdditionalFiles to the analyzer, which applies them to YAML the way the CLI and the MSBuild task do.
        var severities = editorConfigs.Count == 0 ? null : new EditorConfigSeverities(Path.GetPathRoot(editorConfigs.Keys.First()) ?? "/", p => editorConfigs.TryGetValue(p, out var t) ? t : null);
        return new AnalyzerConfiguration(files, severities, cluster ?? ClusterOptions.None, error);
    }

    /// <summary>The validator for C# code: the compiler applies .editorconfig severities to source files itself.</summary>
    public ManifestValidator ValidatorFor(string? path) => this.ValidatorFor(path, yaml: false);

    /// <summary>The validator for a file: its folder's .daemonlint.yaml, the cluster settings, and for YAML the .editorconfig severities.</summary>
    public ManifestValidator ValidatorFor(string? path, bool yaml)
    {
        var config = this.ConfigurationFor(path);
        var withSeverities = yaml && this.severities is not null;
        var key = (config?.File.FullPath ?? string.Empty) + (withSeverities ? "|yaml" : string.Empty);
        lock (this.gate)
        {
            if (!this.validators.TryGetValue(key, out var validator))
            {
                var severities = withSeverities ? this.severities : null;
                validator = config is null && severities is null && this.hostCluster == ClusterOptions.None
                    ? DaemonSetAnalyzerDefaults.Validator
                    : new ManifestValidator(this.hostCluster.Over(config?.Cluster).ApplyTo(new ValidatorOptions
                    {
                        SeverityOverride = severities is null ? null : (id, file) => severities.GetSeverity(id, file),
                        Suppressions = config?.Suppressions,
                        SuppressionPath = config is null ? null : file => file is null ? null : HostPaths.RelativeWithParents(config.Folder, file),
                    }));
                this.validators.Add(key, validator);
            }

            return validator;
        }
    }

    /// <summary>Reports the problems of a configuration file (DS9009) in it, and a bad cluster property on the first one.</summary>
    public void ReportProblems(AdditionalFileAnalysisContext context)
    {
        var config = this.files.Find(f => string.Equals(f.File.FullPath, context.AdditionalFile.Path, StringComparison.Ordinal));
        if (config is null)
        {
            return;
        }

        foreach (var p in config.Problems)
        {
            var start = p.Span.IsKnown ? p.Span.Start : SourcePosition.Start;
            var line = new LinePosition(start.Line - 1, Math.Max(start.Column - 1, 0));
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.Get(p.RuleId),
                Location.Create(context.AdditionalFile.Path, default, new LinePositionSpan(line, line)),
                p.Message));
        }

        if (this.propertyError is not null && ReferenceEquals(config, this.files[this.files.Count - 1]))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(Catalog.RuleCatalog.DS9009_ConfigurationError.Id), Location.None, this.propertyError));
        }
    }

    private ConfigurationFile? ConfigurationFor(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (var f in this.files)
        {
            if (HostPaths.Relative(f.Folder, Path.GetDirectoryName(path) ?? path!) is not null)
            {
                return f;
            }
        }

        return null;
    }
}

/// <summary>The validator with no configuration, shared by every compilation that has none.</summary>
internal static class DaemonSetAnalyzerDefaults
{
    public static readonly ManifestValidator Validator = new();
}
