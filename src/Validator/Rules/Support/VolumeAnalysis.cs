using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>One error the server reports for a volume.</summary>
internal sealed record VolumeIssue(RuleDescriptor Rule, FindingKind Kind, FieldPath Path, string Detail, string? BadValue, string? Hint, FieldPath? At);

/// <summary>
/// The validation options the volume checks depend on: the part of <c>PodValidationOptions</c> that
/// <c>validateVolumeSource</c> reads, and the <c>PersistentVolumeClaimSpecValidationOptions</c> that
/// <c>validateEphemeralVolumeSource</c> computes for a claim template.
/// </summary>
/// <param name="AllowNonLocalProjectedTokenPath">
/// Skips the local-path check of projected serviceAccountToken paths. Upstream sets it on update when the stored template
/// already has such a path (<c>pkg/api/pod/util.go</c> GetValidationOptionsFromPodTemplate, hasNonLocalProjectedTokenPath).
/// </param>
/// <param name="EnableVolumeAttributesClass">
/// Validates a claim template's volumeAttributesClassName (the VolumeAttributesClass gate: beta and off in 1.32).
/// </param>
internal sealed record VolumeValidationOptions(bool AllowNonLocalProjectedTokenPath, bool EnableVolumeAttributesClass)
{
    /// <summary>Gets the options of a create at 1.32 with the default gates.</summary>
    public static VolumeValidationOptions Default { get; } = new(AllowNonLocalProjectedTokenPath: false, EnableVolumeAttributesClass: false);
}

/// <summary>One volume of the pod template and what the server makes of it.</summary>
internal sealed class VolumeInfo
{
    public VolumeInfo(int index, MappingNode node, FieldPath path)
    {
        this.Index = index;
        this.Node = node;
        this.Path = path;
    }

    public int Index { get; }

    public MappingNode Node { get; }

    public FieldPath Path { get; }

    public string? Name { get; set; }

    /// <summary>Gets or sets the source the server validates (the first one present), or null when defaulted to emptyDir.</summary>
    public string? SourceKey { get; set; }

    public List<VolumeIssue> Issues { get; } = new();

    /// <summary>Gets or sets a value indicating whether part of the volume cannot be judged (unknown values, wrong types).</summary>
    public bool Uncertain { get; set; }

    /// <summary>Gets a sink that records the errors of one rule for this volume.</summary>
    /// <param name="rule">The rule the errors belong to.</param>
    /// <returns>The sink.</returns>
    public IssueSink Sink(RuleDescriptor rule) =>
        (kind, path, detail, badValue, hint, at) => this.Issues.Add(new VolumeIssue(rule, kind, path, detail, badValue, hint, at));
}

/// <summary>
/// Mirrors ValidateVolumes / validateVolumeSource: the errors of every volume, and which volumes get registered.
/// A volume with any error is not registered, so its mounts are "not found" too (VOL-CASCADE).
/// Computed once per pod spec and shared by the volume and mount rules.
/// </summary>
internal sealed class VolumeAnalysis
{
    /// <summary>The volume sources in the order validateVolumeSource visits them: JSON key, and the path segment the server blames.</summary>
    public static readonly (string Key, string Blamed)[] Sources =
    {
        ("emptyDir", "emptyDir"), ("hostPath", "hostPath"), ("gitRepo", "gitRepo"), ("gcePersistentDisk", "gcePersistentDisk"),
        ("awsElasticBlockStore", "awsElasticBlockStore"), ("secret", "secret"), ("nfs", "nfs"), ("iscsi", "iscsi"),
        ("glusterfs", "glusterfs"), ("flocker", "flocker"), ("persistentVolumeClaim", "persistentVolumeClaim"), ("rbd", "rbd"),
        ("cinder", "cinder"), ("cephfs", "cephFS"), ("quobyte", "quobyte"), ("downwardAPI", "downwarAPI"), ("fc", "fc"),
        ("flexVolume", "flexVolume"), ("configMap", "configMap"), ("azureFile", "azureFile"), ("vsphereVolume", "vsphereVolume"),
        ("photonPersistentDisk", "photonPersistentDisk"), ("portworxVolume", "portworxVolume"), ("azureDisk", "azureDisk"),
        ("storageos", "storageos"), ("projected", "projected"), ("scaleIO", "scaleIO"), ("csi", "csi"), ("ephemeral", "ephemeral"),
        ("image", "image"),
    };

