using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1136: imagePullPolicy, after defaulting an empty value (CV validatePullPolicy).</summary>
internal sealed class DS1136ImagePullPolicyMustBeSupported : Rule
{
    private static readonly string[] Supported = { "Always", "IfNotPresent", "Never" };

    /// <summary>Initializes a new instance of the <see cref="DS1136ImagePullPolicyMustBeSupported"/> class.</summary>
    public DS1136ImagePullPolicyMustBeSupported()
        : base(RuleCatalog.DS1136_ImagePullPolicyMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // validateContainerCommon checks every container's, ephemeral ones included.
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            Check(context, c.Node.Str("imagePullPolicy"), c.Path.Child("imagePullPolicy"), "imagePullPolicy");
        }

        // validateImageVolumeSource checks an image volume's pullPolicy the same way (the volume is dropped before
        // validation while the ImageVolume gate is off, so this only sees it where the release keeps it).
        if (context.PodSpec.Seq("volumes") is { } volumes)
        {
            for (var i = 0; i < volumes.Count; i++)
            {
                if (volumes.Items[i] is MappingNode v && v.Map("image") is { } image)
                {
                    Check(context, image.Str("pullPolicy"), Paths.PodSpec.Child("volumes").Index(i).Child("image", "pullPolicy"), "pullPolicy");
                }
            }
        }
    }

    private static void Check(RuleContext context, string? policy, FieldPath path, string field)
    {
        if (string.IsNullOrEmpty(policy) || System.Array.IndexOf(Supported, policy) >= 0)
        {
            return;
        }

        context.Report(
            FindingKind.NotSupported,
            path,
            PodSpecNodes.SupportedValues(Supported),
            Nodes.Quote(policy!),
            PodSpecNodes.CaseHint(field, policy!, Supported));
    }
}
