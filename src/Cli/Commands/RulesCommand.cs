using System.IO;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Cli.Commands;

/// <summary><c>daemonlint rules</c>: the catalog as a table.</summary>
public static class RulesCommand
{
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
            stdout.WriteLine($"{r.Id,-7} {r.DefaultSeverity.ToText(),-8} {r.CategoryName,-15} {r.Title}");
        }

        return Program.ExitOk;
    }
}
