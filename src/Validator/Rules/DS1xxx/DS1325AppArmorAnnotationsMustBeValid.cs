using System;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1325: the deprecated AppArmor annotations of the pod template (CV ValidateAppArmorPodAnnotations, from
/// ValidatePodSpecificAnnotations, reported at <c>spec.template.annotations[key]</c>) and their agreement with the
/// appArmorProfile fields (CV validateAppArmorAnnotationsAndFieldsMatchOnCreate, from ValidatePodTemplateSpec).
/// </summary>
internal sealed class DS1325AppArmorAnnotationsMustBeValid : Rule
{
    /// <summary>The annotation key prefix (v1.DeprecatedAppArmorBetaContainerAnnotationKeyPrefix).</summary>
    public const string KeyPrefix = "container.apparmor.security.beta.kubernetes.io/";

    /// <summary>Initializes a new instance of the <see cref="DS1325AppArmorAnnotationsMustBeValid"/> class.</summary>
    public DS1325AppArmorAnnotationsMustBeValid()
        : base(RuleCatalog.DS1325_AppArmorAnnotationsMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Template.Map("metadata").Map("annotations") is not { } annotations)
        {
            return;
        }

        var containers = Containers.All(context, includeEphemeral: true);
        var names = ContainerNames(context, containers);
        var sourcePath = Paths.Template.Child("metadata", "annotations");
        var reportPath = Paths.Template.Child("annotations");
        foreach (var e in annotations.Entries)
        {
            if (!e.Key.StartsWith(KeyPrefix, StringComparison.Ordinal) || AnnotationValue(e.Value) is not { } value)
            {
                continue;
            }

            var containerName = e.Key.Substring(KeyPrefix.Length);
            if (names is not null && !names.Contains(containerName))
            {
                context.Report(FindingKind.Invalid, reportPath.Key(e.Key), "container not found", Nodes.Quote(containerName), "the annotation names a container that is not in the pod: fix the name or remove the annotation (set securityContext.appArmorProfile instead)", sourcePath.Key(e.Key));
            }

            if (!(value.Length == 0 || value == "runtime/default" || value == "unconfined" || value.StartsWith("localhost/", StringComparison.Ordinal)))
            {
                context.Report(FindingKind.Invalid, reportPath.Key(e.Key), "invalid AppArmor profile name: " + Nodes.Quote(value), Nodes.Quote(value), "write runtime/default, unconfined or localhost/<profile>, or better, set securityContext.appArmorProfile", sourcePath.Key(e.Key));
            }
        }

        CheckFieldsMatch(context, annotations, containers, sourcePath);
    }

    /// <summary>Reads an annotation value as the decoder does: a string, or "" for null; null when it cannot tell.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The text, or null for a value of another type (a decoding error) or unknown.</returns>
    internal static string? AnnotationValue(ManifestNode node) => node switch
    {
        ScalarNode { Type: ScalarType.String } s => s.Raw,
        ScalarNode { Type: ScalarType.Null } => string.Empty,
        _ => null,
    };

    // podSpecHasContainer visits init, regular and ephemeral containers. Null when a name cannot be known.
    private static HashSet<string>? ContainerNames(RuleContext context, List<ContainerRef> containers)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            if (context.PodSpec.IsUnknown(list) || context.PodSpec.Seq(list) is { HasUnknownItems: true })
            {
                return null;
            }
        }

        foreach (var c in containers)
        {
            if (c.Node.IsUnknown("name"))
            {
                return null;
            }

            names.Add(c.Node.Str("name") ?? string.Empty);
        }

        return names;
    }

    // validateAppArmorAnnotationsAndFieldsMatchOnCreate: skipped for Windows pods; a container's profile is its own or
    // the pod's, and a mismatch is reported at the container's appArmorProfile even when the profile is the pod's.
    private static void CheckFieldsMatch(RuleContext context, MappingNode annotations, List<ContainerRef> containers, FieldPath sourcePath)
    {
        var spec = context.PodSpec;
        if (spec.IsUnknown("os") || spec.Map("os").IsUnknown("name") || spec.Map("os").Str("name") == "windows")
        {
            return;
        }

        var podProfile = spec.Map("securityContext").Map("appArmorProfile");
        if (spec.Map("securityContext").IsUnknown("appArmorProfile"))
        {
            return;
        }

        foreach (var c in containers)
        {
            var sc = c.Node.Map("securityContext");
            if (c.Node.IsUnknown("securityContext") || sc.IsUnknown("appArmorProfile") || !PodFields.TryString(c.Node, "name", out var name))
            {
                continue;
            }

            name ??= string.Empty;

            var profile = sc.Map("appArmorProfile") ?? podProfile;
            if (profile is null || annotations.IsUnknown(KeyPrefix + name) || !annotations.TryGetEntry(KeyPrefix + name, out var entry) || AnnotationValue(entry.Value) is not { } annotation)
            {
                continue;
            }

            if (!PodFields.TryString(profile, "type", out var type) || !PodFields.TryString(profile, "localhostProfile", out var localhost))
            {
                continue;
            }

            var path = c.Path.Child("securityContext", "appArmorProfile");
            var at = sourcePath.Key(entry.Key);
            switch (type)
            {
                case "Unconfined" when annotation != "unconfined":
                case "RuntimeDefault" when annotation != "runtime/default":
                case "Localhost" when !annotation.StartsWith("localhost/", StringComparison.Ordinal):
                    context.Report(FindingKind.Forbidden, path.Child("type"), "apparmor type in annotation and field must match", hint: $"the annotation says {annotation}; remove the deprecated annotation and keep appArmorProfile", at: at);
                    break;
                case "Localhost" when localhost is null || annotation.Substring("localhost/".Length) != localhost:
                    context.Report(FindingKind.Forbidden, path.Child("localhostProfile"), "apparmor profile in annotation and field must match", hint: $"the annotation says {annotation}; remove the deprecated annotation and keep appArmorProfile", at: at);
                    break;
            }
        }
    }
}
