using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1125: no two constraints share topologyKey and whenUnsatisfiable (CV ValidateSpreadConstraintNotRepeat).</summary>
internal sealed class DS1125TopologySpreadConstraintsMustBeUnique : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1125TopologySpreadConstraintsMustBeUnique"/> class.</summary>
    public DS1125TopologySpreadConstraintsMustBeUnique()
        : base(RuleCatalog.DS1125_TopologySpreadConstraintsMustBeUnique)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var list = context.PodSpec.Seq("topologySpreadConstraints");
        if (list is null || list.Count < 2)
        {
            return;
        }

        // The server reports each constraint that a later one repeats, once, at a path that names both fields, comparing
        // it with every later constraint. Walking backwards with the nearest later index of each pair finds the same
        // constraints in linear time.
        var next = new int[list.Count];
        var nearestLater = new Dictionary<(string Key, string Action), int>();
        for (var i = list.Count - 1; i >= 0; i--)
        {
            next[i] = -1;
            if (!TryPair(list.Items[i], out var key, out var action))
            {
                continue;
            }

            if (nearestLater.TryGetValue((key, action), out var j))
            {
                next[i] = j;
            }

            nearestLater[(key, action)] = i;
        }

        var basePath = Paths.PodSpec.Child("topologySpreadConstraints");
        for (var i = 0; i < list.Count; i++)
        {
            if (next[i] < 0)
            {
                continue;
            }

            TryPair(list.Items[i], out var key, out var action);
            var p = basePath.Index(i);
            context.Report(
                FindingKind.Duplicate,
                p.Child("{topologyKey, whenUnsatisfiable}"),
                string.Empty,
                Nodes.Quote("{" + key + ", " + action + "}"),
                $"topologySpreadConstraints[{PodSpecNodes.Num(next[i])}] has the same topologyKey and whenUnsatisfiable; keep one of them",
                at: p);
        }
    }

    private static bool TryPair(ManifestNode item, out string key, out string action)
    {
        key = action = string.Empty;
        if (item is not MappingNode c || TopologySpread.KnownString(c, "topologyKey") is not { } k || TopologySpread.KnownString(c, "whenUnsatisfiable") is not { } a)
        {
            return false;
        }

        key = k;
        action = a;
        return true;
    }
}
