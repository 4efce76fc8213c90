using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Kairos.Stages.Image.Release;

namespace Kairos.Stages.Media.Uki;

/// <summary>
/// build-uki's three outputs from the finished tree: the tree itself (moved into --output), a
/// UEFI-only ISO (the tree in a FAT32 efiboot.img, the El Torito EFI boot image, as AuroraBoot's
/// xorriso call makes it) with its .sha256, or a single-layer OCI archive of the tree.
/// </summary>
public static class UkiMedia
{
    private const long MiB = 1024 * 1024;

    public static UkiResult Tree(string tree, string output, IReadOnlyDictionary<string, IReadOnlyList<(string, string)>> predictions)
    {
        var target = Path.GetFullPath(output);
        foreach (var top in Directory.GetFileSystemEntries(tree).Order(StringComparer.Ordinal))
        {
            Directory.Move(top, Path.Combine(target, Path.GetFileName(top)));
        }

        return new UkiResult(target, null, predictions);
    }

    public static async Task<UkiResult> IsoAsync(string tree, string work, UkiLayout layout, UkiBuildOptions options, string name, IReadOnlyDictionary<string, IReadOnlyList<(string, string)>> predictions, CancellationToken cancellationToken)
    {
        var isoRoot = Path.Combine(work, "iso");
        Directory.CreateDirectory(isoRoot);
        if (options.OverlayIso is { } overlay)
        {
            await MediaTool.RunAsync("cp", ["-a", overlay + "/.", isoRoot], cancellationToken, "adding --overlay-iso");
        }

        if (options.CloudConfig is { } cloudConfig)
        {
            // beside efiboot.img: immucore's UKI mode mounts the ISO at /run/initramfs/live, where the installer reads config.yaml
            options.Log("cloud-config on the ISO as /config.yaml");
            File.Copy(cloudConfig, Path.Combine(isoRoot, "config.yaml"), overwrite: true);
        }

        // AuroraBoot's sizing: the files, 32 bytes an entry, 2 %, 512 KiB of FAT and 2 KiB a file, in whole MB plus one; FAT32 wants at least 64 MiB here.
        var files = Directory.GetFiles(tree, "*", SearchOption.AllDirectories);
        var entries = Directory.GetFileSystemEntries(tree, "*", SearchOption.AllDirectories).Length;
        var bytes = (files.Sum(f => new FileInfo(f).Length) + (32L * entries)) * 102 / 100 + (512 * 1024) + (2048L * files.Length);
        var size = Math.Max(((bytes + MiB - 1) / MiB + 1) * MiB, 64 * MiB);
        var image = Path.Combine(isoRoot, layout.IsoEfiImage);
        await using (var file = File.Create(image))
        {
            file.SetLength(size);
        }

        options.Log($"{layout.IsoEfiImage}: FAT32, {size / MiB} MiB");
        await MediaTool.RunAsync("mformat", ["-i", image, "-F", "::"], cancellationToken, $"formatting {layout.IsoEfiImage}");
        foreach (var entry in Directory.GetFileSystemEntries(tree).Order(StringComparer.Ordinal))
        {
            await MediaTool.RunAsync("mcopy", ["-s", "-i", image, entry, "::"], cancellationToken, $"filling {layout.IsoEfiImage}");
        }

        var built = Path.Combine(work, name + ArtifactNames.Iso);
        options.Log("writing the ISO with xorriso (UEFI only)");
        await MediaTool.RunAsync("xorriso", ["-as", "mkisofs", "-V", layout.IsoVolumeId, "-isohybrid-gpt-basdat", "-e", layout.IsoEfiImage, "-no-emul-boot", "-o", built, isoRoot], cancellationToken, "writing the ISO");
        string sha;
        await using (var stream = File.OpenRead(built))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        await File.WriteAllTextAsync(built + ".sha256", $"{sha} {name}{ArtifactNames.Iso}\n", cancellationToken);
        var iso = Path.Combine(Path.GetFullPath(options.OutputDirectory), name + ArtifactNames.Iso);
        File.Move(built, iso, overwrite: true);
        File.Move(built + ".sha256", iso + ".sha256", overwrite: true);
        return new UkiResult(iso, iso + ".sha256", predictions);
    }

    public static async Task<UkiResult> ContainerAsync(string tree, string work, UkiBuildOptions options, string name, IReadOnlyDictionary<string, IReadOnlyList<(string, string)>> predictions, CancellationToken cancellationToken)
    {
        var layout = Path.Combine(work, "oci");
        var blobs = Path.Combine(layout, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        var layerTar = Path.Combine(work, "layer.tar");
        await TarFile.CreateFromDirectoryAsync(tree, layerTar, includeBaseDirectory: false, cancellationToken);
        var diffId = await DigestAsync(layerTar, cancellationToken);
        var layerGz = Path.Combine(work, "layer.tar.gz");
        await using (var input = File.OpenRead(layerTar))
        await using (var output = File.Create(layerGz))
        await using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            await input.CopyToAsync(gzip, cancellationToken);
        }

        File.Delete(layerTar);
        var layer = await DigestAsync(layerGz, cancellationToken);
        File.Move(layerGz, Path.Combine(blobs, layer));
        var config = Blob(blobs, json =>
        {
            json.WriteString("architecture", "amd64");
            json.WriteString("os", "linux");
            json.WriteStartObject("config");
            json.WriteEndObject();
            json.WriteStartObject("rootfs");
            json.WriteString("type", "layers");
            json.WriteStartArray("diff_ids");
            json.WriteStringValue("sha256:" + diffId);
            json.WriteEndArray();
            json.WriteEndObject();
        });
        var manifest = Blob(blobs, json =>
        {
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", "application/vnd.oci.image.manifest.v1+json");
            Descriptor(json, "config", "application/vnd.oci.image.config.v1+json", config);
            json.WriteStartArray("layers");
            Descriptor(json, null, "application/vnd.oci.image.layer.v1.tar+gzip", (layer, new FileInfo(Path.Combine(blobs, layer)).Length));
            json.WriteEndArray();
        });
        await File.WriteAllTextAsync(Path.Combine(layout, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""", cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(layout, "index.json"), Json(json =>
        {
            json.WriteNumber("schemaVersion", 2);
            json.WriteStartArray("manifests");
            json.WriteStartObject();
            json.WriteString("mediaType", "application/vnd.oci.image.manifest.v1+json");
            json.WriteString("digest", "sha256:" + manifest.Digest);
            json.WriteNumber("size", manifest.Size);
            json.WriteStartObject("annotations");
            json.WriteString("org.opencontainers.image.ref.name", name);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }), cancellationToken);

        var built = Path.Combine(work, name + ArtifactNames.Tar);
        await TarFile.CreateFromDirectoryAsync(layout, built, includeBaseDirectory: false, cancellationToken);
        var archive = Path.Combine(Path.GetFullPath(options.OutputDirectory), name + ArtifactNames.Tar);
        File.Move(built, archive, overwrite: true);
        return new UkiResult(archive, null, predictions);
    }

    private static void Descriptor(Utf8JsonWriter json, string? property, string mediaType, (string Digest, long Size) blob)
    {
        if (property is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(property);
        }

        json.WriteString("mediaType", mediaType);
        json.WriteString("digest", "sha256:" + blob.Digest);
        json.WriteNumber("size", blob.Size);
        json.WriteEndObject();
    }

    private static (string Digest, long Size) Blob(string blobs, Action<Utf8JsonWriter> write)
    {
        var bytes = Json(write);
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        File.WriteAllBytes(Path.Combine(blobs, digest), bytes);
        return (digest, bytes.Length);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static async Task<string> DigestAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
