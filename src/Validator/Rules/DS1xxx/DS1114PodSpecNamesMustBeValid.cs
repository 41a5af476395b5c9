using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1114: names in the pod spec (CV ValidatePodSpec): subdomains and labels, checked only when non-empty.</summary>
internal sealed class DS1114PodSpecNamesMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1114PodSpecNamesMustBeValid"/> class.</summary>
    public DS1114PodSpecNamesMustBeValid()
        : base(RuleCatalog.DS1114_PodSpecNamesMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var spec = context.PodSpec;
        if (spec is null)
        {
            return;
        }

        // apps/v1 → internal conversion: an empty serviceAccountName takes the deprecated serviceAccount.
        if (!spec.IsUnknown("serviceAccountName"))
        {
            var sa = spec.Str("serviceAccountName");
            var at = (FieldPath?)null;
            if (string.IsNullOrEmpty(sa) && spec.Get("serviceAccountName") is null or ScalarNode { Type: ScalarType.String } && !spec.IsUnknown("serviceAccount"))
            {
                sa = spec.Str("serviceAccount");
                at = Paths.PodSpec.Child("serviceAccount");
            }

            this.Check(context, "serviceAccountName", sa, K8sNames.IsDns1123Subdomain, at);
        }

        this.Check(context, "nodeName", spec, K8sNames.IsDns1123Subdomain);
        this.Check(context, "priorityClassName", spec, K8sNames.IsDns1123Subdomain);
        this.Check(context, "hostname", spec, K8sNames.IsDns1123Label);
        this.Check(context, "subdomain", spec, K8sNames.IsDns1123Label);

        // runtimeClassName is a pointer: an explicit empty string is checked too.
        if (spec.Get("runtimeClassName") is ScalarNode { Type: ScalarType.String } rc && !spec.IsUnknown("runtimeClassName"))
        {
            foreach (var msg in K8sNames.IsDns1123Subdomain(rc.Raw))
            {
                context.Report(FindingKind.Invalid, Paths.PodSpec.Child("runtimeClassName"), msg, Nodes.Quote(rc.Raw), rc.Raw.Length == 0 ? "remove runtimeClassName to use the default runtime" : Fix(rc.Raw, K8sNames.IsDns1123Subdomain));
            }
        }
    }

    private static string? Fix(string value, System.Func<string, List<string>> check)
    {
        var lower = value.ToLowerInvariant();
        return lower != value && check(lower).Count == 0 ? $"names are lower case: write {lower}" : null;
    }

    private void Check(RuleContext context, string field, MappingNode spec, System.Func<string, List<string>> check)
    {
        if (!spec.IsUnknown(field))
        {
            this.Check(context, field, spec.Str(field), check, null);
        }
    }

    private void Check(RuleContext context, string field, string? value, System.Func<string, List<string>> check, FieldPath? at)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        foreach (var msg in check(value!))
        {
            context.Report(FindingKind.Invalid, Paths.PodSpec.Child(field), msg, Nodes.Quote(value!), Fix(value!, check), at);
        }
    }
}
