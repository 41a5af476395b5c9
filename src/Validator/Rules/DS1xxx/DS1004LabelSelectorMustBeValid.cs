using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1004: matchLabels and matchExpressions syntax (apimachinery ValidateLabelSelector, with the update's AllowInvalidLabelValueInSelector).</summary>
internal sealed class DS1004LabelSelectorMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1004LabelSelectorMustBeValid"/> class.</summary>
    public DS1004LabelSelectorMustBeValid()
        : base(RuleCatalog.DS1004_LabelSelectorMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Spec.Get("selector") is MappingNode sel)
        {
            // The DaemonSet strategy's ratchet: label values of matchExpressions go unchecked when the stored spec.selector
            // (or a stored affinity selector) already had an invalid one (AllowInvalidLabelValueInSelector).
            LabelValidation.ValidateLabelSelector(context, this.Descriptor, sel, Paths.Selector, context.PodOptions.AllowInvalidLabelValueInSelector);
        }
    }
}
