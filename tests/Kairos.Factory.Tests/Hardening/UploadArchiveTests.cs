using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, "the token is root on the build host": an uploaded root is unpacked as root on this host, so uploads with
/// device nodes or FIFOs are refused (400 naming the entry, no file kept) and set-user/group-ID bits are cleared when
/// the chroot builder unpacks one (sticky bits stay: the image's /tmp needs its own).
/// </summary>
public sealed class UploadArchiveTests
{
    [Theory]
    [InlineData(TarEntryType.CharacterDevice, "dev/null", "character device")]
    [InlineData(TarEntryType.BlockDevice, "dev/sda", "block device")]
    [InlineData(TarEntryType.Fifo, "run/pipe", "FIFO")]
    public async Task An_upload_with_a_device_node_or_fifo_is_refused_naming_the_entry(TarEntryType type, string name, string kind)
    {
        using var host = new FactoryHost();
        var special = new PaxTarEntry(type, name) { Mode = (UnixFileMode)0x1B6 };
        if (type != TarEntryType.Fifo)
        {
            special.DeviceMajor = 8;
        }

        using var content = Tar(BaseTarball.Busybox(), special);

        using var response = await host.Authorized.PostAsync("/api/v1/uploads", content);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"entry '{name}' is a {kind}", body, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(host.DataDir, "uploads")));
    }

    [Fact]
    public async Task The_chroot_builder_clears_setuid_and_setgid_bits_of_an_upload_and_keeps_sticky_ones()
    {
        using var host = new FactoryHost();
        using var content = Tar(
            BaseTarball.Busybox(),
            new PaxTarEntry(TarEntryType.RegularFile, "bin/su") { DataStream = new MemoryStream("#!/bin/sh\n"u8.ToArray()), Mode = (UnixFileMode)0xDED }, // 06755
            new PaxTarEntry(TarEntryType.Directory, "var/") { Mode = (UnixFileMode)0x1ED },
            new PaxTarEntry(TarEntryType.Directory, "var/mail/") { Mode = (UnixFileMode)0x5FD }, // 02775
            new PaxTarEntry(TarEntryType.Directory, "var/tmp/") { Mode = (UnixFileMode)0x3FF }); // 01777
        using var uploaded = await host.Authorized.PostAsync("/api/v1/uploads", content);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var upload = (await uploaded.Content.ReadFromJsonAsync<UploadCreated>(FactoryHost.Json))!.Id;

        var id = await host.CreateOkAsync(Requests.Chroot(upload));
        var job = await host.WaitForAsync(id, TimeSpan.FromSeconds(120), "succeeded", "failed");
        Assert.True(job.Status == "succeeded", job.Message);

        var artifacts = (await host.Authorized.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json))!;
        var rootfs = artifacts.Single(artifact => artifact.Name.EndsWith(".rootfs.tar", StringComparison.Ordinal));
        using var download = await host.Authorized.GetAsync(rootfs.Url);
        download.EnsureSuccessStatusCode();
        var modes = new Dictionary<string, UnixFileMode>();
        using (var reader = new TarReader(await download.Content.ReadAsStreamAsync()))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                modes[entry.Name.TrimStart('.', '/').TrimEnd('/')] = entry.Mode;
            }
        }

        const UnixFileMode Special = UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit;
        Assert.Equal((UnixFileMode)0x1ED, modes["bin/su"]); // 0755
        Assert.Equal((UnixFileMode)0, modes["var/mail"] & Special);
        Assert.Equal(UnixFileMode.StickyBit, modes["var/tmp"] & Special);
    }

    private static ByteArrayContent Tar(byte[] baseTar, params TarEntry[] extra)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            using var reader = new TarReader(new MemoryStream(baseTar));
            while (reader.GetNextEntry() is { } entry)
            {
                writer.WriteEntry(entry);
            }

            foreach (var entry in extra)
            {
                writer.WriteEntry(entry);
            }
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        return content;
    }
}
