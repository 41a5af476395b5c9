using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>
/// The in-tree storage plugin sources and CSI inline volumes of <c>validateVolumeSource</c>: validateISCSIVolumeSource,
/// validateFCVolumeSource, validateGCEPersistentDiskVolumeSource, validateAWSElasticBlockStoreVolumeSource,
/// validateGlusterfsVolumeSource, validateFlockerVolumeSource, validateRBDVolumeSource, validateCinderVolumeSource,
/// validateCephFSVolumeSource, validateQuobyteVolumeSource, validateFlexVolumeSource, validateAzureFile, validateAzureDisk,
/// validateVsphereVolumeSource, validatePhotonPersistentDiskVolumeSource, validatePortworxVolumeSource,
/// validateStorageOSVolumeSource, validateScaleIOVolumeSource (DS1370) and validateCSIVolumeSource (DS1371), with the
/// paths the server reports, quirks included: GCE disks at <c>persistentDisk.*</c>, the iSCSI initiator at
/// <c>iscsi.initiatorname</c>, CSI secret names at <c>csi.name</c>. Their errors also unregister the volume.
/// </summary>
internal static class StorageSources
{
    private const string MustBeValidFormat = "must be valid format";
    private const string MustStartWithIqnEuiNaa = "must be valid format starting with iqn, eui, or naa";
    private const string HostPortPairs = "must be a host:port pair or multiple pairs separated by commas";
    private const string IscsiNameHint = "write iqn.YYYY-MM.reversed.domain:name, eui. and 16 hex digits, or naa. and 32 hex digits";

    // RE2 semantics: \d and [[:alnum:]] are ASCII, \s is [\t\n\f\r ], '.' is one rune but no newline, '$' is the end of the text.
    private static readonly Regex IqnRegex = new(@"iqn\.[0-9]{4}-[0-9]{2}\.([A-Za-z0-9.\-]+)(:[^,;*&$|\t\n\f\r ]+)\z", RegexOptions.CultureInvariant);
    private static readonly Regex EuiRegex = new(@"^eui(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\n])[A-Za-z0-9]{16}\z", RegexOptions.CultureInvariant);
    private static readonly Regex NaaRegex = new(@"^naa(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\n])[A-Za-z0-9]{32}\z", RegexOptions.CultureInvariant);

    private static readonly string[] CachingModes = { "None", "ReadOnly", "ReadWrite" };
    private static readonly string[] DiskKinds = { "Dedicated", "Managed", "Shared" };

    private static RuleDescriptor Rule => RuleCatalog.DS1370_StorageVolumeSourceMustBeValid;

    private static RuleDescriptor CsiRule => RuleCatalog.DS1371_CsiVolumeMustBeValid;

    /// <summary>Validates the source the server validates for a volume (the first one present).</summary>
    /// <param name="info">The volume.</param>
    /// <param name="key">The source's JSON key.</param>
    /// <param name="source">The source.</param>
    /// <param name="path">The source's path.</param>
    public static void Validate(VolumeInfo info, string key, MappingNode source, FieldPath path)
    {
        var volumePath = info.Path;
        switch (key)
        {
            case "gcePersistentDisk":
                // validateVolumeSource passes fldPath.Child("persistentDisk"): the errors name a field that does not exist.
                GcePersistentDisk(info, source, volumePath.Child("persistentDisk"), path);
                break;
            case "awsElasticBlockStore":
                Required(info, source, "volumeID", path);
                Partition(info, source, path, path);
                break;
            case "iscsi":
                Iscsi(info, source, path);
                break;
            case "glusterfs":
                Required(info, source, "endpoints", path);
                Required(info, source, "path", path);
                break;
            case "flocker":
                Flocker(info, source, path);
                break;
            case "rbd":
                RequiredList(info, source, "monitors", path);
                Required(info, source, "image", path);
                break;
            case "cinder":
                Required(info, source, "volumeID", path);
                SecretRefName(info, source, path);
                break;
            case "cephfs":
                RequiredList(info, source, "monitors", path);
                break;
            case "quobyte":
                Quobyte(info, source, path);
                break;
            case "fc":
                Fc(info, source, path);
                break;
            case "flexVolume":
                FlexVolume(info, source, path);
                break;
            case "azureFile":
                Required(info, source, "secretName", path);
                Required(info, source, "shareName", path);
                break;
            case "vsphereVolume":
                Required(info, source, "volumePath", path);
                break;
            case "photonPersistentDisk":
                Required(info, source, "pdID", path);
                break;
            case "portworxVolume":
                Required(info, source, "volumeID", path);
                break;
            case "azureDisk":
                AzureDisk(info, source, path);
                break;
            case "storageos":
                StorageOs(info, source, path);
                break;
            case "scaleIO":
                Required(info, source, "gateway", path);
                Required(info, source, "system", path);
                Required(info, source, "volumeName", path);
                break;
            case "csi":
                Csi(info, source, path);
                break;
        }
    }

