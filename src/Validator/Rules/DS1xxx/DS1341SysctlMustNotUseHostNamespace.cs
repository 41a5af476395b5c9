using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1341: namespaced sysctls with hostNetwork or hostIPC.</summary>
internal sealed class DS1341SysctlMustNotUseHostNamespace : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1341SysctlMustNotUseHostNamespace"/> class.</summary>
    public DS1341SysctlMustNotUseHostNamespace()
        : base(RuleCatalog.DS1341_SysctlMustNotUseHostNamespace)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Map("securityContext").Seq("sysctls") is not { } sysctls)
        {
            return;
        }

        // On update the check is relaxed when the stored object already had such a sysctl (AllowNamespacedSysctlsForHostNetAndHostIPC).
        if (context.PodOptions.AllowNamespacedSysctlsForHostNetAndHostIPC)
        {
            return;
        }

        foreach (var (i, name, ns) in Conflicts(context.PodSpec!))
        {
            var path = Sysctls.BasePath.Index(i).Child("name");
            if (ns == "net")
            {
                context.Report(FindingKind.Invalid, path, "may not be specified when 'hostNetwork' is true", Nodes.Quote(name), "with hostNetwork the sysctl would change the node's network namespace; remove it or configure it on the node");
            }
            else
            {
                context.Report(FindingKind.Invalid, path, "may not be specified when 'hostIPC' is true", Nodes.Quote(name), "with hostIPC the sysctl would change the node's IPC namespace; remove it or configure it on the node");
            }
        }
    }

    private static List<(int Index, string Name, string Namespace)> Conflicts(MappingNode podSpec)
    {
        var list = new List<(int, string, string)>();
        if (podSpec.Map("securityContext").Seq("sysctls") is not { } sysctls)
        {
            return list;
        }

        var hostNetwork = PodFields.IsTrue(podSpec, "hostNetwork");
        var hostIpc = PodFields.IsTrue(podSpec, "hostIPC");
        for (var i = 0; i < sysctls.Count; i++)
        {
            if (sysctls.Items[i] is MappingNode s && s.Str("name") is { } name && Sysctls.Namespace(name) is { } ns
                && ((hostNetwork && ns == "net") || (hostIpc && ns == "ipc")))
            {
                list.Add((i, name, ns));
            }
        }

        return list;
    }
}
