using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>Where the required node selector terms are.</summary>
internal static class RequiredTerms
{
    public static FieldPath Path { get; } = Paths.PodSpec.Child("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");

    public static SequenceNode? Of(RuleContext context) =>
        context.PodSpec.Map("affinity").Map("nodeAffinity").Map("requiredDuringSchedulingIgnoredDuringExecution").Seq("nodeSelectorTerms");
}
