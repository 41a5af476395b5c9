using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1321: allowPrivilegeEscalation: false with privileged or CAP_SYS_ADMIN.</summary>
internal sealed class DS1321AllowPrivilegeEscalationConflict : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1321AllowPrivilegeEscalationConflict"/> class.</summary>
    public DS1321AllowPrivilegeEscalationConflict()
        : base(RuleCatalog.DS1321_AllowPrivilegeEscalationConflict)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            var sc = c.Node.Map("securityContext");
            if (sc is null || !PodFields.IsFalse(sc, "allowPrivilegeEscalation"))
            {
                continue;
            }

            var path = c.Path.Child("securityContext");
            if (PodFields.IsTrue(sc, "privileged"))
            {
                context.Report(FindingKind.Invalid, path, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true", Nodes.Display(sc), "a privileged container can always escalate: remove allowPrivilegeEscalation: false or privileged: true");
            }

            if (sc.Map("capabilities").Seq("add") is { } add)
            {
                foreach (var cap in add.Items)
                {
                    if (cap is ScalarNode { Type: ScalarType.String, Raw: "CAP_SYS_ADMIN" })
                    {
                        context.Report(FindingKind.Invalid, path, "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN", Nodes.Display(sc), "CAP_SYS_ADMIN allows escalation: remove allowPrivilegeEscalation: false or the capability");
                    }
                }
            }
        }
    }
}
