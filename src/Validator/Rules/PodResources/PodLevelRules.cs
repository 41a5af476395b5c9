using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.PodResources;

/// <summary>The sysctls of <c>spec.template.spec.securityContext.sysctls</c>.</summary>
internal static class Sysctls
{
    public const string Regex = "^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";

    public static FieldPath BasePath { get; } = Paths.PodSpec.Child("securityContext", "sysctls");

    /// <summary>Whether a name matches <c>SysctlContainSlashFmt</c> and is at most 253 characters.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || name.Length > 253)
        {
            return false;
        }

        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i == name.Length || name[i] == '.' || name[i] == '/')
            {
                if (!IsSegment(name, start, i))
                {
                    return false;
                }

                start = i + 1;
            }
        }

        return true;
    }

    /// <summary>The namespace of a sysctl (<c>utilsysctl.GetNamespace</c>): "net", "ipc" or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The namespace.</returns>
    public static string? Namespace(string name)
    {
        var sep = name.IndexOfAny(new[] { '.', '/' });
        if (sep >= 0 && name[sep] == '/')
        {
            var chars = name.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = chars[i] switch { '.' => '/', '/' => '.', var c => c };
            }

            name = new string(chars);
        }

        if (name is "kernel.sem")
        {
            return "ipc";
        }

        if (name.StartsWith("kernel.shm", System.StringComparison.Ordinal) || name.StartsWith("kernel.msg", System.StringComparison.Ordinal) || name.StartsWith("fs.mqueue.", System.StringComparison.Ordinal))
        {
            return "ipc";
        }

        return name.StartsWith("net.", System.StringComparison.Ordinal) ? "net" : null;
    }

    private static bool IsSegment(string s, int from, int to)
    {
        if (to <= from || !IsAlnum(s[from]) || !IsAlnum(s[to - 1]))
        {
            return false;
        }

        for (var i = from; i < to; i++)
        {
            if (!(IsAlnum(s[i]) || s[i] == '-' || s[i] == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlnum(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}

/// <summary>DS1340: sysctl names are valid and unique.</summary>
public sealed class SysctlNameMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="SysctlNameMustBeValid"/> class.</summary>
    public SysctlNameMustBeValid()
        : base(RuleCatalog.DS1340_SysctlNameMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Map("securityContext").Seq("sysctls") is not { } sysctls)
        {
            return;
        }

        var names = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < sysctls.Count; i++)
        {
            if (sysctls.Items[i] is not MappingNode s || !PodFields.TryString(s, "name", out var name))
            {
                continue;
            }

            var path = Sysctls.BasePath.Index(i).Child("name");
            if (string.IsNullOrEmpty(name))
            {
                context.Report(FindingKind.Required, path, string.Empty);
            }
            else if (!Sysctls.IsValidName(name!))
            {
                var lower = name!.ToLowerInvariant();
                context.Report(FindingKind.Invalid, path, "must have at most 253 characters and match regex " + Sysctls.Regex, Nodes.Quote(name), lower != name && Sysctls.IsValidName(lower) ? $"sysctl names are lower case: {lower}" : null);
            }
            else if (names.Contains(name!))
            {
                context.Report(FindingKind.Duplicate, path, string.Empty, Nodes.Quote(name!), "set each sysctl once");
            }

            names.Add(name ?? string.Empty);
        }
    }
}

/// <summary>DS1341: namespaced sysctls with hostNetwork or hostIPC.</summary>
public sealed class SysctlMustNotUseHostNamespace : Rule
{
    /// <summary>Initializes a new instance of the <see cref="SysctlMustNotUseHostNamespace"/> class.</summary>
    public SysctlMustNotUseHostNamespace()
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
        var oldSpec = context.Baseline?.Root.Map("spec").Map("template").Map("spec");
        if (oldSpec is not null && Conflicts(oldSpec).Count > 0)
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

/// <summary>DS1342: os.name is linux or windows, and the fields of the other OS are not set.</summary>
public sealed class OsSpecificFieldsMustMatchPodOs : Rule
{
    private static readonly string[] WindowsForbiddenPodSecurityContext =
    {
        "appArmorProfile", "seLinuxOptions", "seccompProfile", "fsGroup", "fsGroupChangePolicy", "sysctls",
        "runAsUser", "runAsGroup", "supplementalGroups", "supplementalGroupsPolicy", "seLinuxChangePolicy",
    };

    private static readonly string[] WindowsForbiddenContainerSecurityContext =
    {
        "appArmorProfile", "seLinuxOptions", "seccompProfile", "capabilities", "readOnlyRootFilesystem", "privileged",
        "allowPrivilegeEscalation", "procMount", "runAsUser", "runAsGroup",
    };

    /// <summary>Initializes a new instance of the <see cref="OsSpecificFieldsMustMatchPodOs"/> class.</summary>
    public OsSpecificFieldsMustMatchPodOs()
        : base(RuleCatalog.DS1342_OsSpecificFieldsMustMatchPodOs)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var spec = context.PodSpec;
        if (spec.Map("os") is not { } os || !PodFields.TryString(os, "name", out var name))
        {
            return;
        }

        var osPath = Paths.PodSpec.Child("os", "name");
        if (string.IsNullOrEmpty(name))
        {
            context.Report(FindingKind.Required, osPath, string.Empty, hint: "set os.name to linux or windows");
            return;
        }

        if (name is not ("linux" or "windows"))
        {
            var lower = name!.ToLowerInvariant();
            context.Report(FindingKind.NotSupported, osPath, "supported values: \"linux\", \"windows\"", Nodes.Quote(name), lower is "linux" or "windows" ? $"the OS name is lower case: {lower}" : null);
            return;
        }

        var sc = spec.Map("securityContext");
        var scPath = Paths.PodSpec.Child("securityContext");
        if (name == "linux")
        {
            if (PodFields.IsSet(sc, "windowsOptions"))
            {
                context.Report(FindingKind.Forbidden, scPath.Child("windowsOptions"), "windows options cannot be set for a linux pod", hint: "remove windowsOptions or set os.name: windows");
            }

            foreach (var c in Containers.All(context, includeEphemeral: true))
            {
                if (PodFields.IsSet(c.Node.Map("securityContext"), "windowsOptions"))
                {
                    context.Report(FindingKind.Forbidden, c.Path.Child("securityContext", "windowsOptions"), "windows options cannot be set for a linux pod", hint: "remove windowsOptions or set os.name: windows");
                }
            }

            return;
        }

        const string Detail = "cannot be set for a windows pod";
        foreach (var key in WindowsForbiddenPodSecurityContext)
        {
            if (PodFields.IsSet(sc, key) && !(key == "sysctls" && sc.Seq(key) is { Count: 0 }))
            {
                context.Report(FindingKind.Forbidden, scPath.Child(key), Detail, hint: $"remove {key}: it applies to Linux pods only");
            }
        }

        // apps/v1 keeps these in the pod spec; the internal type in its security context.
        if (PodFields.IsSet(spec, "hostUsers"))
        {
            context.Report(FindingKind.Forbidden, Paths.PodSpec.Child("hostUsers"), Detail, hint: "remove hostUsers: it applies to Linux pods only");
        }

        foreach (var key in new[] { "hostPID", "hostIPC" })
        {
            if (PodFields.IsTrue(spec, key))
            {
                context.Report(FindingKind.Forbidden, Paths.PodSpec.Child(key), Detail, hint: $"remove {key}: it applies to Linux pods only");
            }
        }

        if (PodFields.IsSet(spec, "shareProcessNamespace"))
        {
            context.Report(FindingKind.Forbidden, Paths.PodSpec.Child("shareProcessNamespace"), Detail, hint: "remove shareProcessNamespace: it applies to Linux pods only");
        }

        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            var csc = c.Node.Map("securityContext");
            foreach (var key in WindowsForbiddenContainerSecurityContext)
            {
                if (PodFields.IsSet(csc, key))
                {
                    context.Report(FindingKind.Forbidden, c.Path.Child("securityContext", key), Detail, hint: $"remove {key}: it applies to Linux containers only");
                }
            }
        }
    }
}
