namespace Kairos.Stages.Media;

/// <summary>The image's root directory on this machine; for an unpacked archive or container image, the temp directory that holds it is removed on dispose.</summary>
public sealed class SourceRoot(string path, string? temporary) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        if (temporary is not null && Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }
    }
}
