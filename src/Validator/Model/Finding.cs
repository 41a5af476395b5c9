using System;

namespace DaemonLint.Model;

/// <summary>Severity of a finding, ordered from none to error.</summary>
public enum Severity
{
    /// <summary>Disabled: the finding is not reported.</summary>
    None = 0,

    /// <summary>Information (editorconfig <c>suggestion</c>, SARIF <c>note</c>).</summary>
    Info = 1,

    /// <summary>A warning.</summary>
    Warning = 2,

    /// <summary>An error: the API server would reject the object, or the input cannot be read.</summary>
    Error = 3,
}

/// <summary>The API server's closed set of error types (<c>field.ErrorType</c>).</summary>
public enum FindingKind
{
    /// <summary>"Required value".</summary>
    Required,

    /// <summary>"Invalid value".</summary>
    Invalid,

    /// <summary>"Unsupported value".</summary>
    NotSupported,

    /// <summary>"Forbidden".</summary>
    Forbidden,

    /// <summary>"Duplicate value".</summary>
    Duplicate,

    /// <summary>"Not found".</summary>
    NotFound,

    /// <summary>"Too long".</summary>
    TooLong,

    /// <summary>"Too many".</summary>
    TooMany,
}

/// <summary>Extension methods for <see cref="Severity"/> and <see cref="FindingKind"/>.</summary>
public static class SeverityExtensions
{
    /// <summary>Gets the lower-case name used in text, JSON and MSBuild output.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>error, warning, info or none.</returns>
    public static string ToText(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "info",
        _ => "none",
    };

    /// <summary>Parses error/warning/info/suggestion/none/silent/hidden (editorconfig names included).</summary>
    /// <param name="text">The text.</param>
    /// <param name="severity">The severity.</param>
    /// <returns>Whether the text is a severity.</returns>
    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "error":
                severity = Severity.Error;
                return true;
            case "warning":
            case "warn":
                severity = Severity.Warning;
                return true;
            case "info":
            case "suggestion":
            case "note":
                severity = Severity.Info;
                return true;
            case "none":
            case "silent":
            case "hidden":
                severity = Severity.None;
                return true;
            default:
                severity = Severity.None;
                return false;
        }
    }

    /// <summary>Gets the text the API server prints for an error type ("Invalid value", ...).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The text.</returns>
    public static string ToServerText(this FindingKind kind) => kind switch
    {
        FindingKind.Required => "Required value",
        FindingKind.Invalid => "Invalid value",
        FindingKind.NotSupported => "Unsupported value",
        FindingKind.Forbidden => "Forbidden",
        FindingKind.Duplicate => "Duplicate value",
        FindingKind.NotFound => "Not found",
        FindingKind.TooLong => "Too long",
        FindingKind.TooMany => "Too many",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>Identifies the object a finding belongs to, and where it came from.</summary>
/// <param name="File">The source file (as the host named it), or null.</param>
/// <param name="Document">The 0-based document index within the file.</param>
/// <param name="ApiVersion">The apiVersion.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Namespace">The namespace, or null.</param>
/// <param name="Name">The name, or null.</param>
public sealed record ObjectRef(string? File, int Document, string? ApiVersion, string? Kind, string? Namespace, string? Name)
{
    /// <summary>Gets the <c>namespace/name</c> display form.</summary>
    public string DisplayName => string.IsNullOrEmpty(this.Namespace) ? this.Name ?? "(unnamed)" : $"{this.Namespace}/{this.Name ?? "(unnamed)"}";
}

/// <summary>One problem found in one object, located by field path (and by span once a host resolved it).</summary>
public sealed record Finding
{
    /// <summary>Gets the rule id (<c>DS1001</c>).</summary>
    public required string RuleId { get; init; }

    /// <summary>Gets the effective severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>
    /// Gets the message: the API server's text first (<c>Invalid value: "x": detail</c>, what users search for), without the
    /// hint, so that it reads well inline in an editor.
    /// </summary>
    public required string Message { get; init; }

    /// <summary>Gets what to write instead, when certain (a sentence of its own, shown apart from the message), or null.</summary>
    public string? Hint { get; init; }

    /// <summary>
    /// Gets the apiVersion the finding assumes when it is not the object's own, or null: an object with a removed apiVersion
    /// (DS6001) is also validated as it would be as <c>apps/v1</c>, and those findings carry <c>apps/v1</c> here.
    /// </summary>
    public string? WhenApiVersion { get; init; }

    /// <summary>Gets the API server error type.</summary>
    public required FindingKind Kind { get; init; }

    /// <summary>Gets the field path the API server reports (may name a path of the internal type), or null for file-level findings.</summary>
    public FieldPath? Path { get; init; }

    /// <summary>Gets the path in the source where the finding is shown, when it differs from <see cref="Path"/>.</summary>
    public FieldPath? LocationPath { get; init; }

    /// <summary>Gets the offending value as text, when it helps.</summary>
    public string? BadValue { get; init; }

    /// <summary>Gets the object the finding belongs to.</summary>
    public ObjectRef? Object { get; init; }

    /// <summary>Gets the resolved span in the source, when known.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>Gets the file the finding is in (the object's file, or the file for file-level findings).</summary>
    public string? File { get; init; }

    /// <summary>Gets the help link of the rule.</summary>
    public string? HelpUri { get; init; }
}
