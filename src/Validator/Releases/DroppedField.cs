using DaemonLint.Model;

namespace DaemonLint.Releases;

/// <summary>What the API server does to a field whose feature gate is off.</summary>
public enum DropAction
{
    /// <summary>The field is removed before validation.</summary>
    Removed,

    /// <summary>The field is reset to its default value before validation (<c>procMount</c> becomes <c>Default</c>).</summary>
    ResetToDefault,
}

/// <summary>
/// A field the API server drops from a DaemonSet's template before validating it, because its feature gate is off
/// (<c>DropDisabledTemplateFields</c>) and the stored object does not already use it. Rules never see such a field;
/// the user probably expects it to take effect, so the finding that reports it is informational.
/// </summary>
/// <param name="Path">The field as written (indexes of the original lists).</param>
/// <param name="Gate">The gate that is off.</param>
/// <param name="Action">Removed or reset.</param>
/// <param name="Reason">Why, as a sentence fragment: <c>feature gate UserNamespacesSupport is off in Kubernetes 1.32</c>.</param>
public sealed record DroppedField(FieldPath Path, FeatureGate Gate, DropAction Action, string Reason)
{
    /// <summary>Gets the message: <c>`spec.template.spec.hostUsers` is dropped by the API server: feature gate UserNamespacesSupport is off in Kubernetes 1.32</c>.</summary>
    public string Message => this.Action == DropAction.ResetToDefault
        ? $"`{this.Path}` is reset to Default by the API server: {this.Reason}"
        : $"`{this.Path}` is dropped by the API server: {this.Reason}";

    /// <inheritdoc />
    public override string ToString() => this.Message;
}
