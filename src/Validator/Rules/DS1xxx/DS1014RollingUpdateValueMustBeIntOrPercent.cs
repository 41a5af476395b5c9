using System.Globalization;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1014: maxUnavailable / maxSurge are a non-negative integer or a percent string of at most 100%.</summary>
internal sealed class DS1014RollingUpdateValueMustBeIntOrPercent : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1014RollingUpdateValueMustBeIntOrPercent"/> class.</summary>
    public DS1014RollingUpdateValueMustBeIntOrPercent()
        : base(RuleCatalog.DS1014_RollingUpdateValueMustBeIntOrPercent)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var s = new EffectiveStrategy(context);
        if (!s.IsRollingUpdate)
        {
            return; // OnDelete: a rollingUpdate block is accepted and not validated
        }

        this.CheckValue(context, s.MaxUnavailable, "maxUnavailable");
        this.CheckValue(context, s.MaxSurge, "maxSurge");
    }

    private void CheckValue(RuleContext context, IntOrPercent v, string field)
    {
        if (!v.Known || v.Defaulted)
        {
            return;
        }

        var path = Paths.RollingUpdate.Child(field);
        if (v.IsString)
        {
            foreach (var msg in K8sNames.IsValidPercent(v.Text!))
            {
                var hint = ScalarLooksNumeric(v.Text!) ? $"a quoted number is a string: write {field}: {v.Text} (unquoted) or {field}: \"{v.Text}%\"" : null;
                context.Report(FindingKind.Invalid, path, msg, v.Display, hint);
            }

            if (K8sNames.TryParsePercent(v.Text!, out var p) && p > 100)
            {
                context.Report(FindingKind.Invalid, path, "must not be greater than 100%", v.Display);
            }
        }
        else if (v.IntValue < 0)
        {
            context.Report(FindingKind.Invalid, path, "must be greater than or equal to 0", v.Display);
        }
    }

    private static bool ScalarLooksNumeric(string s) => s.Length > 0 && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
