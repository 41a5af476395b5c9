using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1119: pod affinity topologyKey is required and a label key (CV validatePodAffinityTerm).</summary>
internal sealed class DS1119PodAffinityTopologyKeyMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1119PodAffinityTopologyKeyMustBeValid"/> class.</summary>
    public DS1119PodAffinityTopologyKeyMustBeValid()
        : base(RuleCatalog.DS1119_PodAffinityTopologyKeyMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var (term, termPath) in PodAffinityTerms.Terms(context.PodSpec))
        {
            if (term is not null && (term.IsUnknown("topologyKey") || term.Get("topologyKey") is not (null or ScalarNode { Type: ScalarType.String })))
            {
                continue;
            }

            var key = term.Str("topologyKey") ?? string.Empty;
            var path = termPath.Child("topologyKey");
            if (key.Length == 0)
            {
                context.Report(FindingKind.Required, path, "can not be empty", hint: "set topologyKey to a node label, e.g. kubernetes.io/hostname");
            }

            foreach (var msg in K8sNames.IsLabelKey(key))
            {
                context.Report(FindingKind.Invalid, path, msg, Nodes.Quote(key));
            }
        }
    }
}
