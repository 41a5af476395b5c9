using System;
using System.IO;
using DaemonLint.Hosting;

namespace DaemonLint.Cli;

/// <summary>
/// The top-level guard of every command: whatever goes wrong ends with one line on standard error and exit code 2, never a
/// stack trace. Standard output that cannot be written (<c>&gt; /dev/full</c>, <c>&gt;&amp;-</c>, a closed pipe) is said as
/// such; any other exception is an internal error. Standard error that cannot be written is ignored (the exit code still says).
/// </summary>
public static class Guard
{
    /// <summary>Runs a command with guarded streams.</summary>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="command">The command, given the guarded streams.</param>
    /// <returns>Its exit code, or 2.</returns>
    public static int Run(TextWriter stdout, TextWriter stderr, Func<TextWriter, TextWriter, int> command)
    {
        var output = new OutputWriter(stdout, failQuietly: false);
        var error = new OutputWriter(stderr, failQuietly: true);
        try
        {
            var code = command(output, error);
            output.Flush();
            error.Flush();
            return code;
        }
        catch (OutputFailedException ex)
        {
            return Fail(error, "cannot write the output: " + ex.Message);
        }
        catch (Exception ex)
        {
            return Fail(error, "internal error: " + ex.GetType().Name + ": " + HostText.Describe(ex) + " (please report it with the input that caused it)");
        }
    }

    /// <summary>Writes one line on standard error (if it can) and returns exit code 2.</summary>
    /// <param name="stderr">Standard error.</param>
    /// <param name="message">The message.</param>
    /// <returns>2.</returns>
    public static int Fail(TextWriter stderr, string message)
    {
        try
        {
            stderr.WriteLine("daemonlint: " + message.Replace('\n', ' ').Replace('\r', ' '));
            stderr.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or OutputFailedException)
        {
            // standard error is gone too: the exit code says it
        }

        return Program.ExitUsage;
    }
}

/// <summary>Standard output could not be written: the run ends with one line and exit code 2.</summary>
public sealed class OutputFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="OutputFailedException"/> class.</summary>
    /// <param name="inner">What the stream threw.</param>
    public OutputFailedException(Exception inner)
        : base(Describe(inner), inner)
    {
    }

    private static string Describe(Exception ex) =>
        ex is ObjectDisposedException || (ex is UnauthorizedAccessException or IOException && (ex.InnerException ?? ex).Message.IndexOf("Bad file descriptor", StringComparison.OrdinalIgnoreCase) >= 0)
            ? "standard output is closed"
            : HostText.Describe(ex);
}

/// <summary>
/// A writer over a standard stream that turns a failed write into <see cref="OutputFailedException"/> (standard output), or
/// into nothing (standard error: diagnostics must never end a run that could still write its report).
/// </summary>
internal sealed class OutputWriter : TextWriter
{
    private readonly TextWriter inner;
    private readonly bool failQuietly;
    private bool broken;

    public OutputWriter(TextWriter inner, bool failQuietly)
    {
        this.inner = inner;
        this.failQuietly = failQuietly;
    }

    public override System.Text.Encoding Encoding => this.inner.Encoding;

    public override string NewLine
    {
        get => this.inner.NewLine;
#pragma warning disable CS8765 // the base accepts null too
        set => this.inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => this.Do(() => this.inner.Write(value));

    public override void Write(string? value) => this.Do(() => this.inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => this.Do(() => this.inner.Write(buffer, index, count));

    public override void WriteLine() => this.Do(() => this.inner.WriteLine());

    public override void WriteLine(string? value) => this.Do(() => this.inner.WriteLine(value));

    public override void Flush() => this.Do(() => this.inner.Flush());

    private void Do(Action write)
    {
        if (this.broken)
        {
            if (this.failQuietly)
            {
                return;
            }

            throw new OutputFailedException(new IOException("standard output is closed"));
        }

        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            this.broken = true;
            if (!this.failQuietly)
            {
                throw new OutputFailedException(ex);
            }
        }
    }
}
