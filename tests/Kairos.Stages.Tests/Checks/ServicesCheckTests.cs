using Kairos.Stages.Image.Checks;

namespace Kairos.Stages.Tests.Checks;

/// <summary>[SERVICES], kairos-init's validate_test.go service cases.</summary>
public sealed class ServicesCheckTests
{
    private const string Vendor = "/usr/lib/systemd/system";
    private readonly ServicesCheck check = new();

    private static TempRoot Rocky()
    {
        var root = GoodRoot.Create();
        root.File("/etc/os-release", "NAME=\"Rocky Linux\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.5\"\n")
            .File($"{Vendor}/systemd-udevd.service", "[Service]\n").File($"{Vendor}/systemd-logind.service", "[Service]\n");
        return root;
    }

    [Fact]
    public async Task Rhel_family_passes_with_regular_unit_files()
    {
        using var root = Rocky();

        var findings = await GoodRoot.RunAsync(check, root);

        Assert.Empty(findings.Failures());
        Assert.Contains("systemd-udevd.service", Assert.Single(findings).Message);
    }

    [Theory]
    [InlineData("systemd-udevd")]
    [InlineData("systemd-logind")]
    public async Task Rhel_family_fails_only_for_the_missing_unit(string service)
    {
        using var root = Rocky();
        root.Remove($"{Vendor}/{service}.service");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.StartsWith($"{service} does not exist on RHEL family system", failure.Message);
    }

    [Fact]
    public async Task Rhel_family_fails_when_udevd_is_masked()
    {
        using var root = Rocky();
        root.Link($"{Vendor}/systemd-udevd.service", "/dev/null");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.StartsWith("systemd-udevd is masked on RHEL family system", failure.Message);
        Assert.Contains("systemctl unmask systemd-udevd.service", failure.Fix);
    }

    [Fact]
    public async Task A_mask_in_etc_hides_the_vendor_unit()
    {
        using var root = Rocky();
        root.Link("/etc/systemd/system/systemd-logind.service", "/dev/null");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.StartsWith("systemd-logind is masked on RHEL family system", failure.Message);
    }

    [Fact]
    public async Task Rhel_family_checks_are_skipped_on_other_families()
    {
        using var root = GoodRoot.Create();

        var findings = await GoodRoot.RunAsync(check, root);

        Assert.Empty(findings.Failures());
        Assert.DoesNotContain("udevd", Assert.Single(findings).Message);
    }

    [Fact]
    public async Task A_masked_getty_target_fails()
    {
        using var root = GoodRoot.Create();
        root.Link($"{Vendor}/getty.target", "/dev/null");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.StartsWith("getty.target is masked on systemd-based system", failure.Message);
    }

    [Fact]
    public async Task An_empty_getty_target_counts_as_masked()
    {
        using var root = GoodRoot.Create();
        root.File($"{Vendor}/getty.target", "");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.StartsWith("getty.target is masked", failure.Message);
    }

    [Fact]
    public async Task A_missing_getty_target_fails()
    {
        using var root = GoodRoot.Create();
        root.Remove($"{Vendor}/getty.target");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.StartsWith("getty.target does not exist on systemd-based system", failure.Message);
    }

    [Fact]
    public async Task The_getty_check_is_skipped_on_alpine()
    {
        using var root = GoodRoot.Create();
        root.Remove($"{Vendor}/getty.target").File("/etc/os-release", "ID=alpine\nVERSION_ID=3.21.0\n");

        Assert.Empty((await GoodRoot.RunAsync(check, root)).Failures());
    }

    [Fact]
    public async Task A_getty_target_only_in_etc_passes()
    {
        using var root = GoodRoot.Create();
        root.Remove($"{Vendor}/getty.target").File("/etc/systemd/system/getty.target", "[Unit]\n");

        Assert.Empty((await GoodRoot.RunAsync(check, root)).Failures());
    }
}
