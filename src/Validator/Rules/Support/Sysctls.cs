using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>The sysctls of <c>spec.template.spec.securityContext.sysctls</c>.</summary>
internal static class Sysctls
{
    public const string Regex = "^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";

    public static FieldPath BasePath { get; } = Paths.PodSpec.Child("securityContext", "sysctls");

    /// <summary>Whether a name matches <c>SysctlContainSlashFmt</c> and is at most 253 characters.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || name.Length > 253)
        {
            return false;
        }

        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i == name.Length || name[i] == '.' || name[i] == '/')
            {
                if (!IsSegment(name, start, i))
                {
                    return false;
                }

                start = i + 1;
            }
        }

        return true;
    }

    /// <summary>The namespace of a sysctl (<c>utilsysctl.GetNamespace</c>): "net", "ipc" or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The namespace.</returns>
    public static string? Namespace(string name)
    {
        var sep = name.IndexOfAny(new[] { '.', '/' });
        if (sep >= 0 && name[sep] == '/')
        {
            var chars = name.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = chars[i] switch { '.' => '/', '/' => '.', var c => c };
            }

            name = new string(chars);
        }

        if (name is "kernel.sem")
        {
            return "ipc";
        }

        if (name.StartsWith("kernel.shm", System.StringComparison.Ordinal) || name.StartsWith("kernel.msg", System.StringComparison.Ordinal) || name.StartsWith("fs.mqueue.", System.StringComparison.Ordinal))
        {
            return "ipc";
        }

        return name.StartsWith("net.", System.StringComparison.Ordinal) ? "net" : null;
    }

    private static bool IsSegment(string s, int from, int to)
    {
        if (to <= from || !IsAlnum(s[from]) || !IsAlnum(s[to - 1]))
        {
            return false;
        }

        for (var i = from; i < to; i++)
        {
            if (!(IsAlnum(s[i]) || s[i] == '-' || s[i] == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlnum(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}
