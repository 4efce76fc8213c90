using System.Text.RegularExpressions;

namespace Kairos.Stages.Image.Requests;

/// <summary>The container image reference grammar (distribution/reference): [domain[:port]/]path[:tag][@digest].</summary>
public static partial class ImageReference
{
    public const int MaxLength = 255;

    public static bool IsValid(string reference) =>
        reference.Length <= MaxLength && Grammar().IsMatch(reference);

    /// <summary>The containers-image transport a text names (<c>dir:</c>, <c>oci-archive:</c>, <c>docker://</c>…), which podman would follow instead of a reference; else null.</summary>
    public static string? Transport(string text) => TransportPrefix().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>
    /// The registry host (with port) a valid reference pulls from: its first component when that looks like a host
    /// (a dot, a port or <c>localhost</c>), else Docker Hub's <c>docker.io</c>.
    /// </summary>
    public static string Registry(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : reference[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? first.ToLowerInvariant() : "docker.io";
    }

    /// <summary>The image's own name: the last path component without tag or digest (<c>ubuntu</c> for <c>docker.io/library/ubuntu:24.04</c>).</summary>
    public static string Name(string reference)
    {
        var withoutDigest = reference.Split('@')[0];
        var last = withoutDigest[(withoutDigest.LastIndexOf('/') + 1)..];
        return last.Split(':')[0];
    }

    /// <summary>
    /// The grammar as a regular expression (.NET and JavaScript read it alike; the Factory serves it to its page): domain
    /// components, optional port; lower-case path components joined by separators; tag; sha256 digest.
    /// </summary>
    public const string Pattern = @"^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$";

    /// <summary>A pattern that matches every reference whose own name (<see cref="Name"/>) is <paramref name="name"/>, whatever its registry, path, tag or digest.</summary>
    public static string NamePattern(string name) => $"^(?:[^@]*/)?{Regex.Escape(name)}(?::[^/@]*)?(?:@.*)?$";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Grammar();

    [GeneratedRegex(@"^(dir|oci|oci-archive|docker|docker-archive|docker-daemon|containers-storage|ostree|sif|tarball):", RegexOptions.CultureInvariant)]
    private static partial Regex TransportPrefix();
}
