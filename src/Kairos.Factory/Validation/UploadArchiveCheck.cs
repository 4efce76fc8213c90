using System.Formats.Tar;

namespace Kairos.Factory.Validation;

/// <summary>
/// What an uploaded root tarball may hold, read from its headers before it is accepted: no device nodes and no FIFOs
/// (a root filesystem never needs them, and a device node in an image is a door to the disks of whatever runs it), at
/// most <see cref="MaxEntries"/> entries. The engine imports the tarball as the base image; its programs run only in the engine's build.
/// </summary>
public static class UploadArchiveCheck
{
    /// <summary>Entries read at most (a full distribution root has some 10⁵).</summary>
    public const int MaxEntries = 2_000_000;

    /// <summary>Null when the archive may be extracted, else the reason, naming the entry.</summary>
    public static string? Problem(string path, CancellationToken cancellation)
    {
        using var file = File.OpenRead(path);
        using var reader = new TarReader(file);
        var entries = 0;
        try
        {
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                cancellation.ThrowIfCancellationRequested();
                if (++entries > MaxEntries)
                {
                    return $"has more than {MaxEntries} entries";
                }

                if (entry.EntryType is TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo)
                {
                    return $"entry '{Printable(entry.Name)}' is a {Kind(entry.EntryType)}; device nodes and FIFOs are refused (leave /dev empty: tar --exclude='./dev/*')";
                }
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or ArgumentException or EndOfStreamException)
        {
            return $"is not a readable tar archive after entry {entries}: {exception.Message}";
        }

        return null;
    }

    private static string Kind(TarEntryType type) => type switch
    {
        TarEntryType.CharacterDevice => "character device",
        TarEntryType.BlockDevice => "block device",
        _ => "FIFO",
    };

    /// <summary>An entry name as it may appear in a problem: control characters as '?', at most 200 characters.</summary>
    private static string Printable(string name)
    {
        var clean = new string([.. name.Select(character => char.IsControl(character) ? '?' : character)]);
        return clean.Length > 200 ? clean[..200] + "…" : clean;
    }
}
