using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Rules.DS6xxx;

/// <summary>
/// DS6003: a field of the template that the API server drops (or resets) before validating, because its feature gate is
/// off in the release (pkg/api/pod DropDisabledTemplateFields). The engine has already removed it for the other rules;
/// this rule tells the user, who probably expects the field to take effect.
/// </summary>
internal sealed class DS6003FieldDroppedByApiServer : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS6003FieldDroppedByApiServer"/> class.</summary>
    public DS6003FieldDroppedByApiServer()
        : base(RuleCatalog.DS6003_FieldDroppedByApiServer)
    {
    }

    /// <inheritdoc />
    public override bool ReadsWrittenObject => true; // the dropped field is only in the object as written

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var d in context.DroppedFields)
        {
            var hint = d.Action == DropAction.ResetToDefault
                ? $"if the cluster enables the gate, say so with --feature-gates {d.Gate}=true; otherwise remove the field"
                : $"if the cluster enables the gate, say so with --feature-gates {d.Gate}=true; otherwise remove the field, which has no effect";
            context.ReportNote(FindingKind.Forbidden, d.Path, d.Message, hint);
        }
    }
}
