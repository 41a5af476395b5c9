using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1135: terminationMessagePolicy, after defaulting an empty value to File (CV validateContainerCommon).</summary>
internal sealed class DS1135TerminationMessagePolicyMustBeSupported : Rule
{
    private static readonly string[] Supported = { "File", "FallbackToLogsOnError" };

    /// <summary>Initializes a new instance of the <see cref="DS1135TerminationMessagePolicyMustBeSupported"/> class.</summary>
    public DS1135TerminationMessagePolicyMustBeSupported()
        : base(RuleCatalog.DS1135_TerminationMessagePolicyMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            var policy = c.Node.Str("terminationMessagePolicy");
            if (string.IsNullOrEmpty(policy) || System.Array.IndexOf(Supported, policy) >= 0)
            {
                continue;
            }

            context.Report(
                FindingKind.NotSupported,
                c.Path.Child("terminationMessagePolicy"),
                PodSpecNodes.SupportedValues(Supported),
                Nodes.Quote(policy!),
                PodSpecNodes.CaseHint("terminationMessagePolicy", policy!, Supported));
        }
    }
}
