using System;
using System.Collections.Generic;
using DaemonLint.Model;

namespace DaemonLint.MsBuild;

/// <summary>How a finding is logged.</summary>
internal enum LogLevel
{
    /// <summary>A low-importance message (a warning silenced by NoWarn).</summary>
    Suppressed,

    /// <summary>A normal-importance message with the code (an info finding).</summary>
    Message,

    /// <summary>A warning.</summary>
    Warning,

    /// <summary>An error: fails the build.</summary>
    Error,
}

/// <summary>
/// Applies the C# compiler's warning properties to findings, the way csc applies them to its own warnings:
/// <c>NoWarn</c> silences a warning, <c>WarningsAsErrors</c> and <c>TreatWarningsAsErrors</c> (less <c>WarningsNotAsErrors</c>)
/// turn it into an error, and errors stay errors. <c>DaemonLintFailOn</c> turns findings at or above its level into errors.
/// </summary>
/// <remarks>
/// Done here rather than left to MSBuild because MSBuild maps <c>NoWarn</c> and <c>WarningsAsErrors</c> onto logged warnings
/// (<c>MSBuildWarningsAsMessages</c>/<c>MSBuildWarningsAsErrors</c>) but not <c>TreatWarningsAsErrors</c>, and older hosts map none.
/// </remarks>
internal sealed class WarningPolicy
{
    private readonly HashSet<string> noWarn;
    private readonly HashSet<string> asErrors;
    private readonly HashSet<string> notAsErrors;
    private readonly bool treatWarningsAsErrors;
    private readonly Severity failOn;

    /// <summary>Initializes a new instance of the <see cref="WarningPolicy"/> class.</summary>
    /// <param name="noWarn">The NoWarn property.</param>
    /// <param name="warningsAsErrors">The WarningsAsErrors property.</param>
    /// <param name="warningsNotAsErrors">The WarningsNotAsErrors property.</param>
    /// <param name="treatWarningsAsErrors">The TreatWarningsAsErrors property.</param>
    /// <param name="failOn">The lowest severity that fails the build.</param>
    public WarningPolicy(string? noWarn, string? warningsAsErrors, string? warningsNotAsErrors, bool treatWarningsAsErrors, Severity failOn)
    {
        this.noWarn = Codes(noWarn);
        this.asErrors = Codes(warningsAsErrors);
        this.notAsErrors = Codes(warningsNotAsErrors);
        this.treatWarningsAsErrors = treatWarningsAsErrors;
        this.failOn = failOn;
    }

    /// <summary>Decides how a finding of a rule and severity is logged.</summary>
    /// <param name="code">The rule id.</param>
    /// <param name="severity">The effective severity (after .editorconfig).</param>
    /// <returns>The level.</returns>
    public LogLevel Resolve(string code, Severity severity)
    {
        switch (severity)
        {
            case Severity.Error:
                return LogLevel.Error;
            case Severity.Warning:
                if (this.noWarn.Contains(code))
                {
                    return LogLevel.Suppressed;
                }

                if (this.failOn <= Severity.Warning || this.asErrors.Contains(code)
                    || (this.treatWarningsAsErrors && !this.notAsErrors.Contains(code)))
                {
                    return LogLevel.Error;
                }

                return LogLevel.Warning;
            case Severity.Info:
                return this.failOn <= Severity.Info && !this.noWarn.Contains(code) ? LogLevel.Error : LogLevel.Message;
            default:
                return LogLevel.Suppressed;
        }
    }

    /// <summary>Splits a code list as csc does (<c>;</c> or <c>,</c>, blanks ignored).</summary>
    /// <param name="list">The list.</param>
    /// <returns>The codes.</returns>
    internal static HashSet<string> Codes(string? list)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (list is null)
        {
            return set;
        }

        foreach (var part in list.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var code = part.Trim();
            if (code.Length > 0)
            {
                set.Add(code);
            }
        }

        return set;
    }
}
