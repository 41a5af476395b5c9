using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1340: sysctl names are valid and unique.</summary>
internal sealed class DS1340SysctlNameMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1340SysctlNameMustBeValid"/> class.</summary>
    public DS1340SysctlNameMustBeValid()
        : base(RuleCatalog.DS1340_SysctlNameMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Map("securityContext").Seq("sysctls") is not { } sysctls)
        {
            return;
        }

        var names = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < sysctls.Count; i++)
        {
            if (sysctls.Items[i] is not MappingNode s || !PodFields.TryString(s, "name", out var name))
            {
                continue;
            }

            var path = Sysctls.BasePath.Index(i).Child("name");
            if (string.IsNullOrEmpty(name))
            {
                context.Report(FindingKind.Required, path, string.Empty);
            }
            else if (!Sysctls.IsValidName(name!))
            {
                var lower = name!.ToLowerInvariant();
                context.Report(FindingKind.Invalid, path, "must have at most 253 characters and match regex " + Sysctls.Regex, Nodes.Quote(name), lower != name && Sysctls.IsValidName(lower) ? $"sysctl names are lower case: {lower}" : null);
            }
            else if (names.Contains(name!))
            {
                context.Report(FindingKind.Duplicate, path, string.Empty, Nodes.Quote(name!), "set each sysctl once");
            }

            names.Add(name ?? string.Empty);
        }
    }
}
