using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.PodResources;

/// <summary>DS1320: privileged containers when the cluster runs with --allow-privileged=false.</summary>
public sealed class PrivilegedDisallowedByPolicy : Rule
{
    /// <summary>Initializes a new instance of the <see cref="PrivilegedDisallowedByPolicy"/> class.</summary>
    public PrivilegedDisallowedByPolicy()
        : base(RuleCatalog.DS1320_PrivilegedDisallowedByPolicy)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Options.AllowPrivileged)
        {
            return;
        }

        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            if (PodFields.IsTrue(c.Node.Map("securityContext"), "privileged"))
            {
                context.Report(FindingKind.Forbidden, c.Path.Child("securityContext", "privileged"), "disallowed by cluster policy", hint: "this cluster does not allow privileged containers; remove privileged: true and add only the capabilities the container needs");
            }
        }
    }
}

/// <summary>DS1321: allowPrivilegeEscalation: false with privileged or CAP_SYS_ADMIN.</summary>
public sealed class AllowPrivilegeEscalationConflict : Rule
{
    /// <summary>Initializes a new instance of the <see cref="AllowPrivilegeEscalationConflict"/> class.</summary>
    public AllowPrivilegeEscalationConflict()
        : base(RuleCatalog.DS1321_AllowPrivilegeEscalationConflict)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            var sc = c.Node.Map("securityContext");
            if (sc is null || !PodFields.IsFalse(sc, "allowPrivilegeEscalation"))
            {
                continue;
            }

            var path = c.Path.Child("securityContext");
            if (PodFields.IsTrue(sc, "privileged"))
            {
                context.Report(FindingKind.Invalid, path, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true", Nodes.Display(sc), "a privileged container can always escalate: remove allowPrivilegeEscalation: false or privileged: true");
            }

            if (sc.Map("capabilities").Seq("add") is { } add)
            {
                foreach (var cap in add.Items)
                {
                    if (cap is ScalarNode { Type: ScalarType.String, Raw: "CAP_SYS_ADMIN" })
                    {
                        context.Report(FindingKind.Invalid, path, "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN", Nodes.Display(sc), "CAP_SYS_ADMIN allows escalation: remove allowPrivilegeEscalation: false or the capability");
                    }
                }
            }
        }
    }
}

/// <summary>DS1322: runAsUser, runAsGroup, fsGroup and supplementalGroups in range.</summary>
public sealed class UserAndGroupIdsMustBeInRange : Rule
{
    /// <summary>The largest id the API server accepts: apimachinery's maxUserID/maxGroupID, math.MaxInt32.</summary>
    public const long MaxId = int.MaxValue;

    private const string Message = "must be between 0 and 2147483647, inclusive";

    /// <summary>Initializes a new instance of the <see cref="UserAndGroupIdsMustBeInRange"/> class.</summary>
    public UserAndGroupIdsMustBeInRange()
        : base(RuleCatalog.DS1322_UserAndGroupIdsMustBeInRange)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var pod = context.PodSpec.Map("securityContext");
        var podPath = Paths.PodSpec.Child("securityContext");
        CheckId(context, pod, "fsGroup", podPath);
        CheckId(context, pod, "runAsUser", podPath);
        CheckId(context, pod, "runAsGroup", podPath);
        if (pod.Seq("supplementalGroups") is { } groups)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups.Items[i] is ScalarNode { IntValue: { } g } && (g < 0 || g > MaxId))
                {
                    context.Report(FindingKind.Invalid, podPath.Child("supplementalGroups").Index(i), Message, PodFields.Int(g), Hint(g));
                }
            }
        }

        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            var sc = c.Node.Map("securityContext");
            CheckId(context, sc, "runAsUser", c.Path.Child("securityContext"));
            CheckId(context, sc, "runAsGroup", c.Path.Child("securityContext"));
        }
    }

    private static void CheckId(RuleContext context, MappingNode? sc, string key, FieldPath parent)
    {
        if (sc.Int(key) is { } v && (v < 0 || v > MaxId))
        {
            context.Report(FindingKind.Invalid, parent.Child(key), Message, PodFields.Int(v), Hint(v));
        }
    }

    private static string Hint(long v) => v < 0
        ? "IDs are non-negative: omit the field to leave it unset, or use 0 for root"
        : "Kubernetes takes user and group IDs up to 2147483647 (a 31-bit Unix id); pick an id in that range";
}

/// <summary>DS1323: seccompProfile type and localhostProfile, at pod and container level.</summary>
public sealed class SeccompProfileMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="SeccompProfileMustBeValid"/> class.</summary>
    public SeccompProfileMustBeValid()
        : base(RuleCatalog.DS1323_SeccompProfileMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        CheckProfile(context, context.PodSpec.Map("securityContext"), Paths.PodSpec.Child("securityContext", "seccompProfile"));
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            CheckProfile(context, c.Node.Map("securityContext"), c.Path.Child("securityContext", "seccompProfile"));
        }
    }

    private static void CheckProfile(RuleContext context, MappingNode? sc, FieldPath path)
    {
        if (sc.Map("seccompProfile") is not { } sp || sp.HasUnknownEntries)
        {
            return;
        }

        if (!PodFields.TryString(sp, "type", out var type) || !PodFields.TryString(sp, "localhostProfile", out var localhost))
        {
            return;
        }

        switch (type)
        {
            case "Localhost" or "RuntimeDefault" or "Unconfined":
                break;
            case null or "":
                context.Report(FindingKind.Required, path.Child("type"), "type is required when seccompProfile is set", hint: "set type: RuntimeDefault (or Localhost with a localhostProfile, or Unconfined)");
                break;
            default:
                var fix = type.ToLowerInvariant() switch
                {
                    "localhost" => "Localhost",
                    "runtimedefault" or "runtime/default" or "docker/default" => "RuntimeDefault",
                    "unconfined" => "Unconfined",
                    _ => null,
                };
                context.Report(FindingKind.NotSupported, path.Child("type"), "supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\"", Nodes.Quote(type), fix is null ? null : $"types are case-sensitive: write {fix}");
                break;
        }

        if (type == "Localhost")
        {
            if (localhost is null)
            {
                context.Report(FindingKind.Required, path.Child("localhostProfile"), "must be set when seccomp type is Localhost", hint: "set localhostProfile to the profile file, relative to the kubelet's seccomp directory");
            }
            else
            {
                if (PodFields.IsAbs(localhost))
                {
                    context.Report(FindingKind.Invalid, path.Child("localhostProfile"), "must be a relative path", Nodes.Quote(localhost), "the path is relative to the kubelet's seccomp profile directory");
                }

                if (PodFields.HasBacksteps(localhost))
                {
                    context.Report(FindingKind.Invalid, path.Child("localhostProfile"), "must not contain '..'", Nodes.Quote(localhost));
                }
            }
        }
        else if (localhost is not null)
        {
            context.Report(FindingKind.Invalid, path.Child("localhostProfile"), "can only be set when seccomp type is Localhost", Nodes.Display(sp), "remove localhostProfile or set type: Localhost");
        }
    }
}