    /// <summary>
    /// The check validateVolumeSource makes for any iSCSI source (even one it rejects as a second source): with an
    /// initiatorName, <c>&lt;volume name&gt;:&lt;targetPortal&gt;</c> must fit in 64 bytes. Reported at the volume's name.
    /// </summary>
    /// <param name="info">The volume.</param>
    /// <param name="name">The volume's name.</param>
    public static void ValidateIscsiName(VolumeInfo info, string name)
    {
        if (info.Node.Map("iscsi") is not { } iscsi || !PodFields.IsSet(iscsi, "initiatorName") || iscsi.IsUnknown("initiatorName")
            || !PodFields.TryString(iscsi, "targetPortal", out var portal))
        {
            return;
        }

        var length = Encoding.UTF8.GetByteCount(name) + 1 + Encoding.UTF8.GetByteCount(portal ?? string.Empty);
        if (length > 64)
        {
            Add(
                info,
                FindingKind.Invalid,
                info.Path.Child("name"),
                "Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.",
                Nodes.Quote(name));
        }
    }

    private static void Add(VolumeInfo info, FindingKind kind, FieldPath path, string detail, string? badValue, string? hint = null, FieldPath? at = null) =>
        info.Issues.Add(new VolumeIssue(Rule, kind, path, detail, badValue, hint, at));

    // len(x) == 0 for a string field: absent, null and "" alike.
    private static bool IsEmpty(MappingNode source, string key, out string value)
    {
        value = string.Empty;
        if (!PodFields.TryString(source, key, out var s))
        {
            return false; // unknown, or a wrong type the schema layer reports
        }

        value = s ?? string.Empty;
        return value.Length == 0;
    }

    private static void Required(VolumeInfo info, MappingNode source, string key, FieldPath path, FieldPath? at = null, string detail = "")
    {
        if (IsEmpty(source, key, out _))
        {
            Add(info, FindingKind.Required, path.Child(key), detail, null, null, at?.Child(key));
        }
    }

    private static void RequiredList(VolumeInfo info, MappingNode source, string key, FieldPath path)
    {
        if (source.IsUnknown(key) || (source[key] is null && source.HasUnknownEntries))
        {
            return;
        }

        var node = source[key];
        if (node is null || node.IsNull || node is SequenceNode { Count: 0, HasUnknownItems: false })
        {
            Add(info, FindingKind.Required, path.Child(key), string.Empty, null);
        }
    }

    // A count of list items, or null when it cannot be told (unknown list, unknown items, a wrong type).
    private static int? ListCount(MappingNode source, string key)
    {
        var node = source[key];
        if (node is null)
        {
            return source.HasUnknownEntries ? null : 0;
        }

        return node switch
        {
            { IsNull: true } => 0,
            SequenceNode { HasUnknownItems: false } seq => seq.Count,
            SequenceNode seq when seq.Count > 0 => seq.Count,
            _ => null,
        };
    }

    // An int32 field; 0 when absent or null; null when it cannot be told.
    private static long? IntOrZero(MappingNode source, string key)
    {
        var node = source[key];
        if (node is null)
        {
            return source.HasUnknownEntries ? null : 0;
        }

        return node.IsNull ? 0 : (node as ScalarNode)?.IntValue;
    }

    private static void SecretRefName(VolumeInfo info, MappingNode source, FieldPath path)
    {
        if (source.Map("secretRef") is { } secretRef && IsEmpty(secretRef, "name", out _))
        {
            Add(info, FindingKind.Required, path.Child("secretRef", "name"), string.Empty, null, "name the Secret");
        }
    }

    private static void Partition(VolumeInfo info, MappingNode source, FieldPath path, FieldPath at)
    {
        if (IntOrZero(source, "partition") is { } partition && (partition < 0 || partition > 255))
        {
            // pdPartitionErrorMsg says 1..255, the check allows 0 (the whole disk).
            Add(info, FindingKind.Invalid, path.Child("partition"), "must be between 1 and 255, inclusive", PodFields.Int(partition), "use 0 for the whole disk, or a partition number up to 255", at.Child("partition"));
        }
    }

