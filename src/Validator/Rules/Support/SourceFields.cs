using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>
/// The required fields and local paths of the common volume sources (validateSecretVolumeSource, validateConfigMapVolumeSource,
/// validateKeyToPath, validateDownwardAPIVolumeFile, validatePersistentClaimVolumeSource, validateNFSVolumeSource,
/// validateGitRepoVolumeSource, validateProjectionSources). Their errors also unregister the volume (VOL-CASCADE).
/// The selectors of downwardAPI files are DS1369's (<see cref="DownwardApiSelectors"/>), the clusterTrustBundle sources
/// DS1372's (<see cref="ClusterTrustBundles"/>) but for the duplicate path check.
/// </summary>
internal static class SourceFields
{
    private static RuleDescriptor Rule => RuleCatalog.DS1367_VolumeSourceFieldsMustBeValid;

    public static void Validate(VolumeInfo info, string key, MappingNode source, FieldPath path, VolumeValidationOptions options)
    {
        switch (key)
        {
            case "secret":
                Required(info, source, "secretName", path, "name the Secret to mount");
                KeyToPaths(info, source, path);
                break;
            case "configMap":
                Required(info, source, "name", path, "name the ConfigMap to mount");
                KeyToPaths(info, source, path);
                break;
            case "persistentVolumeClaim":
                Required(info, source, "claimName", path, "name the PersistentVolumeClaim to mount");
                break;
            case "gitRepo":
                Required(info, source, "repository", path, null);
                if (PodFields.TryString(source, "directory", out var dir) && dir is not null)
                {
                    LocalDescendingPath(info, dir, path.Child("directory"));
                }

                break;
            case "nfs":
                Required(info, source, "server", path, null);
                if (PodFields.TryString(source, "path", out var nfsPath))
                {
                    nfsPath ??= string.Empty;
                    if (nfsPath.Length == 0)
                    {
                        Add(info, FindingKind.Required, path.Child("path"), string.Empty, null, "set the exported path");
                    }

                    if (!PodFields.IsAbs(nfsPath))
                    {
                        Add(info, FindingKind.Invalid, path.Child("path"), "must be an absolute path", Nodes.Quote(nfsPath), null);
                    }
                }

                break;
            case "downwardAPI":
                DownwardApiItems(info, source, path);
                break;
            case "projected":
                Projected(info, source, path, options);
                break;
        }
    }

    private static void Add(VolumeInfo info, FindingKind kind, FieldPath path, string detail, string? badValue, string? hint, FieldPath? at = null) =>
        info.Issues.Add(new VolumeIssue(Rule, kind, path, detail, badValue, hint, at));

    private static void Required(VolumeInfo info, MappingNode source, string key, FieldPath path, string? hint)
    {
        if (PodFields.TryString(source, key, out var value) && string.IsNullOrEmpty(value))
        {
            Add(info, FindingKind.Required, path.Child(key), string.Empty, null, hint);
        }
    }

    private static void KeyToPaths(VolumeInfo info, MappingNode source, FieldPath path)
    {
        if (source.Seq("items") is not { } items)
        {
            return;
        }

        for (var j = 0; j < items.Count; j++)
        {
            if (items.Items[j] is not MappingNode item)
            {
                continue;
            }

            var itemPath = path.Child("items").Index(j);
            Required(info, item, "key", itemPath, "name the key to project");
            if (PodFields.TryString(item, "path", out var p))
            {
                p ??= string.Empty;
                if (p.Length == 0)
                {
                    Add(info, FindingKind.Required, itemPath.Child("path"), string.Empty, null, "set the file name to project the key to");
                }

                LocalNonReservedPath(info, p, itemPath.Child("path"));
            }
        }
    }

    private static void DownwardApiItems(VolumeInfo info, MappingNode source, FieldPath fileParent)
    {
        if (source.Seq("items") is not { } items)
        {
            return;
        }

        for (var j = 0; j < items.Count; j++)
        {
            if (items.Items[j] is not MappingNode item)
            {
                continue;
            }

            // validateDownwardAPIVolumeFile is given the source path, not the item path; show it at the item.
            var at = fileParent.Child("items").Index(j);
            if (PodFields.TryString(item, "path", out var p))
            {
                p ??= string.Empty;
                if (p.Length == 0)
                {
                    Add(info, FindingKind.Required, fileParent.Child("path"), string.Empty, null, "set the file name", at);
                }

                LocalNonReservedPath(info, p, fileParent.Child("path"), at.Child("path"));
            }

            var fieldRef = PodFields.IsSet(item, "fieldRef");
            var resourceFieldRef = PodFields.IsSet(item, "resourceFieldRef");
            if (item.Map("fieldRef") is { } fieldSelector)
            {
                DownwardApiSelectors.ValidateObjectFieldSelector(info.Sink(RuleCatalog.DS1369_DownwardApiVolumeFileMustSelectSupportedField), fieldSelector, DownwardApiSelectors.VolumeFieldPaths, fileParent.Child("fieldRef"), at.Child("fieldRef"));
            }
            else if (!fieldRef && item.Map("resourceFieldRef") is { } resourceSelector)
            {
                DownwardApiSelectors.ValidateResourceFieldSelector(info.Sink(RuleCatalog.DS1369_DownwardApiVolumeFileMustSelectSupportedField), resourceSelector, volume: true, fileParent.Child("resourceFieldRef"), at.Child("resourceFieldRef"));
            }

            if (fieldRef && resourceFieldRef)
            {
                Add(info, FindingKind.Invalid, fileParent, "fieldRef and resourceFieldRef can not be specified simultaneously", Nodes.Quote("resource"), "keep one of them", at);
            }
            else if (!fieldRef && !resourceFieldRef && !item.HasUnknownEntries)
            {
                Add(info, FindingKind.Required, fileParent, "one of fieldRef and resourceFieldRef is required", null, "add fieldRef (e.g. fieldPath: metadata.labels) or resourceFieldRef", at);
            }
        }
    }

