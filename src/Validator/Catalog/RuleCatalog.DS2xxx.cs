using DaemonLint.Model;
using DaemonLint.Rules.DS2xxx;

namespace DaemonLint.Catalog;

/// <summary>Catalog entries DS2001-DS2999: structure against the OpenAPI schema, as the API server's strict decoder reads it.</summary>
public static partial class RuleCatalog
{
    private const string SchemaDecoder = "sigs.k8s.io/json strict decoding (apiserver field validation); sigs.k8s.io/yaml YAMLToJSON";

#pragma warning disable SA1600, CS1591 // the property names carry id and title
    public static RuleDescriptor DS2001_UnknownField { get; } = Entry(
        "DS2001", "Field must exist in the schema", RuleCategory.Schema, Severity.Error,
        "kubectl asks the API server for strict field validation, so a field the type does not declare (a misspelling, a field of another kind or version) is rejected with 'strict decoding error: unknown field'. Checked against the Kubernetes v1.32 OpenAPI.",
        upstream: SchemaDecoder,
        create: static () => new DS2001UnknownField());

    public static RuleDescriptor DS2002_WrongType { get; } = Entry(
        "DS2002", "Value must have the type the schema declares", RuleCategory.Schema, Severity.Error,
        "The decoder rejects a mapping where a string is expected, a quoted number where an integer is expected, a fraction or an out-of-range number in an int32 or int64 field, and so on ('json: cannot unmarshal ...'). Null is accepted anywhere.",
        upstream: SchemaDecoder,
        create: static () => new DS2002WrongType());

    public static RuleDescriptor DS2003_YamlBooleanForString { get; } = Entry(
        "DS2003", "Unquoted yes/no/on/off/true/false where a string is expected", RuleCategory.Schema, Severity.Error,
        "Kubernetes reads YAML 1.1: an unquoted yes, no, on, off, y, n, true or false is a boolean, so a label, annotation, env value or argument written that way is rejected. Quote it.",
        upstream: SchemaDecoder,
        create: static () => new DS2003YamlBooleanForString());

    public static RuleDescriptor DS2004_YamlNumberForString { get; } = Entry(
        "DS2004", "Unquoted number where a string is expected", RuleCategory.Schema, Severity.Error,
        "An unquoted 8080, 1.10 (the float 1.1) or 0640 (YAML 1.1 octal, 416) is a number, so a label, annotation, env value or argument written that way is rejected. Quote it.",
        upstream: SchemaDecoder,
        create: static () => new DS2004YamlNumberForString());

    public static RuleDescriptor DS2005_QuantityMustParse { get; } = Entry(
        "DS2005", "Resource quantity must parse", RuleCategory.Schema, Severity.Error,
        "Quantities (resources, sizeLimit) are a number with an optional case-sensitive suffix (m, k, M, G, Ki, Mi, Gi, e3, ...); anything else fails decoding. Plain numbers such as cpu: 1 are fine.",
        upstream: "k8s.io/apimachinery/pkg/api/resource/quantity.go ParseQuantity",
        create: static () => new DS2005QuantityMustParse());
#pragma warning restore SA1600, CS1591
}