    private const string FileModeMessage = "must be a number between 0 and 0777 (octal), both inclusive";

    private static readonly object SharedKey = new();
    private static readonly Dictionary<string, int> SourceIndex = BuildSourceIndex();
    private static readonly VolumeAnalysis Empty = new(null, VolumeValidationOptions.Default);

    // The mount rules look volumes up by name once per mount: indexes, not scans of the volumes.
    private readonly Dictionary<string, VolumeInfo> registeredVolumes = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, VolumeInfo> rejectedVolumes = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string> namesIgnoringCase = new(System.StringComparer.OrdinalIgnoreCase);

    private VolumeAnalysis(MappingNode? podSpec, VolumeValidationOptions options)
    {
        this.Options = options;
        var seq = podSpec.Seq("volumes");
        this.Uncertain = seq?.HasUnknownItems ?? (podSpec is not null && podSpec.IsUnknown("volumes"));
        if (seq is null)
        {
            return;
        }

        var basePath = Paths.PodSpec.Child("volumes");
        for (var i = 0; i < seq.Count; i++)
        {
            if (seq.Items[i] is not MappingNode v)
            {
                this.Uncertain = true;
                continue;
            }

            var info = new VolumeInfo(i, v, basePath.Index(i));
            this.Volumes.Add(info);
            this.Analyze(info);
        }
    }

    public List<VolumeInfo> Volumes { get; } = new();

    /// <summary>Gets the options the volumes were validated with.</summary>
    public VolumeValidationOptions Options { get; }

