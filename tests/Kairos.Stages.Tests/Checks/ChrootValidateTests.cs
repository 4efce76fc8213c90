using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Checks;

/// <summary>validate runs lsinitrd for real, inside a root through chroot (needs root and a static busybox).</summary>
public sealed class ChrootValidateTests
{
    private const string Busybox = "/bin/busybox";

    /// <summary>A good root with busybox as /bin/sh and an lsinitrd script printing <paramref name="listing"/> (no single quotes).</summary>
    private static TempRoot RootWithLsinitrd(string listing)
    {
        Assert.SkipUnless(Environment.UserName == "root" && File.Exists(Busybox), "needs root and a static busybox (build/install-deps.sh)");
        var root = GoodRoot.Create();
        File.Copy(Busybox, root.HostPath("/usr/bin/busybox"));
        File.SetUnixFileMode(root.HostPath("/usr/bin/busybox"), (UnixFileMode)0b111_101_101);
        root.Link("/usr/bin/sh", "busybox").File("/usr/bin/lsinitrd", $"#!/bin/sh\nprintf '%s' '{listing}'\n", (UnixFileMode)0b111_101_101);
        return root;
    }

    private static async Task<(int Code, string Out)> ValidateAsync(TempRoot root)
    {
        var stdout = new StringWriter();
        var code = await CliApp.RunAsync(["validate", "--root", root.Path], stdout, new StringWriter());
        return (code, stdout.ToString());
    }

    [Fact]
    public async Task A_good_initrd_listing_from_inside_the_root_passes()
    {
        using var root = RootWithLsinitrd(GoodRoot.Listing);

        var (code, output) = await ValidateAsync(root);

        Assert.Contains("PASS [INITRD] /boot/initrd contains immucore, kairos-agent and xhci_pci_renesas", output);
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task An_initrd_listing_without_immucore_fails()
    {
        using var root = RootWithLsinitrd("usr/bin/kairos-agent\nxhci_pci_renesas\n");

        var (code, output) = await ValidateAsync(root);

        Assert.Contains("FAIL [INITRD] /boot/initrd does not contain immucore", output);
        Assert.Equal(1, code);
    }
}
