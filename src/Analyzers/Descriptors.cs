using System.Collections.Generic;
using System.Collections.Immutable;
using DaemonLint.Catalog;
using DaemonLint.Model;
using Microsoft.CodeAnalysis;

namespace DaemonLint.Analyzers;

/// <summary>The Roslyn descriptors of every catalog rule: same ids, titles, severities and help links as the other hosts.</summary>
internal static class Descriptors
{
    private static readonly Dictionary<string, DiagnosticDescriptor> ById;

    static Descriptors()
    {
        ById = Build(out var all);
        All = all;
    }

    /// <summary>Gets every descriptor.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; }

    /// <summary>Gets the descriptor of a rule.</summary>
    public static DiagnosticDescriptor Get(string id) => ById[id];

    /// <summary>Maps a core severity to a Roslyn one.</summary>
    public static DiagnosticSeverity ToRoslyn(Severity s) => s switch
    {
        Severity.Error => DiagnosticSeverity.Error,
        Severity.Warning => DiagnosticSeverity.Warning,
        Severity.Info => DiagnosticSeverity.Info,
        _ => DiagnosticSeverity.Hidden,
    };

    private static Dictionary<string, DiagnosticDescriptor> Build(out ImmutableArray<DiagnosticDescriptor> all)
    {
        var map = new Dictionary<string, DiagnosticDescriptor>();
        var builder = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
        foreach (var r in RuleCatalog.All)
        {
            var d = new DiagnosticDescriptor(
                r.Id,
                r.Title,
                "{0}",
                "DaemonLint." + r.CategoryName,
                ToRoslyn(r.DefaultSeverity),
                isEnabledByDefault: r.EnabledByDefault && r.DefaultSeverity != Severity.None,
                description: r.Description,
                helpLinkUri: r.HelpUri,
                customTags: r.Category == RuleCategory.Input ? new[] { WellKnownDiagnosticTags.CompilationEnd } : System.Array.Empty<string>());
            map[r.Id] = d;
            builder.Add(d);
        }

        all = builder.ToImmutable();
        return map;
    }
}
