namespace Kairos.Stages.Tests.Examples;

/// <summary>One call of the tool found in an example Dockerfile, with the image and files it would run against.</summary>
public sealed record ExampleInvocation(
    string Dockerfile,
    int Line,
    string Image,
    string Arch,
    IReadOnlyList<(string HostFile, string ImagePath)> Copies,
    IReadOnlyList<string> Arguments,
    BuildVariant Variant)
{
    /// <summary>Identity for de-duplication: two variants that make the same call on the same root are one case.</summary>
    public string Key => string.Join('\0', [Dockerfile, SampleRoots.SampleFor(Image) ?? Image, Arch, .. Copies.Select(c => c.ImagePath), .. Arguments]);

    public override string ToString() => $"{Dockerfile}:{Line} [{Variant}] kairos-stages {string.Join(' ', Arguments)}";
}
