using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Schema;

/// <summary>What kind of decoding problem a <see cref="SchemaIssue"/> is.</summary>
public enum SchemaIssueKind
{
    /// <summary>A field the type does not declare (strict decoding rejects it).</summary>
    UnknownField,

    /// <summary>A value of the wrong JSON type, a non-integral number or an integer out of range.</summary>
    WrongType,

    /// <summary>A YAML 1.1 boolean (<c>yes</c>, <c>on</c>, <c>true</c>, ...) where a string is expected.</summary>
    BooleanForString,

    /// <summary>A YAML number (<c>1.10</c>, <c>0640</c>, <c>8080</c>) where a string is expected.</summary>
    NumberForString,

    /// <summary>A value that does not parse as a resource quantity.</summary>
    InvalidQuantity,
}

/// <summary>One problem the decoder would have with an object, at the field path it would report.</summary>
/// <param name="Kind">The kind of problem.</param>
/// <param name="Path">The field path (kubectl style: <c>spec.template.spec.containers[0].imagePullPolice</c>).</param>
/// <param name="Node">The offending value.</param>
/// <param name="Detail">The decoder's message (<c>strict decoding error: unknown field "spec.x"</c>, <c>json: cannot unmarshal ...</c>).</param>
/// <param name="BadValue">The value as written, for scalars; otherwise null.</param>
/// <param name="Hint">What to write instead, when known.</param>
/// <param name="KnownIn">For an unknown field that other supported releases have: those releases; otherwise null.</param>
public sealed record SchemaIssue(SchemaIssueKind Kind, FieldPath Path, ManifestNode Node, string Detail, string? BadValue, string? Hint, ReleaseSet? KnownIn = null);
