namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>How strictly to load: <see cref="Lenient"/> turns unknown keys into warnings (yip ignores them); <see cref="Bundled"/> allows <c>step</c>/<c>description</c>.</summary>
public sealed record LoadOptions
{
    public static readonly LoadOptions Strict = new();

    public bool Lenient { get; init; }
    public bool Bundled { get; init; }
}
