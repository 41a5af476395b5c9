using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS4xxx;

/// <summary>DS4101 (warning): imagePullSecrets entries without a name, or naming a secret twice (pkg/api/pod/warnings.go).</summary>
internal sealed class DS4101ImagePullSecretsShouldBeUniqueAndNamed : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS4101ImagePullSecretsShouldBeUniqueAndNamed"/> class.</summary>
    public DS4101ImagePullSecretsShouldBeUniqueAndNamed()
        : base(RuleCatalog.DS4101_ImagePullSecretsShouldBeUniqueAndNamed)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var secrets = context.PodSpec.Seq("imagePullSecrets");
        if (secrets is null)
        {
            return;
        }

        var basePath = Paths.PodSpec.Child("imagePullSecrets");
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < secrets.Count; i++)
        {
            if (secrets.Items[i] is not MappingNode item || item.IsUnknown("name"))
            {
                continue;
            }

            var nameNode = item.Get("name");
            if (nameNode is not null and not ScalarNode { Type: ScalarType.String })
            {
                continue;
            }

            var name = item.Str("name") ?? string.Empty;
            var path = basePath.Index(i).Child("name");
            if (!seen.Add(name) && secrets.Count > 1)
            {
                context.Report(FindingKind.Duplicate, path, $"duplicate name {Nodes.Quote(name)}", Nodes.Quote(name), "remove the repeated entry");
            }

            if (name.Length == 0)
            {
                context.Report(FindingKind.Invalid, path, $"invalid empty name {Nodes.Quote(name)}", Nodes.Quote(name), "name the secret that holds the registry credentials, or remove the entry", at: nameNode is null ? basePath.Index(i) : null);
            }
        }
    }
}
