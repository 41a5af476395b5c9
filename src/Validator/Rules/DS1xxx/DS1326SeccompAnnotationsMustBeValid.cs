using System;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1326: the deprecated seccomp annotations of the pod template (CV ValidateSeccompPodAnnotations, reported at
/// <c>spec.template.annotations.&lt;key&gt;</c>: upstream uses Child, not Key) and their agreement with the
/// seccompProfile fields (CV validateSeccompAnnotationsAndFields, from ValidatePodTemplateSpec).
/// </summary>
internal sealed class DS1326SeccompAnnotationsMustBeValid : Rule
{
    /// <summary>The pod annotation key (v1.SeccompPodAnnotationKey).</summary>
    public const string PodKey = "seccomp.security.alpha.kubernetes.io/pod";

    /// <summary>The container annotation key prefix (v1.SeccompContainerAnnotationKeyPrefix).</summary>
    public const string ContainerKeyPrefix = "container.seccomp.security.alpha.kubernetes.io/";

    private const string LocalhostPrefix = "localhost/";

    /// <summary>Initializes a new instance of the <see cref="DS1326SeccompAnnotationsMustBeValid"/> class.</summary>
    public DS1326SeccompAnnotationsMustBeValid()
        : base(RuleCatalog.DS1326_SeccompAnnotationsMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Template.Map("metadata").Map("annotations") is not { } annotations)
        {
            return;
        }

        var sourcePath = Paths.Template.Child("metadata", "annotations");
        var reportPath = Paths.Template.Child("annotations");
        foreach (var e in annotations.Entries)
        {
            if ((e.Key == PodKey || e.Key.StartsWith(ContainerKeyPrefix, StringComparison.Ordinal)) && DS1325AppArmorAnnotationsMustBeValid.AnnotationValue(e.Value) is { } value)
            {
                CheckProfile(context, value, reportPath.Child(e.Key), sourcePath.Key(e.Key));
            }
        }

        var spec = context.PodSpec;
        var podSc = spec.Map("securityContext");
        if (!spec.IsUnknown("securityContext") && !podSc.IsUnknown("seccompProfile") && podSc.Map("seccompProfile") is { } podProfile)
        {
            CheckMatch(context, annotations, PodKey, podProfile, Paths.PodSpec.Child("securityContext", "seccompProfile"), sourcePath);
        }

        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            var sc = c.Node.Map("securityContext");
            if (c.Node.IsUnknown("securityContext") || sc.IsUnknown("seccompProfile") || sc.Map("seccompProfile") is not { } profile
                || !PodFields.TryString(c.Node, "name", out var name))
            {
                continue;
            }

            CheckMatch(context, annotations, ContainerKeyPrefix + (name ?? string.Empty), profile, c.Path.Child("securityContext", "seccompProfile"), sourcePath);
        }
    }

    // ValidateSeccompProfile.
    private static void CheckProfile(RuleContext context, string value, FieldPath path, FieldPath at)
    {
        if (value is "runtime/default" or "docker/default" or "unconfined")
        {
            return;
        }

        if (!value.StartsWith(LocalhostPrefix, StringComparison.Ordinal))
        {
            context.Report(FindingKind.Invalid, path, "must be a valid seccomp profile", Nodes.Quote(value), "write runtime/default, unconfined or localhost/<profile path>, or better, set securityContext.seccompProfile", at);
            return;
        }

        // validateLocalDescendingPath on the path after "localhost/".
        var local = value.Substring(LocalhostPrefix.Length);
        if (PodFields.IsAbs(local))
        {
            context.Report(FindingKind.Invalid, path, "must be a relative path", Nodes.Quote(local), "the path is relative to the kubelet's seccomp profile directory", at);
        }

        if (PodFields.HasBacksteps(local))
        {
            context.Report(FindingKind.Invalid, path, "must not contain '..'", Nodes.Quote(local), at: at);
        }
    }

    // validateSeccompAnnotationsAndFieldsMatch.
    private static void CheckMatch(RuleContext context, MappingNode annotations, string key, MappingNode profile, FieldPath path, FieldPath sourcePath)
    {
        if (annotations.IsUnknown(key) || !annotations.TryGetEntry(key, out var entry) || DS1325AppArmorAnnotationsMustBeValid.AnnotationValue(entry.Value) is not { } annotation
            || profile.HasUnknownEntries || !PodFields.TryString(profile, "type", out var type) || !PodFields.TryString(profile, "localhostProfile", out var localhost))
        {
            return;
        }

        var at = sourcePath.Key(entry.Key);
        var hint = $"the annotation says {annotation}; remove the deprecated annotation and keep seccompProfile";
        switch (type)
        {
            case "Unconfined" when annotation != "unconfined":
            case "RuntimeDefault" when annotation is not ("runtime/default" or "docker/default"):
            case "Localhost" when !annotation.StartsWith(LocalhostPrefix, StringComparison.Ordinal):
                context.Report(FindingKind.Forbidden, path.Child("type"), "seccomp type in annotation and field must match", hint: hint, at: at);
                break;
            case "Localhost" when localhost is null || annotation.Substring(LocalhostPrefix.Length) != localhost:
                context.Report(FindingKind.Forbidden, path.Child("localhostProfile"), "seccomp profile in annotation and field must match", hint: hint, at: at);
                break;
        }
    }
}
