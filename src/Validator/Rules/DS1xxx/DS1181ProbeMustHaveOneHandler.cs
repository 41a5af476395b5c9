using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1181: a probe has exactly one of exec, httpGet, tcpSocket, grpc; a lifecycle hook one of exec, httpGet, tcpSocket,
/// sleep (CV validateHandler). The later handlers are blamed, in that order.
/// </summary>
internal sealed class DS1181ProbeMustHaveOneHandler : Rule
{
    private static readonly string[] ProbeHandlers = { "exec", "httpGet", "tcpSocket", "grpc" };
    private static readonly string[] LifecycleHandlers = { "exec", "httpGet", "tcpSocket", "sleep" };

    /// <summary>Initializes a new instance of the <see cref="DS1181ProbeMustHaveOneHandler"/> class.</summary>
    public DS1181ProbeMustHaveOneHandler()
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
