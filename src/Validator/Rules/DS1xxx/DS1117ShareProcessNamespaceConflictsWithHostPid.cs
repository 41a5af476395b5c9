using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1117: shareProcessNamespace and hostPID together (CV validatePodSpecSecurityContext; internal path under securityContext).</summary>
internal sealed class DS1117ShareProcessNamespaceConflictsWithHostPid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1117ShareProcessNamespaceConflictsWithHostPid"/> class.</summary>
    public DS1117ShareProcessNamespaceConflictsWithHostPid()
        : base(RuleCatalog.DS1117_ShareProcessNamespaceConflictsWithHostPid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Bool("shareProcessNamespace") != true || context.PodSpec.Bool("hostPID") != true)
        {
            return;
        }

        context.Report(
            FindingKind.Invalid,
            Paths.PodSpec.Child("securityContext", "shareProcessNamespace"),
            "ShareProcessNamespace and HostPID cannot both be enabled",
            "true",
            "with hostPID the containers already see every process of the node; remove shareProcessNamespace",
            at: Paths.PodSpec.Child("shareProcessNamespace"));
    }
}
