using System.Globalization;
using System.Reflection.PortableExecutable;

namespace Kairos.Stages.Media.Uki;

/// <summary>
/// One UKI: the stub (Debian's systemd-boot-efi) with the sections added by objcopy, each at the
/// next page after the one before, .linux last; the stub's .sbat replaced by its own lines plus
/// Kairos'; then signed with sbsign.
/// </summary>
public static class UkiImage
{
    private const long Page = 0x1000;

    /// <summary>The stub's own SBAT lines (its .sbat section, without trailing NULs).</summary>
    public static string StubSbat(string stub)
    {
        using var stream = File.OpenRead(stub);
        using var pe = new PEReader(stream);
        var header = pe.PEHeaders.SectionHeaders.FirstOrDefault(s => s.Name == ".sbat");
        if (header.Name != ".sbat")
        {
            return "";
        }

        var bytes = new byte[Math.Min(header.VirtualSize, header.SizeOfRawData)];
        stream.Position = header.PointerToRawData;
        stream.ReadExactly(bytes);
        return System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }

    /// <summary>Adds <paramref name="sections"/> (name → file, in order) to the stub, writes <paramref name="output"/> signed.</summary>
    public static async Task BuildAsync(string stub, IReadOnlyList<(string Name, string File)> sections, UkiKeys keys, string output, CancellationToken cancellationToken)
    {
        long next;
        bool stubHasSbat;
        using (var pe = new PEReader(File.OpenRead(stub)))
        {
            var headers = pe.PEHeaders.SectionHeaders;
            next = Align(headers.Max(s => (long)s.VirtualAddress + Math.Max(s.VirtualSize, s.SizeOfRawData)));
            stubHasSbat = headers.Any(s => s.Name == ".sbat");
        }

        var args = new List<string>();
        if (stubHasSbat && sections.Any(s => s.Name == ".sbat"))
        {
            args.AddRange(["--remove-section", ".sbat"]);
        }

        foreach (var (name, file) in sections)
        {
            args.AddRange(["--add-section", $"{name}={file}", "--change-section-vma", $"{name}=0x{next.ToString("x", CultureInfo.InvariantCulture)}", "--set-section-flags", $"{name}=data,readonly"]);
            next = Align(next + new FileInfo(file).Length);
        }

        var unsigned = output + ".unsigned";
        await MediaTool.RunAsync("objcopy", [.. args, stub, unsigned], cancellationToken, "adding the UKI's sections to the stub");
        await SignAsync(unsigned, keys, output, cancellationToken);
        File.Delete(unsigned);
    }

    public static Task SignAsync(string input, UkiKeys keys, string output, CancellationToken cancellationToken) =>
        MediaTool.RunAsync("sbsign", ["--key", keys.SbKey, "--cert", keys.SbCert, "--output", output, input], cancellationToken, $"signing {Path.GetFileName(output)}");

    private static long Align(long value) => (value + Page - 1) / Page * Page;
}
