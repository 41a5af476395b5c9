using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1019: required and preferred node affinity (CV ValidateNodeSelector, ValidatePreferredSchedulingTerms).</summary>
internal sealed class DS1019NodeAffinityMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1019NodeAffinityMustBeValid"/> class.</summary>
    public DS1019NodeAffinityMustBeValid()
        : base(RuleCatalog.DS1019_NodeAffinityMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var naPath = Paths.PodSpec.Child("affinity", "nodeAffinity");
        var na = context.PodSpec.Map("affinity").Map("nodeAffinity");
        if (na is null)
        {
            return;
        }

        if (na.Map("requiredDuringSchedulingIgnoredDuringExecution") is { } required && !required.HasUnknownEntries)
        {
            var termsPath = naPath.Child("requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
            var terms = required.Seq("nodeSelectorTerms");
            if (!required.IsUnknown("nodeSelectorTerms") && (terms is null || (terms.Count == 0 && !terms.HasUnknownItems)))
            {
                context.Report(FindingKind.Required, termsPath, "must have at least one node selector term", hint: "an empty list is rejected; remove requiredDuringSchedulingIgnoredDuringExecution to run on every node");
            }
            else if (terms is not null)
            {
                for (var i = 0; i < terms.Count; i++)
                {
                    if (terms.Items[i] is MappingNode term)
                    {
                        this.CheckTerm(context, term, termsPath.Index(i));
                    }
                }
            }
        }

        var preferred = na.Seq("preferredDuringSchedulingIgnoredDuringExecution");
        if (preferred is null)
        {
            return;
        }

        var prefPath = naPath.Child("preferredDuringSchedulingIgnoredDuringExecution");
        for (var i = 0; i < preferred.Count; i++)
        {
            if (preferred.Items[i] is not MappingNode pt)
            {
                continue;
            }

            if (!pt.IsUnknown("weight"))
            {
                var weight = pt.Int("weight") ?? 0;
                if (pt.Get("weight") is null or ScalarNode { IntValue: not null } && (weight <= 0 || weight > 100))
                {
                    context.Report(FindingKind.Invalid, prefPath.Index(i).Child("weight"), "must be in the range 1-100", weight.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            if (pt.Map("preference") is { } pref)
            {
                this.CheckTerm(context, pref, prefPath.Index(i).Child("preference"));
            }
        }
    }

    private void CheckTerm(RuleContext context, MappingNode term, FieldPath path)
    {
        var exprs = term.Seq("matchExpressions");
        for (var j = 0; exprs is not null && j < exprs.Count; j++)
        {
            if (exprs.Items[j] is MappingNode e && !e.HasUnknownEntries)
            {
                CheckExpression(context, e, path.Child("matchExpressions").Index(j));
            }
        }

        var fields = term.Seq("matchFields");
        for (var j = 0; fields is not null && j < fields.Count; j++)
        {
            if (fields.Items[j] is MappingNode f && !f.HasUnknownEntries)
            {
                CheckField(context, f, path.Child("matchFields").Index(j));
            }
        }
    }

    private static void CheckExpression(RuleContext context, MappingNode e, FieldPath p)
    {
        var op = e.Str("operator") ?? string.Empty;
        var values = e.Seq("values");
        var count = values?.Count ?? 0;
        var countKnown = !e.IsUnknown("values");
        if (!e.IsUnknown("operator") && countKnown)
        {
            switch (op)
            {
                case "In":
                case "NotIn":
                    if (count == 0)
                    {
                        context.Report(FindingKind.Required, p.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                    }

                    break;
                case "Exists":
                case "DoesNotExist":
                    if (count > 0)
                    {
                        context.Report(FindingKind.Forbidden, p.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    }

                    break;
                case "Gt":
                case "Lt":
                    if (count != 1)
                    {
                        context.Report(FindingKind.Required, p.Child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'");
                    }

                    break;
                default:
                    context.Report(FindingKind.Invalid, p.Child("operator"), "not a valid selector operator", Nodes.Quote(op), "node affinity operators are In, NotIn, Exists, DoesNotExist, Gt and Lt (case-sensitive)");
                    break;
            }
        }

        if (!e.IsUnknown("key"))
        {
            var key = e.Str("key") ?? string.Empty;
            foreach (var msg in K8sNames.IsLabelKey(key))
            {
                context.Report(FindingKind.Invalid, p.Child("key"), msg, Nodes.Quote(key));
            }
        }
    }

    private static void CheckField(RuleContext context, MappingNode f, FieldPath p)
    {
        var op = f.Str("operator") ?? string.Empty;
        var values = f.Seq("values");
        if (!f.IsUnknown("operator") && !f.IsUnknown("values"))
        {
            if (op is "In" or "NotIn")
            {
                if ((values?.Count ?? 0) != 1)
                {
                    context.Report(FindingKind.Required, p.Child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector", hint: "to match several nodes, use one nodeSelectorTerm per node name");
                }
            }
            else
            {
                context.Report(FindingKind.Invalid, p.Child("operator"), "not a valid selector operator", Nodes.Quote(op), "matchFields takes only In and NotIn");
            }
        }

        if (f.IsUnknown("key"))
        {
            return;
        }

        var key = f.Str("key") ?? string.Empty;
        if (key != "metadata.name")
        {
            context.Report(FindingKind.Invalid, p.Child("key"), "not a valid field selector key", Nodes.Quote(key), "the only node field is metadata.name");
            return;
        }

        for (var k = 0; values is not null && k < values.Count; k++)
        {
            if (values.Items[k] is ScalarNode { Type: ScalarType.String } v)
            {
                foreach (var msg in K8sNames.IsDns1123Subdomain(v.Raw))
                {
                    context.Report(FindingKind.Invalid, p.Child("values").Index(k), msg, Nodes.Quote(v.Raw));
                }
            }
        }
    }
}
