using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1017: each toleration (CV ValidateTolerations), with the upstream paths (value errors land on <c>.operator</c>).</summary>
internal sealed class DS1017TolerationMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1017TolerationMustBeValid"/> class.</summary>
    public DS1017TolerationMustBeValid()
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
