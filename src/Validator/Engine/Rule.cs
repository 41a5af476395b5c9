using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Engine;

/// <summary>Which objects a rule looks at.</summary>
public enum RuleTarget
{
    /// <summary>apps/v1 DaemonSets (the default).</summary>
    DaemonSet,

    /// <summary>Every object whose kind is, or nearly is, DaemonSet, in any apiVersion (version and kind rules).</summary>
    DaemonSetLike,
}

/// <summary>
/// A rule: one sealed class per rule holds its logic; its metadata lives in <see cref="RuleCatalog"/>. Rules read the
/// format-neutral tree and report field paths; they never see lines, Roslyn or MSBuild.
/// </summary>
public abstract class Rule
{
    /// <summary>Initializes a new instance of the <see cref="Rule"/> class.</summary>
    /// <param name="descriptor">The catalog entry.</param>
    protected Rule(RuleDescriptor descriptor) => this.Descriptor = descriptor;

    /// <summary>Gets the catalog entry.</summary>
    public RuleDescriptor Descriptor { get; }

    /// <summary>Gets the objects the rule looks at.</summary>
    public virtual RuleTarget Target => RuleTarget.DaemonSet;

    /// <summary>
    /// Gets a value indicating whether the rule checks the object as written (<see cref="RuleContext.Written"/>) rather
    /// than as validated: decoding checks (DS2xxx) see the fields the server drops later. Its findings are located there.
    /// </summary>
    public virtual bool ReadsWrittenObject => false;

    /// <summary>Checks one object.</summary>
    /// <param name="context">The context.</param>
    public abstract void Check(RuleContext context);
}
