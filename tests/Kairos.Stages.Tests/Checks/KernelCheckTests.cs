using Kairos.Stages.Image.Checks;

namespace Kairos.Stages.Tests.Checks;

/// <summary>[KERNEL], kairos-init's kernel validation cases.</summary>
public sealed class KernelCheckTests
{
    private readonly KernelCheck check = new();

    [Fact]
    public async Task The_kernel_is_found_through_the_lib_to_usr_lib_link()
    {
        using var root = GoodRoot.Create();

        var finding = Assert.Single(await GoodRoot.RunAsync(check, root));

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains(GoodRoot.Kernel, finding.Message);
    }

    [Fact]
    public async Task An_empty_modules_directory_fails_with_the_kernel_tag()
    {
        using var root = GoodRoot.Create();
        root.Remove($"/usr/lib/modules/{GoodRoot.Kernel}");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.Equal("KERNEL", failure.Tag);
        Assert.Contains("no kernel versions found", failure.Message);
    }

    [Fact]
    public async Task A_nonexistent_modules_directory_fails_with_the_kernel_tag()
    {
        using var root = GoodRoot.Create();
        root.Remove("/usr/lib/modules");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.Equal("KERNEL", failure.Tag);
    }

    [Fact]
    public async Task Files_in_the_modules_directory_are_not_kernels()
    {
        using var root = GoodRoot.Create();
        root.Remove($"/usr/lib/modules/{GoodRoot.Kernel}").File("/usr/lib/modules/README");

        Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());
    }

    [Fact]
    public async Task A_raspi_model_from_kairos_release_prefers_the_raspi_kernel()
    {
        using var root = GoodRoot.Create();
        root.Mkdir("/usr/lib/modules/5.15.0-1034-raspi");
        GoodRoot.WithRelease(root, r => r["KAIROS_MODEL"] = "rpi4");

        var finding = Assert.Single(await GoodRoot.RunAsync(check, root));

        Assert.Equal(CheckStatus.Pass, finding.Status);
        Assert.Contains("5.15.0-1034-raspi", finding.Message);
        Assert.Contains("model rpi4", finding.Message);
    }

    [Fact]
    public async Task A_vmlinuz_link_to_an_older_installed_kernel_is_a_warning()
    {
        using var root = GoodRoot.Create();
        root.Mkdir("/usr/lib/modules/6.1.0-17-amd64").File("/boot/vmlinuz-6.1.0-17-amd64").Link("/boot/vmlinuz", "vmlinuz-6.1.0-17-amd64");

        var report = await GoodRoot.ValidateAsync(root);

        Assert.True(report.Ok);
        var warning = Assert.Single(report.Findings.Warnings());
        Assert.Equal("KERNEL-LINK", warning.Tag);
        Assert.Contains("6.1.0-17-amd64", warning.Message);
        Assert.Contains(GoodRoot.Kernel, warning.Message);
    }

    [Fact]
    public async Task A_jetson_image_link_is_not_judged()
    {
        using var root = GoodRoot.Create();
        root.File("/boot/Image").Link("/boot/vmlinuz", "/boot/Image");

        var findings = await GoodRoot.RunAsync(new KernelLinkCheck(), root);

        Assert.Equal(CheckStatus.Pass, Assert.Single(findings).Status);
    }
}
