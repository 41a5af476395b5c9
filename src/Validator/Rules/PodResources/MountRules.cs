using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.PodResources;

/// <summary>One volume mount of one container.</summary>
/// <param name="Container">The container.</param>
/// <param name="Node">The mount.</param>
/// <param name="Path">Its indexed path, e.g. <c>c[0].volumeMounts[1]</c>.</param>
/// <param name="ListPath">The path the server uses for some mount errors: <c>c[0].volumeMounts</c>, without index.</param>
internal sealed record MountRef(ContainerRef Container, MappingNode Node, FieldPath Path, FieldPath ListPath)
{
    private static readonly object SharedKey = new();

    /// <summary>Gets the mounts of every container, init and ephemeral container (built once per object).</summary>
    /// <param name="context">The context.</param>
    /// <returns>The mounts that are mappings.</returns>
    public static List<MountRef> All(RuleContext context) => context.Shared(SharedKey, static ctx =>
    {
        var result = new List<MountRef>();
        foreach (var c in Containers.All(ctx, includeEphemeral: true))
        {
            if (c.Node.Seq("volumeMounts") is not { } mounts)
            {
                continue;
            }

            var list = c.Path.Child("volumeMounts");
            for (var j = 0; j < mounts.Count; j++)
            {
                if (mounts.Items[j] is MappingNode m)
                {
                    result.Add(new MountRef(c, m, list.Index(j), list));
                }
            }
        }

        return result;
    });
}

/// <summary>DS1380: a mount names a volume that exists and is valid.</summary>
public sealed class VolumeMountMustReferenceVolume : Rule
{
    /// <summary>Initializes a new instance of the <see cref="VolumeMountMustReferenceVolume"/> class.</summary>
    public VolumeMountMustReferenceVolume()
        : base(RuleCatalog.DS1380_VolumeMountMustReferenceVolume)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var volumes = VolumeAnalysis.For(context);
        foreach (var m in MountRef.All(context))
        {
            if (!PodFields.TryString(m.Node, "name", out var name))
            {
                continue;
            }

            name ??= string.Empty;
            var path = m.Path.Child("name");
            if (name.Length == 0)
            {
                context.Report(FindingKind.Required, path, string.Empty, hint: "set name to the volume to mount");
            }

            if (volumes.IsCertainlyNotFound(name))
            {
                context.Report(FindingKind.NotFound, path, string.Empty, Nodes.Quote(name), Hint(volumes, name));
            }
        }
    }

    private static string? Hint(VolumeAnalysis volumes, string name)
    {
        if (name.Length == 0)
        {
            return null;
        }

        foreach (var v in volumes.Volumes)
        {
            if (v.Name == name && v.Issues.Count > 0)
            {
                return $"volume \"{name}\" ({v.Path}) is rejected for its own errors, so no mount can use it; fix that volume";
            }
        }

        foreach (var v in volumes.Volumes)
        {
            if (v.Name is { } other && string.Equals(other, name, System.StringComparison.OrdinalIgnoreCase))
            {
                return $"names are case-sensitive: did you mean \"{other}\"?";
            }
        }

        return $"add a volume named \"{name}\" to spec.template.spec.volumes, or mount an existing one";
    }
}

/// <summary>DS1381: mountPath required and unique within a container.</summary>
public sealed class MountPathMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="MountPathMustBeValid"/> class.</summary>
    public MountPathMustBeValid()
        : base(RuleCatalog.DS1381_MountPathMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        HashSet<string>? seen = null;
        FieldPath? list = null;
        foreach (var m in MountRef.All(context))
        {
            if (!ReferenceEquals(list, m.ListPath))
            {
                list = m.ListPath;
                seen = new HashSet<string>(System.StringComparer.Ordinal);
            }

            if (!PodFields.TryString(m.Node, "mountPath", out var mountPath))
            {
                continue;
            }

            mountPath ??= string.Empty;
            var path = m.Path.Child("mountPath");
            if (mountPath.Length == 0)
            {
                context.Report(FindingKind.Required, path, string.Empty, hint: "set mountPath to the absolute path inside the container");
            }

            if (!seen!.Add(mountPath))
            {
                context.Report(FindingKind.Invalid, path, "must be unique", Nodes.Quote(mountPath), "mount each path once per container; use subPath to mount parts of volumes side by side");
            }
        }
    }
}

