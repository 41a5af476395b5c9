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
    public static int Main(string[] args)
    {
        StartupTrace.Mark("Main entered");
        var code = Run(args, Console.In, Console.Out, Console.Error, Directory.GetCurrentDirectory());
        StartupTrace.Write(Console.Error);
        return code;
    }

    /// <summary>Runs the tool with explicit streams (tests call this in-process).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdin">Standard input.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="currentDirectory">The directory relative paths are resolved against.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, string currentDirectory) =>
        CommandLine.Invoke(args, new CliContext(stdin, stdout, stderr, currentDirectory));
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