    private static void GcePersistentDisk(VolumeInfo info, MappingNode source, FieldPath path, FieldPath at)
    {
        Required(info, source, "pdName", path, at);
        Partition(info, source, path, at);
    }

    private static void Iscsi(VolumeInfo info, MappingNode source, FieldPath path)
    {
        Required(info, source, "targetPortal", path);
        if (IsEmpty(source, "iqn", out var iqn))
        {
            Add(info, FindingKind.Required, path.Child("iqn"), string.Empty, null);
        }
        else if (iqn.Length > 0 && IscsiNameError(iqn) is { } error)
        {
            Add(info, FindingKind.Invalid, path.Child("iqn"), error, Nodes.Quote(iqn), IscsiNameHint);
        }

        if (IntOrZero(source, "lun") is { } lun && (lun < 0 || lun > 255))
        {
            Add(info, FindingKind.Invalid, path.Child("lun"), "must be between 0 and 255, inclusive", PodFields.Int(lun));
        }

        var chap = PodFields.IsTrue(source, "chapAuthDiscovery") ? "chapAuthDiscovery" : PodFields.IsTrue(source, "chapAuthSession") ? "chapAuthSession" : null;
        if (chap is not null && PodFields.IsCertainlyUnset(source, "secretRef"))
        {
            Add(info, FindingKind.Required, path.Child("secretRef"), string.Empty, null, "CHAP authentication needs a secretRef naming the Secret with the credentials", path.Child(chap));
        }

        if (source["initiatorName"] is ScalarNode { Type: ScalarType.String } initiator && IscsiNameError(initiator.Raw) is { } initiatorError)
        {
            // The server spells the field initiatorname.
            Add(info, FindingKind.Invalid, path.Child("initiatorname"), initiatorError, Nodes.Quote(initiator.Raw), IscsiNameHint, path.Child("initiatorName"));
        }
    }

    private static string? IscsiNameError(string name)
    {
        if (name.StartsWith("iqn", System.StringComparison.Ordinal))
        {
            return IqnRegex.IsMatch(name) ? null : MustBeValidFormat;
        }

        if (name.StartsWith("eui", System.StringComparison.Ordinal))
        {
            return EuiRegex.IsMatch(name) ? null : MustBeValidFormat;
        }

        if (name.StartsWith("naa", System.StringComparison.Ordinal))
        {
            return NaaRegex.IsMatch(name) ? null : MustBeValidFormat;
        }

        return MustStartWithIqnEuiNaa;
    }

    private static void Fc(VolumeInfo info, MappingNode source, FieldPath path)
    {
        if (ListCount(source, "targetWWNs") is not { } wwns || ListCount(source, "wwids") is not { } wwids)
        {
            return;
        }

        if (wwns < 1 && wwids < 1)
        {
            Add(info, FindingKind.Required, path.Child("targetWWNs"), "must specify either targetWWNs or wwids, but not both", null);
        }

        if (wwns != 0 && wwids != 0)
        {
            Add(info, FindingKind.Invalid, path.Child("targetWWNs"), "targetWWNs and wwids can not be specified simultaneously", GoStrings(source.Seq("targetWWNs")), "keep one of them");
        }

        if (wwns != 0 && !source.IsUnknown("lun"))
        {
            if (source["lun"] is null or { IsNull: true })
            {
                Add(info, FindingKind.Required, path.Child("lun"), "lun is required if targetWWNs is specified", null);
            }
            else if (source.Int("lun") is { } lun && (lun < 0 || lun > 255))
            {
                Add(info, FindingKind.Invalid, path.Child("lun"), "must be between 0 and 255, inclusive", PodFields.Int(lun));
            }
        }
    }

    // A []string as %#v prints it: []string{"a", "b"}.
    private static string GoStrings(SequenceNode? seq)
    {
        var sb = new StringBuilder("[]string{");
        for (var i = 0; i < (seq?.Count ?? 0); i++)
        {
            sb.Append(i > 0 ? ", " : string.Empty).Append(Nodes.Quote((seq!.Items[i] as ScalarNode)?.Raw ?? string.Empty));
        }

        return sb.Append('}').ToString();
    }

