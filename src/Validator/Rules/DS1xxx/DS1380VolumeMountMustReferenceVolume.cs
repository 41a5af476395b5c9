using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1380: a mount names a volume that exists and is valid.</summary>
internal sealed class DS1380VolumeMountMustReferenceVolume : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1380VolumeMountMustReferenceVolume"/> class.</summary>
    public DS1380VolumeMountMustReferenceVolume()
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
