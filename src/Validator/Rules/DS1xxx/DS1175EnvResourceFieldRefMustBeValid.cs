using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1175: an env resourceFieldRef names a supported resource and a divisor the resource supports
/// (CV validateEnvVarValueFrom → validateContainerResourceFieldSelector / validateContainerResourceDivisor).
/// </summary>
internal sealed class DS1175EnvResourceFieldRefMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1175EnvResourceFieldRefMustBeValid"/> class.</summary>
    public DS1175EnvResourceFieldRefMustBeValid()
        : base(RuleCatalog.DS1175_EnvResourceFieldRefMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var e in EnvRef.All(context))
        {
            if (e.Node.Map("valueFrom").Map("resourceFieldRef") is { } selector)
            {
                ResourceFieldSelectors.Validate(context, selector, e.Path.Child("valueFrom", "resourceFieldRef"), volume: false);
            }
        }
    }
}
