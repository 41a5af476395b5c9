using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1151: port names are IANA service names (UV IsValidPortName).</summary>
internal sealed class DS1151PortNameMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1151PortNameMustBeValid"/> class.</summary>
    public DS1151PortNameMustBeValid()
        : base(RuleCatalog.DS1151_PortNameMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            foreach (var p in PortRef.Of(c))
            {
                var name = p.Node.Str("name");
                if (string.IsNullOrEmpty(name) || p.Node.IsUnknown("name"))
                {
                    continue;
                }

                var fix = PodSpecNodes.LowerCaseFix(name!);
                var hint = fix is not null && PodSpecNodes.IsValidPortName(fix).Count == 0 ? $"port names are lower case: write {fix}" : null;
                foreach (var msg in PodSpecNodes.IsValidPortName(name!))
                {
                    context.Report(FindingKind.Invalid, p.Path.Child("name"), msg, Nodes.Quote(name!), hint);
                }
            }
        }
    }
}
