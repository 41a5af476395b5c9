using System;
using DaemonLint.Releases;

namespace DaemonLint.Rules.Support;

/// <summary>
/// The pull policy core/v1 defaulting gives an image that has none (<c>SetDefaults_Container</c>, and
/// <c>SetDefaults_Volume</c> for image volumes): <c>Always</c> when <c>pkg/util/parsers.ParseImageName</c> finds the tag
/// <c>latest</c>, which it also returns for a reference with neither tag nor digest; <c>IfNotPresent</c> otherwise, a
/// reference that does not parse included (the error is ignored and the tag is empty). ParseImageName calls
/// <c>ParseNormalizedNamed</c> of github.com/distribution/reference, whose grammar this class follows by hand (no
/// regular expression, so an image of any length costs one pass). Checked against the v1.31.1 and v1.32.2 oracles on
/// forty references (uppercase first components taken as registries, <c>__</c> but not <c>___</c> as a separator,
/// bracketed IPv6 registries, digests of each algorithm, the 255-character limit).
/// </summary>
internal static class ImageReference
{
    /// <summary>distribution/reference <c>NameTotalLengthMax</c>.</summary>
    private const int NameTotalLengthMax = 255;

    /// <summary>Gets the pull policy defaulting gives an image.</summary>
    /// <param name="image">The image reference as written.</param>
    /// <param name="release">The release: up to 1.31 (reference v0.5.0) the 255-character limit counts the registry too
    /// (<c>docker.io/library/</c> for a short name), from 1.32 (v0.6.0) only the repository path.</param>
    /// <returns><c>Always</c> or <c>IfNotPresent</c>.</returns>
    public static string DefaultPullPolicy(string image, KubernetesRelease release) =>
        Tag(image, release) == "latest" ? "Always" : "IfNotPresent";

    /// <summary>
    /// Gets the tag <c>ParseImageName</c> returns: the reference's tag, <c>latest</c> when it parses with neither tag nor
    /// digest, the empty string when it has a digest and no tag, null when it does not parse.
    /// </summary>
    /// <param name="image">The image reference.</param>
    /// <param name="release">The release (see <see cref="DefaultPullPolicy"/>).</param>
    /// <returns>The tag, or null.</returns>
    internal static string? Tag(string image, KubernetesRelease release)
    {
        // ParseNormalizedNamed: a 64-character hex string is refused as an image ID.
        if (image.Length == 64 && IsAll(image, 0, 64, static c => c is (>= 'a' and <= 'f') or (>= '0' and <= '9')))
        {
            return null;
        }

        SplitDockerDomain(image, out var domain, out var remainder);
        var tagSep = remainder.IndexOf(':');
        var remoteName = tagSep < 0 ? remainder : remainder.Substring(0, tagSep);
        foreach (var c in remoteName)
        {
            if (c is >= 'A' and <= 'Z')
            {
                return null; // "repository name must be lowercase" (a non-ASCII letter fails the grammar below instead)
            }
        }

        return Parse(domain + "/" + remainder, release);
    }

    // splitDockerDomain: the first component is a registry when it holds '.' or ':', is "localhost", or has an upper-case
    // letter (Docker Hub namespaces cannot); Docker Hub names get "library/" when they have a single component.
    private static void SplitDockerDomain(string name, out string domain, out string remainder)
    {
        var slash = name.IndexOf('/');
        string first;
        if (slash < 0 || !IsRegistry(first = name.Substring(0, slash)))
        {
            domain = "docker.io";
            remainder = name;
        }
        else
        {
            domain = first == "index.docker.io" ? "docker.io" : first;
            remainder = name.Substring(slash + 1);
        }

        if (domain == "docker.io" && remainder.IndexOf('/') < 0)
        {
            remainder = "library/" + remainder;
        }
    }

    private static bool IsRegistry(string first)
    {
        if (first.IndexOf('.') >= 0 || first.IndexOf(':') >= 0 || first == "localhost")
        {
            return true;
        }

        foreach (var c in first)
        {
            if (char.ToLowerInvariant(c) != c)
            {
                return true;
            }
        }

        return false;
    }

