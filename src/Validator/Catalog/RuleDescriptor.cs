using System;
using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Catalog;

/// <summary>The category of a rule; the thousands of its id.</summary>
public enum RuleCategory
{
    /// <summary>DS1xxx: what the API server rejects.</summary>
    ApiCorrectness = 1,

    /// <summary>DS2xxx: structure against the OpenAPI schema.</summary>
    Schema = 2,

    /// <summary>DS3xxx: placement and scheduling.</summary>
    Placement = 3,

    /// <summary>DS4xxx: rollout and reliability.</summary>
    Reliability = 4,

    /// <summary>DS5xxx: security.</summary>
    Security = 5,

    /// <summary>DS6xxx: versions and deprecations.</summary>
    Versions = 6,

    /// <summary>DS9xxx: input and tool.</summary>
    Input = 9,
}

/// <summary>The metadata of one rule: everything a host needs to report it.</summary>
public sealed record RuleDescriptor
{
    /// <summary>The base of every help link.</summary>
    public const string HelpBase = "https://github.com/daemonlint/daemonlint/blob/main/docs/rules/";

    /// <summary>Initializes a new instance of the <see cref="RuleDescriptor"/> class.</summary>
    /// <param name="id">The id.</param>
    /// <param name="title">The title, no trailing period.</param>
    /// <param name="category">The category.</param>
    /// <param name="defaultSeverity">The default severity.</param>
    /// <param name="description">One or two sentences, ending with a period.</param>
    /// <param name="enabledByDefault">Whether the rule runs unless configured.</param>
    /// <param name="upstream">The upstream source the rule mirrors.</param>
    public RuleDescriptor(string id, string title, RuleCategory category, Severity defaultSeverity, string description, bool enabledByDefault = true, string? upstream = null)
    {
        this.Id = id;
        this.Title = title;
        this.Category = category;
        this.DefaultSeverity = defaultSeverity;
        this.Description = description;
        this.EnabledByDefault = enabledByDefault;
        this.Upstream = upstream;
    }

    /// <summary>Gets the id (<c>DS1001</c>).</summary>
    public string Id { get; }

    /// <summary>Gets the title.</summary>
    public string Title { get; }

    /// <summary>Gets the category.</summary>
    public RuleCategory Category { get; }

    /// <summary>Gets the default severity.</summary>
    public Severity DefaultSeverity { get; }

    /// <summary>Gets the description.</summary>
    public string Description { get; }

    /// <summary>Gets a value indicating whether the rule runs unless configured otherwise.</summary>
    public bool EnabledByDefault { get; }

    /// <summary>Gets the upstream source the rule mirrors, if any.</summary>
    public string? Upstream { get; }

    /// <summary>
    /// Gets the feature gates whose state changes what the rule reports, read directly or through the pod validation
    /// options computed from them (empty for most rules). A test run over every fixture at every release checks that
    /// a rule reads exactly the gates it declares. Fields a disabled gate drops are not listed: the engine removes them
    /// before any rule runs (DS6003 reports them).
    /// </summary>
    public IReadOnlyList<FeatureGate> Gates { get; init; } = Array.Empty<FeatureGate>();

    /// <summary>Gets the help link.</summary>
    public string HelpUri => HelpBase + this.Id + ".md";

    /// <summary>Gets the factory of the rule class that implements this id, or null when <see cref="ReportedBy"/> names who reports it.</summary>
    internal Func<Rule>? Create { get; init; }

    /// <summary>Gets who reports this id when no rule class of its own does: the id of the rule whose class reports it too, or <c>engine</c> (the validator and the hosts, while reading the input).</summary>
    internal string? ReportedBy { get; init; }

    /// <summary>Gets the category name used in SARIF and the analyzers.</summary>
    public string CategoryName => this.Category switch
    {
        RuleCategory.ApiCorrectness => "ApiCorrectness",
        RuleCategory.Schema => "Schema",
        RuleCategory.Placement => "Placement",
        RuleCategory.Reliability => "Reliability",
        RuleCategory.Security => "Security",
        RuleCategory.Versions => "Versions",
        _ => "Input",
    };
}