    private static void Flocker(VolumeInfo info, MappingNode source, FieldPath path)
    {
        if (!PodFields.TryString(source, "datasetName", out var name) || !PodFields.TryString(source, "datasetUUID", out var uuid))
        {
            return;
        }

        name ??= string.Empty;
        uuid ??= string.Empty;
        if (name.Length == 0 && uuid.Length == 0)
        {
            Add(info, FindingKind.Required, path, "one of datasetName and datasetUUID is required", null);
        }

        if (name.Length != 0 && uuid.Length != 0)
        {
            Add(info, FindingKind.Invalid, path, "datasetName and datasetUUID can not be specified simultaneously", Nodes.Quote("resource"), "keep one of them");
        }

        if (name.IndexOf('/') >= 0)
        {
            Add(info, FindingKind.Invalid, path.Child("datasetName"), "must not contain '/'", Nodes.Quote(name));
        }
    }

    private static void Quobyte(VolumeInfo info, MappingNode source, FieldPath path)
    {
        if (IsEmpty(source, "registry", out var registry))
        {
            Add(info, FindingKind.Required, path.Child("registry"), HostPortPairs, null);
        }
        else if (registry.Length > 0 && PodFields.TryString(source, "tenant", out var tenant) && Encoding.UTF8.GetByteCount(tenant ?? string.Empty) >= 65)
        {
            Add(info, FindingKind.Required, path.Child("tenant"), "must be a UUID and may not exceed a length of 64 characters", null);
        }
        else if (registry.Length > 0 && PodFields.TryString(source, "tenant", out _))
        {
            foreach (var pair in registry.Split(','))
            {
                if (!IsHostPort(pair))
                {
                    Add(info, FindingKind.Invalid, path.Child("registry"), HostPortPairs, Nodes.Quote(registry), $"\"{pair}\" is not host:port");
                }
            }
        }

        Required(info, source, "volume", path);
    }

    // Go net.SplitHostPort succeeds.
    private static bool IsHostPort(string hostport)
    {
        var i = hostport.LastIndexOf(':');
        if (i < 0)
        {
            return false;
        }

        int j = 0, k = 0;
        if (hostport[0] == '[')
        {
            var end = hostport.IndexOf(']');
            if (end < 0 || end + 1 != i)
            {
                return false; // missing ']', missing port, or too many colons
            }

            j = 1;
            k = end + 1;
        }
        else if (hostport.Substring(0, i).IndexOf(':') >= 0)
        {
            return false; // too many colons
        }

        return hostport.IndexOf('[', j) < 0 && hostport.IndexOf(']', k) < 0;
    }

    private static void FlexVolume(VolumeInfo info, MappingNode source, FieldPath path)
    {
        Required(info, source, "driver", path);
        if (source.Map("options") is not { } options)
        {
            return;
        }

        foreach (var e in options.Entries)
        {
            var slash = e.Key.IndexOf('/');
            var ns = slash >= 0 ? e.Key.Substring(0, slash) : e.Key;
            var normalized = "." + ns.ToLowerInvariant();
            if (normalized.EndsWith(".kubernetes.io", System.StringComparison.Ordinal) || normalized.EndsWith(".k8s.io", System.StringComparison.Ordinal))
            {
                // Reported at options[key] as upstream, shown at the map: the key is certain even where the value is not.
                Add(
                    info,
                    FindingKind.Invalid,
                    path.Child("options").Key(e.Key),
                    "kubernetes.io and k8s.io namespaces are reserved",
                    Nodes.Quote(e.Key),
                    "the kubelet sets the kubernetes.io/ options itself; use a prefix of your own",
                    path.Child("options"));
            }
        }
    }

