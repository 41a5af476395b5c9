using System;
using System.Collections.Generic;
using System.Linq;
using DaemonLint.Parity.Schema;
using DaemonLint.Parity.Yaml;

namespace DaemonLint.Parity.Generation;

/// <summary>A value a mutant puts in a field, with a short tag for reports (<c>len64</c>, <c>underscore</c>).</summary>
/// <param name="Node">The value.</param>
/// <param name="Tag">What it is.</param>
internal sealed record PaletteValue(YNode Node, string Tag);

/// <summary>What the table says about one field: the palettes its mutants draw from and a valid value for new objects.</summary>
/// <param name="Palettes">Palette names, in order.</param>
/// <param name="Valid">A valid value (null: derive one from the type).</param>
internal sealed record FieldRule(IReadOnlyList<string> Palettes, Func<NameGen, YNode>? Valid = null);

/// <summary>
/// The curated table of value generators. Palettes are named lists of boundary and invalid values for a syntax
/// (DNS label, qualified name, relative path, quantity, ...); field rules say which palettes a field takes, matched on
/// the schema definition and property (<c>Container.name</c> is not <c>Volume.name</c> nor <c>ObjectMeta.name</c>),
/// map keys and values (<c>ObjectMeta.labels#key</c>), items of scalar arrays (<c>PodDNSConfig.searches[]</c>) or a
/// normalized field path (<c>path:metadata.name</c>). To cover a new syntax, add a palette; to cover a new field, add
/// a rule. Fields without a rule get the generic palette of their type and format.
/// </summary>
internal static class ValueTable
{
    /// <summary>Gets the palettes by name.</summary>
    public static IReadOnlyDictionary<string, PaletteValue[]> Palettes { get; } = BuildPalettes();

    /// <summary>Gets the field rules by key.</summary>
    public static IReadOnlyDictionary<string, FieldRule> Rules { get; } = BuildRules();

    /// <summary>Gets the enumerations (upstream <c>types.go</c> constants; the OpenAPI of 1.32 does not list them).</summary>
    public static IReadOnlyDictionary<string, string[]> Enums { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["DaemonSetUpdateStrategy.type"] = new[] { "RollingUpdate", "OnDelete" },
        ["Container.imagePullPolicy"] = new[] { "Always", "Never", "IfNotPresent" },
        ["Container.terminationMessagePolicy"] = new[] { "File", "FallbackToLogsOnError" },
        ["Container.restartPolicy"] = new[] { "Always" },
        ["EphemeralContainer.imagePullPolicy"] = new[] { "Always", "Never", "IfNotPresent" },
        ["ContainerPort.protocol"] = new[] { "TCP", "UDP", "SCTP" },
        ["PodSpec.restartPolicy"] = new[] { "Always", "OnFailure", "Never" },
        ["PodSpec.dnsPolicy"] = new[] { "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None" },
        ["PodSpec.preemptionPolicy"] = new[] { "PreemptLowerPriority", "Never" },
        ["Toleration.operator"] = new[] { "Exists", "Equal" },
        ["Toleration.effect"] = new[] { "NoSchedule", "PreferNoSchedule", "NoExecute" },
        ["NodeSelectorRequirement.operator"] = new[] { "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt" },
        ["LabelSelectorRequirement.operator"] = new[] { "In", "NotIn", "Exists", "DoesNotExist" },
        ["TopologySpreadConstraint.whenUnsatisfiable"] = new[] { "DoNotSchedule", "ScheduleAnyway" },
        ["TopologySpreadConstraint.nodeAffinityPolicy"] = new[] { "Honor", "Ignore" },
        ["TopologySpreadConstraint.nodeTaintsPolicy"] = new[] { "Honor", "Ignore" },
        ["HostPathVolumeSource.type"] = new[] { string.Empty, "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice" },
        ["VolumeMount.mountPropagation"] = new[] { "None", "HostToContainer", "Bidirectional" },
        ["VolumeMount.recursiveReadOnly"] = new[] { "Disabled", "IfPossible", "Enabled" },
        ["EmptyDirVolumeSource.medium"] = new[] { string.Empty, "Memory", "HugePages", "HugePages-2Mi" },
        ["SeccompProfile.type"] = new[] { "RuntimeDefault", "Unconfined", "Localhost" },
        ["AppArmorProfile.type"] = new[] { "RuntimeDefault", "Unconfined", "Localhost" },
        ["PodSecurityContext.fsGroupChangePolicy"] = new[] { "OnRootMismatch", "Always" },
        ["PodSecurityContext.supplementalGroupsPolicy"] = new[] { "Merge", "Strict" },
        ["PodSecurityContext.seLinuxChangePolicy"] = new[] { "MountOption", "Recursive" },
        ["SecurityContext.procMount"] = new[] { "Default", "Unmasked" },
        ["PodOS.name"] = new[] { "linux", "windows" },
        ["HTTPGetAction.scheme"] = new[] { "HTTP", "HTTPS" },
        ["ContainerResizePolicy.resourceName"] = new[] { "cpu", "memory" },
        ["ContainerResizePolicy.restartPolicy"] = new[] { "NotRequired", "RestartContainer" },
        ["PersistentVolumeClaimSpec.volumeMode"] = new[] { "Block", "Filesystem" },
        ["PersistentVolumeClaimSpec.accessModes[]"] = new[] { "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod" },
        ["AzureDiskVolumeSource.kind"] = new[] { "Shared", "Dedicated", "Managed" },
        ["AzureDiskVolumeSource.cachingMode"] = new[] { "None", "ReadOnly", "ReadWrite" },
        ["ImageVolumeSource.pullPolicy"] = new[] { "Always", "Never", "IfNotPresent" },
    };

