using System.Text.RegularExpressions;

namespace Kairos.Stages.Image.Requests;

/// <summary>
/// Where a FIPS build is refused, read from <c>stages/data/fips.yaml</c> (FrontEnd/Sources <c>FipsRules</c>), the one
/// home of the rule: distro (os-release ID, also the base image's name) ⇒ reason, architecture ⇒ reason. The install stage applies
/// it to the root's distro and the target architecture (<see cref="DistroProblem"/>, template function
/// <c>fips_refusal</c>), the Factory to the architecture before anything runs and to the base image's name
/// (<see cref="RefusedImages"/>: patterns over whole image references, which the page applies as data).
/// </summary>
public sealed record FipsSupport(IReadOnlyDictionary<string, string> UnsupportedImages, IReadOnlyDictionary<string, string> UnsupportedArchitectures)
{
    /// <summary>Why a FIPS build of a root whose os-release ID is <paramref name="distro"/> on <paramref name="architecture"/> is refused, or null.</summary>
    public string? DistroProblem(string? distro, string? architecture) =>
        architecture is not null && UnsupportedArchitectures.TryGetValue(architecture, out var archReason) ? archReason
        : distro is not null && UnsupportedImages.TryGetValue(distro, out var distroReason) ? distroReason
        : null;

    /// <summary>One pattern per refused image name, matching every reference of that image (any registry, tag or digest).</summary>
    public IReadOnlyList<FipsRefusal> RefusedImages { get; } =
        [.. UnsupportedImages.Select(pair => new FipsRefusal(ImageReference.NamePattern(pair.Key), pair.Value))];

    /// <summary>Why FIPS cannot be built from <paramref name="image"/> on <paramref name="architecture"/>, or null when it can.</summary>
    public string? Problem(string? image, string? architecture)
    {
        if (architecture is not null && UnsupportedArchitectures.TryGetValue(architecture, out var archReason))
        {
            return archReason;
        }

        return image is not null && RefusedImages.FirstOrDefault(refusal => Regex.IsMatch(image, refusal.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200))) is { } refused
            ? $"{refused.Reason} (image '{image}')"
            : null;
    }
}

/// <summary>A refused base: a pattern over whole image references and why.</summary>
public sealed record FipsRefusal(string Pattern, string Reason);
