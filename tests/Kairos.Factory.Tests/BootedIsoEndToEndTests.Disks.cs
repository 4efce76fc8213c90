using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kairos.Factory.Api;

namespace Kairos.Factory.Tests;

/// <summary>Issue 28's Factory outputs of the booted build, read back with the field's tools (sfdisk, blkid, qemu-img, tar, gzip).</summary>
public sealed partial class BootedIsoEndToEndTests
{
    private const string LinuxFs = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";

    /// <summary>
    /// Issue 28's Factory part on the same build (no second image): every disk output and the netboot files, named from
    /// the ISO's kairos-release name, made by the media stage in the engine (the CLI's disk and netboot boot tests boot
    /// such media). The raw disks hold AuroraBoot's partitions; the VHD is the EFI raw plus a fixed footer QEMU reads as
    /// vpc and converts back; GCE's archive holds only disk.raw of the next whole GiB, starting with the raw; MAAS gunzips
    /// to the raw with COS_CURTIN after efi; the netboot tarball the three files and an iPXE script that fetches the
    /// squashfs from beside itself.
    /// </summary>
    private static async Task AssertDiskAndNetbootAsync(HttpClient client, List<ArtifactView> listed, string stem, string scratch, CancellationToken cancellation)
    {
        Assert.Matches(TrustedBootJobEndToEndTests.ReleaseName(), stem);
        string[] files = [stem + "-bios.raw", stem + "-netboot.tar", stem + ".iso", stem + ".raw", stem + ".raw.gce.tar.gz", stem + ".raw.gz", stem + ".raw.vhd"];
        Assert.Equal(files.SelectMany(f => new[] { f, f + ".sha256" }).Order(StringComparer.Ordinal), listed.Select(artifact => artifact.Name).Order(StringComparer.Ordinal));
        Task<string> Download(string name) => TrustedBootJobEndToEndTests.DownloadAsync(client, listed.Single(artifact => artifact.Name == name), scratch, cancellation);

        var raw = await Download(stem + ".raw");
        var rawTable = Partitions(raw);
        Assert.Equal(["efi", "oem", "recovery"], rawTable.Select(p => p.Name));
        Assert.Equal("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", rawTable[0].Type);

        var vhd = await Download(stem + ".raw.vhd");
        using (var info = JsonDocument.Parse(TrustedBootJobEndToEndTests.Run("qemu-img", "info", "--output=json", "-f", "vpc", vhd)))
        {
            Assert.Equal("vpc", info.RootElement.GetProperty("format").GetString());
            Assert.Equal(new FileInfo(raw).Length, info.RootElement.GetProperty("virtual-size").GetInt64());
        }

        var converted = Path.Combine(scratch, "vhd-converted.raw");
        TrustedBootJobEndToEndTests.Run("qemu-img", "convert", "-f", "vpc", "-O", "raw", vhd, converted);
        File.Delete(vhd);
        Assert.True(SameBytes(raw, converted), "qemu-img convert of the VHD gives back the EFI raw disk's bytes");
        File.Delete(converted);

        var gce = await Download(stem + ".raw.gce.tar.gz");
        await using (var file = File.OpenRead(gce))
        await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        await using (var tar = new TarReader(gzip))
        {
            var entry = await tar.GetNextEntryAsync(cancellationToken: cancellation);
            Assert.NotNull(entry);
            Assert.Equal("disk.raw", entry.Name);
            Assert.Equal(TarEntryFormat.Gnu, entry.Format);
            Assert.Equal((new FileInfo(raw).Length / (1L << 30) + 1) * (1L << 30), entry.Length);
            Assert.True(StartsWith(entry.DataStream!, raw), "GCE's disk.raw begins with the EFI raw disk");
            Assert.Null(await tar.GetNextEntryAsync(cancellationToken: cancellation));
        }

        File.Delete(gce);
        var maas = await Download(stem + ".raw.gz");
        var unpacked = Path.Combine(scratch, "maas.raw");
        TrustedBootJobEndToEndTests.Run("sh", "-c", "gunzip -c \"$1\" | cp --sparse=always /dev/stdin \"$2\"", "gunzip", maas, unpacked);
        File.Delete(maas);
        var maasTable = Partitions(unpacked);
        Assert.Equal(["efi", "curtin", "oem", "recovery"], maasTable.Select(p => p.Name));
        Assert.Equal((rawTable[0].Start + rawTable[0].Size, 64L * 2048, LinuxFs), (maasTable[1].Start, maasTable[1].Size, maasTable[1].Type));
        Assert.Equal(new FileInfo(raw).Length + (64L << 20), new FileInfo(unpacked).Length);
        Assert.Contains("LABEL=\"COS_CURTIN\"", TrustedBootJobEndToEndTests.Run("blkid", "-p", "-O", (maasTable[1].Start * 512).ToString(System.Globalization.CultureInfo.InvariantCulture), unpacked), StringComparison.Ordinal);
        Assert.Contains("LABEL=\"COS_OEM\"", TrustedBootJobEndToEndTests.Run("blkid", "-p", "-O", (maasTable[2].Start * 512).ToString(System.Globalization.CultureInfo.InvariantCulture), unpacked), StringComparison.Ordinal);
        File.Delete(unpacked);
        File.Delete(raw);

        var bios = await Download(stem + "-bios.raw");
        var biosTable = Partitions(bios);
        Assert.Equal(["bios", "oem", "recovery"], biosTable.Select(p => p.Name));
        Assert.Equal(("21686148-6449-6E6F-744E-656564454649", 2048L), (biosTable[0].Type, biosTable[0].Start));
        File.Delete(bios);

        var netboot = await Download(stem + "-netboot.tar");
        var entries = TrustedBootJobEndToEndTests.Run("tar", "-tf", netboot).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        Assert.Equal(["netboot/", "netboot/kairos-initrd", "netboot/kairos-kernel", "netboot/kairos.ipxe", "netboot/kairos.squashfs"], entries);
        var script = TrustedBootJobEndToEndTests.Run("tar", "-xOf", netboot, "netboot/kairos.ipxe");
        Assert.Contains("root=live:${cwduri}/kairos.squashfs", script, StringComparison.Ordinal);
        Assert.Contains(LiveReport.LiveConsole, script, StringComparison.Ordinal);
        File.Delete(netboot);
    }

