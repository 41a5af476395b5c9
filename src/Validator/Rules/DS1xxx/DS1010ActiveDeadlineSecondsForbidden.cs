using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1010: activeDeadlineSeconds is forbidden in a DaemonSet (and out of range below 1).</summary>
internal sealed class DS1010ActiveDeadlineSecondsForbidden : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1010ActiveDeadlineSecondsForbidden"/> class.</summary>
    public DS1010ActiveDeadlineSecondsForbidden()
        : base(RuleCatalog.DS1010_ActiveDeadlineSecondsForbidden)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var node = context.PodSpec.Get("activeDeadlineSeconds");
        if (node is not ScalarNode { IntValue: not null })
        {
            return; // absent, unknown, or a wrong type (the schema rules report that: one mistake, one finding)
        }

        var path = Paths.PodSpec.Child("activeDeadlineSeconds");
        if (node is ScalarNode { IntValue: { } v } && (v < 1 || v > int.MaxValue))
        {
            context.Report(FindingKind.Invalid, path, "must be between 1 and 2147483647, inclusive", v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        context.Report(FindingKind.Forbidden, path, "activeDeadlineSeconds in DaemonSet is not Supported", hint: "remove activeDeadlineSeconds: daemon pods run for the life of their node");
    }
}