/// <summary>DS1382: subPath and subPathExpr are relative, without '..', and exclusive.</summary>
public sealed class SubPathMustBeRelative : Rule
{
    /// <summary>Initializes a new instance of the <see cref="SubPathMustBeRelative"/> class.</summary>
    public SubPathMustBeRelative()
        : base(RuleCatalog.DS1382_SubPathMustBeRelative)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var m in MountRef.All(context))
        {
            if (!PodFields.TryString(m.Node, "subPath", out var subPath) || !PodFields.TryString(m.Node, "subPathExpr", out var expr))
            {
                continue;
            }

            // Image volumes cannot be mounted by sub path.
            if (PodFields.TryString(m.Node, "name", out var name) && name is not null && VolumeAnalysis.For(context).RegisteredVolume(name) is { SourceKey: "image" })
            {
                if (!string.IsNullOrEmpty(subPath))
                {
                    context.Report(FindingKind.Invalid, m.Path.Child("subPath"), "not allowed in image volume sources", Nodes.Quote(subPath!), "mount the whole image volume");
                }

                if (!string.IsNullOrEmpty(expr))
                {
                    context.Report(FindingKind.Invalid, m.Path.Child("subPathExpr"), "not allowed in image volume sources", Nodes.Quote(expr!), "mount the whole image volume");
                }
            }

            if (!string.IsNullOrEmpty(subPath))
            {
                CheckPath(context, subPath!, m.ListPath.Child("subPath"), m.Path.Child("subPath"));
            }

            if (!string.IsNullOrEmpty(expr))
            {
                if (!string.IsNullOrEmpty(subPath))
                {
                    context.Report(FindingKind.Invalid, m.Path.Child("subPathExpr"), "subPathExpr and subPath are mutually exclusive", Nodes.Quote(expr!), "keep subPathExpr (it expands $(VAR) references) or subPath, not both");
                }

                CheckPath(context, expr!, m.ListPath.Child("subPathExpr"), m.Path.Child("subPathExpr"));
            }
        }
    }

    private static void CheckPath(RuleContext context, string value, FieldPath path, FieldPath at)
    {
        if (PodFields.IsAbs(value))
        {
            context.Report(FindingKind.Invalid, path, "must be a relative path", Nodes.Quote(value), $"write it relative to the volume root: {value.TrimStart('/')}", at);
        }

        if (PodFields.HasBacksteps(value))
        {
            context.Report(FindingKind.Invalid, path, "must not contain '..'", Nodes.Quote(value), at: at);
        }
    }
}

/// <summary>DS1383: mountPropagation value, and Bidirectional only when privileged.</summary>
public sealed class MountPropagationMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="MountPropagationMustBeValid"/> class.</summary>
    public MountPropagationMustBeValid()
        : base(RuleCatalog.DS1383_MountPropagationMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var m in MountRef.All(context))
        {
            if (!PodFields.TryString(m.Node, "mountPropagation", out var mode) || mode is null)
            {
                continue;
            }

            var path = m.ListPath.Child("mountPropagation");
            var at = m.Path.Child("mountPropagation");
            if (mode is not ("Bidirectional" or "HostToContainer" or "None"))
            {
                string? fix = null;
                foreach (var v in new[] { "Bidirectional", "HostToContainer", "None" })
                {
                    if (string.Equals(v, mode, System.StringComparison.OrdinalIgnoreCase))
                    {
                        fix = $"values are case-sensitive: write {v}";
                    }
                }

                context.Report(FindingKind.NotSupported, path, "supported values: \"Bidirectional\", \"HostToContainer\", \"None\"", Nodes.Quote(mode), fix, at);
            }

            if (mode == "Bidirectional" && IsCertainlyUnprivileged(m.Container.Node))
            {
                context.Report(FindingKind.Forbidden, path, "Bidirectional mount propagation is available only to privileged containers", hint: "set securityContext.privileged: true on this container, or use HostToContainer", at: at);
            }
        }
    }

    // privileged absent, null or false; a wrong type is the schema layer's finding.
    private static bool IsCertainlyUnprivileged(MappingNode container)
    {
        if (PodFields.IsCertainlyUnset(container, "securityContext"))
        {
            return true;
        }

        return container["securityContext"] is MappingNode sc && (PodFields.IsCertainlyUnset(sc, "privileged") || PodFields.IsFalse(sc, "privileged"));
    }
}

/// <summary>DS1384: recursiveReadOnly value and its preconditions.</summary>
public sealed class RecursiveReadOnlyMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="RecursiveReadOnlyMustBeValid"/> class.</summary>
    public RecursiveReadOnlyMustBeValid()
        : base(RuleCatalog.DS1384_RecursiveReadOnlyMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var m in MountRef.All(context))
        {
            if (!PodFields.TryString(m.Node, "recursiveReadOnly", out var rro) || rro is null || rro == "Disabled")
            {
                continue;
            }

            var path = m.ListPath.Child("recursiveReadOnly");
            var at = m.Path.Child("recursiveReadOnly");
            if (rro is "Enabled" or "IfPossible")
            {
                if (PodFields.IsCertainlyUnset(m.Node, "readOnly") || PodFields.IsFalse(m.Node, "readOnly"))
                {
                    context.Report(FindingKind.Forbidden, path, "may only be specified when readOnly is true", hint: "add readOnly: true to this mount", at: at);
                }

                if (PodFields.TryString(m.Node, "mountPropagation", out var mode) && mode is not null && mode != "None")
                {
                    context.Report(FindingKind.Forbidden, path, "may only be specified when mountPropagation is None or not specified", hint: "remove mountPropagation or recursiveReadOnly", at: at);
                }
            }
            else
            {
                context.Report(FindingKind.NotSupported, path, "supported values: \"Disabled\", \"Enabled\", \"IfPossible\"", Nodes.Quote(rro), at: at);
            }
        }
    }
}
