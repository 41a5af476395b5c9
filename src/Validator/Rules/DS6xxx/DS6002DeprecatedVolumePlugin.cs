using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS6xxx;

/// <summary>DS6002: deprecated in-tree volume plugins (a server warning).</summary>
internal sealed class DS6002DeprecatedVolumePlugin : Rule
{
    private static readonly (string Key, string Message)[] Deprecated =
    {
        ("photonPersistentDisk", "deprecated in v1.11, non-functional in v1.16+"),
        ("gitRepo", "deprecated in v1.11"),
        ("scaleIO", "deprecated in v1.16, non-functional in v1.22+"),
        ("flocker", "deprecated in v1.22, non-functional in v1.25+"),
        ("storageos", "deprecated in v1.22, non-functional in v1.25+"),
        ("quobyte", "deprecated in v1.22, non-functional in v1.25+"),
        ("glusterfs", "deprecated in v1.25, non-functional in v1.26+"),
        ("cephfs", "deprecated in v1.28, non-functional in v1.31+"),
        ("rbd", "deprecated in v1.28, non-functional in v1.31+"),
    };

    /// <summary>Initializes a new instance of the <see cref="DS6002DeprecatedVolumePlugin"/> class.</summary>
    public DS6002DeprecatedVolumePlugin()
        : base(RuleCatalog.DS6002_DeprecatedVolumePlugin)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var v in VolumeAnalysis.For(context).Volumes)
        {
            foreach (var (key, message) in Deprecated)
            {
                if (PodFields.IsSet(v.Node, key))
                {
                    // The server's warning path says storageOS; the apps/v1 field is storageos.
                    var path = v.Path.Child(key == "storageos" ? "storageOS" : key);
                    var hint = key == "gitRepo"
                        ? "clone the repository in an init container into an emptyDir volume instead"
                        : "use the plugin's CSI driver instead";
                    context.Report(FindingKind.Invalid, path, message, hint: hint, at: key == "storageos" ? v.Path.Child(key) : null);
                }
            }
        }
    }
}
