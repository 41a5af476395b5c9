using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;

namespace DaemonLint.Rules;

/// <summary>
/// The rule instances, one per catalog entry that has a rule class, in catalog (id) order. Built from
/// <see cref="RuleCatalog.All"/>: adding a rule never touches this class. No reflection: deterministic and trimming-safe.
/// </summary>
public static class RuleSet
{
    /// <summary>Gets every rule.</summary>
    public static IReadOnlyList<Rule> All { get; } = BuildAll();

    private static Rule[] BuildAll()
    {
        var all = new List<Rule>();
        foreach (var d in RuleCatalog.All)
        {
            if (d.Create is { } create)
            {
                all.Add(create());
            }
        }

        return all.ToArray();
    }
}
