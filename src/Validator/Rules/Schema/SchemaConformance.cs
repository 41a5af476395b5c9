using System;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Schema;

namespace DaemonLint.Rules.Schema;

/// <summary>
/// DS2001-DS2005: decodes an apps/v1 DaemonSet against the embedded OpenAPI-derived schema the way the API server's
/// strict decoder does, and reports unknown fields, wrong types, YAML 1.1 booleans and numbers where strings are
/// expected, and quantities that do not parse, each at the offending field.
/// </summary>
public sealed class SchemaConformance : Rule
{
    /// <summary>Initializes a new instance of the <see cref="SchemaConformance"/> class.</summary>
    public SchemaConformance()
        : base(RuleCatalog.DS2001_UnknownField)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var obj = context.Object;
        var schema = SchemaSet.Kubernetes.ForKind(obj.ApiVersion, obj.Kind);
        if (schema is null)
        {
            return;
        }

        foreach (var issue in SchemaValidator.Validate(obj.Root, schema))
        {
            var (descriptor, kind) = issue.Kind switch
            {
                SchemaIssueKind.UnknownField => (RuleCatalog.DS2001_UnknownField, FindingKind.Forbidden),
                SchemaIssueKind.BooleanForString => (RuleCatalog.DS2003_YamlBooleanForString, FindingKind.Invalid),
                SchemaIssueKind.NumberForString => (RuleCatalog.DS2004_YamlNumberForString, FindingKind.Invalid),
                SchemaIssueKind.InvalidQuantity => (RuleCatalog.DS2005_QuantityMustParse, FindingKind.Invalid),
                SchemaIssueKind.WrongType => (RuleCatalog.DS2002_WrongType, FindingKind.Invalid),
                _ => throw new InvalidOperationException("unexpected issue kind " + issue.Kind),
            };
            context.Report(descriptor, kind, issue.Path, issue.Detail, issue.BadValue, issue.Hint);
        }
    }
}
