using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS3xxx;

/// <summary>DS3003 and DS3004: a toleration the DaemonSet controller adds anyway, or replaces (dropping its tolerationSeconds).</summary>
internal sealed class DS3003TolerationRepeatsDaemonDefault : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS3003TolerationRepeatsDaemonDefault"/> class.</summary>
    public DS3003TolerationRepeatsDaemonDefault()
        : base(RuleCatalog.DS3003_TolerationRepeatsDaemonDefault)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.IsUnknown("tolerations") || context.PodSpec.IsUnknown("hostNetwork"))
        {
            return;
        }

        var hostNetwork = context.PodSpec.Bool("hostNetwork") == true;
        var defaults = DaemonTolerations.Defaults(hostNetwork);
        var seq = context.PodSpec.Seq("tolerations");
        foreach (var t in PlacementPlan.ReadTolerations(context.PodSpec))
        {
            if (seq?.Items[t.Index] is MappingNode m && Nodes.ContainsUnknown(m))
            {
                continue;
            }

            foreach (var d in defaults)
            {
                if (!t.MatchToleration(d))
                {
                    continue;
                }

                var p = Paths.PodSpec.Child("tolerations").Index(t.Index);
                if (t.TolerationSeconds is { } seconds)
                {
                    context.Report(
                        RuleCatalog.DS3004_TolerationSecondsOnDaemonDefaultIsDropped,
                        FindingKind.Invalid,
                        p.Child("tolerationSeconds"),
                        $"the DaemonSet controller replaces this toleration of {d.Key}:{d.EffectText} with its own, which has no tolerationSeconds: the pod tolerates the taint forever, not for {Num.S(seconds)}s",
                        Num.S(seconds),
                        "remove the toleration; to bound the time, the taint must not match a default (no daemon pod can)");
                }
                else
                {
                    context.Report(
                        FindingKind.Invalid,
                        p,
                        $"the DaemonSet controller adds {d.Key} (operator Exists, effect {d.EffectText}) to every daemon pod{(d.Key == DaemonTolerations.NetworkUnavailable ? " that uses hostNetwork" : string.Empty)}; this toleration changes nothing",
                        hint: "remove it");
                }

                break;
            }
        }
    }
}
