using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1384: recursiveReadOnly value and its preconditions.</summary>
internal sealed class DS1384RecursiveReadOnlyMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1384RecursiveReadOnlyMustBeValid"/> class.</summary>
    public DS1384RecursiveReadOnlyMustBeValid()
        : base(RuleCatalog.DS1384_RecursiveReadOnlyMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var m in MountRef.All(context))
        {
            if (!PodFields.TryString(m.Node, "recursiveReadOnly", out var rro) || rro is null || rro == "Disabled")
            {
                continue;
            }

            var path = m.ListPath.Child("recursiveReadOnly");
            var at = m.Path.Child("recursiveReadOnly");
            if (rro is "Enabled" or "IfPossible")
            {
                if (PodFields.IsCertainlyUnset(m.Node, "readOnly") || PodFields.IsFalse(m.Node, "readOnly"))
                {
                    context.Report(FindingKind.Forbidden, path, "may only be specified when readOnly is true", hint: "add readOnly: true to this mount", at: at);
                }

                if (PodFields.TryString(m.Node, "mountPropagation", out var mode) && mode is not null && mode != "None")
                {
                    context.Report(FindingKind.Forbidden, path, "may only be specified when mountPropagation is None or not specified", hint: "remove mountPropagation or recursiveReadOnly", at: at);
                }
            }
            else
            {
                context.Report(FindingKind.NotSupported, path, "supported values: \"Disabled\", \"Enabled\", \"IfPossible\"", Nodes.Quote(rro), at: at);
            }
        }
    }
}
