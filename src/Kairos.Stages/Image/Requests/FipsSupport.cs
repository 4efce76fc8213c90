using System.Text.RegularExpressions;

namespace Kairos.Stages.Image.Requests;

/// <summary>
/// Where a FIPS build is refused before anything runs (the Factory reads it from stages/data/factory.yaml
/// <c>fips_unsupported</c>): base image name ⇒ reason, architecture ⇒ reason. <see cref="RefusedImages"/> is the same
/// rule as patterns over whole image references, which the server applies here and the Factory's page applies as data.
/// </summary>
public sealed record FipsSupport(IReadOnlyDictionary<string, string> UnsupportedImages, IReadOnlyDictionary<string, string> UnsupportedArchitectures)
{
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
