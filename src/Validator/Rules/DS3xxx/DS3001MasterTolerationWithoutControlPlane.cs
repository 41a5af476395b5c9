using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS3xxx;

/// <summary>DS3001: a toleration of <c>node-role.kubernetes.io/master</c> without one that covers <c>node-role.kubernetes.io/control-plane</c>.</summary>
internal sealed class DS3001MasterTolerationWithoutControlPlane : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS3001MasterTolerationWithoutControlPlane"/> class.</summary>
    public DS3001MasterTolerationWithoutControlPlane()
        : base(RuleCatalog.DS3001_MasterTolerationWithoutControlPlane)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.IsUnknown("tolerations"))
        {
            return;
        }

        var tolerations = PlacementPlan.ReadTolerations(context.PodSpec);
        foreach (var t in tolerations)
        {
            if (t.Key != DaemonTolerations.Master || t.Operator == TolerationOperator.Other)
            {
                continue;
            }

            var effect = t.EffectText.Length == 0 ? "NoSchedule" : t.EffectText;
            var controlPlane = new Taint(DaemonTolerations.ControlPlane, string.Empty, effect);
            if (tolerations.Exists(o => o.Tolerates(controlPlane)))
            {
                return;
            }

            var p = Paths.PodSpec.Child("tolerations").Index(t.Index);
            context.Report(
                FindingKind.Invalid,
                p,
                $"tolerates the legacy taint {DaemonTolerations.Master} but not {DaemonTolerations.ControlPlane}:{effect}; kubeadm taints control-plane nodes only with control-plane since 1.25, so the DaemonSet no longer runs there",
                hint: $"add a toleration with key: {DaemonTolerations.ControlPlane}, operator: Exists, effect: {effect} beside it");
            return;
        }
    }
}
