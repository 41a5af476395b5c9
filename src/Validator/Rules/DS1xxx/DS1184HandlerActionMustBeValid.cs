using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1184: the action of a probe or hook (CV validateExecAction, validateHTTPGetAction, ValidatePortNumOrName,
/// validateSleepAction). Only the first action of a handler is checked, as upstream does.
/// </summary>
internal sealed class DS1184HandlerActionMustBeValid : Rule
{
    private const long DefaultGracePeriod = 30;

    /// <summary>Initializes a new instance of the <see cref="DS1184HandlerActionMustBeValid"/> class.</summary>
    public DS1184HandlerActionMustBeValid()
        : base(RuleCatalog.DS1184_HandlerActionMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var h in PodSpecNodes.ValidatedHandlers(context, includeLifecycle: true))
        {
            if (h.Node.HasUnknownEntries)
            {
                continue;
            }

            foreach (var f in DS1181ProbeMustHaveOneHandler.HandlerFields(h))
            {
                if (h.Node.IsUnknown(f))
                {
                    break;
                }

                if (h.Node.Get(f) is not { } action)
                {
                    continue;
                }

                if (action is MappingNode m)
                {
                    this.CheckAction(context, f, m, h.Path.Child(f));
                }

                break;
            }
        }
    }

    private static void CheckPort(RuleContext context, MappingNode action, FieldPath path, bool allowName)
    {
        if (action.IsUnknown("port"))
        {
            return;
        }

        switch (action.Get("port"))
        {
            case null:
                context.Report(FindingKind.Invalid, path, PodSpecNodes.InclusiveRange(1, 65535), "0", "add the port to probe, by number or by the name of a container port");
                break;
            case ScalarNode { IntValue: { } v } when v is < 1 or > 65535:
                context.Report(FindingKind.Invalid, path, PodSpecNodes.InclusiveRange(1, 65535), PodSpecNodes.Num(v));
                break;
            case ScalarNode { Type: ScalarType.String } s when allowName:
                foreach (var msg in PodSpecNodes.IsValidPortName(s.Raw))
                {
                    context.Report(FindingKind.Invalid, path, msg, Nodes.Quote(s.Raw));
                }

                break;
        }
    }

    // validateHTTPGetAction: each header name is IsHTTPHeaderName, reported at httpGet.httpHeaders without an index. A
    // null entry or one without a name decodes to the name "".
    private static void CheckHeaders(RuleContext context, MappingNode action, FieldPath path)
    {
        if (action.IsUnknown("httpHeaders") || action.Seq("httpHeaders") is not { } headers)
        {
            return;
        }

        var at = path.Child("httpHeaders");
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers.Items[i];
            string name;
            switch (header)
            {
                case ScalarNode { Type: ScalarType.Null }:
                    name = string.Empty;
                    break;
                case MappingNode m when m.IsUnknown("name"):
                    continue;
                case MappingNode m when m.Get("name") is null:
                    name = string.Empty;
                    break;
                case MappingNode m when m.Get("name") is ScalarNode { Type: ScalarType.String } s:
                    name = s.Raw;
                    break;
                default:
                    continue; // a decoding error (DS2002), or unknown
            }

            foreach (var msg in K8sNames.IsHttpHeaderName(name))
            {
                context.Report(
                    FindingKind.Invalid,
                    at,
                    msg,
                    Nodes.Quote(name),
                    name.Length == 0 ? "give the header a name" : "header names are letters, digits and '-': put other text in the value",
                    at: header is MappingNode hm && hm.Get("name") is { } n ? at.Index(i).Child("name") : at.Index(i));
            }
        }
    }

    private void CheckAction(RuleContext context, string kind, MappingNode action, FieldPath path)
    {
        switch (kind)
        {
            case "exec":
                if (!action.IsUnknown("command") && action.Get("command") is null or SequenceNode { Count: 0, HasUnknownItems: false })
                {
                    context.Report(FindingKind.Required, path.Child("command"), string.Empty, hint: "add the command to run");
                }

                break;
            case "httpGet":
                // An empty path is defaulted to "/", an empty scheme to HTTP: neither can be an error.
                CheckPort(context, action, path.Child("port"), allowName: true);
                if (action.Str("scheme") is { Length: > 0 } scheme && scheme is not ("HTTP" or "HTTPS"))
                {
                    context.Report(FindingKind.NotSupported, path.Child("scheme"), PodSpecNodes.SupportedValues("HTTP", "HTTPS"), Nodes.Quote(scheme), PodSpecNodes.CaseHint("scheme", scheme, "HTTP", "HTTPS"));
                }

                CheckHeaders(context, action, path);
                break;
            case "tcpSocket":
                CheckPort(context, action, path.Child("port"), allowName: true);
                break;
            case "grpc":
                CheckPort(context, action, path.Child("port"), allowName: false);
                break;
            case "sleep":
                var grace = context.PodSpec.Int("terminationGracePeriodSeconds") ?? DefaultGracePeriod;
                if (context.PodSpec.IsUnknown("terminationGracePeriodSeconds") || action.IsUnknown("seconds") || action.Get("seconds") is not (null or ScalarNode { IntValue: not null }))
                {
                    break;
                }

                var seconds = action.Int("seconds") ?? 0;

                // validateSleepAction: 0 seconds only with AllowPodLifecycleSleepActionZeroValue (PodLifecycleSleepActionAllowZero, or a stored sleep of 0).
                var allowZero = context.PodOptions.AllowPodLifecycleSleepActionZeroValue;
                if (seconds < (allowZero ? 0 : 1) || seconds > grace)
                {
                    context.Report(
                        FindingKind.Invalid,
                        path,
                        $"must be {(allowZero ? "non-negative" : "greater than 0")} and less than terminationGracePeriodSeconds ({PodSpecNodes.Num(grace)})",
                        PodSpecNodes.Num(seconds),
                        seconds == 0 ? $"{context.Gates.Describe(Releases.FeatureGate.PodLifecycleSleepActionAllowZero)}: sleep at least 1 second, or remove the hook" : null,
                        at: action.Get("seconds") is null ? null : path.Child("seconds"));
                }

                break;
        }
    }
}
