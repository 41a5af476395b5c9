using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1017: each toleration (CV ValidateTolerations), with the upstream paths (value errors land on <c>.operator</c>).</summary>
public sealed class TolerationMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="TolerationMustBeValid"/> class.</summary>
    public TolerationMustBeValid()
        : base(RuleCatalog.DS1017_TolerationMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var tolerations = context.PodSpec.Seq("tolerations");
        if (tolerations is null)
        {
            return;
        }

        var basePath = Paths.PodSpec.Child("tolerations");
        for (var i = 0; i < tolerations.Count; i++)
        {
            if (tolerations.Items[i] is not MappingNode t || t.HasUnknownEntries)
            {
                continue;
            }

            var p = basePath.Index(i);
            var key = t.Str("key") ?? string.Empty;
            var op = t.Str("operator") ?? string.Empty;
            var value = t.Str("value") ?? string.Empty;
            var effect = t.Str("effect") ?? string.Empty;
            var keyUnknown = t.IsUnknown("key");
            var opUnknown = t.IsUnknown("operator");
            var valueUnknown = t.IsUnknown("value");
            var effectUnknown = t.IsUnknown("effect");

            if (key.Length > 0 && !keyUnknown)
            {
                foreach (var msg in K8sNames.IsLabelKey(key))
                {
                    context.Report(FindingKind.Invalid, p.Child("key"), msg, Nodes.Quote(key));
                }
            }

            if (key.Length == 0 && !keyUnknown && !opUnknown && op != "Exists")
            {
                context.Report(
                    FindingKind.Invalid,
                    p.Child("operator"),
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
                    Nodes.Quote(op),
                    "set key, or set operator: Exists to tolerate every taint",
                    at: t.Get("operator") is null ? p : null);
            }

            if (t.Get("tolerationSeconds") is not null && !effectUnknown && effect != "NoExecute")
            {
                context.Report(
                    FindingKind.Invalid,
                    p.Child("effect"),
                    "effect must be 'NoExecute' when `tolerationSeconds` is set",
                    Nodes.Quote(effect),
                    "tolerationSeconds only bounds how long a NoExecute taint is tolerated; set effect: NoExecute or remove tolerationSeconds",
                    at: t.Get("effect") is null ? p.Child("tolerationSeconds") : null);
            }

            if (opUnknown)
            {
                continue;
            }

            switch (op)
            {
                case "":
                case "Equal":
                    if (!valueUnknown)
                    {
                        var errs = K8sNames.IsLabelValue(value);
                        if (errs.Count > 0)
                        {
                            context.Report(FindingKind.Invalid, p.Child("operator"), string.Join(";", errs), Nodes.Quote(value), at: p.Child("value"));
                        }
                    }

                    break;
                case "Exists":
                    if (value.Length > 0)
                    {
                        context.Report(FindingKind.Invalid, p.Child("operator"), "value must be empty when `operator` is 'Exists'", Nodes.Display(t), "remove value, or use operator: Equal", at: p.Child("value"));
                    }

                    break;
                default:
                    var hint = string.Equals(op, "Equal", System.StringComparison.OrdinalIgnoreCase) || string.Equals(op, "Exists", System.StringComparison.OrdinalIgnoreCase)
                        ? "operators are case-sensitive" : null;
                    context.Report(FindingKind.NotSupported, p.Child("operator"), "supported values: \"Equal\", \"Exists\"", Nodes.Quote(op), hint);
                    break;
            }

            if (effect.Length > 0 && !effectUnknown && effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
            {
                context.Report(FindingKind.NotSupported, p.Child("effect"), "supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"", Nodes.Quote(effect));
            }
        }
    }
}

/// <summary>DS1018: spec.template.spec.nodeSelector keys and values follow the label syntax.</summary>
public sealed class NodeSelectorMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="NodeSelectorMustBeValid"/> class.</summary>
    public NodeSelectorMustBeValid()
        : base(RuleCatalog.DS1018_NodeSelectorMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context) =>
        LabelValidation.ValidateLabels(context, this.Descriptor, context.PodSpec.Map("nodeSelector"), Paths.PodSpec.Child("nodeSelector"));
}

/// <summary>DS1019: required and preferred node affinity (CV ValidateNodeSelector, ValidatePreferredSchedulingTerms).</summary>
public sealed class NodeAffinityMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="NodeAffinityMustBeValid"/> class.</summary>
    public NodeAffinityMustBeValid()
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
                if (pt.Get("weight") is null or ScalarNode { Type: ScalarType.Int } && (weight <= 0 || weight > 100))
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