    /// <summary>Gets the names of the registered (valid) volumes.</summary>
    public HashSet<string> Registered { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Gets the names of volumes the rules cannot judge: they may be registered.</summary>
    public HashSet<string> MaybeRegistered { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Gets a value indicating whether unnamed or unknown volumes may be registered too.</summary>
    public bool Uncertain { get; private set; }

    public static VolumeAnalysis For(RuleContext context) =>
        context.PodSpec is not null ? context.Shared(SharedKey, c => new VolumeAnalysis(c.PodSpec, OptionsFor(c))) : Empty;

    /// <summary>Gets the registered volume of a name, or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The volume.</returns>
    public VolumeInfo? RegisteredVolume(string name) => this.registeredVolumes.TryGetValue(name, out var v) ? v : null;

    /// <summary>Gets the first volume of a name that has errors of its own (so is not registered), or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The volume.</returns>
    public VolumeInfo? RejectedVolume(string name) => this.rejectedVolumes.TryGetValue(name, out var v) ? v : null;

    /// <summary>Gets the name of the first volume whose name equals this one ignoring case, or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The volume's name.</returns>
    public string? NameIgnoringCase(string name) => this.namesIgnoringCase.TryGetValue(name, out var n) ? n : null;

    /// <summary>Whether a mount name certainly matches no registered volume.</summary>
    /// <param name="name">The mount's volume name.</param>
    /// <returns>True when the server reports it not found.</returns>
    public bool IsCertainlyNotFound(string name) => !this.Uncertain && !this.Registered.Contains(name) && !this.MaybeRegistered.Contains(name);

    // The one place the options are chosen: AllowNonLocalProjectedTokenPath from the pod validation options (on update,
    // GetValidationOptionsFromPodTemplate reads the stored template). The core has no VolumeAttributesClass gate yet
    // (beta and off through 1.33, GA in 1.34): a claim template's volumeAttributesClassName is not validated.
    private static VolumeValidationOptions OptionsFor(RuleContext context) =>
        new(AllowNonLocalProjectedTokenPath: context.PodOptions.AllowNonLocalProjectedTokenPath, EnableVolumeAttributesClass: false);

    private static Dictionary<string, int> BuildSourceIndex()
    {
        var index = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (var i = 0; i < Sources.Length; i++)
        {
            index[Sources[i].Key] = i; // fewer than 64 sources: a bit each
        }

        return index;
    }

    private static void AddModeIssue(VolumeInfo info, MappingNode? map, string key, FieldPath path, FieldPath? at = null)
    {
        if (map?[key] is UnknownNode)
        {
            info.Uncertain = true;
            return;
        }

        if (map.Int(key) is { } mode && (mode > 511 || mode < 0))
        {
            string? hint = null;
            var text = PodFields.Int(mode);
            var writtenInDecimal = map?[key] is ScalarNode { Raw: var raw } && !raw.StartsWith("0", System.StringComparison.Ordinal);
            if (writtenInDecimal && mode > 0 && text.Length <= 4 && text.IndexOfAny(new[] { '8', '9' }) < 0)
            {
                var octal = System.Convert.ToInt32(text, 8);
                if (octal <= 511)
                {
                    hint = $"{text} is read as decimal; write 0{text} for octal (YAML 1.1), or {octal}";
                }
            }

            info.Issues.Add(new VolumeIssue(RuleCatalog.DS1365_FileModeMustBeInRange, FindingKind.Invalid, path, FileModeMessage, text, hint, at));
        }
    }

    private static void AddItemModes(VolumeInfo info, MappingNode source, FieldPath sourcePath, bool downward)
    {
        if (source.Seq("items") is not { } items)
        {
            return;
        }

        for (var j = 0; j < items.Count; j++)
        {
            if (items.Items[j] is MappingNode item)
            {
                var real = sourcePath.Child("items").Index(j).Child("mode");

                // validateDownwardAPIVolumeFile is given the source path, not the item path.
                AddModeIssue(info, item, "mode", downward ? sourcePath.Child("mode") : real, downward ? real : null);
            }
        }
    }

    private void Analyze(VolumeInfo info)
    {
        var v = info.Node;
        if (Nodes.ContainsUnknown(v))
        {
            info.Uncertain = true;
        }

        // The volume's own keys (two or three) are looked up among the sources, then visited in the server's order.
        var present = 0UL;
        foreach (var e in v.Entries)
        {
            if (SourceIndex.TryGetValue(e.Key, out var at) && !e.Value.IsNull)
            {
                present |= 1UL << at;
            }
        }

        var count = 0;
        for (var index = 0; present != 0 && index < Sources.Length; index++)
        {
            if ((present & (1UL << index)) == 0)
            {
                continue;
            }

            var (key, blamed) = Sources[index];

            if (count > 0)
            {
                info.Issues.Add(new VolumeIssue(
                    RuleCatalog.DS1361_VolumeMustHaveOneSource,
                    FindingKind.Forbidden,
                    info.Path.Child(blamed),
                    "may not specify more than 1 volume type",
                    null,
                    "a volume has exactly one source: move this one into a volume of its own",
                    blamed == key ? null : info.Path.Child(key)));
                continue;
            }

            count++;
            info.SourceKey = key;
            this.ValidateSource(info, key, v[key] as MappingNode, info.Path.Child(key));
        }

        // A volume without any source is defaulted to emptyDir (SetDefaults_Volume): no "must specify a volume type".
        var nameNode = v["name"];
        string? name = null;
        if (nameNode is ScalarNode { Type: ScalarType.String } s)
        {
            name = s.Raw;
        }
        else if (nameNode is not null && !nameNode.IsNull)
        {
            info.Uncertain = true;
            this.Uncertain = true;
            return;
        }
        else if (nameNode is null && v.HasUnknownEntries)
        {
            this.Uncertain = true;
            return;
        }

        name ??= string.Empty;
        info.Name = name;
        var namePath = info.Path.Child("name");
        StorageSources.ValidateIscsiName(info, name);
        if (name.Length == 0)
        {
            info.Issues.Add(new VolumeIssue(RuleCatalog.DS1360_VolumeNameMustBeValid, FindingKind.Required, namePath, string.Empty, null, "give the volume a name; mounts refer to it", null));
        }
        else
        {
            foreach (var msg in K8sNames.IsDns1123Label(name))
            {
                var lower = name.ToLowerInvariant();
                var hint = lower != name && K8sNames.IsDns1123Label(lower).Count == 0 ? $"volume names are lower case: {lower}" : null;
                info.Issues.Add(new VolumeIssue(RuleCatalog.DS1360_VolumeNameMustBeValid, FindingKind.Invalid, namePath, msg, Nodes.Quote(name), hint, null));
            }
        }

        if (this.Registered.Contains(name))
        {
            info.Issues.Add(new VolumeIssue(RuleCatalog.DS1360_VolumeNameMustBeValid, FindingKind.Duplicate, namePath, string.Empty, Nodes.Quote(name), "volume names must be unique; rename one of them", null));
        }

        if (info.Uncertain)
        {
            this.MaybeRegistered.Add(name);
        }
        else if (info.Issues.Count == 0)
        {
            this.Registered.Add(name);
            if (!this.registeredVolumes.ContainsKey(name))
            {
                this.registeredVolumes[name] = info;
            }
        }

        if (info.Issues.Count > 0 && !this.rejectedVolumes.ContainsKey(name))
        {
            this.rejectedVolumes[name] = info;
        }

        if (!this.namesIgnoringCase.ContainsKey(name))
        {
            this.namesIgnoringCase[name] = name;
        }
    }

    private void ValidateSource(VolumeInfo info, string key, MappingNode? source, FieldPath path)
    {
        if (source is null)
        {
            if (info.Node[key] is not MappingNode)
            {
                info.Uncertain = true; // a scalar source: a decoding error for the schema layer
            }

            return;
        }

        SourceFields.Validate(info, key, source, path, this.Options);
        StorageSources.Validate(info, key, source, path);
        switch (key)
        {
            case "ephemeral":
                VolumeClaimTemplates.ValidateEphemeral(info, source, path, this.Options);
                break;
            case "emptyDir":
                if (source.Get("sizeLimit") is { } size && Quantity.TryParse(size, out var q, out _) && q.Sign < 0)
                {
                    info.Issues.Add(new VolumeIssue(RuleCatalog.DS1364_EmptyDirSizeLimitMustNotBeNegative, FindingKind.Forbidden, path.Child("sizeLimit"), "SizeLimit field must be a valid resource quantity", null, "sizeLimit must not be negative; remove the minus sign or the limit", null));
                }

                break;
            case "hostPath":
                this.ValidateHostPath(info, source, path);
                break;
            case "secret":
            case "configMap":
                AddModeIssue(info, source, "defaultMode", path.Child("defaultMode"));
                AddItemModes(info, source, path, downward: false);
                break;
            case "downwardAPI":
                AddModeIssue(info, source, "defaultMode", path.Child("defaultMode"));
                AddItemModes(info, source, path, downward: true);
                break;
            case "projected":
                AddModeIssue(info, source, "defaultMode", path.Child("defaultMode"));
                if (source.Seq("sources") is { } sources)
                {
                    for (var i = 0; i < sources.Count; i++)
                    {
                        if (sources.Items[i] is not MappingNode src)
                        {
                            continue;
                        }

                        var srcPath = path.Child("sources").Index(i);
                        if (src.Map("secret") is { } sec)
                        {
                            AddItemModes(info, sec, srcPath.Child("secret"), downward: false);
                        }

                        if (src.Map("configMap") is { } cm)
                        {
                            AddItemModes(info, cm, srcPath.Child("configMap"), downward: false);
                        }

                        if (src.Map("downwardAPI") is { } da)
                        {
                            AddItemModes(info, da, srcPath.Child("downwardAPI"), downward: true);
                        }
                    }
                }

                break;
        }
    }

    private void ValidateHostPath(VolumeInfo info, MappingNode source, FieldPath path)
    {
        if (!PodFields.TryString(source, "path", out var hostPath))
        {
            info.Uncertain = true;
            return;
        }

        if (string.IsNullOrEmpty(hostPath))
        {
            info.Issues.Add(new VolumeIssue(RuleCatalog.DS1362_HostPathPathMustBeValid, FindingKind.Required, path.Child("path"), string.Empty, null, "set hostPath.path to the node directory or file to mount", null));
            return;
        }

        if (PodFields.HasBacksteps(hostPath!))
        {
            info.Issues.Add(new VolumeIssue(RuleCatalog.DS1362_HostPathPathMustBeValid, FindingKind.Invalid, path.Child("path"), "must not contain '..'", Nodes.Quote(hostPath!), "write the path without '..' elements", null));
        }

        if (!PodFields.TryString(source, "type", out var type))
        {
            info.Uncertain = true;
            return;
        }

        // An omitted type is defaulted to "" (no check).
        if (type is not null && type is not ("" or "DirectoryOrCreate" or "Directory" or "FileOrCreate" or "File" or "Socket" or "CharDevice" or "BlockDevice"))
        {
            string? fix = null;
            foreach (var t in new[] { "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice" })
            {
                if (string.Equals(t, type, System.StringComparison.OrdinalIgnoreCase))
                {
                    fix = $"hostPath types are case-sensitive: write {t}";
                }
            }

            info.Issues.Add(new VolumeIssue(
                RuleCatalog.DS1363_HostPathTypeMustBeSupported,
                FindingKind.NotSupported,
                path.Child("type"),
                "supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"",
                Nodes.Quote(type),
                fix,
                null));
        }
    }
}
