using System;
using System.IO;
using DaemonLint.Cli.Commands;

namespace DaemonLint.Cli;

/// <summary>The <c>daemonlint</c> command line.</summary>
public static class Program
{
    /// <summary>Exit code: nothing at or above the fail level.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code: findings at or above the fail level.</summary>
    public const int ExitFindings = 1;

    /// <summary>Exit code: usage, I/O or configuration error.</summary>
    public const int ExitUsage = 2;

    /// <summary>Runs the tool.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code.</returns>
    public static int Main(string[] args) => Run(args, Console.In, Console.Out, Console.Error, Directory.GetCurrentDirectory());

    /// <summary>Runs the tool with explicit streams (tests call this in-process).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdin">Standard input.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="currentDirectory">The directory relative paths are resolved against.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, string currentDirectory)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.Write(Usage);
            return args.Length == 0 ? ExitUsage : ExitOk;
        }

        if (args[0] is "--version")
        {
            stdout.WriteLine(typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            return ExitOk;
        }

        var rest = args.AsSpan(1).ToArray();
        try
        {
            return args[0] switch
            {
                "validate" => ValidateCommand.Run(rest, stdin, stdout, stderr, currentDirectory),
                "rules" => RulesCommand.Run(rest, stdout, stderr),
                "explain" => RulesCommand.Explain(rest, stdout),
                "place" => PlaceCommand.Run(rest, stdin, stdout, stderr, currentDirectory),
                _ => UsageError(stderr, $"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException ex)
        {
            return UsageError(stderr, ex.Message);
        }
    }

    /// <summary>Gets the usage text.</summary>
    public static string Usage =>
        """
        daemonlint: catches Kubernetes DaemonSet mistakes before they reach a cluster.

        Usage:
          daemonlint validate [options] PATH...   validate files, folders (*.yaml, *.yml, *.json) or - (stdin)
          daemonlint place --nodes FILE PATH...   which nodes get a daemon pod, and why not the others
          daemonlint rules                        list the rule catalog
          daemonlint explain DS1001               print a rule's page (cause, examples, options, suppression)

        validate options:
          --format text|json|sarif|junit|github   output format (default text); repeatable, each with its own --output
          --output FILE                           write the preceding --format to FILE instead of standard output
          --baseline PATH                         prior versions of the objects (file or folder), for update rules
          --baseline-ref REV                      compare with the same files at a git revision (update rules)
          --staged                                check the staged content, compared with HEAD (default under pre-commit)
          --config FILE | --no-config             .daemonlint.yaml ignore entries (default: nearest above the current folder)
          --fail-on error|warning|info            lowest severity that makes the exit code 1 (default error)
          --disallow-privileged                   the cluster runs kube-apiserver --allow-privileged=false (DS1320)
          --user-namespaces                       the cluster has user namespaces on: hostUsers: false rules apply (DS1116)
          --max-file-size BYTES                   largest file read (default 67108864)
          --nodes FILE                            a node inventory (kubectl get nodes -o yaml|json, a Node, or a folder);
                                                  enables the placement rules DS3006, DS3007 and DS3009
          --pods FILE                             the cluster's pods (kubectl get pods -A -o yaml|json), with --nodes:
                                                  DS3009 counts the free capacity of each node

        place options:
          --nodes FILE                            the node inventory (repeatable; files or folders)
          --pods FILE                             the cluster's pods (kubectl get pods -A -o yaml|json): capacity counts
                                                  what they request on each node, and the host ports they hold
          --format text|json|html                 output format (default text; html is one self-contained page)
          --output FILE                           write to FILE instead of standard output
          place exits 0 when every DaemonSet runs on at least one node, 1 when one would run on none (no node should
          run it, or its pod fits none of those), 2 on usage or input errors.

        Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 usage, I/O or configuration error.

        """;

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine("daemonlint: " + message);
        stderr.WriteLine("Run 'daemonlint --help' for usage.");
        return ExitUsage;
    }
}

/// <summary>A command-line usage error (exit code 2).</summary>
public sealed class UsageException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="UsageException"/> class.</summary>
    /// <param name="message">The message.</param>
    public UsageException(string message)
        : base(message)
    {
    }
}
