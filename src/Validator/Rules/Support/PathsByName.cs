using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>GetVolumeMountMap / GetVolumeDeviceMap: name → the last path written for it, and the set of those paths.</summary>
internal sealed class PathsByName
{
    private readonly Dictionary<string, string?> last = new(System.StringComparer.Ordinal);
    private HashSet<string>? values;

    // Whether the map is complete: with an unknown item or value, a path may be missing or replaced.
    private bool complete = true;

    /// <summary>Builds the map of a list of mounts or devices.</summary>
    /// <param name="list">The volumeMounts or volumeDevices list, or null.</param>
    /// <param name="pathKey">mountPath or devicePath.</param>
    /// <returns>The map.</returns>
    public static PathsByName Of(SequenceNode? list, string pathKey)
    {
        var map = new PathsByName { complete = list is not { HasUnknownItems: true } };
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            if (list!.Items[i] is not MappingNode item || !PodFields.TryString(item, "name", out var name))
            {
                map.complete = false;
                continue;
            }

            if (!PodFields.TryString(item, pathKey, out var path))
            {
                map.complete = false;
                map.last[name ?? string.Empty] = null; // the name is known, its path is not
                continue;
            }

            map.last[name ?? string.Empty] = path ?? string.Empty;
        }

        return map;
    }

    /// <summary>Whether an entry has this name (certain: unknown entries only add names).</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when some entry has it.</returns>
    public bool HasName(string name) => this.last.ContainsKey(name);

    /// <summary>Whether a path is among the map's paths (the last one written for each name).</summary>
    /// <param name="path">The path.</param>
    /// <returns>True or false when certain, null when an unknown entry could change the answer.</returns>
    public bool? HasPath(string path)
    {
        if (this.values is null)
        {
            this.values = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var p in this.last.Values)
            {
                if (p is not null)
                {
                    this.values.Add(p);
                }
            }
        }

        return this.values.Contains(path) ? (this.complete ? true : null) : (this.complete ? false : null);
    }
}
