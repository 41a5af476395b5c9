using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1322: runAsUser, runAsGroup, fsGroup and supplementalGroups in range.</summary>
internal sealed class DS1322UserAndGroupIdsMustBeInRange : Rule
{
    /// <summary>The largest id the API server accepts: apimachinery's maxUserID/maxGroupID, math.MaxInt32.</summary>
    public const long MaxId = int.MaxValue;

    private const string Message = "must be between 0 and 2147483647, inclusive";

    /// <summary>Initializes a new instance of the <see cref="DS1322UserAndGroupIdsMustBeInRange"/> class.</summary>
    public DS1322UserAndGroupIdsMustBeInRange()
        : base(RuleCatalog.DS1322_UserAndGroupIdsMustBeInRange)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var pod = context.PodSpec.Map("securityContext");
        var podPath = Paths.PodSpec.Child("securityContext");
        CheckId(context, pod, "fsGroup", podPath);
        CheckId(context, pod, "runAsUser", podPath);
        CheckId(context, pod, "runAsGroup", podPath);
        if (pod.Seq("supplementalGroups") is { } groups)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups.Items[i] is ScalarNode { IntValue: { } g } && (g < 0 || g > MaxId))
                {
                    context.Report(FindingKind.Invalid, podPath.Child("supplementalGroups").Index(i), Message, PodFields.Int(g), Hint(g));
                }
            }
        }

        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            var sc = c.Node.Map("securityContext");
            CheckId(context, sc, "runAsUser", c.Path.Child("securityContext"));
            CheckId(context, sc, "runAsGroup", c.Path.Child("securityContext"));
        }
    }

    private static void CheckId(RuleContext context, MappingNode? sc, string key, FieldPath parent)
    {
        if (sc.Int(key) is { } v && (v < 0 || v > MaxId))
        {
            context.Report(FindingKind.Invalid, parent.Child(key), Message, PodFields.Int(v), Hint(v));
        }
    }

    private static string Hint(long v) => v < 0
        ? "IDs are non-negative: omit the field to leave it unset, or use 0 for root"
        : "Kubernetes takes user and group IDs up to 2147483647 (a 31-bit Unix id); pick an id in that range";
}
