using Kairos.Stages.Image.Checks;

namespace Kairos.Stages.Tests.Checks;

/// <summary>[FILES], including kairos-init's validate_symlink_test.go cases.</summary>
public sealed class BootFilesCheckTests
{
    private readonly BootFilesCheck check = new();

    [Fact]
    public async Task A_missing_vmlinuz_fails_with_the_kernel_step_as_fix()
    {
        using var root = GoodRoot.Create();
        root.Remove("/boot/vmlinuz");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.Equal("FILES", failure.Tag);
        Assert.Contains("/boot/vmlinuz is missing", failure.Message);
        Assert.Contains("kernel step", failure.Fix);
    }

    [Fact]
    public async Task A_relative_link_in_the_same_directory_passes()
    {
        // Debian riscv64 links vmlinuz to vmlinux-<version> relatively
        using var root = GoodRoot.Create();
        root.File("/boot/vmlinux-6.12.95+deb13-riscv64").Link("/boot/vmlinuz", "vmlinux-6.12.95+deb13-riscv64");

        Assert.Empty((await GoodRoot.RunAsync(check, root)).Failures());
    }

    [Fact]
    public async Task A_dangling_relative_link_fails()
    {
        using var root = GoodRoot.Create();
        root.Link("/boot/vmlinuz", "vmlinuz-9.9.9-gone");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.Contains("points to a non-existent file", failure.Message);
        Assert.Contains("vmlinuz-9.9.9-gone", failure.Message);
    }

    [Fact]
    public async Task An_absolute_link_resolves_inside_the_root()
    {
        using var root = GoodRoot.Create();
        root.Link("/boot/vmlinuz", $"/boot/vmlinuz-{GoodRoot.Kernel}");

        Assert.Empty((await GoodRoot.RunAsync(check, root)).Failures());
    }

    [Fact]
    public async Task An_absolute_link_to_a_file_that_only_the_host_has_fails()
    {
        // the test host has /etc/hostname or /etc/passwd; the root does not
        using var root = GoodRoot.Create();
        root.Link("/boot/vmlinuz", "/etc/passwd");

        Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());
    }

    [Fact]
    public async Task A_missing_initrd_fails_without_trusted_boot()
    {
        using var root = GoodRoot.Create();
        root.Remove("/boot/initrd");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.Contains("/boot/initrd is missing", failure.Message);
    }

    [Fact]
    public async Task A_missing_initrd_is_allowed_with_the_trusted_boot_flag()
    {
        using var root = GoodRoot.Create();
        root.Remove("/boot/initrd");
        GoodRoot.WithRelease(root, r => r["KAIROS_TRUSTED_BOOT"] = "true");

        Assert.Empty((await GoodRoot.RunAsync(check, root, new ValidateOptions(TrustedBoot: true))).Failures());
    }

    [Fact]
    public async Task A_missing_initrd_is_allowed_when_kairos_release_says_trusted_boot()
    {
        using var root = GoodRoot.Create();
        root.Remove("/boot/initrd");
        GoodRoot.WithRelease(root, r => r["KAIROS_TRUSTED_BOOT"] = "true");

        var report = await GoodRoot.ValidateAsync(root);

        Assert.True(report.Ok, string.Join('\n', report.Findings));
        Assert.Contains(report.Inputs, i => i is { Name: "trusted-boot", Value: "true", Source: "kairos-release" });
    }
}
