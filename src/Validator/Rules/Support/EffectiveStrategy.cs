using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>The update strategy after apps/v1 defaulting.</summary>
internal readonly struct EffectiveStrategy
{
    public EffectiveStrategy(RuleContext context)
    {
        var strategy = context.Spec.Map("updateStrategy");
        this.Strategy = strategy;
        var type = strategy.Str("type");
        this.TypeKnown = !strategy.IsUnknown("type") && (strategy.Get("type") is null || type is not null);
        this.Type = string.IsNullOrEmpty(type) ? "RollingUpdate" : type!;
        this.RollingUpdate = strategy.Map("rollingUpdate");
        this.MaxUnavailableNode = this.RollingUpdate.Get("maxUnavailable");
        this.MaxSurgeNode = this.RollingUpdate.Get("maxSurge");
        this.MaxUnavailable = this.RollingUpdate.IsUnknown("maxUnavailable") ? default : IntOrPercent.Read(this.MaxUnavailableNode, 1);
        this.MaxSurge = this.RollingUpdate.IsUnknown("maxSurge") ? default : IntOrPercent.Read(this.MaxSurgeNode, 0);
    }

    public MappingNode? Strategy { get; }

    public bool TypeKnown { get; }

    public string Type { get; }

    public MappingNode? RollingUpdate { get; }

    public ManifestNode? MaxUnavailableNode { get; }

    public ManifestNode? MaxSurgeNode { get; }

    public IntOrPercent MaxUnavailable { get; }

    public IntOrPercent MaxSurge { get; }

    public bool IsRollingUpdate => this.TypeKnown && this.Type == "RollingUpdate";
}
