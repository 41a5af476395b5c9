using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.DS1xxx;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>
/// validateEphemeralVolumeSource → ValidatePersistentVolumeClaimTemplate: the template's metadata
/// (validatePersistentVolumeClaimTemplateObjectMeta: labels and annotations validated, every other field forbidden) and
/// ValidatePersistentVolumeClaimSpec with the options ValidationOptionsForPersistentVolumeClaimTemplate gives a template
/// without an old one (label values in the selector checked, API groups checked). Errors also unregister the volume.
/// </summary>
internal static class VolumeClaimTemplates
{
    private static readonly string[] AccessModes = { "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod" };
    private static readonly string[] VolumeModes = { "Block", "Filesystem" };

    // ObjectMeta's JSON names and the Go field names validateFieldAllowList reports (first rune lower-cased): uid is uID.
    private static readonly Dictionary<string, string> GoFieldNames = new(System.StringComparer.Ordinal)
    {
        ["name"] = "name",
        ["generateName"] = "generateName",
        ["namespace"] = "namespace",
        ["selfLink"] = "selfLink",
        ["uid"] = "uID",
        ["resourceVersion"] = "resourceVersion",
        ["generation"] = "generation",
        ["creationTimestamp"] = "creationTimestamp",
        ["deletionTimestamp"] = "deletionTimestamp",
        ["deletionGracePeriodSeconds"] = "deletionGracePeriodSeconds",
        ["ownerReferences"] = "ownerReferences",
        ["finalizers"] = "finalizers",
        ["managedFields"] = "managedFields",
    };

    /// <summary>Validates an ephemeral volume source.</summary>
    /// <param name="info">The volume.</param>
    /// <param name="source">The <c>ephemeral</c> mapping.</param>
    /// <param name="path">Its path.</param>
    /// <param name="options">The validation options.</param>
    public static void ValidateEphemeral(VolumeInfo info, MappingNode source, FieldPath path, VolumeValidationOptions options)
    {
        var sink = info.Sink(RuleCatalog.DS1368_EphemeralVolumeClaimTemplateMustBeValid);
        var templatePath = path.Child("volumeClaimTemplate");
        if (source.IsUnknown("volumeClaimTemplate"))
        {
            return;
        }

        if (source["volumeClaimTemplate"] is not MappingNode template)
        {
            if (PodFields.IsCertainlyUnset(source, "volumeClaimTemplate"))
            {
                sink(FindingKind.Required, templatePath, string.Empty, null, "an ephemeral volume needs a volumeClaimTemplate with the claim's spec (accessModes, resources.requests.storage)", null);
            }

            return;
        }

        if (template.Map("metadata") is { } metadata)
        {
            ValidateMetadata(sink, metadata, templatePath.Child("metadata"));
        }

        var specPath = templatePath.Child("spec");
        if (template.IsUnknown("spec") || (template["spec"] is null && template.HasUnknownEntries))
        {
            return;
        }

        // A missing spec is the zero PersistentVolumeClaimSpec: no access modes, no storage request.
        var spec = template["spec"] as MappingNode;
        if (spec is null && template["spec"] is { IsNull: false })
        {
            return; // a wrong type: a decoding error
        }

        ValidateSpec(sink, spec, specPath, templatePath, options);
    }

    private static void ValidateMetadata(IssueSink sink, MappingNode metadata, FieldPath path)
    {
        DS1008AnnotationsMustBeValid.ValidateAnnotations(sink, metadata.Map("annotations"), path.Child("annotations"));
        LabelValidation.ValidateLabels(sink, metadata.Map("labels"), path.Child("labels"));
        foreach (var e in metadata.Entries)
        {
            if (GoFieldNames.TryGetValue(e.Key, out var goName) && IsSet(e.Key, e.Value))
            {
                sink(
                    FindingKind.Forbidden,
                    path.Child(goName),
                    "cannot be set",
                    null,
                    $"only labels and annotations of a claim template are used (the claim is named <pod>-<volume>); remove {e.Key}",
                    path.Child(e.Key));
            }
        }
    }

    // Whether the decoded Go value differs from its zero value (reflect.DeepEqual): "" and 0 are zero, an empty list is
    // not, and deletionGracePeriodSeconds is a pointer (0 is set). A timestamp string is set (even the zero time: it is
    // decoded in the local zone).
    private static bool IsSet(string key, ManifestNode value) => value switch
    {
        { IsNull: true } => false,
        ScalarNode { Type: ScalarType.Int } when key == "deletionGracePeriodSeconds" => true,
        ScalarNode { Type: ScalarType.String } s => s.Raw.Length > 0,
        ScalarNode { Type: ScalarType.Int } i => i.IntValue != 0,
        SequenceNode => true,
        _ => false, // unknown, or a type that does not decode (the schema layer reports it)
    };

