namespace Kairos.Factory.Api;

/// <summary>
/// Where a FIPS build is refused (stages/data/factory.yaml <c>fips_unsupported</c>, mirroring the engine's install-stage
/// <c>fail</c>): base image name ⇒ reason, architecture ⇒ reason. GET /config hands it to the page for its hint.
/// </summary>
public sealed record FipsSupport(IReadOnlyDictionary<string, string> UnsupportedImages, IReadOnlyDictionary<string, string> UnsupportedArchitectures)
{
    /// <summary>Why FIPS cannot be built from <paramref name="image"/> on <paramref name="architecture"/>, or null when it can.</summary>
    public string? Problem(string? image, string? architecture)
    {
        if (architecture is not null && UnsupportedArchitectures.TryGetValue(architecture, out var archReason))
        {
            return archReason;
        }

        return image is not null && UnsupportedImages.TryGetValue(Validation.ImageReference.Name(image), out var imageReason)
            ? $"{imageReason} (image '{image}')"
            : null;
    }
}
