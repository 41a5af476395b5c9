using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1007: metadata.labels syntax, reported on the map path as upstream does.</summary>
internal sealed class DS1007LabelsMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1007LabelsMustBeValid"/> class.</summary>
    public DS1007LabelsMustBeValid()
        : base(RuleCatalog.DS1007_LabelsMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context) =>
        LabelValidation.ValidateLabels(context, this.Descriptor, context.Object.Root.Map("metadata").Map("labels"), Paths.Metadata.Child("labels"));
}
