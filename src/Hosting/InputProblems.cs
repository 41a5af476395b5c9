using System;
using System.IO;
using DaemonLint.Catalog;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Hosting;

/// <summary>
/// Every input-error message a host hands to the core (DS9xxx), written once: missing paths, empty folders, unreadable,
/// special and oversized files, configuration errors. Hosts never format these themselves.
/// </summary>
public static class InputProblems
{
    /// <summary>A path that does not exist.</summary>
    /// <returns>A DS9002 problem.</returns>
    public static InputProblem Missing() => new(RuleCatalog.DS9002_FileUnreadable.Id, "no such file or directory", SourceSpan.None);

    /// <summary>A folder without any manifest file.</summary>
    /// <returns>A DS9007 problem.</returns>
    public static InputProblem EmptyFolder() => new(RuleCatalog.DS9007_NoManifests.Id, "the folder holds no .yaml, .yml or .json file", SourceSpan.None);

    /// <summary>A file that could not be read.</summary>
    /// <param name="ex">The exception.</param>
    /// <returns>A DS9002 problem.</returns>
    public static InputProblem Unreadable(Exception ex) => new(RuleCatalog.DS9002_FileUnreadable.Id, "cannot read the file: " + Describe(ex), SourceSpan.None);

    /// <summary>A path that names a device, a FIFO or a socket rather than a regular file.</summary>
    /// <returns>A DS9002 problem.</returns>
    public static InputProblem NotARegularFile() =>
        new(RuleCatalog.DS9002_FileUnreadable.Id, "not a regular file (a device, FIFO or socket); it is not read", SourceSpan.None);

    /// <summary>Standard input that was closed when the tool started (<c>daemonlint validate - &lt;&amp;-</c>): nothing to read, never a wait.</summary>
    /// <returns>A DS9002 problem.</returns>
    public static InputProblem StdinClosed() => new(RuleCatalog.DS9002_FileUnreadable.Id, "standard input is closed; nothing to read", SourceSpan.None);

    /// <summary>A file larger than the limit.</summary>
    /// <param name="size">Its size in bytes, or null when unknown (standard input: more than the limit was offered).</param>
    /// <param name="limit">The limit.</param>
    /// <returns>A DS9005 problem.</returns>
    public static InputProblem TooLarge(long? size, long limit) => new(
        RuleCatalog.DS9005_FileTooLarge.Id,
        (size is { } s ? "the file has " + Bytes(s) + " bytes, more" : "the input has more bytes") + " than the limit of " + Bytes(limit) + "; the API server accepts at most 3 MiB per object, so it is not read",
        SourceSpan.At(SourcePosition.Start));

    /// <summary>A failure while reading a file that is not a syntax error the reader reports itself.</summary>
    /// <param name="ex">The exception.</param>
    /// <returns>A DS9008 problem.</returns>
    public static InputProblem ReadFailed(Exception ex) =>
        new(RuleCatalog.DS9008_InternalError.Id, $"reading the file failed: {ex.GetType().Name}: {HostText.Describe(ex)}", SourceSpan.At(SourcePosition.Start));

    /// <summary>A configuration error (DS9009) without a location.</summary>
    /// <param name="message">What is wrong.</param>
    /// <returns>A DS9009 problem.</returns>
    public static InputProblem Configuration(string message) => new(RuleCatalog.DS9009_ConfigurationError.Id, message, SourceSpan.None);

    /// <summary>Marks a problem of a configuration file (any input problem there is a configuration error, DS9009).</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The same problem as DS9009.</returns>
    public static InputProblem AsConfiguration(InputProblem problem) =>
        problem.RuleId == RuleCatalog.DS9009_ConfigurationError.Id ? problem : problem with { RuleId = RuleCatalog.DS9009_ConfigurationError.Id, Message = "invalid configuration: " + problem.Message };

    /// <summary>An ignore entry that suppressed nothing.</summary>
    /// <param name="span">Where the entry is.</param>
    /// <returns>A DS9010 problem.</returns>
    public static InputProblem UnusedIgnoreEntry(SourceSpan span) => new(
        RuleCatalog.DS9010_UnusedSuppression.Id,
        "this ignore entry suppressed nothing in this run; remove it or fix its rules/paths/kind/namespace/name",
        span);

    private static string Bytes(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether a problem means the input could not be read at all (the run is then an I/O error, exit code 2).</summary>
    /// <param name="ruleId">The problem's rule id.</param>
    /// <returns>True for DS9002 and DS9009.</returns>
    public static bool IsIoError(string ruleId) => ruleId == RuleCatalog.DS9002_FileUnreadable.Id || ruleId == RuleCatalog.DS9009_ConfigurationError.Id;

    /// <summary>Describes an I/O exception in plain words.</summary>
    /// <param name="ex">The exception.</param>
    /// <returns>The text.</returns>
    internal static string Describe(Exception ex) => HostText.Describe(ex);
}
