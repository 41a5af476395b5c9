using System;
using System.Collections.Generic;
using DaemonLint.Model;

namespace DaemonLint.Catalog;

/// <summary>The metadata of every rule, in one table. Hosts iterate it; they are never edited to add a rule.</summary>
public static partial class RuleCatalog
{
    private const string AV = "pkg/apis/apps/validation/validation.go";
    private const string CV = "pkg/apis/core/validation/validation.go";
    private const string MV = "staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go";

#pragma warning disable SA1600, CS1591 // the property names carry id and title
    public static RuleDescriptor DS1001_SelectorMustMatchTemplateLabels { get; } = new(
        RuleIds.SelectorMustMatchTemplateLabels, "Selector must match the template labels", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.selector must select the pods of spec.template: every matchLabels pair and every matchExpressions requirement must hold for spec.template.metadata.labels.",
        upstream: AV + " ValidateDaemonSetSpec");

    public static RuleDescriptor DS1002_SelectorRequired { get; } = new(
        RuleIds.SelectorRequired, "Selector is required in apps/v1", RuleCategory.ApiCorrectness, Severity.Error,
        "apps/v1 no longer copies the template labels into a missing spec.selector; a missing selector matches nothing, so the server rejects the template labels as not matching.",
        upstream: AV + " ValidateDaemonSetSpec (nil selector)");

    public static RuleDescriptor DS1003_SelectorMustNotBeEmpty { get; } = new(
        RuleIds.SelectorMustNotBeEmpty, "Selector must not be empty", RuleCategory.ApiCorrectness, Severity.Error,
        "An empty selector (no matchLabels and no matchExpressions) would select every pod of the namespace; the server rejects it for DaemonSets.",
        upstream: AV + " ValidateDaemonSetSpec");

    public static RuleDescriptor DS1004_LabelSelectorMustBeValid { get; } = new(
        RuleIds.LabelSelectorMustBeValid, "Label selector must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "matchLabels keys and values must be valid labels; matchExpressions need a valid key, a known operator, and values exactly when the operator takes them.",
        upstream: MV + " ValidateLabelSelector");

    public static RuleDescriptor DS1005_SelectorIsImmutable { get; } = new(
        RuleIds.SelectorIsImmutable, "Selector is immutable", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.selector cannot change once the DaemonSet exists; the server compares it with semantic equality (map order ignored, list order not).",
        upstream: "pkg/registry/apps/daemonset/strategy.go ValidateUpdate");

    public static RuleDescriptor DS1006_NameMustBeValid { get; } = new(
        RuleIds.NameMustBeValid, "Name must be a valid DNS subdomain", RuleCategory.ApiCorrectness, Severity.Error,
        "metadata.name (or generateName) is required and must be a lowercase RFC 1123 subdomain of at most 253 characters.",
        upstream: "staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateObjectMetaAccessor");

    public static RuleDescriptor DS1007_LabelsMustBeValid { get; } = new(
        RuleIds.LabelsMustBeValid, "Labels must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Label keys are qualified names with an optional DNS subdomain prefix; values are at most 63 characters of alphanumerics, '-', '_' and '.'.",
        upstream: MV + " ValidateLabels");

    public static RuleDescriptor DS1008_AnnotationsMustBeValid { get; } = new(
        RuleIds.AnnotationsMustBeValid, "Annotations must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Annotation keys are qualified names (checked after lower-casing); keys and values together may not exceed 256 KiB.",
        upstream: "staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateAnnotations");

    public static RuleDescriptor DS1009_RestartPolicyMustBeAlways { get; } = new(
        RuleIds.RestartPolicyMustBeAlways, "Pod restartPolicy must be Always", RuleCategory.ApiCorrectness, Severity.Error,
        "Daemon pods run for the life of their node: the only restartPolicy a DaemonSet accepts is Always (the default when unset).",
        upstream: AV + " ValidateDaemonSetSpec");