    /// <summary>Finds the rule for a field: path rules first, then definition rules, then the generic rule of its type.</summary>
    /// <param name="key">The definition key (<c>Container.name</c>, <c>ObjectMeta.labels#key</c>, <c>PodDNSConfig.searches[]</c>).</param>
    /// <param name="normalizedPath">The field path with indices and keys as <c>[*]</c>.</param>
    /// <param name="type">The field's type.</param>
    public static FieldRule For(string key, string normalizedPath, SchemaType type)
    {
        if (Rules.TryGetValue("path:" + normalizedPath, out var byPath))
        {
            return byPath;
        }

        if (Rules.TryGetValue(key, out var byKey))
        {
            return byKey;
        }

        if (Enums.TryGetValue(key, out var values))
        {
            return new FieldRule(new[] { "enum:" + key }, _ => YScalar.Str(values.FirstOrDefault(v => v.Length > 0) ?? string.Empty));
        }

        return Generic(type);
    }

    /// <summary>The palette values of a rule (enum palettes are built from <see cref="Enums"/>).</summary>
    public static IEnumerable<PaletteValue> Values(FieldRule rule)
    {
        foreach (var name in rule.Palettes)
        {
            if (name.StartsWith("enum:", StringComparison.Ordinal))
            {
                foreach (var v in EnumPalette(Enums[name.Substring(5)]))
                {
                    yield return v;
                }
            }
            else
            {
                foreach (var v in Palettes[name])
                {
                    yield return v;
                }
            }
        }
    }

    /// <summary>A valid value for a field (used when a mutant needs a new object).</summary>
    public static YNode ValidValue(FieldRule rule, SchemaType type, NameGen names) => rule.Valid?.Invoke(names) ?? type.ScalarType switch
    {
        "integer" => YScalar.Int(1),
        "number" => YScalar.Int(1),
        "boolean" => YScalar.Bool(false),
        "quantity" => YScalar.Str("1"),
        "int-or-string" => YScalar.Int(1),
        _ => type.Format == "date-time" ? YScalar.Str("2024-01-01T00:00:00Z") : YScalar.Str("x"),
    };

    private static FieldRule Generic(SchemaType type) => type.ScalarType switch
    {
        "integer" when type.Format == "int64" => new FieldRule(new[] { "int64" }),
        "integer" => new FieldRule(new[] { "int32" }),
        "number" => new FieldRule(new[] { "number" }),
        "boolean" => new FieldRule(new[] { "bool" }),
        "quantity" => new FieldRule(new[] { "quantity" }),
        "int-or-string" => new FieldRule(new[] { "intOrString" }),
        _ when type.Format == "date-time" => new FieldRule(new[] { "timestamp" }),
        _ when type.Format == "byte" => new FieldRule(new[] { "base64" }),
        _ => new FieldRule(new[] { "string" }),
    };

    private static IEnumerable<PaletteValue> EnumPalette(string[] values)
    {
        foreach (var v in values)
        {
            yield return new PaletteValue(YScalar.Str(v), "enum:" + (v.Length == 0 ? "empty" : v));
        }

        var first = values.FirstOrDefault(v => v.Length > 1) ?? "x";
        if (first.ToLowerInvariant() != first)
        {
            yield return new PaletteValue(YScalar.Str(first.ToLowerInvariant()), "lower-case");
        }

        if (first.ToUpperInvariant() != first)
        {
            yield return new PaletteValue(YScalar.Str(first.ToUpperInvariant()), "upper-case");
        }

        if (!values.Contains(string.Empty))
        {
            yield return new PaletteValue(YScalar.Str(string.Empty), "empty");
        }

        yield return new PaletteValue(YScalar.Str("Bogus"), "not-in-enum");
        yield return new PaletteValue(YScalar.Str(first + " "), "trailing-space");
    }

    private static PaletteValue S(string value, string tag) => new(YScalar.Str(value), tag);

    private static PaletteValue R(string raw, string tag) => new(YScalar.Raw(raw), tag);

    private static string Rep(char c, int n) => new(c, n);

    private static string Sub(int length)
    {
        // a DNS subdomain of exactly `length` characters: 63-character labels joined by dots
        var parts = new List<string>();
        var left = length;
        while (left > 0)
        {
            var n = Math.Min(63, left);
            if (left - n == 1)
            {
                n--; // never leave a single character for the last label after its dot
            }

            parts.Add(Rep('a', n));
            left -= n;
            if (left > 0)
            {
                left--; // the dot
            }
        }

        return string.Join(".", parts);
    }

