using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1320: privileged containers when the cluster runs with --allow-privileged=false.</summary>
internal sealed class DS1320PrivilegedDisallowedByPolicy : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1320PrivilegedDisallowedByPolicy"/> class.</summary>
    public DS1320PrivilegedDisallowedByPolicy()
        : base(RuleCatalog.DS1320_PrivilegedDisallowedByPolicy)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Options.AllowPrivileged)
        {
            return;
        }

        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            if (PodFields.IsTrue(c.Node.Map("securityContext"), "privileged"))
            {
                context.Report(FindingKind.Forbidden, c.Path.Child("securityContext", "privileged"), "disallowed by cluster policy", hint: "this cluster does not allow privileged containers; remove privileged: true and add only the capabilities the container needs");
            }
        }
    }
}