    public static RuleDescriptor DS1010_ActiveDeadlineSecondsForbidden { get; } = new(
        RuleIds.ActiveDeadlineSecondsForbidden, "activeDeadlineSeconds is not supported in a DaemonSet", RuleCategory.ApiCorrectness, Severity.Error,
        "A daemon pod has no deadline; the server forbids spec.template.spec.activeDeadlineSeconds.",
        upstream: AV + " ValidateDaemonSetSpec");

    public static RuleDescriptor DS1011_MinReadySecondsMustBeNonNegative { get; } = new(
        RuleIds.MinReadySecondsMustBeNonNegative, "minReadySeconds must not be negative", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.minReadySeconds must be greater than or equal to 0.",
        upstream: AV + " ValidateDaemonSetSpec");

    public static RuleDescriptor DS1012_RevisionHistoryLimitMustBeNonNegative { get; } = new(
        RuleIds.RevisionHistoryLimitMustBeNonNegative, "revisionHistoryLimit must not be negative", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.revisionHistoryLimit must be greater than or equal to 0 (0 keeps no old revisions).",
        upstream: AV + " ValidateDaemonSetSpec");

    public static RuleDescriptor DS1013_UpdateStrategyTypeMustBeSupported { get; } = new(
        RuleIds.UpdateStrategyTypeMustBeSupported, "Update strategy type must be RollingUpdate or OnDelete", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.updateStrategy.type is case-sensitive and must be RollingUpdate (the default) or OnDelete.",
        upstream: AV + " ValidateDaemonSetUpdateStrategy");

    public static RuleDescriptor DS1014_RollingUpdateValueMustBeIntOrPercent { get; } = new(
        RuleIds.RollingUpdateValueMustBeIntOrPercent, "maxUnavailable and maxSurge must be a non-negative integer or a percentage", RuleCategory.ApiCorrectness, Severity.Error,
        "Each of rollingUpdate.maxUnavailable and maxSurge is an integer ≥ 0 or a string 'N%' with N ≤ 100; a quoted number is a string and is rejected.",
        upstream: AV + " ValidatePositiveIntOrPercent / IsNotMoreThan100Percent");

    public static RuleDescriptor DS1015_MaxSurgeRequiresZeroMaxUnavailable { get; } = new(
        RuleIds.MaxSurgeRequiresZeroMaxUnavailable, "maxSurge may not be set when maxUnavailable is non-zero", RuleCategory.ApiCorrectness, Severity.Error,
        "Exactly one of maxUnavailable and maxSurge may be non-zero; maxUnavailable defaults to 1, so a surge needs an explicit maxUnavailable: 0.",
        upstream: AV + " ValidateRollingUpdateDaemonSet");

    public static RuleDescriptor DS1016_MaxUnavailableAndMaxSurgeNotBothZero { get; } = new(
        RuleIds.MaxUnavailableAndMaxSurgeNotBothZero, "maxUnavailable cannot be 0 when maxSurge is 0", RuleCategory.ApiCorrectness, Severity.Error,
        "A rolling update with neither unavailability nor surge could never progress; maxSurge defaults to 0.",
        upstream: AV + " ValidateRollingUpdateDaemonSet");

    public static RuleDescriptor DS1017_TolerationMustBeValid { get; } = new(
        RuleIds.TolerationMustBeValid, "Toleration must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "A toleration needs a valid key (or operator Exists for all keys), operator Equal or Exists, a value only with Equal, a known effect, and tolerationSeconds only with NoExecute.",
        upstream: CV + " ValidateTolerations");

    public static RuleDescriptor DS1018_NodeSelectorMustBeValid { get; } = new(
        RuleIds.NodeSelectorMustBeValid, "nodeSelector must hold valid labels", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.template.spec.nodeSelector keys and values follow the label syntax.",
        upstream: CV + " ValidatePodSpec");

