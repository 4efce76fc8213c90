using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Kairos.Stages.Media;

/// <summary>
/// Reads one small file of a built image without unpacking it: from a <c>dir:</c> root, or from an OCI archive
/// (<c>ocifile:</c>, as <c>podman save --format oci-archive</c> and BuildKit's <c>type=oci</c> write) by walking its
/// layers from the top: the first layer that holds the path (or deletes it with a whiteout) decides.
/// </summary>
public static class ImageFileReader
{
    private const long MaxBytes = 1024 * 1024;

    /// <summary>The text of <paramref name="path"/> (relative to the root, e.g. <c>etc/kairos-release</c>), or null when the image has no such file.</summary>
    public static string? Read(string source, string path)
    {
        var relative = path.TrimStart('/');
        if (source.StartsWith("dir:", StringComparison.Ordinal))
        {
            var file = Path.Combine(source["dir:".Length..], relative);
            return File.Exists(file) ? File.ReadAllText(file) : null;
        }

        if (source.StartsWith("ocifile:", StringComparison.Ordinal))
        {
            var archive = source["ocifile:".Length..];
            try
            {
                return FromOciArchive(archive, relative);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
            {
                throw new MediaException($"source {source}: not an OCI archive ({e.Message})", inner: e);
            }
        }

        throw MediaException.Input($"source {source}: only dir: and ocifile: sources can be read without unpacking");
    }

    /// <summary>The text of <paramref name="path"/> in a root filesystem tarball (one layer, as <c>podman export</c> and BuildKit's <c>type=tar</c> write), or null.</summary>
    public static string? ReadFromRootArchive(string archive, string path)
    {
        var relative = path.TrimStart('/');
        using var file = File.OpenRead(archive);
        using var tar = new TarReader(file);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == relative && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                return Text(data);
            }
        }

        return null;
    }

    private static string? FromOciArchive(string archive, string relative)
    {
        var index = Json(archive, "index.json");
        var manifest = Json(archive, Blob(index.GetProperty("manifests")[0].GetProperty("digest").GetString()!));
        if (manifest.TryGetProperty("manifests", out var nested))
        {
            manifest = Json(archive, Blob(nested[0].GetProperty("digest").GetString()!));
        }

        var directory = Path.GetDirectoryName(relative)?.Replace('\\', '/') ?? "";
        var whiteout = (directory.Length > 0 ? directory + "/" : "") + ".wh." + Path.GetFileName(relative);
        foreach (var layer in manifest.GetProperty("layers").EnumerateArray().Reverse())
        {
            var mediaType = layer.TryGetProperty("mediaType", out var type) ? type.GetString() ?? "" : "";
            var found = Entry(archive, Blob(layer.GetProperty("digest").GetString()!), stream =>
            {
                using var tar = new TarReader(Decompressed(stream, mediaType));
                while (tar.GetNextEntry() is { } entry)
                {
                    var name = entry.Name.TrimStart('.', '/');
                    if (name == whiteout)
                    {
                        return (true, (string?)null);
                    }

                    if (name == relative && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
                    {
                        return (true, Text(data));
                    }
                }

                return (false, null);
            });
            if (found.Item1)
            {
                return found.Item2;
            }
        }

        return null;
    }

    private static string Blob(string digest) => "blobs/" + digest.Replace(':', '/');

    private static JsonElement Json(string archive, string name) =>
        Entry(archive, name, stream => JsonDocument.Parse(Text(stream)).RootElement.Clone());

    /// <summary>Runs <paramref name="read"/> on the data of the archive's entry <paramref name="name"/>.</summary>
    private static T Entry<T>(string archive, string name, Func<Stream, T> read)
    {
        using var file = File.OpenRead(archive);
        using var tar = new TarReader(file);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == name && entry.DataStream is { } data)
            {
                return read(data);
            }
        }

        throw new MediaException($"{archive}: no {name} (not an OCI archive)");
    }

    private static Stream Decompressed(Stream stream, string mediaType) =>
        mediaType.Contains("zstd", StringComparison.Ordinal) ? throw new MediaException($"a {mediaType} layer: zstd layers are not read here")
        : mediaType.Contains("gzip", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress)
        : stream;

    private static string Text(Stream stream)
    {
        using var limited = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (limited.Length + read > MaxBytes)
            {
                throw new MediaException($"a file larger than {MaxBytes} bytes where a small one was expected");
            }

            limited.Write(buffer, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(limited.ToArray());
    }
}
