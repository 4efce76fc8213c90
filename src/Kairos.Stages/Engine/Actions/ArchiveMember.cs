using System.Formats.Tar;
using System.IO.Compression;

namespace Kairos.Stages.Engine.Actions;

/// <summary>Reads one member of a tar or tar.gz archive with .NET's tar reader (no host <c>tar</c>): the downloads <c>extract</c> extension.</summary>
public static class ArchiveMember
{
    /// <summary>The bytes of the first regular file whose name is <paramref name="member"/> or ends with <c>/member</c>.</summary>
    public static byte[] Read(string archivePath, string member)
    {
        using var file = File.OpenRead(archivePath);
        Stream stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using (stream)
        {
            using var reader = new TarReader(stream);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                    && (entry.Name == member || entry.Name.EndsWith("/" + member, StringComparison.Ordinal))
                    && entry.DataStream is { } data)
                {
                    using var buffer = new MemoryStream();
                    data.CopyTo(buffer);
                    return buffer.ToArray();
                }
            }
        }

        throw new InvalidDataException($"the archive has no file named '{member}'");
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.Read(magic);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
