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

    /// <summary>
    /// The descriptor for one finding: the rule's, or, when the finding has a hint, the rule's with the hint first in its
    /// description. Editors show the message inline and the description apart (Visual Studio's error list expands to it, its
    /// language-server client shows it as the expanded message), so the message stays the server's short text.
    /// </summary>
    /// <param name="f">The finding.</param>
    /// <returns>The descriptor (same id, title, category, severity and help link as the rule's).</returns>
    public static DiagnosticDescriptor For(Finding f)
    {
        var rule = ById[f.RuleId];
        if (f.Hint is not { Length: > 0 } hint)
        {
            return rule;
        }

        return new DiagnosticDescriptor(
            rule.Id,
            rule.Title,
            rule.MessageFormat,
            rule.Category,
            rule.DefaultSeverity,
            rule.IsEnabledByDefault,
            description: Description(hint, rule.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            helpLinkUri: rule.HelpLinkUri,
            customTags: System.Linq.Enumerable.ToArray(rule.CustomTags));
    }

    /// <summary>The description of a finding with a hint: the hint as a sentence, then the rule's description.</summary>
    /// <param name="hint">The hint.</param>
    /// <param name="ruleDescription">The rule's description.</param>
    /// <returns>The text.</returns>
    public static string Description(string hint, string ruleDescription)
    {
        var sentence = hint.EndsWith(".", System.StringComparison.Ordinal) ? hint : hint + ".";
        return ruleDescription.Length == 0 ? sentence : sentence + " " + ruleDescription;
    }

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