    public static RuleDescriptor DS1019_NodeAffinityMustBeValid { get; } = new(
        RuleIds.NodeAffinityMustBeValid, "Node affinity must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Required node affinity needs at least one term; expressions need a valid key and operator and the right number of values; matchFields only on metadata.name; preferred weights 1-100.",
        upstream: CV + " ValidateNodeSelector / ValidatePreferredSchedulingTerms");

    public static RuleDescriptor DS1020_KindMustBeDaemonSet { get; } = new(
        RuleIds.KindMustBeDaemonSet, "Kind is spelt DaemonSet", RuleCategory.ApiCorrectness, Severity.Error,
        "Kinds are case-sensitive: 'Daemonset' or 'daemonset' is no kind the server knows, and the object is rejected.",
        upstream: "apimachinery RESTMapper: no matches for kind");

    public static RuleDescriptor DS1021_ApiVersionMustBeServed { get; } = new(
        RuleIds.ApiVersionMustBeServed, "DaemonSet apiVersion must be apps/v1", RuleCategory.ApiCorrectness, Severity.Error,
        "DaemonSet is served only as apps/v1; an apiVersion that never existed for it is rejected.",
        upstream: "apimachinery RESTMapper: no matches for kind");

    public static RuleDescriptor DS6001_ApiVersionRemoved { get; } = new(
        RuleIds.ApiVersionRemoved, "DaemonSet apiVersion was removed", RuleCategory.Versions, Severity.Error,
        "extensions/v1beta1 and apps/v1beta2 DaemonSets (and the whole apps/v1beta1 group version) are no longer served since Kubernetes 1.16; use apps/v1.",
        upstream: "CHANGELOG-1.16; kubernetes.io blog 'Deprecated APIs Removed In 1.16'");

    public static RuleDescriptor DS9001_YamlSyntax { get; } = new(
        RuleIds.YamlSyntax, "YAML must parse", RuleCategory.Input, Severity.Error,
        "The file is not valid YAML (or JSON); nothing after the error can be read.");

    public static RuleDescriptor DS9002_FileUnreadable { get; } = new(
        RuleIds.FileUnreadable, "File must be readable", RuleCategory.Input, Severity.Error,
        "The file does not exist or cannot be read.");

    public static RuleDescriptor DS9003_NotText { get; } = new(
        RuleIds.NotText, "File must be UTF-8 text", RuleCategory.Input, Severity.Error,
        "The file is binary or not valid UTF-8 (or UTF-16 with a byte order mark), so it cannot be a manifest.");

    public static RuleDescriptor DS9004_DuplicateKey { get; } = new(
        RuleIds.DuplicateKey, "Mapping keys must be unique", RuleCategory.Input, Severity.Error,
        "A key appears twice in one mapping; kubectl's strict decoding rejects the document, and lenient tools silently keep the last value, so one of the two settings is lost either way.");

    public static RuleDescriptor DS9005_FileTooLarge { get; } = new(
        RuleIds.FileTooLarge, "File is too large", RuleCategory.Input, Severity.Error,
        "The file is larger than the configured limit (--max-file-size, 64 MiB by default), so it is not read; no Kubernetes object comes close (the API server takes requests of at most 3 MiB each).");

    public static RuleDescriptor DS9006_DocumentTooComplex { get; } = new(
        RuleIds.DocumentTooComplex, "Document is too deep or expands too far", RuleCategory.Input, Severity.Error,
        "The document nests deeper, or expands through aliases to more nodes, than any Kubernetes object could: an alias bomb skips its document, excessive nesting stops the reading of the file there.");

    public static RuleDescriptor DS9007_NoManifests { get; } = new(
        RuleIds.NoManifests, "No manifests found", RuleCategory.Input, Severity.Warning,
        "A folder given on the command line holds no .yaml, .yml or .json file.");

    public static RuleDescriptor DS9008_InternalError { get; } = new(
        RuleIds.InternalError, "Internal error", RuleCategory.Input, Severity.Error,
        "DaemonLint failed on this input; the rest of the input was still checked. Please report it.");

