using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1324: appArmorProfile type and localhostProfile, at pod level and in every container
/// (CV ValidateAppArmorProfileField, from validatePodSpecSecurityContext and ValidateSecurityContext).
/// </summary>
internal sealed class DS1324AppArmorProfileMustBeValid : Rule
{
    /// <summary>PATH_MAX - 1: the longest localhostProfile, in bytes.</summary>
    private const int MaxLocalhostProfileLength = 4095;

    /// <summary>Initializes a new instance of the <see cref="DS1324AppArmorProfileMustBeValid"/> class.</summary>
    public DS1324AppArmorProfileMustBeValid()
        : base(RuleCatalog.DS1324_AppArmorProfileMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        CheckProfile(context, context.PodSpec.Map("securityContext"), Paths.PodSpec.Child("securityContext", "appArmorProfile"));
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            CheckProfile(context, c.Node.Map("securityContext"), c.Path.Child("securityContext", "appArmorProfile"));
        }
    }

    private static void CheckProfile(RuleContext context, MappingNode? sc, FieldPath path)
    {
        if (sc.Map("appArmorProfile") is not { } profile || profile.HasUnknownEntries)
        {
            return;
        }

        if (!PodFields.TryString(profile, "type", out var type) || !PodFields.TryString(profile, "localhostProfile", out var localhost))
        {
            return;
        }

        var localhostPath = path.Child("localhostProfile");
        switch (type)
        {
            case "Localhost":
                if (localhost is null)
                {
                    context.Report(FindingKind.Required, localhostPath, "must be set when AppArmor type is Localhost", hint: "name the profile loaded on the node, e.g. localhostProfile: k8s-apparmor-example-deny-write");
                    break;
                }

                if (localhost.Trim() != localhost)
                {
                    context.Report(FindingKind.Invalid, localhostPath, "must not be padded with whitespace", Nodes.Quote(localhost), "remove the spaces around the profile name");
                }
                else if (localhost.Length == 0)
                {
                    context.Report(FindingKind.Required, localhostPath, "must be set when AppArmor type is Localhost", hint: "name the profile loaded on the node");
                }

                if (Encoding.UTF8.GetByteCount(localhost) > MaxLocalhostProfileLength)
                {
                    context.Report(FindingKind.TooLong, localhostPath, $"may not be more than {MaxLocalhostProfileLength} bytes", hint: "AppArmor profile names are at most PATH_MAX - 1 bytes");
                }

                break;
            case "RuntimeDefault" or "Unconfined":
                if (localhost is not null)
                {
                    context.Report(FindingKind.Invalid, localhostPath, "can only be set when AppArmor type is Localhost", Nodes.Quote(localhost), "remove localhostProfile or set type: Localhost");
                }

                break;
            case null or "":
                context.Report(FindingKind.Required, path.Child("type"), "type is required when appArmorProfile is set", hint: "set type: RuntimeDefault (or Localhost with a localhostProfile, or Unconfined)");
                break;
            default:
                var fix = type.ToLowerInvariant() switch
                {
                    "localhost" => "Localhost",
                    "runtimedefault" or "runtime/default" => "RuntimeDefault",
                    "unconfined" => "Unconfined",
                    _ => null,
                };
                context.Report(FindingKind.NotSupported, path.Child("type"), PodSpecNodes.SupportedValues("Localhost", "RuntimeDefault", "Unconfined"), Nodes.Quote(type), fix is null ? null : $"types are case-sensitive: write {fix}");
                break;
        }
    }
}
