using DaemonLint.Catalog;
using DaemonLint.Engine;

namespace DaemonLint.Rules.Support;

/// <summary>Base of the rules that report one kind of <see cref="VolumeAnalysis"/> issue.</summary>
internal abstract class VolumeIssueRule : Rule
{
    /// <summary>Initializes a new instance of the <see cref="VolumeIssueRule"/> class.</summary>
    /// <param name="descriptor">The catalog entry.</param>
    private protected VolumeIssueRule(RuleDescriptor descriptor)
        : base(descriptor)
    {
    }

    /// <inheritdoc />
    public sealed override void Check(RuleContext context)
    {
        foreach (var v in VolumeAnalysis.For(context).Volumes)
        {
            foreach (var issue in v.Issues)
            {
                if (ReferenceEquals(issue.Rule, this.Descriptor))
                {
                    context.Report(issue.Kind, issue.Path, issue.Detail, issue.BadValue, issue.Hint, issue.At);
                }
            }
        }
    }
}
