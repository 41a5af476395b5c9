using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.PodSpec;

/// <summary>
/// DS1181: a probe has exactly one of exec, httpGet, tcpSocket, grpc; a lifecycle hook one of exec, httpGet, tcpSocket,
/// sleep (CV validateHandler). The later handlers are blamed, in that order.
/// </summary>
public sealed class ProbeMustHaveOneHandler : Rule
{
    private static readonly string[] ProbeHandlers = { "exec", "httpGet", "tcpSocket", "grpc" };
    private static readonly string[] LifecycleHandlers = { "exec", "httpGet", "tcpSocket", "sleep" };

    /// <summary>Initializes a new instance of the <see cref="ProbeMustHaveOneHandler"/> class.</summary>
    public ProbeMustHaveOneHandler()
        : base(RuleCatalog.DS1181_ProbeMustHaveOneHandler)
    {
    }

    /// <summary>Gets the handler fields of a probe or hook, in the server's order.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>The field names.</returns>
    internal static string[] HandlerFields(HandlerRef handler) => handler.IsLifecycle ? LifecycleHandlers : ProbeHandlers;

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var h in PodSpecNodes.ValidatedHandlers(context, includeLifecycle: true))
        {
            var fields = HandlerFields(h);
            if (h.Node.HasUnknownEntries || AnyUnknown(h.Node, fields))
            {
                continue;
            }

            string? first = null;
            foreach (var f in fields)
            {
                if (h.Node.Get(f) is null)
                {
                    continue;
                }

                if (first is null)
                {
                    first = f;
                }
                else
                {
                    context.Report(FindingKind.Forbidden, h.Path.Child(f), "may not specify more than 1 handler type", hint: $"keep one of {first} and {f}");
                }
            }

            if (first is null)
            {
                context.Report(
                    FindingKind.Required,
                    h.Path,
                    "must specify a handler type",
                    hint: h.IsLifecycle ? "add one of exec, httpGet, tcpSocket or sleep" : "add one of exec, httpGet, tcpSocket or grpc");
            }
        }
    }

    private static bool AnyUnknown(MappingNode node, string[] fields)
    {
        foreach (var f in fields)
        {
            if (node.IsUnknown(f))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>DS1182: liveness and startup probes need successThreshold 1; 0 and unset are defaulted to 1 (CV validateLivenessProbe / validateStartupProbe).</summary>
public sealed class ProbeSuccessThresholdMustBeOne : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ProbeSuccessThresholdMustBeOne"/> class.</summary>
    public ProbeSuccessThresholdMustBeOne()
        : base(RuleCatalog.DS1182_ProbeSuccessThresholdMustBeOne)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var h in PodSpecNodes.ValidatedHandlers(context, includeLifecycle: false))
        {
            if (h.Field is not ("livenessProbe" or "startupProbe") || h.Node.Int("successThreshold") is not { } v || v is 0 or 1)
            {
                continue;
            }

            context.Report(FindingKind.Invalid, h.Path.Child("successThreshold"), "must be 1", PodSpecNodes.Num(v), "remove successThreshold or set it to 1; only readiness probes may need several successes");
        }
    }
}

/// <summary>DS1183: probe timings are non-negative; terminationGracePeriodSeconds positive and not on readiness probes (CV validateProbe).</summary>
public sealed class ProbeFieldsMustBeInRange : Rule
{
    private static readonly string[] NonNegative = { "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold" };

    /// <summary>Initializes a new instance of the <see cref="ProbeFieldsMustBeInRange"/> class.</summary>
    public ProbeFieldsMustBeInRange()
        : base(RuleCatalog.DS1183_ProbeFieldsMustBeInRange)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var h in PodSpecNodes.ValidatedHandlers(context, includeLifecycle: false))
        {
            foreach (var f in NonNegative)
            {
                if (h.Node.Int(f) is { } v && v < 0)
                {
                    context.Report(FindingKind.Invalid, h.Path.Child(f), "must be greater than or equal to 0", PodSpecNodes.Num(v));
                }
            }

            if (h.Node.Int("terminationGracePeriodSeconds") is not { } grace)
            {
                continue;
            }

            var path = h.Path.Child("terminationGracePeriodSeconds");
            if (grace <= 0)
            {
                context.Report(FindingKind.Invalid, path, "must be greater than 0", PodSpecNodes.Num(grace));
            }

            if (h.Field == "readinessProbe")
            {
                context.Report(FindingKind.Invalid, path, "must not be set for readinessProbes", PodSpecNodes.Num(grace), "remove terminationGracePeriodSeconds: a failing readiness probe does not restart the container");
            }
        }
    }
}

/// <summary>
/// DS1184: the action of a probe or hook (CV validateExecAction, validateHTTPGetAction, ValidatePortNumOrName,
/// validateSleepAction). Only the first action of a handler is checked, as upstream does.
/// </summary>
public sealed class HandlerActionMustBeValid : Rule
{
    private const long DefaultGracePeriod = 30;

    /// <summary>Initializes a new instance of the <see cref="HandlerActionMustBeValid"/> class.</summary>
    public HandlerActionMustBeValid()
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

            foreach (var f in ProbeMustHaveOneHandler.HandlerFields(h))
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
            case ScalarNode { Type: ScalarType.Int } s when s.IntValue is { } v && v is < 1 or > 65535:
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

                break;
            case "tcpSocket":
                CheckPort(context, action, path.Child("port"), allowName: true);
                break;
            case "grpc":
                CheckPort(context, action, path.Child("port"), allowName: false);
                break;
            case "sleep":
                var grace = context.PodSpec.Int("terminationGracePeriodSeconds") ?? DefaultGracePeriod;
                if (context.PodSpec.IsUnknown("terminationGracePeriodSeconds") || action.IsUnknown("seconds") || action.Get("seconds") is not (null or ScalarNode { Type: ScalarType.Int }))
                {
                    break;
                }

                var seconds = action.Int("seconds") ?? 0;
                if (seconds < 0 || seconds > grace)
                {
                    context.Report(
                        FindingKind.Invalid,
                        path,
                        $"must be non-negative and less than terminationGracePeriodSeconds ({PodSpecNodes.Num(grace)})",
                        PodSpecNodes.Num(seconds),
                        at: action.Get("seconds") is null ? null : path.Child("seconds"));
                }

                break;
        }
    }
}