    private static void AzureDisk(VolumeInfo info, MappingNode source, FieldPath path)
    {
        Required(info, source, "diskName", path);
        var uriKnown = PodFields.TryString(source, "diskURI", out var uri);
        uri ??= string.Empty;
        if (uriKnown && uri.Length == 0)
        {
            Add(info, FindingKind.Required, path.Child("diskURI"), string.Empty, null);
        }

        if (source["cachingMode"] is ScalarNode { Type: ScalarType.String } caching && System.Array.IndexOf(CachingModes, caching.Raw) < 0)
        {
            Add(info, FindingKind.NotSupported, path.Child("cachingMode"), PodSpecNodes.SupportedValues(CachingModes), Nodes.Quote(caching.Raw), PodSpecNodes.CaseHint("cachingMode", caching.Raw, CachingModes));
        }

        // SetDefaults_AzureDiskVolumeSource: an unset kind is Shared, so the URI of a blob disk is checked.
        if (!PodFields.TryString(source, "kind", out var kind))
        {
            return;
        }

        kind ??= "Shared";
        if (System.Array.IndexOf(DiskKinds, kind) < 0)
        {
            Add(info, FindingKind.NotSupported, path.Child("kind"), PodSpecNodes.SupportedValues(DiskKinds), Nodes.Quote(kind), PodSpecNodes.CaseHint("kind", kind, DiskKinds));
        }

        if (!uriKnown)
        {
            return;
        }

        if (kind == "Managed" && !uri.StartsWith("/subscriptions/", System.StringComparison.Ordinal))
        {
            Add(info, FindingKind.NotSupported, path.Child("diskURI"), PodSpecNodes.SupportedValues("/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}"), Nodes.Quote(uri), "a Managed disk is named by its Azure resource id");
        }

        if (kind != "Managed" && !uri.StartsWith("https://", System.StringComparison.Ordinal))
        {
            var hint = source["kind"] is null or { IsNull: true } && uri.StartsWith("/subscriptions/", System.StringComparison.Ordinal)
                ? "kind defaults to Shared (a blob disk): set kind: Managed for a managed disk"
                : "a blob disk (kind Shared or Dedicated) is named by its https:// .vhd URL";
            Add(info, FindingKind.NotSupported, path.Child("diskURI"), PodSpecNodes.SupportedValues("https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"), Nodes.Quote(uri), hint);
        }
    }

    private static void StorageOs(VolumeInfo info, MappingNode source, FieldPath path)
    {
        if (IsEmpty(source, "volumeName", out var name))
        {
            Add(info, FindingKind.Required, path.Child("volumeName"), string.Empty, null);
        }
        else if (name.Length > 0)
        {
            Dns1123Label(info, name, path.Child("volumeName"));
        }

        if (PodFields.TryString(source, "volumeNamespace", out var ns) && !string.IsNullOrEmpty(ns))
        {
            Dns1123Label(info, ns!, path.Child("volumeNamespace"));
        }

        SecretRefName(info, source, path);
    }

    private static void Dns1123Label(VolumeInfo info, string value, FieldPath path)
    {
        foreach (var msg in K8sNames.IsDns1123Label(value))
        {
            Add(info, FindingKind.Invalid, path, msg, Nodes.Quote(value), LowerCaseHint(value, K8sNames.IsDns1123Label(value.ToLowerInvariant()).Count == 0));
        }
    }

    private static string? LowerCaseHint(string value, bool lowerIsValid) =>
        lowerIsValid && value.ToLowerInvariant() != value ? $"names are lower case: write {value.ToLowerInvariant()}" : null;

    private static void Csi(VolumeInfo info, MappingNode source, FieldPath path)
    {
        var sink = info.Sink(CsiRule);
        if (PodFields.TryString(source, "driver", out var driver))
        {
            // ValidateCSIDriverName: Required, TooLong and the subdomain check can all hold at once.
            driver ??= string.Empty;
            var driverPath = path.Child("driver");
            if (driver.Length == 0)
            {
                sink(FindingKind.Required, driverPath, string.Empty, null, "name the CSI driver, e.g. secrets-store.csi.k8s.io", null);
            }

            if (Encoding.UTF8.GetByteCount(driver) > 63)
            {
                sink(FindingKind.TooLong, driverPath, "may not be more than 63 bytes", null, null, null);
            }

            foreach (var msg in K8sNames.IsDns1123Subdomain(driver.ToLowerInvariant()))
            {
                sink(FindingKind.Invalid, driverPath, msg, Nodes.Quote(driver), null, null);
            }
        }

        if (source.Map("nodePublishSecretRef") is not { } secretRef || !PodFields.TryString(secretRef, "name", out var name))
        {
            return;
        }

        name ??= string.Empty;
        var namePath = path.Child("nodePublishSecretRef", "name");
        if (name.Length == 0)
        {
            sink(FindingKind.Required, namePath, string.Empty, null, "name the Secret with the credentials, or remove nodePublishSecretRef", null);
            return;
        }

        // The server reports the secret's name at csi.name (fldPath.Child("name")).
        foreach (var msg in K8sNames.NameIsDnsSubdomain(name, prefix: false))
        {
            sink(FindingKind.Invalid, path.Child("name"), msg, Nodes.Quote(name), LowerCaseHint(name, K8sNames.IsDns1123Subdomain(name.ToLowerInvariant()).Count == 0), namePath);
        }
    }
}