    private static Dictionary<string, PaletteValue[]> BuildPalettes()
    {
        var p = new Dictionary<string, PaletteValue[]>(StringComparer.Ordinal)
        {
            ["string"] = new[] { S(string.Empty, "empty"), S("x", "plain"), S(" x", "leading-space"), S("a b", "inner-space"), S("é", "non-ascii"), S(Rep('a', 4097), "len4097"), R("yes", "yaml11-bool"), R("1.10", "yaml11-float"), new PaletteValue(YScalar.Int(8080), "number") },
            ["freeText"] = new[] { S(string.Empty, "empty"), S(" x ", "spaces"), S(Rep('a', 4097), "len4097"), R("on", "yaml11-bool"), R("0777", "yaml11-octal") },
            ["dnsLabel"] = new[] { S(string.Empty, "empty"), S("a", "one-char"), S("A", "upper-case"), S("a_b", "underscore"), S("a.b", "dot"), S("-a", "leading-dash"), S("a-", "trailing-dash"), S("1a", "leading-digit"), S(Rep('a', 63), "len63"), S(Rep('a', 64), "len64"), S("a b", "space") },
            ["dnsSubdomain"] = new[] { S(string.Empty, "empty"), S("a.b-c", "valid"), S("A.b", "upper-case"), S("a..b", "double-dot"), S(".a", "leading-dot"), S("a.", "trailing-dot"), S("a_b", "underscore"), S("-a", "leading-dash"), S(Sub(253), "len253"), S(Sub(254), "len254"), S(Rep('a', 64), "label64"), S("a/b", "slash") },
            ["portName"] = new[] { S(string.Empty, "empty"), S("http", "valid"), S("a-1", "valid-dash"), S("HTTP", "upper-case"), S("a--b", "double-dash"), S("-a", "leading-dash"), S("1234", "digits-only"), S("abcdefghijklmno", "len15"), S("abcdefghijklmnop", "len16"), S("a_b", "underscore") },
            ["qualifiedName"] = new[] { S(string.Empty, "empty"), S("a", "simple"), S("example.com/a", "prefixed"), S("/a", "empty-prefix"), S("example.com/", "empty-name"), S("a/b/c", "two-slashes"), S("-a", "leading-dash"), S("a_", "trailing-underscore"), S(Rep('a', 63), "name63"), S(Rep('a', 64), "name64"), S(Sub(253) + "/a", "prefix253"), S(Sub(254) + "/a", "prefix254"), S("Example.com/a", "upper-case-prefix"), S("a b", "space") },
            ["labelValue"] = new[] { S(string.Empty, "empty"), S("a.b_c-d", "valid"), S(Rep('a', 63), "len63"), S(Rep('a', 64), "len64"), S("-a", "leading-dash"), S("a-", "trailing-dash"), S("a b", "space"), S("a/b", "slash"), R("true", "yaml-bool"), R("1.10", "yaml11-float") },
            ["annotationValue"] = new[] { S(string.Empty, "empty"), S("x", "plain"), S("multi\nline", "newline"), R("yes", "yaml11-bool"), new PaletteValue(YScalar.Int(1), "number") },
            ["relPath"] = new[] { S(string.Empty, "empty"), S("a", "simple"), S("a/b", "nested"), S("/a", "absolute"), S("..", "dotdot"), S("../a", "leading-backstep"), S("a/..", "trailing-backstep"), S("a/../b", "inner-backstep"), S("..a", "leading-dots-name"), S("./a", "dot-slash"), S("a\\..\\b", "backslash-backstep") },
            ["absPath"] = new[] { S(string.Empty, "empty"), S("/a", "absolute"), S("a", "relative"), S("/a/../b", "backstep"), S("/..", "root-backstep"), S("/a/b/", "trailing-slash"), S("C:\\a", "windows"), S("/a:b", "colon") },
            ["envName"] = new[] { S(string.Empty, "empty"), S("A_B", "valid"), S("a.b", "dot"), S("a/b", "slash"), S("1a", "leading-digit"), S("=a", "leading-equals"), S("a=b", "equals"), S("-", "dash"), S(".", "dot-only"), S("..", "dotdot"), S("a b", "space"), S("é", "non-ascii"), S("a\tb", "tab") },
            ["configMapKey"] = new[] { S(string.Empty, "empty"), S("a.b", "valid"), S("_a", "leading-underscore"), S("-a", "leading-dash"), S(".", "dot"), S("..", "dotdot"), S("..a", "leading-dotdot"), S("a/b", "slash"), S(Sub(253), "len253"), S(Sub(254), "len254"), S("a b", "space") },
            ["image"] = new[] { S(string.Empty, "empty"), S(" busybox", "leading-space"), S("busybox ", "trailing-space"), S("busybox", "valid") },
            ["quantity"] = new[] { S("0", "zero"), S("1", "one"), S("-1", "negative"), S("100m", "milli"), S("0.5", "fraction"), S("1.5Gi", "fraction-binary"), S("1e3", "exponent"), S("1x", "bad-suffix"), S(string.Empty, "empty"), S("1.", "trailing-dot"), S(".5", "leading-dot"), S("1m", "milli-one"), S("2Mi", "binary"), S("1e100", "huge"), new PaletteValue(YScalar.Int(1), "json-number"), R("0.1", "json-float"), S("+1", "plus"), S("0.0001m", "sub-milli") },
            ["resourceName"] = new[] { S("cpu", "cpu"), S("memory", "memory"), S("ephemeral-storage", "ephemeral-storage"), S("hugepages-2Mi", "hugepages"), S("nvidia.com/gpu", "extended"), S("example.com/foo", "extended-2"), S("foo", "no-domain"), S("kubernetes.io/foo", "kubernetes-domain"), S("requests.cpu", "quota-name"), S("CPU", "upper-case"), S("hugepages-", "hugepages-no-size"), S("a/b/c", "two-slashes"), S("storage", "storage"), S("pods", "pods") },
            ["ip"] = new[] { S("10.0.0.1", "ipv4"), S("::1", "ipv6"), S("1.2.3", "short"), S("010.0.0.1", "leading-zero"), S(string.Empty, "empty"), S("a", "name"), S("256.0.0.1", "out-of-range"), S("fe80::1%eth0", "zone") },
            ["dnsSearch"] = new[] { S("a.b", "valid"), S("_a.b", "leading-underscore"), S("a_b", "underscore"), S(".", "dot"), S("a..b", "double-dot"), S("a.", "trailing-dot"), S(Sub(254), "len254"), S("-a", "leading-dash"), S("A.b", "upper-case"), S(string.Empty, "empty") },
            ["sysctlName"] = new[] { S("net.core.somaxconn", "net"), S("kernel.shm_rmid_forced", "ipc"), S("kernel.msgmax", "ipc-2"), S("net/ipv4/ip_forward", "slash-form"), S("foo", "one-segment"), S("a..b", "double-dot"), S("Net.core", "upper-case"), S(string.Empty, "empty"), S("vm.swappiness", "node-level"), S(Sub(254), "len254") },
            ["fieldPath"] = new[] { S("metadata.name", "name"), S("metadata.namespace", "namespace"), S("metadata.uid", "uid"), S("metadata.labels", "labels"), S("metadata.annotations", "annotations"), S("metadata.labels['a']", "label-subscript"), S("metadata.annotations['a']", "annotation-subscript"), S("metadata.labels['A B']", "bad-subscript"), S("spec.nodeName", "nodeName"), S("spec.serviceAccountName", "serviceAccountName"), S("status.hostIP", "hostIP"), S("status.hostIPs", "hostIPs"), S("status.podIP", "podIP"), S("status.podIPs", "podIPs"), S("metadata.foo", "unknown"), S("spec.nodeName['a']", "subscript-unsupported"), S(string.Empty, "empty") },
            ["fieldApiVersion"] = new[] { S("v1", "v1"), S(string.Empty, "empty"), S("v2", "v2"), S("apps/v1", "other-group") },
            ["resourceFieldResource"] = new[] { S("limits.cpu", "limits.cpu"), S("limits.memory", "limits.memory"), S("limits.ephemeral-storage", "limits.ephemeral-storage"), S("requests.cpu", "requests.cpu"), S("requests.memory", "requests.memory"), S("requests.ephemeral-storage", "requests.ephemeral-storage"), S("requests.hugepages-2Mi", "hugepages"), S("limits.nvidia.com/gpu", "extended"), S("cpu", "no-prefix"), S(string.Empty, "empty"), S("limits.foo", "unknown") },
            ["divisor"] = new[] { S("1", "one"), S("1m", "milli"), S("1Mi", "mebi"), S("0", "zero"), S("3", "three"), S("-1", "negative"), S("1k", "kilo"), S("1Gi", "gibi"), S("1u", "micro"), S("2m", "two-milli") },
            ["httpHeaderName"] = new[] { S("X-A", "valid"), S("a b", "space"), S(string.Empty, "empty"), S(":a", "leading-colon"), S("a:b", "colon"), S("Ä", "non-ascii") },
            ["timestamp"] = new[] { S("2024-01-01T00:00:00Z", "rfc3339"), S("bad", "not-a-time"), S("2024-01-01", "date-only"), S(string.Empty, "empty") },
            ["base64"] = new[] { S("YQ==", "valid"), S("!!", "not-base64") },
            ["csiDriver"] = new[] { S("csi.example.com", "valid"), S(string.Empty, "empty"), S("-a", "leading-dash"), S("A.b", "upper-case"), S("a_b", "underscore"), S("a..b", "double-dot"), S(Rep('a', 63), "len63"), S(Rep('a', 64), "len64") },
            ["seccompLocalhost"] = new[] { S("profiles/a.json", "valid"), S(string.Empty, "empty"), S("/abs.json", "absolute"), S("../a.json", "backstep"), S("a/../b", "inner-backstep") },
            ["appArmorLocalhost"] = new[] { S("k8s-apparmor-example", "valid"), S(string.Empty, "empty"), S(" a", "leading-space"), S(Rep('a', 4096), "len4096"), S(Rep('a', 4097), "len4097") },
            ["runAsUserName"] = new[] { S("ContainerUser", "valid"), S("NT AUTHORITY\\NETWORK SERVICE", "domain"), S(string.Empty, "empty"), S(Rep('a', 257), "len257"), S(Rep('a', 21), "user21"), S("a/b", "slash"), S("a\\b\\c", "two-backslashes"), S(Rep('d', 16) + "\\u", "netbios16"), S(".\\a", "dot-domain"), S("a@b", "at") },
            ["finalizer"] = new[] { S("example.com/f", "qualified"), S("kubernetes", "standard"), S("orphan", "standard-orphan"), S("foregroundDeletion", "standard-foreground"), S("a", "not-standard"), S("A/b", "upper-case-prefix"), S(string.Empty, "empty"), S("example.com/", "empty-name") },
            ["generateName"] = new[] { S("a-", "trailing-dash"), S("A-", "upper-case"), S(string.Empty, "empty"), S("a", "simple"), S(Rep('a', 253), "len253"), S(Rep('a', 254), "len254"), S("-a", "leading-dash"), S("a_b-", "underscore") },
            ["namespace"] = new[] { S("default", "default"), S("kube-system", "kube-system"), S(string.Empty, "empty"), S("A", "upper-case"), S("a.b", "dot"), S(Rep('a', 63), "len63"), S(Rep('a', 64), "len64"), S("-a", "leading-dash") },
            ["apiVersion"] = new[] { S("apps/v1", "apps/v1"), S("apps/v1beta2", "removed-v1beta2"), S("extensions/v1beta1", "removed-extensions"), S("apps/v2", "unknown-version"), S("v1", "core"), S(string.Empty, "empty"), S("Apps/v1", "case") },
            ["kind"] = new[] { S("DaemonSet", "DaemonSet"), S("daemonset", "lower-case"), S("Daemonset", "case"), S("DaemonSets", "plural"), S(string.Empty, "empty") },
            ["ownerApiVersion"] = new[] { S("v1", "v1"), S(string.Empty, "empty"), S("apps/v1", "apps"), S("a/b/c", "two-slashes") },
            ["ownerKind"] = new[] { S("ConfigMap", "kind"), S(string.Empty, "empty"), S("Namespace", "banned?"), S("a b", "space") },
            ["uid"] = new[] { S("6d2e1b8e-5f3c-4c4e-9b1a-2a6f1e0d9c11", "uuid"), S(string.Empty, "empty"), S("x", "not-a-uuid") },
            ["int32"] = new[] { I(-1, "negative"), I(0, "zero"), I(1, "one"), I(100, "100"), I(101, "101"), I(511, "511"), I(512, "512"), I(65535, "65535"), I(65536, "65536"), I(2147483647, "int32-max"), I(2147483648, "int32-overflow"), I(-2147483649, "int32-underflow"), R("1.5", "fraction"), S("1", "quoted") },
            ["int64"] = new[] { I(-1, "negative"), I(0, "zero"), I(1, "one"), I(599, "599"), I(600, "600"), I(2147483647, "int32-max"), I(2147483648, "int32-overflow"), I(4294967296, "2^32"), I(4294967297, "2^32+1"), I(long.MaxValue, "int64-max"), R("9223372036854775808", "int64-overflow"), R("1.5", "fraction"), S("1", "quoted") },
            ["number"] = new[] { I(-1, "negative"), I(0, "zero"), R("1.5", "fraction"), S("1", "quoted") },
            ["port"] = new[] { I(0, "zero"), I(1, "one"), I(80, "80"), I(65535, "65535"), I(65536, "65536"), I(-1, "negative"), S("80", "quoted") },
            ["fileMode"] = new[] { I(0, "zero"), I(511, "0777"), I(512, "01000"), I(-1, "negative"), R("0644", "yaml11-octal"), R("0o644", "yaml12-octal"), R("0x1FF", "hex"), R("0999", "bad-octal") },
            ["weight"] = new[] { I(0, "zero"), I(1, "one"), I(100, "100"), I(101, "101"), I(-1, "negative") },
            ["bool"] = new[] { R("true", "true"), R("false", "false"), S("true", "quoted"), R("yes", "yaml11-yes"), R("True", "capitalized"), R("1", "number") },
            ["intOrString"] = new[] { I(0, "zero"), I(1, "one"), I(-1, "negative"), S("0%", "zero-percent"), S("100%", "100-percent"), S("101%", "101-percent"), S("-1%", "negative-percent"), S("50", "numeric-string"), S("%", "percent-only"), S("1.5%", "fraction-percent"), S("abc", "name"), R("1.5", "float") },
            ["intOrStringPort"] = new[] { I(0, "zero"), I(1, "one"), I(65535, "65535"), I(65536, "65536"), S("http", "name"), S("HTTP", "upper-case-name"), S("a--b", "double-dash"), S(string.Empty, "empty"), S("1234", "digits-only"), S("abcdefghijklmnop", "len16"), S("80", "numeric-string") },
            ["percentOnly"] = new[] { S("10%", "percent"), S("0%", "zero-percent"), S("100%", "100-percent"), S("101%", "101-percent"), I(1, "int"), I(0, "zero"), I(-1, "negative"), S("-5%", "negative-percent"), S("5", "numeric-string"), S("x%", "bad-percent") },
            ["podDeletionCost"] = new[] { S("0", "zero"), S("-5", "negative"), S("2147483647", "int32-max"), S("2147483648", "int32-overflow"), S("1.5", "fraction"), S("x", "not-a-number"), S(string.Empty, "empty"), S(" 1", "space") },
            ["seccompAnnotation"] = new[] { S("runtime/default", "runtime-default"), S("docker/default", "docker-default"), S("unconfined", "unconfined"), S("localhost/a.json", "localhost"), S("localhost/../a", "localhost-backstep"), S("localhost//abs", "localhost-absolute"), S("bogus", "invalid"), S(string.Empty, "empty") },
            ["appArmorAnnotation"] = new[] { S("runtime/default", "runtime-default"), S("unconfined", "unconfined"), S("localhost/a", "localhost"), S("localhost/", "localhost-empty"), S("bogus", "invalid"), S(string.Empty, "empty") },
        };
        return p;

        static PaletteValue I(long v, string tag) => new(YScalar.Int(v), tag);
    }

