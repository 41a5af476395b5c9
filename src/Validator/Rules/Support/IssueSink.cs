using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>
/// Receives one error the way upstream appends a <c>field.Error</c> to an <c>ErrorList</c>. Shared checks write to a sink
/// so that a rule can report at once (<c>RuleContext.Report</c>) or collect first, as <see cref="VolumeAnalysis"/> does:
/// a volume with any error is not registered, so its mounts are rejected too.
/// </summary>
/// <param name="kind">The error type.</param>
/// <param name="path">The path the server reports.</param>
/// <param name="detail">The upstream detail.</param>
/// <param name="badValue">The bad value as the server prints it, or null.</param>
/// <param name="hint">What to write instead, when certain, or null.</param>
/// <param name="at">Where to show it in the source when the server's path is not there, or null.</param>
internal delegate void IssueSink(FindingKind kind, FieldPath path, string detail, string? badValue, string? hint, FieldPath? at);
