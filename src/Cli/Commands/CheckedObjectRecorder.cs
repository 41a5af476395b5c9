using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Cli.Commands;

/// <summary>
/// A pseudo-rule placed first in the CLI's rule list: it reports nothing and records every DaemonSet-like object the
/// validator checks, so formats that list objects (JUnit) can show the clean ones too. The validator reports only
/// counts, and the recorder avoids reading each file twice.
/// </summary>
internal sealed class CheckedObjectRecorder : Rule
{
    private readonly List<ObjectRef> into;

    /// <summary>Initializes a new instance of the <see cref="CheckedObjectRecorder"/> class.</summary>
    /// <param name="into">The list to append to.</param>
    public CheckedObjectRecorder(List<ObjectRef> into)
        : base(RuleCatalog.DS9008_InternalError) => this.into = into;

    /// <inheritdoc />
    public override RuleTarget Target => RuleTarget.DaemonSetLike;

    /// <summary>Builds the rule list of a run: the recorder, then every rule.</summary>
    /// <param name="into">The list to append checked objects to.</param>
    /// <returns>The rules.</returns>
    public static IReadOnlyList<Rule> WithAllRules(List<ObjectRef> into)
    {
        var rules = new List<Rule> { new CheckedObjectRecorder(into) };
        rules.AddRange(Rules.RuleSet.All);
        return rules;
    }

    /// <inheritdoc />
    public override void Check(RuleContext context) => this.into.Add(context.Object.Ref);
}
