namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>The embedded JSON Schema for stage files (<c>schemas/stage-file.schema.json</c>).</summary>
public static class StageFileSchema
{
    public const string ResourceName = "schemas/stage-file.schema.json";

    private static readonly Lazy<string> Content = new(() =>
    {
        using var stream = typeof(StageFileSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Text => Content.Value;
}
