using DaemonLint.Model;

namespace DaemonLint.Catalog;

/// <summary>Catalog entries DS9001-DS9999: input and tool (reported while reading the input, not by a rule).</summary>
public static partial class RuleCatalog
{
#pragma warning disable SA1600, CS1591 // the property names carry id and title
    public static RuleDescriptor DS9001_YamlSyntax { get; } = Entry(
        "DS9001", "YAML must parse", RuleCategory.Input, Severity.Error,
        "The file is not valid YAML (or JSON); nothing after the error can be read.",
        reportedBy: Engine);

    public static RuleDescriptor DS9002_FileUnreadable { get; } = Entry(
        "DS9002", "File must be readable", RuleCategory.Input, Severity.Error,
        "The file does not exist or cannot be read.",
        reportedBy: Engine);

    public static RuleDescriptor DS9003_NotText { get; } = Entry(
        "DS9003", "File must be UTF-8 text", RuleCategory.Input, Severity.Error,
        "The file is binary or not valid UTF-8 (or UTF-16 with a byte order mark), so it cannot be a manifest.",
        reportedBy: Engine);

    public static RuleDescriptor DS9004_DuplicateKey { get; } = Entry(
        "DS9004", "Mapping keys must be unique", RuleCategory.Input, Severity.Error,
        "A key appears twice in one mapping; kubectl's strict decoding rejects the document, and lenient tools silently keep the last value, so one of the two settings is lost either way.",
        reportedBy: Engine);

    public static RuleDescriptor DS9005_FileTooLarge { get; } = Entry(
        "DS9005", "File is too large", RuleCategory.Input, Severity.Error,
        "The file is larger than the configured limit (--max-file-size, 64 MiB by default), so it is not read; no Kubernetes object comes close (the API server takes requests of at most 3 MiB each).",
        reportedBy: Engine);

    public static RuleDescriptor DS9006_DocumentTooComplex { get; } = Entry(
        "DS9006", "Document is too deep or expands too far", RuleCategory.Input, Severity.Error,
        "The document nests deeper, or expands through aliases to more nodes, than any Kubernetes object could: an alias bomb skips its document, excessive nesting stops the reading of the file there.",
        reportedBy: Engine);

    public static RuleDescriptor DS9007_NoManifests { get; } = Entry(
        "DS9007", "No manifests found", RuleCategory.Input, Severity.Warning,
        "A folder given on the command line holds no .yaml, .yml or .json file.",
        reportedBy: Engine);

    public static RuleDescriptor DS9008_InternalError { get; } = Entry(
        "DS9008", "Internal error", RuleCategory.Input, Severity.Error,
        "DaemonLint failed on this input; the rest of the input was still checked. Please report it.",
        reportedBy: Engine);

    public static RuleDescriptor DS9009_ConfigurationError { get; } = Entry(
        "DS9009", "Configuration must be valid", RuleCategory.Input, Severity.Error,
        "A DaemonLint configuration file or option is invalid.",
        reportedBy: Engine);

    public static RuleDescriptor DS9010_UnusedSuppression { get; } = Entry(
        "DS9010", "Suppression is unused", RuleCategory.Input, Severity.Info,
        "A daemonlint.io/ignore annotation, a daemonlint-disable comment or a .daemonlint.yaml ignore entry suppresses nothing; remove it so it cannot hide a future finding.",
        reportedBy: Engine);
#pragma warning restore SA1600, CS1591
}
