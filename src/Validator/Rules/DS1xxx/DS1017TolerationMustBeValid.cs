using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

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

            Tolerations.Validate(context, this.Descriptor, t, basePath.Index(i));
        }
    }
}
