using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1381: mountPath required and unique within a container.</summary>
internal sealed class DS1381MountPathMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1381MountPathMustBeValid"/> class.</summary>
    public DS1381MountPathMustBeValid()
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
                StringSets.Return(seen);
                seen = StringSets.Rent();
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

        StringSets.Return(seen);
    }
}
