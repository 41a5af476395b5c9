using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1176: an env configMapKeyRef or secretKeyRef has a DNS-subdomain name (checked even when empty) and a valid key
/// (CV validateEnvVarValueFrom → validateConfigMapKeySelector / validateSecretKeySelector).
/// </summary>
internal sealed class DS1176EnvKeyRefMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1176EnvKeyRefMustBeValid"/> class.</summary>
    public DS1176EnvKeyRefMustBeValid()
        : base(RuleCatalog.DS1176_EnvKeyRefMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var e in EnvRef.All(context))
        {
            var valueFrom = e.Node.Map("valueFrom");
            CheckSelector(context, valueFrom.Map("configMapKeyRef"), e.Path.Child("valueFrom", "configMapKeyRef"), "ConfigMap");
            CheckSelector(context, valueFrom.Map("secretKeyRef"), e.Path.Child("valueFrom", "secretKeyRef"), "Secret");
        }
    }

    private static void CheckSelector(RuleContext context, MappingNode? selector, FieldPath path, string kind)
    {
        if (selector is null)
        {
            return;
        }

        // ValidateSecretName(name, false) for both kinds: NameIsDNSSubdomain, which "" fails too ("optional" changes nothing).
        if (PodFields.TryString(selector, "name", out var name))
        {
            name ??= string.Empty;
            foreach (var msg in K8sNames.NameIsDnsSubdomain(name, prefix: false))
            {
                var hint = name.Length == 0
                    ? $"name the {kind} (an empty name is rejected even with optional: true)"
                    : $"{kind} names are lower-case DNS subdomains: letters, digits, '-' and '.'";
                context.Report(FindingKind.Invalid, path.Child("name"), msg, Nodes.Quote(name), hint);
            }
        }

        if (PodFields.TryString(selector, "key", out var key))
        {
            if (string.IsNullOrEmpty(key))
            {
                context.Report(FindingKind.Required, path.Child("key"), string.Empty, hint: $"name the {kind} key to read");
            }
            else
            {
                foreach (var msg in K8sNames.IsConfigMapKey(key!))
                {
                    context.Report(FindingKind.Invalid, path.Child("key"), msg, Nodes.Quote(key!), $"{kind} keys are letters, digits, '-', '_' and '.'");
                }
            }
        }
    }
}