    /// <summary>The GPT as sfdisk dumps it: name, type, start and size (sectors) of each partition, in table order.</summary>
    private static List<(string Name, string Type, long Start, long Size)> Partitions(string disk) =>
        [.. TrustedBootJobEndToEndTests.Run("sfdisk", "--dump", disk).Split('\n')
            .Select(line => PartitionLine().Match(line))
            .Where(m => m.Success)
            .Select(m => (m.Groups["name"].Value, m.Groups["type"].Value, long.Parse(m.Groups["start"].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(m.Groups["size"].Value, System.Globalization.CultureInfo.InvariantCulture)))];

    private static bool SameBytes(string a, string b)
    {
        using var stream = File.OpenRead(b);
        return new FileInfo(a).Length == stream.Length && StartsWith(stream, a);
    }

    private static bool StartsWith(Stream stream, string prefix)
    {
        using var expected = File.OpenRead(prefix);
        var a = new byte[1 << 20];
        var b = new byte[1 << 20];
        int read;
        while ((read = expected.Read(a, 0, a.Length)) > 0)
        {
            stream.ReadExactly(b, 0, read);
            if (!a.AsSpan(0, read).SequenceEqual(b.AsSpan(0, read)))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"start=\s*(?<start>\d+), size=\s*(?<size>\d+), type=(?<type>[0-9A-F-]+),.*name=""(?<name>[^""]*)""")]
    private static partial Regex PartitionLine();
}
