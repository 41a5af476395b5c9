using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1383: mountPropagation value, and Bidirectional only when privileged.</summary>
internal sealed class DS1383MountPropagationMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1383MountPropagationMustBeValid"/> class.</summary>
    public DS1383MountPropagationMustBeValid()
        : base(RuleCatalog.DS1383_MountPropagationMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var m in MountRef.All(context))
        {
            if (!PodFields.TryString(m.Node, "mountPropagation", out var mode) || mode is null)
            {
                continue;
            }

            var path = m.ListPath.Child("mountPropagation");
            var at = m.Path.Child("mountPropagation");
            if (mode is not ("Bidirectional" or "HostToContainer" or "None"))
            {
                string? fix = null;
                foreach (var v in new[] { "Bidirectional", "HostToContainer", "None" })
                {
                    if (string.Equals(v, mode, System.StringComparison.OrdinalIgnoreCase))
                    {
                        fix = $"values are case-sensitive: write {v}";
                    }
                }

                context.Report(FindingKind.NotSupported, path, "supported values: \"Bidirectional\", \"HostToContainer\", \"None\"", Nodes.Quote(mode), fix, at);
            }

            if (mode == "Bidirectional" && IsCertainlyUnprivileged(m.Container.Node))
            {
                context.Report(FindingKind.Forbidden, path, "Bidirectional mount propagation is available only to privileged containers", hint: "set securityContext.privileged: true on this container, or use HostToContainer", at: at);
            }
        }
    }

    // privileged absent, null or false; a wrong type is the schema layer's finding.
    private static bool IsCertainlyUnprivileged(MappingNode container)
    {
        if (PodFields.IsCertainlyUnset(container, "securityContext"))
        {
            return true;
        }

        return container["securityContext"] is MappingNode sc && (PodFields.IsCertainlyUnset(sc, "privileged") || PodFields.IsFalse(sc, "privileged"));
    }
}
