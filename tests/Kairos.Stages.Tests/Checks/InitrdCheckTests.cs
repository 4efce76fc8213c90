using Kairos.Stages.Image.Checks;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Checks;

/// <summary>[INITRD] lists the initrd inside the root through the target; a fake target answers it.</summary>
public sealed class InitrdCheckTests
{
    private readonly InitrdCheck check = new();

    private static FakeTarget Answering(TempRoot root, string listing, int exitCode = 0) =>
        new(root.Path, _ => new CommandResult(exitCode, listing, TimeSpan.Zero));

    [Fact]
    public async Task The_listing_runs_inside_the_root_on_boot_initrd()
    {
        using var root = GoodRoot.Create();
        var target = new FakeTarget(root.Path, GoodRoot.Answer);

        var findings = await GoodRoot.RunAsync(check, root, target: target);

        Assert.Equal([InitrdCheck.ListScript("/boot/initrd")], target.Scripts);
        Assert.Equal(CheckStatus.Pass, Assert.Single(findings).Status);
    }

    [Theory]
    [InlineData("immucore")]
    [InlineData("kairos-agent")]
    public async Task An_initrd_without_a_kairos_component_fails(string component)
    {
        using var root = GoodRoot.Create();
        var target = Answering(root, GoodRoot.Listing.Replace(component, "other", StringComparison.Ordinal));

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root, target: target)).Failures());

        Assert.Equal($"/boot/initrd does not contain {component}", failure.Message);
        Assert.Contains("initrd", failure.Fix);
    }

    [Fact]
    public async Task An_initrd_without_the_renesas_driver_is_a_warning()
    {
        using var root = GoodRoot.Create();
        var target = Answering(root, "usr/bin/immucore\nusr/bin/kairos-agent\n");

        var findings = await GoodRoot.RunAsync(check, root, target: target);

        Assert.Empty(findings.Failures());
        Assert.Contains("xhci_pci_renesas", Assert.Single(findings.Warnings()).Message);
    }

    [Fact]
    public async Task Without_lsinitrd_in_the_root_the_check_only_warns_and_runs_nothing()
    {
        using var root = GoodRoot.Create();
        root.Remove("/usr/bin/lsinitrd");
        var target = new FakeTarget(root.Path, GoodRoot.Answer);

        var findings = await GoodRoot.RunAsync(check, root, target: target);

        Assert.Empty(target.Scripts);
        Assert.Contains("lsinitrd is not installed", Assert.Single(findings.Warnings()).Message);
    }

    [Fact]
    public async Task Trusted_boot_images_skip_the_initrd_listing()
    {
        using var root = GoodRoot.Create();
        var target = new FakeTarget(root.Path, GoodRoot.Answer);

        var findings = await GoodRoot.RunAsync(check, root, new ValidateOptions(TrustedBoot: true), target);

        Assert.Empty(target.Scripts);
        Assert.Equal(CheckStatus.Pass, Assert.Single(findings).Status);
    }

    [Fact]
    public async Task A_failing_lsinitrd_fails_with_its_output()
    {
        using var root = GoodRoot.Create();
        var target = Answering(root, "lsinitrd: /boot/initrd: not a valid image", exitCode: 1);

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root, target: target)).Failures());

        Assert.Contains("not a valid image", failure.Message);
    }

    [Fact]
    public async Task A_chroot_that_cannot_start_is_a_warning()
    {
        using var root = GoodRoot.Create();
        var target = Answering(root, "chroot: cannot change root directory to '/x': Operation not permitted", exitCode: 125);

        var findings = await GoodRoot.RunAsync(check, root, target: target);

        Assert.Empty(findings.Failures());
        Assert.Contains("could not run lsinitrd", Assert.Single(findings.Warnings()).Message);
    }
}