    public static RuleDescriptor DS9009_ConfigurationError { get; } = new(
        RuleIds.ConfigurationError, "Configuration must be valid", RuleCategory.Input, Severity.Error,
        "A DaemonLint configuration file or option is invalid.");

    public static RuleDescriptor DS9010_UnusedSuppression { get; } = new(
        RuleIds.UnusedSuppression, "Suppression is unused", RuleCategory.Input, Severity.Info,
        "A daemonlint.io/ignore annotation, a daemonlint-disable comment or a .daemonlint.yaml ignore entry suppresses nothing; remove it so it cannot hide a future finding.");
#pragma warning restore SA1600, CS1591

    // Built on first use, not in a static initializer: the descriptors of the other partial files are static
    // properties too, and C# runs the initializers of a partial class's files in no guaranteed order.
    private static RuleDescriptor[]? all;
    private static Dictionary<string, RuleDescriptor>? byId;

    /// <summary>Gets every rule, in id order.</summary>
    public static IReadOnlyList<RuleDescriptor> All => all ??= BuildAll();

    private static Dictionary<string, RuleDescriptor> ById => byId ??= BuildIndex();

    /// <summary>Looks up a rule by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The descriptor.</returns>
    public static RuleDescriptor Get(string id) =>
        ById.TryGetValue(id, out var d) ? d : throw new ArgumentException($"unknown rule id '{id}'", nameof(id));

    /// <summary>Looks up a rule by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="descriptor">The descriptor.</param>
    /// <returns>Whether the id exists.</returns>
    public static bool TryGet(string id, out RuleDescriptor descriptor)
    {
        if (ById.TryGetValue(id, out var d))
        {
            descriptor = d;
            return true;
        }

        descriptor = null!;
        return false;
    }

    private static RuleDescriptor[] BuildAll()
    {
        var all = new List<RuleDescriptor>();
        all.AddRange(CoreRules());
        all.AddRange(PodSpecRules());
        all.AddRange(PodResourcesRules());
        all.AddRange(SchemaRules());
        all.AddRange(PlacementRules());
        all.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return all.ToArray();
    }

    private static RuleDescriptor[] CoreRules() => new[]
    {
        DS1001_SelectorMustMatchTemplateLabels,
        DS1002_SelectorRequired,
        DS1003_SelectorMustNotBeEmpty,
        DS1004_LabelSelectorMustBeValid,
        DS1005_SelectorIsImmutable,
        DS1006_NameMustBeValid,
        DS1007_LabelsMustBeValid,
        DS1008_AnnotationsMustBeValid,
        DS1009_RestartPolicyMustBeAlways,
        DS1010_ActiveDeadlineSecondsForbidden,
        DS1011_MinReadySecondsMustBeNonNegative,
        DS1012_RevisionHistoryLimitMustBeNonNegative,
        DS1013_UpdateStrategyTypeMustBeSupported,
        DS1014_RollingUpdateValueMustBeIntOrPercent,
        DS1015_MaxSurgeRequiresZeroMaxUnavailable,
        DS1016_MaxUnavailableAndMaxSurgeNotBothZero,
        DS1017_TolerationMustBeValid,
        DS1018_NodeSelectorMustBeValid,
        DS1019_NodeAffinityMustBeValid,
        DS1020_KindMustBeDaemonSet,
        DS1021_ApiVersionMustBeServed,
        DS6001_ApiVersionRemoved,
        DS9001_YamlSyntax,
        DS9002_FileUnreadable,
        DS9003_NotText,
        DS9004_DuplicateKey,
        DS9005_FileTooLarge,
        DS9006_DocumentTooComplex,
        DS9007_NoManifests,
        DS9008_InternalError,
        DS9009_ConfigurationError,
        DS9010_UnusedSuppression,
    };

    private static Dictionary<string, RuleDescriptor> BuildIndex()
    {
        var d = new Dictionary<string, RuleDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in All)
        {
            d.Add(r.Id, r);
        }

        return d;
    }
}
