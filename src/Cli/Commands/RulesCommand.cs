using System.CommandLine;
using System.IO;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Cli.Commands;

/// <summary><c>daemonlint rules</c>: the catalog as a table.</summary>
public static class RulesCommand
{
    /// <summary>Builds <c>daemonlint rules</c>.</summary>
    /// <param name="context">The streams.</param>
    /// <returns>The command.</returns>
    public static Command CreateRules(CliContext context)
    {
        var command = new Command("rules", "List the rule catalog: id, default severity, category and title.");
        command.SetAction(_ => Run(System.Array.Empty<string>(), context.Stdout, context.Stderr));
        return command;
    }

    /// <summary>Builds <c>daemonlint explain DSxxxx</c>.</summary>
    /// <param name="context">The streams.</param>
    /// <returns>The command.</returns>
    public static Command CreateExplain(CliContext context)
    {
        var id = new Argument<string>("RULE") { Description = "A rule id, e.g. DS1001" };
        id.CompletionSources.Add(_ => AllIds());
        var command = new Command("explain", "Print a rule's page: cause, why it matters, examples, options, suppression.") { id };
        command.SetAction(parse => Explain(new[] { parse.GetValue(id)! }, context.Stdout));
        return command;
    }

    private static System.Collections.Generic.IEnumerable<string> AllIds()
    {
        foreach (var r in RuleCatalog.All)
        {
            yield return r.Id;
        }
    }

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 0)
        {
            throw new UsageException("rules takes no arguments");
        }

        stdout.WriteLine($"{"ID",-7} {"SEVERITY",-8} {"CATEGORY",-15} TITLE");
        foreach (var r in RuleCatalog.All)
        {
            var gates = r.Gates.Count == 0 ? string.Empty : $" [feature gates: {string.Join(", ", r.Gates)}]";
            stdout.WriteLine($"{r.Id,-7} {r.DefaultSeverity.ToText(),-8} {r.CategoryName,-15} {r.Title}{gates}");
        }

        return Program.ExitOk;
    }

    /// <summary>Runs <c>daemonlint explain DSxxxx</c>: prints the rule's page.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Standard output.</param>
    /// <returns>The exit code.</returns>
    public static int Explain(string[] args, TextWriter stdout)
    {
        if (args.Length != 1)
        {
            throw new UsageException("explain takes one rule id, e.g. daemonlint explain DS1001");
        }

        if (!RuleCatalog.TryGet(args[0], out var rule))
        {
            throw new UsageException($"unknown rule id '{args[0]}'; 'daemonlint rules' lists them");
        }

        using var stream = typeof(RulesCommand).Assembly.GetManifestResourceStream("rules/" + rule.Id + ".md");
        if (stream is null)
        {
            stdout.WriteLine($"{rule.Id}: {rule.Title}");
            stdout.WriteLine();
            stdout.WriteLine(rule.Description);
            stdout.WriteLine(rule.HelpUri);
            return Program.ExitOk;
        }

        using var reader = new StreamReader(stream);
        // The page's section markers (generated, prose, csharp) are for the generators, not for the reader.
        var text = System.Text.RegularExpressions.Regex.Replace(reader.ReadToEnd(), @"<!-- /?(generated|prose|csharp) -->\n", string.Empty);
        stdout.Write(text);
        return Program.ExitOk;
    }
}
