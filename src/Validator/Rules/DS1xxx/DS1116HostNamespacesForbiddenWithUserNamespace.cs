using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1116: with hostUsers false, hostNetwork / hostPID / hostIPC are forbidden (CV validateHostUsers; internal-type paths HostPID, HostIPC).</summary>
internal sealed class DS1116HostNamespacesForbiddenWithUserNamespace : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1116HostNamespacesForbiddenWithUserNamespace"/> class.</summary>
    public DS1116HostNamespacesForbiddenWithUserNamespace()
        : base(RuleCatalog.DS1116_HostNamespacesForbiddenWithUserNamespace)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // Without the feature gate the server drops hostUsers before validating: the engine has removed it already.
        var spec = context.PodSpec;
        if (spec.Bool("hostUsers") != false)
        {
            return;
        }

        const string Detail = "when `pod.Spec.HostUsers` is false";
        foreach (var (field, reported) in new[] { ("hostNetwork", "hostNetwork"), ("hostPID", "HostPID"), ("hostIPC", "HostIPC") })
        {
            // AllowUserNamespacesHostNetworkSupport (UserNamespacesHostNetworkSupport, 1.35): hostNetwork may go with it.
            if (spec.Bool(field) == true && !(field == "hostNetwork" && context.PodOptions.AllowUserNamespacesHostNetworkSupport))
            {
                context.Report(
                    FindingKind.Forbidden,
                    Paths.PodSpec.Child(reported),
                    Detail,
                    hint: $"a pod in its own user namespace cannot share the host's namespaces: remove {field} or hostUsers: false",
                    at: Paths.PodSpec.Child(field));
            }
        }
    }
}
