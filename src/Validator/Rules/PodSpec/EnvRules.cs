using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.PodSpec;

/// <summary>One env entry of a container, with its path.</summary>
/// <param name="Container">The container.</param>
/// <param name="Node">The env mapping.</param>
/// <param name="Path">Its path.</param>
internal sealed record EnvRef(ContainerRef Container, MappingNode Node, FieldPath Path)
{
    private static readonly object SharedKey = new();

    /// <summary>Gets the env entries of the containers and init containers.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The entries that are mappings.</returns>
    public static List<EnvRef> All(RuleContext context) => context.Shared(SharedKey, static ctx =>
    {
        var result = new List<EnvRef>();
        foreach (var c in Containers.All(ctx))
        {
            var env = c.Node.Seq("env");
            var basePath = env is null ? null : c.Path.Child("env");
            for (var i = 0; i < (env?.Count ?? 0); i++)
            {
                if (env!.Items[i] is MappingNode m)
                {
                    result.Add(new EnvRef(c, m, basePath!.Index(i)));
                }
            }
        }

        return result;
    });
}

/// <summary>DS4105 (warning): an env entry that hides an earlier one of the same name (pkg/api/pod/warnings.go).</summary>
public sealed class EnvNamesShouldBeUnique : Rule
{
    /// <summary>Initializes a new instance of the <see cref="EnvNamesShouldBeUnique"/> class.</summary>
    public EnvNamesShouldBeUnique()
        : base(RuleCatalog.DS4105_EnvNamesShouldBeUnique)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            var env = c.Node.Seq("env");
            if (env is null || env.Count < 2)
            {
                continue;
            }

            var names = new HashSet<string>(System.StringComparer.Ordinal);
            for (var i = 0; i < env.Count; i++)
            {
                if (env.Items[i] is not MappingNode item || item.IsUnknown("name") || item.IsUnknown("value") || item.IsUnknown("valueFrom"))
                {
                    continue;
                }

                var name = item.Str("name") ?? string.Empty;
                if (names.Add(name))
                {
                    continue;
                }

                // A later X="$(X)suffix" extends the earlier value and is fine; anything else hides it.
                var reference = "$(" + name + ")";
                var value = item.Str("value") ?? string.Empty;
                if (item.Get("valueFrom") is not null || value == reference || value.IndexOf(reference, System.StringComparison.Ordinal) < 0)
                {
                    context.Report(
                        FindingKind.Duplicate,
                        c.Path.Child("env").Index(i),
                        $"hides previous definition of {Nodes.Quote(name)}, which may be dropped when using apply",
                        Nodes.Quote(name),
                        "remove one of the entries");
                }
            }
        }
    }
}
