using System;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1187: each container's <c>resizePolicy</c> names cpu or memory once, with the restart policy NotRequired or
/// RestartContainer (CV validateResizePolicy, called by validateContainerCommon for every container kind).
/// </summary>
internal sealed class DS1187ResizePolicyMustBeValid : Rule
{
    private static readonly string[] Resources = { "cpu", "memory" };

    private static readonly string[] Policies = { "NotRequired", "RestartContainer" };

    /// <summary>Initializes a new instance of the <see cref="DS1187ResizePolicyMustBeValid"/> class.</summary>
    public DS1187ResizePolicyMustBeValid()
        : base(RuleCatalog.DS1187_ResizePolicyMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // The pod's restartPolicy after defaulting: only an explicit Never matters (DS1009 rejects it for a DaemonSet).
        var never = context.PodSpec.Str("restartPolicy") == "Never";
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            if (c.Node.Seq("resizePolicy") is { } list && !c.Node.IsUnknown("resizePolicy"))
            {
                Check(context, list, c.Path.Child("resizePolicy"), never);
            }
        }
    }

    private static void Check(RuleContext context, SequenceNode list, FieldPath path, bool never)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            // A null item decodes as the zero entry; an item of another shape fails decoding (the schema layer's finding).
            if (!PodSpecNodes.ResizePolicyEntry(list.Items[i], out var name, out var policy))
            {
                continue;
            }

            if (!seen.Add(name))
            {
                // core.ResourceName is a fmt.Stringer: printed bare.
                context.Report(FindingKind.Duplicate, path.Index(i), string.Empty, ResourceNames.Display(name), $"list {(name.Length == 0 ? "each resource" : name)} once in resizePolicy");
            }

            switch (name)
            {
                case "cpu" or "memory":
                    break;
                case "":
                    context.Report(FindingKind.Required, path, string.Empty, hint: $"set resizePolicy[{i}].resourceName to cpu or memory");
                    break;
                default:
                    context.Report(FindingKind.NotSupported, path, PodSpecNodes.SupportedValues(Resources), ResourceNames.Display(name), PodSpecNodes.CaseHint("resourceName", name, Resources) ?? "only cpu and memory can be resized in place");
                    break;
            }

            switch (policy)
            {
                case "NotRequired" or "RestartContainer":
                    break;
                case "":
                    context.Report(FindingKind.Required, path, string.Empty, hint: $"set resizePolicy[{i}].restartPolicy to NotRequired or RestartContainer");
                    break;
                default:
                    context.Report(FindingKind.NotSupported, path, PodSpecNodes.SupportedValues(Policies), Nodes.Quote(policy), PodSpecNodes.CaseHint("restartPolicy", policy, Policies));
                    break;
            }

            if (never && policy != "NotRequired")
            {
                context.Report(FindingKind.Invalid, path, "must be 'NotRequired' when `restartPolicy` is 'Never'", Nodes.Quote(policy), $"set resizePolicy[{i}].restartPolicy to NotRequired");
            }
        }
    }
}
