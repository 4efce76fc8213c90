using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Media.Disk;

/// <summary>netboot on an ISO built from the fake root (seconds, no VM): the files, the iPXE script, bad input. The booted netboot is in <see cref="EndToEnd.NetbootBootTests"/>.</summary>
public sealed class NetbootCommandTests : IDisposable
{
    private readonly FakeKairosRoot _root = new();
    private readonly string _scratch = Directory.CreateTempSubdirectory("ks-netboot-test-").FullName;

    public void Dispose()
    {
        _root.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task Writes_kernel_initrd_squashfs_and_an_ipxe_script_with_the_reference_cmdline()
    {
        var iso = await IsoAsync();
        var output = Path.Combine(_scratch, "out");

        var (code, stdout, error) = await RunAsync(iso, "--output", output, "--squashfs-url", "http://10.0.2.2:8000/kairos.squashfs");

        Assert.True(code == 0, error);
        var netboot = Path.Combine(output, "netboot");
        Assert.Equal(["kairos-initrd", "kairos-kernel", "kairos.ipxe", "kairos.squashfs"], Directory.GetFiles(netboot).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(4, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("not a kernel\n", File.ReadAllText(Path.Combine(netboot, "kairos-kernel")));
        Assert.Equal("not an initrd\n", File.ReadAllText(Path.Combine(netboot, "kairos-initrd")));
        var script = File.ReadAllLines(Path.Combine(netboot, "kairos.ipxe"));
        Assert.Equal("#!ipxe", script[0]);
        Assert.Contains("kernel kairos-kernel initrd=kairos-initrd rd.live.overlay.overlayfs rd.neednet=1 ip=dhcp rd.cos.disable root=live:http://10.0.2.2:8000/kairos.squashfs netboot console=tty1 console=ttyS0 nodepair.enable", script);
        Assert.Contains("initrd kairos-initrd", script);
        Assert.Equal(["netboot"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("ftp://host/x.squashfs", "must be an http:// or https:// URL")]
    [InlineData("http://host/a b", "must be an http:// or https:// URL")]
    public async Task Bad_url_exits_2_and_writes_nothing(string url, string message)
    {
        var iso = await IsoAsync();
        var output = Path.Combine(_scratch, "bad");

        var (code, _, error) = await RunAsync(iso, "--output", output, "--squashfs-url", url);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.False(Directory.Exists(Path.Combine(output, "netboot")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_kairos_iso_exits_2_naming_what_is_missing()
    {
        if (IsoTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        var plain = Path.Combine(_scratch, "plain.iso");
        Programs.Run("xorriso", "-outdev", plain, "-map", _root.In("etc"), "/etc");
        var output = Path.Combine(_scratch, "plain-out");

        var (code, _, error) = await RunAsync(plain, "--output", output, "--squashfs-url", "http://10.0.2.2/k.squashfs");

        Assert.Equal(2, code);
        Assert.Contains("/boot/kernel is missing: not a Kairos live ISO", error);
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["netboot", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<string> IsoAsync()
    {
        if (IsoTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        var (code, stdout, error) = await IsoTools.BuildIsoAsync($"dir:{_root.Path}", "--output", Path.Combine(_scratch, "iso"));
        Assert.True(code == 0, error);
        return stdout.Trim();
    }
}
