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

        var basePath = Paths.PodSpec.Child("topologySpreadConstraints");
        for (var i = 0; i < list.Count - 1; i++)
        {
            if (!TryPair(list.Items[i], out var key, out var action))
            {
                continue;
            }

            // The server reports the first of each repeated pair once, at a path that names both fields.
            for (var j = i + 1; j < list.Count; j++)
            {
                if (TryPair(list.Items[j], out var otherKey, out var otherAction) && key == otherKey && action == otherAction)
                {
                    var p = basePath.Index(i);
                    context.Report(
                        FindingKind.Duplicate,
                        p.Child("{topologyKey, whenUnsatisfiable}"),
                        string.Empty,
                        Nodes.Quote("{" + key + ", " + action + "}"),
                        $"topologySpreadConstraints[{j}] has the same topologyKey and whenUnsatisfiable; keep one of them",
                        at: p);
                    break;
                }
            }
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
