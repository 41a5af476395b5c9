using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS4xxx;

/// <summary>DS4105 (warning): an env entry that hides an earlier one of the same name (pkg/api/pod/warnings.go).</summary>
internal sealed class DS4105EnvNamesShouldBeUnique : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS4105EnvNamesShouldBeUnique"/> class.</summary>
    public DS4105EnvNamesShouldBeUnique()
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

            var names = StringSets.Rent();
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

            StringSets.Return(names);
        }
    }
}