    private static Dictionary<string, FieldRule> BuildRules()
    {
        FieldRule Rule(Func<NameGen, YNode>? valid, params string[] palettes) => new(palettes, valid);
        Func<NameGen, YNode> Fixed(string s) => _ => YScalar.Str(s);
        Func<NameGen, YNode> FixedInt(long v) => _ => YScalar.Int(v);

        var r = new Dictionary<string, FieldRule>(StringComparer.Ordinal)
        {
            // The DaemonSet's own metadata (ValidateObjectMeta with ValidateDaemonSetName) and the object kind.
            ["path:apiVersion"] = Rule(Fixed("apps/v1"), "apiVersion"),
            ["path:kind"] = Rule(Fixed("DaemonSet"), "kind"),
            ["path:metadata.name"] = Rule(n => YScalar.Str(n.Next("ds")), "dnsSubdomain"),
            ["ObjectMeta.generateName"] = Rule(Fixed("mut-"), "generateName"),
            ["ObjectMeta.namespace"] = Rule(Fixed("default"), "namespace"),
            ["ObjectMeta.name"] = Rule(n => YScalar.Str(n.Next("o")), "dnsSubdomain"),
            ["ObjectMeta.labels#key"] = Rule(n => YScalar.Str(n.Next("example.com/k")), "qualifiedName"),
            ["ObjectMeta.labels#value"] = Rule(Fixed("v"), "labelValue"),
            ["ObjectMeta.annotations#key"] = Rule(n => YScalar.Str(n.Next("example.com/a")), "qualifiedName"),
            ["ObjectMeta.annotations#value"] = Rule(Fixed("v"), "annotationValue"),
            ["ObjectMeta.finalizers[]"] = Rule(Fixed("example.com/f"), "finalizer"),
            ["ObjectMeta.uid"] = Rule(Fixed("6d2e1b8e-5f3c-4c4e-9b1a-2a6f1e0d9c11"), "uid"),
            ["ObjectMeta.resourceVersion"] = Rule(Fixed("1"), "string"),
            ["ObjectMeta.selfLink"] = Rule(Fixed("/x"), "string"),
            ["OwnerReference.apiVersion"] = Rule(Fixed("v1"), "ownerApiVersion"),
            ["OwnerReference.kind"] = Rule(Fixed("ConfigMap"), "ownerKind"),
            ["OwnerReference.name"] = Rule(Fixed("owner"), "dnsSubdomain"),
            ["OwnerReference.uid"] = Rule(Fixed("6d2e1b8e-5f3c-4c4e-9b1a-2a6f1e0d9c11"), "uid"),

            // Selectors (apimachinery ValidateLabelSelector).
            ["LabelSelector.matchLabels#key"] = Rule(n => YScalar.Str(n.Next("example.com/k")), "qualifiedName"),
            ["LabelSelector.matchLabels#value"] = Rule(Fixed("v"), "labelValue"),
            ["LabelSelectorRequirement.key"] = Rule(Fixed("example.com/k"), "qualifiedName"),
            ["LabelSelectorRequirement.values[]"] = Rule(Fixed("v"), "labelValue"),
            ["NodeSelectorRequirement.key"] = Rule(Fixed("example.com/k"), "qualifiedName"),
            ["NodeSelectorRequirement.values[]"] = Rule(Fixed("v"), "labelValue", "int64"),
            ["PodSpec.nodeSelector#key"] = Rule(n => YScalar.Str(n.Next("example.com/k")), "qualifiedName"),
            ["PodSpec.nodeSelector#value"] = Rule(Fixed("v"), "labelValue"),

            // Update strategy (ValidateRollingUpdateDaemonSet).
            ["RollingUpdateDaemonSet.maxUnavailable"] = Rule(FixedInt(1), "intOrString", "percentOnly"),
            ["RollingUpdateDaemonSet.maxSurge"] = Rule(FixedInt(0), "intOrString", "percentOnly"),

            // Containers.
            ["Container.name"] = Rule(n => YScalar.Str(n.Next("c")), "dnsLabel"),
            ["EphemeralContainer.name"] = Rule(n => YScalar.Str(n.Next("e")), "dnsLabel"),
            ["Container.image"] = Rule(Fixed("busybox:1.36"), "image"),
            ["EphemeralContainer.image"] = Rule(Fixed("busybox:1.36"), "image"),
            ["Container.command[]"] = Rule(Fixed("true"), "freeText"),
            ["Container.args[]"] = Rule(Fixed("x"), "freeText"),
            ["Container.workingDir"] = Rule(Fixed("/w"), "absPath", "freeText"),
            ["Container.terminationMessagePath"] = Rule(Fixed("/dev/termination-log"), "absPath"),
            ["ContainerPort.name"] = Rule(n => YScalar.Str(n.Next("p")), "portName"),
            ["ContainerPort.containerPort"] = Rule(n => YScalar.Int(8000 + n.Number()), "port", "int32"),
            ["ContainerPort.hostPort"] = Rule(n => YScalar.Int(9000 + n.Number()), "port", "int32"),
            ["ContainerPort.hostIP"] = Rule(Fixed("10.0.0.1"), "ip"),
            ["EnvVar.name"] = Rule(n => YScalar.Str(n.Next("MUT_").ToUpperInvariant().Replace('-', '_')), "envName"),
            ["EnvVar.value"] = Rule(Fixed("v"), "freeText"),
            ["EnvFromSource.prefix"] = Rule(Fixed("P_"), "envName"),
            ["ConfigMapEnvSource.name"] = Rule(Fixed("cm"), "dnsSubdomain"),
            ["SecretEnvSource.name"] = Rule(Fixed("secret"), "dnsSubdomain"),
            ["ConfigMapKeySelector.name"] = Rule(Fixed("cm"), "dnsSubdomain"),
            ["ConfigMapKeySelector.key"] = Rule(Fixed("k"), "configMapKey"),
            ["SecretKeySelector.name"] = Rule(Fixed("secret"), "dnsSubdomain"),
            ["SecretKeySelector.key"] = Rule(Fixed("k"), "configMapKey"),
            ["ObjectFieldSelector.fieldPath"] = Rule(Fixed("metadata.name"), "fieldPath"),
            ["ObjectFieldSelector.apiVersion"] = Rule(Fixed("v1"), "fieldApiVersion"),
            ["ResourceFieldSelector.resource"] = Rule(Fixed("limits.cpu"), "resourceFieldResource"),
            ["ResourceFieldSelector.divisor"] = Rule(Fixed("1"), "divisor", "quantity"),
            ["ResourceFieldSelector.containerName"] = Rule(Fixed("c"), "dnsLabel"),
            ["ResourceRequirements.limits#key"] = Rule(Fixed("cpu"), "resourceName"),
            ["ResourceRequirements.requests#key"] = Rule(Fixed("cpu"), "resourceName"),
            ["ResourceRequirements.limits#value"] = Rule(Fixed("1"), "quantity"),
            ["ResourceRequirements.requests#value"] = Rule(Fixed("1"), "quantity"),
            ["PodSpec.overhead#key"] = Rule(Fixed("cpu"), "resourceName"),
            ["ResourceClaim.name"] = Rule(Fixed("claim"), "dnsLabel"),
            ["VolumeMount.mountPath"] = Rule(n => YScalar.Str("/mnt/" + n.Next("m")), "absPath"),
            ["VolumeMount.subPath"] = Rule(Fixed("sub"), "relPath"),
            ["VolumeMount.subPathExpr"] = Rule(Fixed("$(POD_NAME)"), "relPath"),
            ["VolumeDevice.devicePath"] = Rule(n => YScalar.Str("/dev/" + n.Next("d")), "absPath"),
            ["Capabilities.add[]"] = Rule(Fixed("NET_ADMIN"), "freeText"),
            ["Capabilities.drop[]"] = Rule(Fixed("ALL"), "freeText"),

            // Probes and handlers.
            ["HTTPGetAction.path"] = Rule(Fixed("/healthz"), "freeText"),
            ["HTTPGetAction.port"] = Rule(FixedInt(8080), "intOrStringPort"),
            ["HTTPGetAction.host"] = Rule(Fixed("example.com"), "freeText"),
            ["HTTPHeader.name"] = Rule(Fixed("X-Mut"), "httpHeaderName"),
            ["TCPSocketAction.port"] = Rule(FixedInt(8080), "intOrStringPort"),
            ["GRPCAction.port"] = Rule(FixedInt(9090), "port", "int32"),
            ["ExecAction.command[]"] = Rule(Fixed("true"), "freeText"),
            ["SleepAction.seconds"] = Rule(FixedInt(1), "int64"),
            ["Probe.terminationGracePeriodSeconds"] = Rule(FixedInt(30), "int64"),

            // Pod-level fields.
            ["PodSpec.serviceAccountName"] = Rule(Fixed("sa"), "dnsSubdomain"),
            ["PodSpec.serviceAccount"] = Rule(Fixed("sa"), "dnsSubdomain"),
            ["PodSpec.nodeName"] = Rule(Fixed("node-1"), "dnsSubdomain"),
            ["PodSpec.hostname"] = Rule(Fixed("host"), "dnsLabel"),
            ["PodSpec.subdomain"] = Rule(Fixed("sub"), "dnsLabel"),
            ["PodSpec.priorityClassName"] = Rule(Fixed("system-node-critical"), "dnsSubdomain"),
            ["PodSpec.runtimeClassName"] = Rule(Fixed("runc"), "dnsSubdomain"),
            ["PodSpec.schedulerName"] = Rule(Fixed("default-scheduler"), "dnsSubdomain"),
            ["PodSpec.terminationGracePeriodSeconds"] = Rule(FixedInt(30), "int64"),
            ["PodSpec.activeDeadlineSeconds"] = Rule(FixedInt(30), "int64"),
            ["LocalObjectReference.name"] = Rule(Fixed("name"), "dnsSubdomain"),
            ["HostAlias.ip"] = Rule(Fixed("10.0.0.1"), "ip"),
            ["HostAlias.hostnames[]"] = Rule(Fixed("host.example.com"), "dnsSubdomain"),
            ["PodDNSConfig.nameservers[]"] = Rule(Fixed("10.0.0.10"), "ip"),
            ["PodDNSConfig.searches[]"] = Rule(Fixed("svc.cluster.local"), "dnsSearch"),
            ["PodDNSConfigOption.name"] = Rule(Fixed("ndots"), "string"),
            ["PodReadinessGate.conditionType"] = Rule(Fixed("example.com/ready"), "qualifiedName"),
            ["PodSchedulingGate.name"] = Rule(n => YScalar.Str(n.Next("example.com/gate")), "qualifiedName"),
            ["Sysctl.name"] = Rule(Fixed("net.ipv4.tcp_syncookies"), "sysctlName"),
            ["Sysctl.value"] = Rule(Fixed("1"), "freeText"),
            ["Toleration.key"] = Rule(Fixed("example.com/taint"), "qualifiedName"),
            ["Toleration.value"] = Rule(Fixed("v"), "labelValue"),
            ["Toleration.tolerationSeconds"] = Rule(FixedInt(60), "int64"),
            ["PodAffinityTerm.topologyKey"] = Rule(Fixed("kubernetes.io/hostname"), "qualifiedName"),
            ["PodAffinityTerm.namespaces[]"] = Rule(Fixed("default"), "namespace"),
            ["PodAffinityTerm.matchLabelKeys[]"] = Rule(Fixed("example.com/m"), "qualifiedName"),
            ["PodAffinityTerm.mismatchLabelKeys[]"] = Rule(Fixed("example.com/mm"), "qualifiedName"),
            ["WeightedPodAffinityTerm.weight"] = Rule(FixedInt(1), "weight"),
            ["PreferredSchedulingTerm.weight"] = Rule(FixedInt(1), "weight"),
            ["TopologySpreadConstraint.topologyKey"] = Rule(n => YScalar.Str(n.Next("example.com/zone")), "qualifiedName"),
            ["TopologySpreadConstraint.maxSkew"] = Rule(FixedInt(1), "int32"),
            ["TopologySpreadConstraint.minDomains"] = Rule(FixedInt(1), "int32"),
            ["TopologySpreadConstraint.matchLabelKeys[]"] = Rule(Fixed("example.com/m"), "qualifiedName"),

            // Security.
            ["SeccompProfile.localhostProfile"] = Rule(Fixed("profiles/a.json"), "seccompLocalhost"),
            ["AppArmorProfile.localhostProfile"] = Rule(Fixed("k8s-apparmor-example"), "appArmorLocalhost"),
            ["WindowsSecurityContextOptions.runAsUserName"] = Rule(Fixed("ContainerUser"), "runAsUserName"),
            ["WindowsSecurityContextOptions.gmsaCredentialSpecName"] = Rule(Fixed("gmsa"), "dnsSubdomain"),
            ["SecurityContext.runAsUser"] = Rule(FixedInt(1000), "int64"),
            ["SecurityContext.runAsGroup"] = Rule(FixedInt(1000), "int64"),
            ["PodSecurityContext.runAsUser"] = Rule(FixedInt(1000), "int64"),
            ["PodSecurityContext.runAsGroup"] = Rule(FixedInt(1000), "int64"),
            ["PodSecurityContext.fsGroup"] = Rule(FixedInt(1000), "int64"),
            ["PodSecurityContext.supplementalGroups[]"] = Rule(FixedInt(1000), "int64"),

            // Volumes.
            ["Volume.name"] = Rule(n => YScalar.Str(n.Next("v")), "dnsLabel"),
            ["HostPathVolumeSource.path"] = Rule(n => YScalar.Str("/var/" + n.Next("h")), "absPath", "relPath"),
            ["EmptyDirVolumeSource.sizeLimit"] = Rule(Fixed("1Gi"), "quantity"),
            ["SecretVolumeSource.secretName"] = Rule(Fixed("secret"), "dnsSubdomain"),
            ["SecretVolumeSource.defaultMode"] = Rule(FixedInt(420), "fileMode"),
            ["ConfigMapVolumeSource.name"] = Rule(Fixed("cm"), "dnsSubdomain"),
            ["ConfigMapVolumeSource.defaultMode"] = Rule(FixedInt(420), "fileMode"),
            ["DownwardAPIVolumeSource.defaultMode"] = Rule(FixedInt(420), "fileMode"),
            ["ProjectedVolumeSource.defaultMode"] = Rule(FixedInt(420), "fileMode"),
            ["KeyToPath.key"] = Rule(Fixed("k"), "configMapKey"),
            ["KeyToPath.path"] = Rule(n => YScalar.Str(n.Next("p")), "relPath"),
            ["KeyToPath.mode"] = Rule(FixedInt(420), "fileMode"),
            ["DownwardAPIVolumeFile.path"] = Rule(n => YScalar.Str(n.Next("f")), "relPath"),
            ["DownwardAPIVolumeFile.mode"] = Rule(FixedInt(420), "fileMode"),
            ["SecretProjection.name"] = Rule(Fixed("secret"), "dnsSubdomain"),
            ["ConfigMapProjection.name"] = Rule(Fixed("cm"), "dnsSubdomain"),
            ["ServiceAccountTokenProjection.path"] = Rule(n => YScalar.Str(n.Next("token")), "relPath"),
            ["ServiceAccountTokenProjection.expirationSeconds"] = Rule(FixedInt(3600), "int64"),
            ["ServiceAccountTokenProjection.audience"] = Rule(Fixed("api"), "freeText"),
            ["ClusterTrustBundleProjection.path"] = Rule(Fixed("ca.pem"), "relPath"),
            ["CSIVolumeSource.driver"] = Rule(Fixed("csi.example.com"), "csiDriver"),
            ["CSIVolumeSource.volumeAttributes#key"] = Rule(Fixed("k"), "string"),
            ["NFSVolumeSource.path"] = Rule(Fixed("/exports"), "absPath"),
            ["NFSVolumeSource.server"] = Rule(Fixed("nfs.example.com"), "string"),
            ["GitRepoVolumeSource.directory"] = Rule(Fixed("repo"), "relPath"),
            ["ISCSIVolumeSource.iqn"] = Rule(Fixed("iqn.2001-04.com.example:storage"), "string"),
            ["ISCSIVolumeSource.lun"] = Rule(FixedInt(0), "int32"),
            ["ISCSIVolumeSource.initiatorName"] = Rule(Fixed("iqn.2001-04.com.example:node"), "string"),
            ["GCEPersistentDiskVolumeSource.partition"] = Rule(FixedInt(1), "int32"),
            ["AWSElasticBlockStoreVolumeSource.partition"] = Rule(FixedInt(1), "int32"),
            ["FCVolumeSource.lun"] = Rule(FixedInt(0), "int32"),
            ["FlexVolumeSource.options#key"] = Rule(Fixed("k"), "qualifiedName"),
            ["StorageOSVolumeSource.volumeName"] = Rule(Fixed("vol"), "dnsLabel"),
            ["StorageOSVolumeSource.volumeNamespace"] = Rule(Fixed("ns"), "dnsLabel"),
            ["QuobyteVolumeSource.registry"] = Rule(Fixed("registry.example.com:7861"), "string"),
            ["PersistentVolumeClaimVolumeSource.claimName"] = Rule(Fixed("claim"), "dnsSubdomain"),
            ["PersistentVolumeClaimSpec.storageClassName"] = Rule(Fixed("standard"), "dnsSubdomain"),
            ["PersistentVolumeClaimSpec.volumeAttributesClassName"] = Rule(Fixed("gold"), "dnsSubdomain"),
            ["VolumeResourceRequirements.requests#key"] = Rule(Fixed("storage"), "resourceName"),
            ["VolumeResourceRequirements.requests#value"] = Rule(Fixed("1Gi"), "quantity"),
            ["VolumeResourceRequirements.limits#value"] = Rule(Fixed("1Gi"), "quantity"),
            ["TypedLocalObjectReference.kind"] = Rule(Fixed("PersistentVolumeClaim"), "string"),
            ["TypedObjectReference.kind"] = Rule(Fixed("PersistentVolumeClaim"), "string"),
            ["PodOS.name"] = Rule(Fixed("linux"), "enum:PodOS.name"),
        };
        return r;
    }
}

/// <summary>Makes names unique within one mutant (container, volume, port, env names...).</summary>
internal sealed class NameGen
{
    private int n;

    /// <summary>Initializes a new instance of the <see cref="NameGen"/> class.</summary>
    public NameGen(int start = 0) => this.n = start;

    /// <summary>A fresh name with a prefix (<c>c</c> → <c>mut-c3</c>; prefixes with a slash keep their domain).</summary>
    public string Next(string prefix)
    {
        this.n++;
        return prefix.Contains('/') || prefix.EndsWith('_') ? prefix + this.n : "mut-" + prefix + this.n;
    }

    /// <summary>A fresh number.</summary>
    public int Number() => ++this.n;
}
