using System;
using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Catalog;

/// <summary>
/// The metadata of every rule, in one table. Hosts iterate it; they are never edited to add a rule. Each rule is one
/// entry in the partial file of its id range (<c>RuleCatalog.DS1xxx.cs</c>, ...), written once, sorted by id: its
/// metadata and either the rule class that implements it (<c>create:</c>) or who reports it instead
/// (<c>reportedBy:</c> another rule's id, or <see cref="Engine"/>). <see cref="Rules.RuleSet"/> is built from it.
/// </summary>
public static partial class RuleCatalog
{
    /// <summary>
    /// <c>reportedBy</c> of the ids no rule class reports: the validator and the hosts report them while reading the
    /// input (files, configuration, the node inventory).
    /// </summary>
    private const string Engine = "engine";

    private const string AV = "pkg/apis/apps/validation/validation.go";
    private const string CV = "pkg/apis/core/validation/validation.go";
    private const string MV = "staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go";
    private const string ObjectMeta = "staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go";
    private const string PodWarnings = "pkg/api/pod/warnings.go";

    // Every entry, in the order the partial files' initializers ran. No initializer on purpose: C# runs the static
    // initializers of a partial class's files in an order that depends on the order of the files, so a
    // `= new()` here could run after (and drop) the entries of another file. Entry creates it on first use; every
    // initializer has run before any static member of the class is read from outside (RuleCatalogTests checks it).
    private static List<RuleDescriptor>? entries;

    // Built on first use, from the entries, once the type's initializers have all run.
    private static RuleDescriptor[]? all;
    private static Dictionary<string, RuleDescriptor>? byId;
    private static Dictionary<string, RuleDescriptor[]>? reportedByClass;

    /// <summary>Gets every rule, in id order.</summary>
    public static IReadOnlyList<RuleDescriptor> All => all ??= BuildAll();

    private static Dictionary<string, RuleDescriptor> ById => byId ??= BuildIndex();

    /// <summary>Looks up a rule by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The descriptor.</returns>
    public static RuleDescriptor Get(string id) =>
        ById.TryGetValue(id, out var d) ? d : throw new ArgumentException($"unknown rule id '{id}'", nameof(id));

    /// <summary>Looks up a rule by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="descriptor">The descriptor.</param>
    /// <returns>Whether the id exists.</returns>
    public static bool TryGet(string id, out RuleDescriptor descriptor)
    {
        if (ById.TryGetValue(id, out var d))
        {
            descriptor = d;
            return true;
        }

        descriptor = null!;
        return false;
    }

    /// <summary>
    /// Gets the entries a rule class reports under: its own, then those whose entry names it in <c>reportedBy</c>
    /// (DS3003's class also reports DS3004). The engine runs the class when any of them is on.
    /// </summary>
    /// <param name="descriptor">The entry of the rule class.</param>
    /// <returns>The entries, the class's own first.</returns>
    internal static IReadOnlyList<RuleDescriptor> ReportedByClassOf(RuleDescriptor descriptor) =>
        (reportedByClass ??= BuildReportedByClass()).TryGetValue(descriptor.Id, out var list) ? list : new[] { descriptor };

    private static Dictionary<string, RuleDescriptor[]> BuildReportedByClass()
    {
        var lists = new Dictionary<string, List<RuleDescriptor>>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in All)
        {
            if (d.ReportedBy is { } owner && TryGet(owner, out var ownerEntry))
            {
                if (!lists.TryGetValue(owner, out var list))
                {
                    lists[owner] = list = new List<RuleDescriptor> { ownerEntry };
                }

                list.Add(d);
            }
        }

        var result = new Dictionary<string, RuleDescriptor[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var kv in lists)
        {
            result[kv.Key] = kv.Value.ToArray();
        }

        return result;
    }

    /// <summary>Declares one catalog entry; every <c>DSnnnn_Name</c> property of the partial files is initialized by it.</summary>
    /// <param name="id">The id, written here and nowhere else.</param>
    /// <param name="title">The title, no trailing period.</param>
    /// <param name="category">The category (the thousands of the id).</param>
    /// <param name="severity">The default severity.</param>
    /// <param name="description">One or two sentences, ending with a period.</param>
    /// <param name="upstream">The upstream source the rule mirrors.</param>
    /// <param name="create">Creates the rule class that implements the id (<c>DSnnnnName</c> in <c>Rules/DSnxxx/</c>).</param>
    /// <param name="reportedBy">Instead of <paramref name="create"/>: the id of the rule whose class reports this id too, or <see cref="Engine"/>.</param>
    /// <param name="gates">The feature gates the rule's verdict depends on (<see cref="RuleDescriptor.Gates"/>).</param>
    /// <returns>The descriptor.</returns>
    private static RuleDescriptor Entry(string id, string title, RuleCategory category, Severity severity, string description, string? upstream = null, Func<Rule>? create = null, string? reportedBy = null, FeatureGate[]? gates = null)
    {
        var d = new RuleDescriptor(id, title, category, severity, description, upstream: upstream) { Create = create, ReportedBy = reportedBy, Gates = gates ?? Array.Empty<FeatureGate>() };
        (entries ??= new List<RuleDescriptor>()).Add(d);
        return d;
    }

    private static RuleDescriptor[] BuildAll()
    {
        var all = entries!.ToArray();
        Array.Sort(all, (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return all;
    }

    private static Dictionary<string, RuleDescriptor> BuildIndex()
    {
        var d = new Dictionary<string, RuleDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in All)
        {
            d.Add(r.Id, r);
        }

        return d;
    }
}
