using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1136: imagePullPolicy, after defaulting an empty value (CV validatePullPolicy).</summary>
internal sealed class DS1136ImagePullPolicyMustBeSupported : Rule
{
    private static readonly string[] Supported = { "Always", "IfNotPresent", "Never" };

    /// <summary>Initializes a new instance of the <see cref="DS1136ImagePullPolicyMustBeSupported"/> class.</summary>
    public DS1136ImagePullPolicyMustBeSupported()
        : base(RuleCatalog.DS1136_ImagePullPolicyMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            var policy = c.Node.Str("imagePullPolicy");
            if (string.IsNullOrEmpty(policy) || System.Array.IndexOf(Supported, policy) >= 0)
            {
                continue;
            }

            context.Report(
                FindingKind.NotSupported,
                c.Path.Child("imagePullPolicy"),
                PodSpecNodes.SupportedValues(Supported),
                Nodes.Quote(policy!),
                PodSpecNodes.CaseHint("imagePullPolicy", policy!, Supported));
        }
    }
}
