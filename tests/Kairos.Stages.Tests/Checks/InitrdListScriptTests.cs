using Kairos.Stages.Image.Checks;

namespace Kairos.Stages.Tests.Checks;

/// <summary>
/// [INITRD]'s listing script, run for real by /bin/sh on the host against initrds made here (a newc cpio archive,
/// compressed as dracut does): one decompression into cpio -t for xz, zstd and gzip; lsinitrd for anything else.
/// </summary>
public sealed class InitrdListScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ks-initrd-list-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>An initrd holding usr/bin/immucore and usr/bin/kairos-agent, its cpio archive piped through <paramref name="compressor"/>.</summary>
    private string Initrd(string compressor)
    {
        var tree = Path.Combine(_dir, "tree");
        Directory.CreateDirectory(Path.Combine(tree, "usr", "bin"));
        File.WriteAllText(Path.Combine(tree, "usr", "bin", "immucore"), "immucore\n");
        File.WriteAllText(Path.Combine(tree, "usr", "bin", "kairos-agent"), "agent\n");
        var initrd = Path.Combine(_dir, "initrd");
        Programs.Run("sh", "-c", $"cd '{tree}' && find . | cpio -o -H newc --quiet | {compressor} > '{initrd}'");
        return initrd;
    }

    /// <summary>Runs the script with a stand-in lsinitrd first on PATH (it prints its arguments), as the target runs it (stderr joined).</summary>
    private ProgramResult List(string initrd)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "lsinitrd"), "#!/bin/sh\necho \"stand-in lsinitrd $*\"\n");
        File.SetUnixFileMode(Path.Combine(bin, "lsinitrd"), (UnixFileMode)0b111_101_101);
        var path = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        return Programs.Try(["sh", "-c", "exec 2>&1; " + InitrdCheck.ListScript(initrd)], environment: new Dictionary<string, string?> { ["PATH"] = path });
    }

    [Theory]
    [InlineData("xz --check=crc32 -1")]
    [InlineData("zstd -q -c")]
    [InlineData("gzip -c")]
    public void A_compressed_cpio_initrd_is_listed_in_one_pass(string compressor)
    {
        var listed = List(Initrd(compressor));

        Assert.Equal(0, listed.Code);
        Assert.Contains("usr/bin/immucore", listed.Output);
        Assert.Contains("usr/bin/kairos-agent", listed.Output);
        Assert.DoesNotContain("stand-in lsinitrd", listed.Output);
    }

    [Fact]
    public void A_truncated_xz_initrd_fails()
    {
        var initrd = Initrd("xz --check=crc32 -1");
        var bytes = File.ReadAllBytes(initrd);
        File.WriteAllBytes(initrd, bytes[..(bytes.Length / 2)]);

        Assert.NotEqual(0, List(initrd).Code);
    }

    [Fact]
    public void An_initrd_of_another_format_goes_to_lsinitrd()
    {
        // an uncompressed cpio archive (how dracut's early-microcode prefix starts)
        var initrd = Initrd("cat");

        Assert.Equal($"stand-in lsinitrd {initrd}\n", List(initrd).Output);
    }
}
