using System;
using System.IO;
using System.Text;
using DaemonLint.Cli.Commands;
using DaemonLint.Cli.Workers;
using DaemonLint.Hosting;

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
        try
        {
            // Standard output buffered (one write per 64 KB, not per line) and flushed at the end, inside the guard.
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
            var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false), 1 << 12) { AutoFlush = true };
            if (WorkerProcesses.IsWorker(args))
            {
                // A worker of validate: its own command line after the marker, its standard streams the channel to the parent.
                var channel = (Console.OpenStandardInput(), Console.OpenStandardOutput());
                var worker = new CliContext(null, TextWriter.Null, stderr, Directory.GetCurrentDirectory()) { WorkerChannel = channel };
                return Guard.Run(TextWriter.Null, stderr, (o, e) => CommandLine.Invoke(args[1..], worker with { Stdout = o, Stderr = e }));
            }

            var stdin = StandardInput.WasOpenAtStart() ? Console.OpenStandardInput() : null;
            var context = new CliContext(stdin, stdout, stderr, Directory.GetCurrentDirectory()) { Self = SelfCommand.OfThisProcess(args) };
            var code = Run(args, context);
            StartupTrace.Write(stderr);
            return code;
        }
        catch (Exception ex)
        {
            // Only reached if the streams themselves cannot be set up: still one line and exit code 2.
            return Guard.Fail(Console.Error, "internal error: " + ex.GetType().Name + ": " + HostText.Describe(ex));
        }
    }

    /// <summary>Runs the tool with explicit streams (tests call this in-process).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdin">Standard input's bytes, or null when it is closed.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="currentDirectory">The directory relative paths are resolved against.</param>
    /// <returns>The exit code: 0, 1 or 2, whatever happens (a failure is one line on standard error and 2, never a stack trace).</returns>
    public static int Run(string[] args, Stream? stdin, TextWriter stdout, TextWriter stderr, string currentDirectory) =>
        Run(args, new CliContext(stdin, stdout, stderr, currentDirectory));

    /// <summary>Runs the tool in a context (its streams guarded).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="context">The streams, current folder and how to start worker processes.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, CliContext context) =>
        Guard.Run(context.Stdout, context.Stderr, (output, error) => CommandLine.Invoke(args, context with { Stdout = output, Stderr = error }));

    /// <summary>Runs the tool with a text as standard input (UTF-8 encoded; tests).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdin">Standard input.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="currentDirectory">The directory relative paths are resolved against.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, string currentDirectory) =>
        Run(args, new MemoryStream(new UTF8Encoding(false).GetBytes(stdin.ReadToEnd())), stdout, stderr, currentDirectory);
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
