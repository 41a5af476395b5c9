using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1385: ValidateVolumeDevices, and the overlap checks of ValidateVolumeMounts, for every container, init container
/// and ephemeral container. As upstream, the overlap uses GetVolumeMountMap / GetVolumeDeviceMap: one entry per name,
/// the last path written for it winning; a device of a volume that has errors of its own is "not found".
/// </summary>
internal sealed class DS1385VolumeDevicesMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1385VolumeDevicesMustBeValid"/> class.</summary>
    public DS1385VolumeDevicesMustBeValid()
        : base(RuleCatalog.DS1385_VolumeDevicesMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        VolumeAnalysis? volumes = null;
        Dictionary<string, VolumeInfo>? rejected = null;
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            var devices = c.Node.Seq("volumeDevices");
            if (devices is null || (devices.Count == 0 && !devices.HasUnknownItems))
            {
                continue;
            }

            volumes ??= VolumeAnalysis.For(context);
            rejected ??= RejectedByName(volumes);
            var mounts = PathsByName.Of(c.Node.Seq("volumeMounts"), "mountPath");
            var deviceMap = PathsByName.Of(devices, "devicePath");
            this.CheckDevices(context, volumes, rejected, devices, c.Path.Child("volumeDevices"), mounts);
            this.CheckMounts(context, c.Node.Seq("volumeMounts"), c.Path.Child("volumeMounts"), deviceMap);
        }
    }

    private static string? NotFoundHint(Dictionary<string, VolumeInfo> rejected, string name)
    {
        if (rejected.TryGetValue(name, out var v))
        {
            return $"volume \"{name}\" ({v.Path}) is rejected for its own errors, so no device can use it; fix that volume";
        }

        return name.Length == 0 ? null : $"add a persistentVolumeClaim or ephemeral volume named \"{name}\" to spec.template.spec.volumes";
    }

    // The first volume of each name that has errors of its own, built once per pod (one pass, no pair loop).
    private static Dictionary<string, VolumeInfo> RejectedByName(VolumeAnalysis volumes)
    {
        var map = new Dictionary<string, VolumeInfo>(System.StringComparer.Ordinal);
        foreach (var v in volumes.Volumes)
        {
            if (v.Issues.Count > 0 && v.Name is { } n && !map.ContainsKey(n))
            {
                map[n] = v;
            }
        }

        return map;
    }

    private void CheckDevices(RuleContext context, VolumeAnalysis volumes, Dictionary<string, VolumeInfo> rejected, SequenceNode devices, FieldPath listPath, PathsByName mounts)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        var paths = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < devices.Count; i++)
        {
            if (devices.Items[i] is not MappingNode device)
            {
                continue;
            }

            var itemPath = listPath.Index(i);
            var namePath = itemPath.Child("name");
            var devicePathPath = itemPath.Child("devicePath");
            var nameKnown = PodFields.TryString(device, "name", out var name);
            var pathKnown = PodFields.TryString(device, "devicePath", out var devicePath);
            name ??= string.Empty;
            devicePath ??= string.Empty;

            if (nameKnown)
            {
                if (name.Length == 0)
                {
                    context.Report(FindingKind.Required, namePath, string.Empty, hint: "name the persistentVolumeClaim or ephemeral volume to attach as a block device");
                }

                if (names.Contains(name))
                {
                    context.Report(FindingKind.Invalid, namePath, "must be unique", Nodes.Quote(name), "attach each volume once per container");
                }

                if (volumes.RegisteredVolume(name) is { } volume)
                {
                    if (volume.SourceKey is not ("persistentVolumeClaim" or "ephemeral"))
                    {
                        context.Report(
                            FindingKind.Invalid,
                            namePath,
                            "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
                            Nodes.Quote(name),
                            $"volume \"{name}\" is {(volume.SourceKey is { } key ? "a " + key : "an emptyDir")} volume; mount it with volumeMounts instead");
                    }
                }
                else if (volumes.IsCertainlyNotFound(name))
                {
                    context.Report(FindingKind.NotFound, namePath, string.Empty, Nodes.Quote(name), NotFoundHint(rejected, name));
                }
            }

            if (pathKnown)
            {
                if (devicePath.Length == 0)
                {
                    context.Report(FindingKind.Required, devicePathPath, string.Empty, hint: "set devicePath to where the block device appears in the container, e.g. /dev/xvda");
                }

                if (paths.Contains(devicePath))
                {
                    context.Report(FindingKind.Invalid, devicePathPath, "must be unique", Nodes.Quote(devicePath), "give each device its own devicePath");
                }

                if (devicePath.Length > 0 && PodFields.HasBacksteps(devicePath))
                {
                    context.Report(FindingKind.Invalid, devicePathPath, "can not contain backsteps ('..')", Nodes.Quote(devicePath), "write the path without '..' elements");
                }
                else
                {
                    paths.Add(devicePath);
                }
            }

            if (nameKnown && mounts.HasName(name))
            {
                context.Report(FindingKind.Invalid, namePath, "must not already exist in volumeMounts", Nodes.Quote(name), "a volume is either mounted (volumeMode: Filesystem) or attached as a device (volumeMode: Block) in one container, not both");
            }

            if (pathKnown && mounts.HasPath(devicePath) == true)
            {
                context.Report(FindingKind.Invalid, devicePathPath, "must not already exist as a path in volumeMounts", Nodes.Quote(devicePath), "a mount of this container uses the same path");
            }

            if (nameKnown && name.Length > 0)
            {
                names.Add(name);
            }
        }
    }

    private void CheckMounts(RuleContext context, SequenceNode? mounts, FieldPath listPath, PathsByName devices)
    {
        for (var j = 0; j < (mounts?.Count ?? 0); j++)
        {
            if (mounts!.Items[j] is not MappingNode mount)
            {
                continue;
            }

            var itemPath = listPath.Index(j);
            if (PodFields.TryString(mount, "name", out var name) && devices.HasName(name ?? string.Empty))
            {
                context.Report(FindingKind.Invalid, itemPath.Child("name"), "must not already exist in volumeDevices", Nodes.Quote(name ?? string.Empty), "a volume is either mounted or attached as a device in one container, not both");
            }

            if (PodFields.TryString(mount, "mountPath", out var mountPath) && devices.HasPath(mountPath ?? string.Empty) == true)
            {
                context.Report(FindingKind.Invalid, itemPath.Child("mountPath"), "must not already exist as a path in volumeDevices", Nodes.Quote(mountPath ?? string.Empty), "a device of this container uses the same path");
            }
        }
    }
}
