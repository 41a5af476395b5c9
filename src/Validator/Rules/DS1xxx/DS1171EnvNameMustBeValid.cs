using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1171: env names are required and valid (CV ValidateEnv): printable ASCII without '=' where the release relaxes them
/// (option AllowRelaxedEnvironmentVariableValidation: gate RelaxedEnvironmentVariableValidation, or a relaxed name the
/// stored template already has), otherwise <c>IsEnvVarName</c>.
/// </summary>
internal sealed class DS1171EnvNameMustBeValid : Rule
{
    /// <summary>The upstream message of IsRelaxedEnvVarName.</summary>
    internal const string RelaxedEnvVarNameMessage = "a valid environment variable name must consist only of printable ASCII characters other than '='";

    /// <summary>The upstream message of IsEnvVarName (the strict rule), as <c>RegexError</c> builds it.</summary>
    internal static readonly string EnvVarNameMessage = Syntax.K8sNames.RegexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
        "[-._a-zA-Z][-._a-zA-Z0-9]*",
        "my.env-name",
        "MY_ENV.NAME",
        "MyEnvName1");

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
            if (name is null || e.Node.IsUnknown("name"))
            {
                continue;
            }

            var relaxed = context.PodOptions.AllowRelaxedEnvironmentVariableValidation;
            foreach (var msg in NameErrors(name, relaxed))
            {
                var eq = name.IndexOf('=');
                var hint = eq > 0 && NameErrors(name.Substring(0, eq), relaxed).Count == 0 && e.Node.Get("value") is null && e.Node.Get("valueFrom") is null
                    ? $"write name: {name.Substring(0, eq)} and value: {name.Substring(eq + 1)}"
                    : !relaxed && IsRelaxedEnvVarName(name) ? RelaxedHint(context) : null;
                context.Report(FindingKind.Invalid, path, msg, Nodes.Quote(name), hint);
            }
        }
    }

    /// <summary>
    /// The messages ValidateEnv (and ValidateEnvFrom for prefixes) gives a non-empty name: IsRelaxedEnvVarName when the
    /// release relaxes env names, else IsEnvVarName (its regex, then '.', '..' and a '..' prefix).
    /// </summary>
    /// <param name="name">The name.</param>
    /// <param name="relaxed">The option AllowRelaxedEnvironmentVariableValidation.</param>
    /// <returns>The messages (empty: valid).</returns>
    internal static List<string> NameErrors(string name, bool relaxed)
    {
        if (relaxed)
        {
            return IsRelaxedEnvVarName(name) ? Syntax.K8sNames.NoErrors : new List<string>(1) { RelaxedEnvVarNameMessage };
        }

        // A list only for a name with something wrong: a valid one (every env name of a manifest, nearly) gets the shared empty list.
        List<string>? errors = null;
        if (!IsStrictEnvVarName(name))
        {
            (errors ??= new List<string>(1)).Add(EnvVarNameMessage);
        }

        if (name == ".")
        {
            (errors ??= new List<string>(1)).Add("must not be '.'");
        }
        else if (name == "..")
        {
            (errors ??= new List<string>(1)).Add("must not be '..'");
        }
        else if (name.StartsWith("..", System.StringComparison.Ordinal))
        {
            (errors ??= new List<string>(1)).Add("must not start with '..'");
        }

        return errors ?? Syntax.K8sNames.NoErrors;
    }

    /// <summary>The hint for a name only the relaxed rule accepts: which gate relaxes it.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The hint.</returns>
    internal static string RelaxedHint(RuleContext context) =>
        $"{context.Gates.Describe(Releases.FeatureGate.RelaxedEnvironmentVariableValidation)}; with it on, any printable ASCII but '=' is accepted";

    /// <summary>IsRelaxedEnvVarName: printable ASCII other than '=' (env names and envFrom prefixes on current servers).</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether the server accepts it.</returns>
    internal static bool IsRelaxedEnvVarName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is < ' ' or > '~' or '=')
            {
                return false;
            }
        }

        return true;
    }

    // IsEnvVarName's regex: [-._a-zA-Z][-._a-zA-Z0-9]*.
    private static bool IsStrictEnvVarName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!(c is '-' or '.' or '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') || (i > 0 && c is >= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }
}
