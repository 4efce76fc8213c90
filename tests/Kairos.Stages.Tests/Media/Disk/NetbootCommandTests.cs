using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Media.Disk;

/// <summary>netboot on an ISO built from the fake root (seconds, no VM): the files, the iPXE script, bad input. The booted netboot is in <see cref="EndToEnd.NetbootBootTests"/>.</summary>
public sealed class NetbootCommandTests : IDisposable
{
    private static readonly string[] NetbootFiles = ["kairos-kernel", "kairos-initrd", "kairos.squashfs", "kairos.ipxe"];
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

    [Fact]
    public async Task Build_iso_with_netboot_writes_the_iso_and_netboot_beside_it_with_the_url_and_live_console()
    {
        if (IsoTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        var output = Path.Combine(_scratch, "iso-netboot");

        var (code, stdout, error) = await IsoTools.BuildIsoAsync($"dir:{_root.Path}", "--output", output, "--netboot", "--netboot-url", "https://boot.example/k/kairos.squashfs", "--live-console", "console=ttyS0,115200");

        Assert.True(code == 0, error);
        var iso = Directory.GetFiles(output, "*.iso").Single();
        var netboot = Path.Combine(output, "netboot");
        Assert.Equal([iso, .. NetbootFiles.Select(f => Path.Combine(netboot, f))], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("not a kernel\n", File.ReadAllText(Path.Combine(netboot, "kairos-kernel")));
        Assert.Equal("not an initrd\n", File.ReadAllText(Path.Combine(netboot, "kairos-initrd")));
        Assert.Equal(File.ReadAllBytes(IsoTools.Extract(iso, "/rootfs.squashfs", _scratch)), File.ReadAllBytes(Path.Combine(netboot, "kairos.squashfs")));
        Assert.Contains("kernel kairos-kernel initrd=kairos-initrd rd.live.overlay.overlayfs rd.neednet=1 ip=dhcp rd.cos.disable root=live:https://boot.example/k/kairos.squashfs netboot console=ttyS0,115200 nodepair.enable", File.ReadAllLines(Path.Combine(netboot, "kairos.ipxe")));
        Assert.Equal([Path.GetFileName(iso), Path.GetFileName(iso) + ".sha256", "netboot"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Build_iso_with_netboot_and_no_url_points_the_script_at_the_squashfs_beside_it()
    {
        if (IsoTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        var output = Path.Combine(_scratch, "iso-netboot-beside");

        var (code, _, error) = await IsoTools.BuildIsoAsync($"dir:{_root.Path}", "--output", output, "--netboot");

        Assert.True(code == 0, error);
        Assert.Contains("root=live:${cwduri}/kairos.squashfs netboot", File.ReadAllText(Path.Combine(output, "netboot", "kairos.ipxe")));
    }

    [Theory]
    [InlineData("ftp://host/k.squashfs", "--netboot-url 'ftp://host/k.squashfs': must be an http:// or https:// URL")]
    [InlineData(null, "--netboot-url needs --netboot")]
    public async Task Build_iso_with_a_bad_netboot_request_exits_2_before_building_and_writes_nothing(string? url, string message)
    {
        if (IsoTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        var output = Path.Combine(_scratch, "iso-netboot-bad");
        Directory.CreateDirectory(output);
        string[] netboot = url is null ? ["--netboot-url", "http://10.0.2.2/k.squashfs"] : ["--netboot", "--netboot-url", url];

        var (code, _, error) = await IsoTools.BuildIsoAsync([$"dir:{_root.Path}", "--output", output, .. netboot]);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
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