    private static void Projected(VolumeInfo info, MappingNode source, FieldPath path, VolumeValidationOptions options)
    {
        if (source.Seq("sources") is not { } sources)
        {
            return;
        }

        // allPaths of validateProjectionSources: the item paths of all sources, in order; a repeated one is reported at
        // projected with the secret's or configMap's name, or the downwardAPI file's path, as the bad value.
        var allPaths = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources.Items[i] is not MappingNode src)
            {
                continue;
            }

            var srcPath = path.Child("sources").Index(i);
            var count = 0;
            if (src.Map("secret") is { } secret)
            {
                count++;
                Required(info, secret, "name", srcPath.Child("secret"), "name the Secret to project");
                KeyToPaths(info, secret, srcPath.Child("secret"));
                DuplicatePaths(info, allPaths, secret, srcPath.Child("secret"), path, secret.Str("name") ?? string.Empty);
            }

            if (src.Map("configMap") is { } cm)
            {
                count++;
                Required(info, cm, "name", srcPath.Child("configMap"), "name the ConfigMap to project");
                KeyToPaths(info, cm, srcPath.Child("configMap"));
                DuplicatePaths(info, allPaths, cm, srcPath.Child("configMap"), path, cm.Str("name") ?? string.Empty);
            }

            if (src.Map("downwardAPI") is { } da)
            {
                count++;
                DownwardApiItems(info, da, srcPath.Child("downwardAPI"));
                DuplicatePaths(info, allPaths, da, srcPath.Child("downwardAPI"), path, null);
            }

            if (src.Map("serviceAccountToken") is { } sat)
            {
                count++;
                var exp = sat.Int("expirationSeconds") ?? 3600; // defaulted to one hour
                if (exp < 600)
                {
                    Add(info, FindingKind.Invalid, srcPath.Child("serviceAccountToken", "expirationSeconds"), "may not specify a duration less than 10 minutes", PodFields.Int(exp), "use at least 600 seconds");
                }
                else if (exp > 1L << 32)
                {
                    Add(info, FindingKind.Invalid, srcPath.Child("serviceAccountToken", "expirationSeconds"), "may not specify a duration larger than 2^32 seconds", PodFields.Int(exp), null);
                }

                // The server reports the token path at projected.path (no source index). A stored template that already
                // has a non-local token path lets an update keep one (AllowNonLocalProjectedTokenPath).
                var at = srcPath.Child("serviceAccountToken", "path");
                if (PodFields.TryString(sat, "path", out var p))
                {
                    if (string.IsNullOrEmpty(p))
                    {
                        Add(info, FindingKind.Required, path.Child("path"), string.Empty, null, "set the token file name", srcPath.Child("serviceAccountToken"));
                    }
                    else if (!options.AllowNonLocalProjectedTokenPath)
                    {
                        LocalNonReservedPath(info, p!, path.Child("path"), at);
                    }
                }
            }

            if (PodFields.IsSet(src, "clusterTrustBundle"))
            {
                count++;
                if (src.Map("clusterTrustBundle") is { } ctb)
                {
                    // DS1372 checks the source; its path, the empty one too, joins allPaths (reported at projected).
                    var ctbPath = srcPath.Child("clusterTrustBundle");
                    if (ClusterTrustBundles.ValidateProjection(info.Sink(RuleCatalog.DS1372_ClusterTrustBundleProjectionMustBeValid), ctb, ctbPath) is { } target && !allPaths.Add(target))
                    {
                        Add(info, FindingKind.Invalid, path, "conflicting duplicate paths", Nodes.Quote(target), $"another source of this projected volume already writes {Nodes.Quote(target)}; give each source its own path", ctbPath.Child("path"));
                    }
                }
            }

            if (count > 1)
            {
                Add(info, FindingKind.Forbidden, srcPath, "may not specify more than 1 volume type per source", null, "split the sources into separate list items");
            }
        }
    }

    private static void DuplicatePaths(VolumeInfo info, HashSet<string> allPaths, MappingNode source, FieldPath sourcePath, FieldPath projectedPath, string? name)
    {
        if (source.Seq("items") is not { } items)
        {
            return;
        }

        for (var j = 0; j < items.Count; j++)
        {
            if (items.Items[j] is MappingNode item && item.Str("path") is { Length: > 0 } p && !allPaths.Add(p))
            {
                Add(
                    info,
                    FindingKind.Invalid,
                    projectedPath,
                    "conflicting duplicate paths",
                    Nodes.Quote(name ?? p),
                    $"another source of this projected volume already writes {p}; give each item its own path",
                    sourcePath.Child("items").Index(j).Child("path"));
            }
        }
    }

    private static void LocalDescendingPath(VolumeInfo info, string value, FieldPath path, FieldPath? at = null)
    {
        if (PodFields.IsAbs(value))
        {
            Add(info, FindingKind.Invalid, path, "must be a relative path", Nodes.Quote(value), null, at);
        }

        if (PodFields.HasBacksteps(value))
        {
            Add(info, FindingKind.Invalid, path, "must not contain '..'", Nodes.Quote(value), null, at);
        }
    }

    private static void LocalNonReservedPath(VolumeInfo info, string value, FieldPath path, FieldPath? at = null)
    {
        LocalDescendingPath(info, value, path, at);
        if (value.StartsWith("..", System.StringComparison.Ordinal) && !value.StartsWith("../", System.StringComparison.Ordinal))
        {
            Add(info, FindingKind.Invalid, path, "must not start with '..'", Nodes.Quote(value), null, at);
        }
    }
}
