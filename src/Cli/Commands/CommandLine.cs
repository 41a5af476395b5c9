using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using DaemonLint.Hosting;

namespace DaemonLint.Cli.Commands;

/// <summary>
/// The command tree on System.CommandLine: per-command <c>--help</c>/<c>-h</c>, <c>--version</c>, suggestions for mistyped options
/// and commands, response files (<c>@args.rsp</c>), and completion through the <c>[suggest]</c> directive that
/// <c>daemonlint completion bash|zsh|pwsh</c> wires into the shell. Every error ends with one line on standard error and exit code 2.
/// </summary>
public static class CommandLine
{
    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="context">The streams and current folder.</param>
    /// <returns>The exit code.</returns>
    public static int Invoke(string[] args, CliContext context)
    {
        if (args.Length == 0)
        {
            context.Stdout.Write(Overview);
            return Program.ExitUsage;
        }

        if (args[0] == "help")
        {
            args = args.Length == 1 ? new[] { "--help" } : args.Skip(1).Append("--help").ToArray();
        }

        var root = Build(context);
        StartupTrace.Mark("command tree built");
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
            StartupTrace.Mark("arguments parsed");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A response file (@file) that cannot be read.
            return Fail(context, HostText.Describe(ex), "daemonlint");
        }

        var suggest = root.Directives.OfType<System.CommandLine.Completions.SuggestDirective>().FirstOrDefault();
        var isHelpOrCompletion = parse.Action is HelpAction or VersionAction or OverviewAction || (suggest is not null && parse.GetResult(suggest) is not null);
        if (!isHelpOrCompletion && parse.Errors.Count > 0)
        {
            return Fail(context, Describe(parse), CommandPath(parse));
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Stdout, Error = context.Stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            return Fail(context, ex.Message, CommandPath(parse));
        }

        // Anything else (standard output that fails, an internal error) is the top-level guard's: one line, exit code 2.
    }

    /// <summary>Gets the overview printed by <c>daemonlint --help</c>.</summary>
    public static string Overview =>
        """
        daemonlint: catches Kubernetes DaemonSet mistakes before they reach a cluster.

        Usage:
          daemonlint validate [options] PATH...   validate files, folders (*.yaml, *.yml, *.json) or - (stdin)
          daemonlint place --nodes FILE PATH...   which nodes get a daemon pod, and why not the others
          daemonlint rules                        list the rule catalog
          daemonlint explain DS1001               print a rule's page (cause, examples, options, suppression)
          daemonlint completion bash|zsh|pwsh     print a shell completion script

        Common validate options (all of them: daemonlint validate --help):
          --format text|json|sarif|junit|github   output format (default text); repeatable, each with its own --output
          --baseline PATH | --baseline-ref REV    prior versions (files, or the same files at a git revision) for update rules
          --staged                                check the staged content, compared with HEAD (default under pre-commit)
          --namespace NS                          the namespace objects without one are applied to (default: default)
          --fail-on error|warning|info            lowest severity that makes the exit code 1 (default error)

        Options may also come from a response file: daemonlint validate @args.rsp
        Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 usage, I/O or configuration error.

        """;

    private static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("Catches Kubernetes DaemonSet mistakes before they reach a cluster.");
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(PlaceCommand.Create(context));
        root.Subcommands.Add(RulesCommand.CreateRules(context));
        root.Subcommands.Add(RulesCommand.CreateExplain(context));
        root.Subcommands.Add(CompletionCommand.Create(context));
        foreach (var option in root.Options)
        {
            if (option is HelpOption help)
            {
                help.Action = new OverviewAction(help.Action!, context);
            }
            else if (option is VersionOption version)
            {
                version.Action = new VersionAction(context);
            }
        }

        root.SetAction(_ =>
        {
            context.Stdout.Write(Overview);
            return Program.ExitUsage;
        });
        return root;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Insert(0, c.Command is RootCommand ? "daemonlint" : c.Command.Name);
            }
        }

        return string.Join(" ", names);
    }

    private static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens.FirstOrDefault();
        if (unmatched is not null)
        {
            var isOption = unmatched.StartsWith("-", StringComparison.Ordinal);
            var what = isOption ? "option" : command is RootCommand ? "command" : "argument";
            var candidates = isOption
                ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))
                : command.Subcommands.Select(c => c.Name);
            var suggestion = Suggest(unmatched, candidates);
            return $"unknown {what} '{unmatched}'" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?");
        }

        return parse.Errors[0].Message;
    }

    /// <summary>The closest known name to a mistyped one (at most a third of its letters wrong), or null.</summary>
    /// <param name="typed">What was typed.</param>
    /// <param name="candidates">The known names.</param>
    /// <returns>The suggestion.</returns>
    internal static string? Suggest(string typed, IEnumerable<string> candidates)
    {
        var name = typed.Split('=')[0];
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates.Distinct(StringComparer.Ordinal))
        {
            var d = Distance(name, c);
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(c, best) < 0))
            {
                best = c;
                bestDistance = d;
            }
        }

        return best is not null && bestDistance <= Math.Max(1, name.TrimStart('-').Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static int Fail(CliContext context, string message, string command)
    {
        context.Note(message);
        context.Stderr.WriteLine($"Run '{command} --help' for usage.");
        return Program.ExitUsage;
    }

    /// <summary><c>daemonlint --help</c>: the overview; <c>daemonlint COMMAND --help</c>: the command's generated help.</summary>
    private sealed class OverviewAction : SynchronousCommandLineAction
    {
        private readonly CommandLineAction inner;
        private readonly CliContext context;

        public OverviewAction(CommandLineAction inner, CliContext context)
        {
            this.inner = inner;
            this.context = context;
        }

        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command is RootCommand)
            {
                this.context.Stdout.Write(Overview);
                return Program.ExitOk;
            }

            return this.inner is SynchronousCommandLineAction s ? s.Invoke(parseResult) : Program.ExitOk;
        }
    }

    /// <summary><c>daemonlint --version</c>: the tool's version, as SARIF reports it.</summary>
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        private readonly CliContext context;

        public VersionAction(CliContext context) => this.context = context;

        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            this.context.Stdout.WriteLine(Output.SarifFormatter.ToolVersion);
            return Program.ExitOk;
        }
    }
}
