using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, "the token is root on the build host": uploads with device nodes or FIFOs are refused (400 naming the
/// entry, no file kept). An upload is imported by the engine as the base image; its programs run only in the engine's build.
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
