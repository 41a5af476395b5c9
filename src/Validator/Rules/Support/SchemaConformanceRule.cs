using System;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Schema;

namespace DaemonLint.Rules.Support;

/// <summary>
/// Base of DS2001-DS2005: decodes an apps/v1 DaemonSet against the embedded OpenAPI-derived schema of the configured
/// Kubernetes release the way the API server's strict decoder does (a field of another release is unknown, and its
/// message says which releases have it), and reports unknown fields, wrong types, YAML 1.1 booleans and numbers where strings
/// are expected, and quantities that do not parse, each at the offending field. One rule class per id, so each id can
/// be configured (or turned off) on its own; the walk itself runs once per object and is shared by the five.
/// </summary>
internal abstract class SchemaConformanceRule : Rule
{
    private static readonly object WalkKey = new();

    private readonly SchemaIssueKind issueKind;
    private readonly FindingKind findingKind;

    /// <summary>Initializes a new instance of the <see cref="SchemaConformanceRule"/> class.</summary>
    /// <param name="descriptor">The catalog entry.</param>
    /// <param name="issueKind">The kind of schema issue this rule reports.</param>
    private protected SchemaConformanceRule(RuleDescriptor descriptor, SchemaIssueKind issueKind)
        : base(descriptor)
    {
        this.issueKind = issueKind;
        this.findingKind = issueKind == SchemaIssueKind.UnknownField ? FindingKind.Forbidden : FindingKind.Invalid;
    }

    /// <inheritdoc />
    /// <remarks>The decoder reads the object as written, before the API server drops the fields of disabled gates.</remarks>
    public sealed override bool ReadsWrittenObject => true;

    /// <inheritdoc />
    public sealed override void Check(RuleContext context)
    {
        foreach (var issue in context.SchemaIssues ?? context.Shared(WalkKey, c => Walk(c.Written, c.Release)))
        {
            if (issue.Kind == this.issueKind)
            {
                context.Report(this.findingKind, issue.Path, issue.Detail, issue.BadValue, issue.Hint);
            }
        }
    }

    /// <summary>
    /// The decoder's issues with an object, against the schema of the configured release: a field of another release is
    /// unknown here, and its message says which.
    /// </summary>
    /// <param name="obj">The object as written.</param>
    /// <param name="release">The release.</param>
    /// <returns>The issues; empty for a kind without a schema.</returns>
    internal static IReadOnlyList<SchemaIssue> Walk(ManifestObject obj, KubernetesRelease release)
    {
        var schema = SchemaSet.For(release).ForKind(obj.ApiVersion, obj.Kind);
        return schema is null ? Array.Empty<SchemaIssue>() : SchemaValidator.Validate(obj.Root, schema);
    }
}