    private static void ValidateSpec(IssueSink sink, MappingNode? spec, FieldPath path, FieldPath templatePath, VolumeValidationOptions options)
    {
        var at = spec is null ? templatePath : path;
        AccessModesOf(sink, spec, path, at);
        if (spec.Map("selector") is { } selector)
        {
            LabelValidation.ValidateLabelSelector(sink, selector, path.Child("selector"));
        }

        Storage(sink, spec, path, at);

        if (spec is null)
        {
            return;
        }

        if (PodFields.TryString(spec, "storageClassName", out var storageClass) && !string.IsNullOrEmpty(storageClass))
        {
            foreach (var msg in K8sNames.NameIsDnsSubdomain(storageClass!, prefix: false))
            {
                sink(FindingKind.Invalid, path.Child("storageClassName"), msg, Nodes.Quote(storageClass!), null, null);
            }
        }

        if (spec["volumeMode"] is ScalarNode { Type: ScalarType.String } mode && System.Array.IndexOf(VolumeModes, mode.Raw) < 0)
        {
            sink(FindingKind.NotSupported, path.Child("volumeMode"), PodSpecNodes.SupportedValues(VolumeModes), Nodes.Quote(mode.Raw), PodSpecNodes.CaseHint("volumeMode", mode.Raw, VolumeModes), null);
        }

        var dataSource = spec.Map("dataSource");
        var dataSourceRef = spec.Map("dataSourceRef");
        if (dataSource is not null)
        {
            DataSource(sink, dataSource, path.Child("dataSource"), isRef: false);
        }

        if (dataSourceRef is not null)
        {
            DataSource(sink, dataSourceRef, path.Child("dataSourceRef"), isRef: true);
        }

        if (dataSourceRef is not null && PodFields.TryString(dataSourceRef, "namespace", out var ns) && !string.IsNullOrEmpty(ns))
        {
            if (dataSource is not null)
            {
                sink(FindingKind.Invalid, path, "may not be specified when dataSourceRef.namespace is specified", Nodes.Quote(path.Child("dataSource").ToString()), "a cross-namespace dataSourceRef takes no dataSource; remove dataSource", path.Child("dataSource"));
            }
        }
        else if (dataSource is not null && dataSourceRef is not null && !dataSourceRef.IsUnknown("namespace") && SameReference(dataSource, dataSourceRef) == false)
        {
            sink(FindingKind.Invalid, path, "must match dataSourceRef", Nodes.Quote(path.Child("dataSource").ToString()), "keep one of dataSource and dataSourceRef, or make apiGroup, kind and name the same", path.Child("dataSource"));
        }

        if (options.EnableVolumeAttributesClass && PodFields.TryString(spec, "volumeAttributesClassName", out var vac) && !string.IsNullOrEmpty(vac))
        {
            foreach (var msg in K8sNames.NameIsDnsSubdomain(vac!, prefix: false))
            {
                sink(FindingKind.Invalid, path.Child("volumeAttributesClassName"), msg, Nodes.Quote(vac!), null, null);
            }
        }
    }

    private static void AccessModesOf(IssueSink sink, MappingNode? spec, FieldPath path, FieldPath at)
    {
        var node = spec?["accessModes"];
        if (spec is not null && (spec.IsUnknown("accessModes") || (node is null && spec.HasUnknownEntries)))
        {
            return;
        }

        var modes = node as SequenceNode;
        if (node is { IsNull: false } && modes is null)
        {
            return; // a wrong type
        }

        if (modes is null || (modes.Count == 0 && !modes.HasUnknownItems))
        {
            sink(FindingKind.Required, path.Child("accessModes"), "at least 1 access mode is required", null, "set accessModes, e.g. [ReadWriteOnce]", at);
            return;
        }

        bool readWriteOncePod = false, other = false;
        foreach (var item in modes.Items)
        {
            if (item is not ScalarNode { Type: ScalarType.String } s)
            {
                continue;
            }

            if (System.Array.IndexOf(AccessModes, s.Raw) < 0)
            {
                sink(FindingKind.NotSupported, path.Child("accessModes"), PodSpecNodes.SupportedValues(AccessModes), Nodes.Quote(s.Raw), PodSpecNodes.CaseHint("accessModes", s.Raw, AccessModes), null);
            }
            else if (s.Raw == "ReadWriteOncePod")
            {
                readWriteOncePod = true;
            }
            else
            {
                other = true;
            }
        }

        if (readWriteOncePod && other)
        {
            sink(FindingKind.Forbidden, path.Child("accessModes"), "may not use ReadWriteOncePod with other access modes", null, "ReadWriteOncePod stands alone", null);
        }
    }

