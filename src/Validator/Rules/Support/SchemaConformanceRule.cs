using System;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Schema;

namespace DaemonLint.Rules.Support;

/// <summary>
/// Base of DS2001-DS2005: decodes an apps/v1 DaemonSet against the embedded OpenAPI-derived schema the way the API
/// server's strict decoder does, and reports unknown fields, wrong types, YAML 1.1 booleans and numbers where strings
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
    public sealed override void Check(RuleContext context)
    {
        foreach (var issue in context.Shared(WalkKey, c => Walk(c.Object)))
        {
            if (issue.Kind == this.issueKind)
            {
                context.Report(this.findingKind, issue.Path, issue.Detail, issue.BadValue, issue.Hint);
            }
        }
    }

    private static IReadOnlyList<SchemaIssue> Walk(ManifestObject obj)
    {
        var schema = SchemaSet.Kubernetes.ForKind(obj.ApiVersion, obj.Kind);
        return schema is null ? Array.Empty<SchemaIssue>() : SchemaValidator.Validate(obj.Root, schema);
    }
}