    // Parse: ReferenceRegexp, anchored: name [":" tag] ["@" digest], then the name length and the digest's algorithm.
    private static string? Parse(string s, KubernetesRelease release)
    {
        var at = s.IndexOf('@');
        var left = at < 0 ? s : s.Substring(0, at);
        var digest = at < 0 ? null : s.Substring(at + 1);

        // Neither the name nor the tag holds '@', and the tag holds no '/' or ':', so the last ':' after the last '/' starts the tag.
        string? tag = null;
        var name = left;
        var colon = left.LastIndexOf(':');
        if (colon > left.LastIndexOf('/'))
        {
            tag = left.Substring(colon + 1);
            name = left.Substring(0, colon);
            if (!IsTag(tag))
            {
                return null;
            }
        }

        if (!SplitName(name, out var path) || (digest is not null && !IsValidDigest(digest)))
        {
            return null;
        }

        if ((release.IsAtLeast(32) ? path.Length : name.Length) > NameTotalLengthMax)
        {
            return null; // ErrNameTooLong
        }

        return tag ?? (digest is null ? "latest" : string.Empty);
    }

    // namePat: optional(domainAndPort "/") remoteName; the optional registry is tried first, as the regular expression does.
    private static bool SplitName(string name, out string path)
    {
        path = name;
        var slash = name.IndexOf('/');
        if (slash > 0 && IsDomainAndPort(name, slash) && IsRemoteName(name, slash + 1))
        {
            path = name.Substring(slash + 1);
            return true;
        }

        return IsRemoteName(name, 0);
    }

    // remoteName: pathComponent ("/" pathComponent)*, pathComponent: [a-z0-9]+ ((\.|_|__|-+)[a-z0-9]+)*.
    private static bool IsRemoteName(string s, int start)
    {
        var i = start;
        while (true)
        {
            if (!AlphaNumerics(s, ref i))
            {
                return false;
            }

            while (i < s.Length && s[i] != '/')
            {
                switch (s[i])
                {
                    case '.':
                        i++;
                        break;
                    case '_':
                        i += i + 1 < s.Length && s[i + 1] == '_' ? 2 : 1;
                        break;
                    case '-':
                        while (i < s.Length && s[i] == '-')
                        {
                            i++;
                        }

                        break;
                    default:
                        return false;
                }

                if (!AlphaNumerics(s, ref i))
                {
                    return false;
                }
            }

            if (i == s.Length)
            {
                return true;
            }

            i++; // '/'
        }
    }

    private static bool AlphaNumerics(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && s[i] is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
        {
            i++;
        }

        return i > start;
    }

    // domainAndPort: (domainName | "[" [a-fA-F0-9:]+ "]") (":" [0-9]+)?, domainName: label ("." label)*, a label being
    // alphanumerics with inner hyphens (upper case allowed).
    private static bool IsDomainAndPort(string s, int end)
    {
        int hostEnd;
        if (s[0] == '[')
        {
            var close = s.IndexOf(']', 1);
            if (close < 0 || close >= end || close == 1 || !IsAll(s, 1, close, static c => c == ':' || Uri.IsHexDigit(c)))
            {
                return false;
            }

            hostEnd = close + 1;
        }
        else
        {
            var colon = s.IndexOf(':', 0, end);
            hostEnd = colon < 0 ? end : colon;
            var labelStart = 0;
            for (var i = 0; i <= hostEnd; i++)
            {
                if (i < hostEnd && s[i] != '.')
                {
                    continue;
                }

                if (i == labelStart || s[labelStart] == '-' || s[i - 1] == '-' || !IsAll(s, labelStart, i, static c => c == '-' || IsAsciiLetterOrDigit(c)))
                {
                    return false;
                }

                labelStart = i + 1;
            }
        }

        return hostEnd == end || (s[hostEnd] == ':' && hostEnd + 1 < end && IsAll(s, hostEnd + 1, end, static c => c is >= '0' and <= '9'));
    }

    // tag: [\w][\w.-]{0,127} (ASCII word characters).
    private static bool IsTag(string tag) =>
        tag.Length is >= 1 and <= 128 && tag[0] != '.' && tag[0] != '-' && IsAll(tag, 0, tag.Length, static c => c is '_' or '.' or '-' || IsAsciiLetterOrDigit(c));

    // The digest's grammar ([A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}), then go-digest's
    // Validate: the algorithm must be one the binary links (sha256, sha384, sha512) and the hex lower case, of its size.
    private static bool IsValidDigest(string digest)
    {
        var colon = digest.IndexOf(':');
        if (colon <= 0 || digest.Length - colon - 1 < 32 || !IsAll(digest, colon + 1, digest.Length, Uri.IsHexDigit))
        {
            return false;
        }

        var size = digest.Substring(0, colon) switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => 0,
        };
        return size != 0 && digest.Length - colon - 1 == size && IsAll(digest, colon + 1, digest.Length, static c => c is (>= 'a' and <= 'f') or (>= '0' and <= '9'));
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    private static bool IsAll(string s, int start, int end, Func<char, bool> test)
    {
        for (var i = start; i < end; i++)
        {
            if (!test(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