    private static void Storage(IssueSink sink, MappingNode? spec, FieldPath path, FieldPath at)
    {
        // Reported at spec.resources[storage]: the key of requests, without "requests".
        var storagePath = path.Child("resources").Key("storage");
        var resources = spec?["resources"];
        if (resources is UnknownNode || (resources is null && spec is { HasUnknownEntries: true }))
        {
            return;
        }

        var requests = (resources as MappingNode)?["requests"];
        if (requests is UnknownNode || (requests is null && resources is MappingNode { HasUnknownEntries: true }) || (resources is { IsNull: false } and not MappingNode))
        {
            return;
        }

        if (requests is MappingNode map && map.TryGetEntry("storage", out var storage))
        {
            // A null quantity decodes to zero, which is present in the map and not positive.
            var text = storage.Value.IsNull ? "0" : Quantity.TryParse(storage.Value, out var quantity, out _) && quantity.Sign <= 0 ? quantity.ToString() : null;
            if (text is not null)
            {
                sink(FindingKind.Invalid, storagePath, "must be greater than zero", Nodes.Quote(text), null, path.Child("resources", "requests", "storage"));
            }

            return;
        }

        if (requests is MappingNode { HasUnknownEntries: true } || (requests is { IsNull: false } and not MappingNode))
        {
            return;
        }

        var where = requests is MappingNode ? path.Child("resources", "requests") : resources is MappingNode ? path.Child("resources") : at;
        sink(FindingKind.Required, storagePath, string.Empty, null, "request the claim's size in resources.requests.storage, e.g. 1Gi", where);
    }

    private static void DataSource(IssueSink sink, MappingNode reference, FieldPath path, bool isRef)
    {
        if (PodFields.TryString(reference, "name", out var name) && string.IsNullOrEmpty(name))
        {
            sink(FindingKind.Required, path.Child("name"), string.Empty, null, null, null);
        }

        var kindKnown = PodFields.TryString(reference, "kind", out var kind);
        kind ??= string.Empty;
        if (kindKnown && kind.Length == 0)
        {
            sink(FindingKind.Required, path.Child("kind"), string.Empty, null, null, null);
        }

        if (!PodFields.TryString(reference, "apiGroup", out var apiGroup))
        {
            return;
        }

        apiGroup ??= string.Empty;
        if (apiGroup.Length == 0 && kindKnown && kind != "PersistentVolumeClaim")
        {
            sink(FindingKind.Invalid, path, "must be 'PersistentVolumeClaim' when referencing the default apiGroup", Nodes.Quote(kind), "set apiGroup (e.g. snapshot.storage.k8s.io for a VolumeSnapshot), or clone a PersistentVolumeClaim", null);
        }

        if (apiGroup.Length > 0)
        {
            foreach (var msg in K8sNames.IsDns1123Subdomain(apiGroup))
            {
                sink(FindingKind.Invalid, path.Child("apiGroup"), msg, Nodes.Quote(apiGroup), null, null);
            }
        }

        if (isRef && PodFields.TryString(reference, "namespace", out var ns) && !string.IsNullOrEmpty(ns))
        {
            foreach (var msg in K8sNames.IsDns1123Label(ns!))
            {
                sink(FindingKind.Invalid, path.Child("namespace"), msg, Nodes.Quote(ns!), null, null);
            }
        }
    }

    // isDataSourceEqualDataSourceRef: the apiGroup pointers (absent is not ""), kind and name; null when it cannot be told.
    private static bool? SameReference(MappingNode dataSource, MappingNode dataSourceRef)
    {
        if (!GroupPointer(dataSource, out var groupA) || !GroupPointer(dataSourceRef, out var groupB)
            || !PodFields.TryString(dataSource, "kind", out var kindA) || !PodFields.TryString(dataSourceRef, "kind", out var kindB)
            || !PodFields.TryString(dataSource, "name", out var nameA) || !PodFields.TryString(dataSourceRef, "name", out var nameB))
        {
            return null;
        }

        return groupA == groupB && (kindA ?? string.Empty) == (kindB ?? string.Empty) && (nameA ?? string.Empty) == (nameB ?? string.Empty);
    }

    private static bool GroupPointer(MappingNode reference, out string? group)
    {
        group = null;
        var node = reference["apiGroup"];
        if (node is null)
        {
            return !reference.HasUnknownEntries;
        }

        if (node.IsNull)
        {
            return true;
        }

        if (node is ScalarNode { Type: ScalarType.String } s)
        {
            group = s.Raw;
            return true;
        }

        return false;
    }
}
