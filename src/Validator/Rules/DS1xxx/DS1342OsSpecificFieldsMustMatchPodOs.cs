using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1342: os.name is linux or windows, and the fields of the other OS are not set.</summary>
internal sealed class DS1342OsSpecificFieldsMustMatchPodOs : Rule
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

    /// <summary>Initializes a new instance of the <see cref="DS1342OsSpecificFieldsMustMatchPodOs"/> class.</summary>
    public DS1342OsSpecificFieldsMustMatchPodOs()
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

        // validateOS: an empty name is Required at os.name, an unknown one NotSupported at os itself (upstream's path).
        var namePath = Paths.PodSpec.Child("os", "name");
        if (string.IsNullOrEmpty(name))
        {
            context.Report(FindingKind.Required, namePath, "cannot be empty", hint: "set os.name to linux or windows");
            return;
        }

        if (name is not ("linux" or "windows"))
        {
            var lower = name!.ToLowerInvariant();
            context.Report(
                FindingKind.NotSupported,
                Paths.PodSpec.Child("os"),
                "supported values: \"linux\", \"windows\"",
                Nodes.Quote(name),
                lower is "linux" or "windows" ? $"the OS name is lower case: {lower}" : null,
                at: namePath);
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
