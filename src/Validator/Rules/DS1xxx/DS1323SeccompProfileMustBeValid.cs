using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1323: seccompProfile type and localhostProfile, at pod and container level.</summary>
internal sealed class DS1323SeccompProfileMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1323SeccompProfileMustBeValid"/> class.</summary>
    public DS1323SeccompProfileMustBeValid()
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
