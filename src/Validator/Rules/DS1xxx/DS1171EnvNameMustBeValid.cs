using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1171: env names are required and, under the relaxed rule, printable ASCII without '=' (CV ValidateEnv).</summary>
internal sealed class DS1171EnvNameMustBeValid : Rule
{
    /// <summary>The upstream message of IsRelaxedEnvVarName.</summary>
    internal const string RelaxedEnvVarNameMessage = "a valid environment variable name must consist only of printable ASCII characters other than '='";

    /// <summary>Initializes a new instance of the <see cref="DS1171EnvNameMustBeValid"/> class.</summary>
    public DS1171EnvNameMustBeValid()
        : base(RuleCatalog.DS1171_EnvNameMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var e in EnvRef.All(context))
        {
            var path = e.Path.Child("name");
            if (PodSpecNodes.IsMissingOrEmpty(e.Node, "name"))
            {
                context.Report(FindingKind.Required, path, string.Empty);
                continue;
            }

            var name = e.Node.Str("name");
            if (name is null || e.Node.IsUnknown("name") || IsRelaxedEnvVarName(name))
            {
                continue;
            }

            var eq = name.IndexOf('=');
            var hint = eq > 0 && IsRelaxedEnvVarName(name.Substring(0, eq)) && e.Node.Get("value") is null && e.Node.Get("valueFrom") is null
                ? $"write name: {name.Substring(0, eq)} and value: {name.Substring(eq + 1)}"
                : null;
            context.Report(FindingKind.Invalid, path, RelaxedEnvVarNameMessage, Nodes.Quote(name), hint);
        }
    }

    /// <summary>IsRelaxedEnvVarName: printable ASCII other than '=' (env names and envFrom prefixes on current servers).</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether the server accepts it.</returns>
    internal static bool IsRelaxedEnvVarName(string name)
    {
        foreach (var c in name)
        {
            if (c is < ' ' or > '~' or '=')
            {
                return false;
            }
        }

        return true;
    }
}
