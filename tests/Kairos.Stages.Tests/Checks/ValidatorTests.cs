using Kairos.Stages.Image.Checks;

namespace Kairos.Stages.Tests.Checks;

/// <summary>A good root passes every check; each single breakage fails naming its check.</summary>
public sealed class ValidatorTests
{
    [Fact]
    public async Task A_good_root_passes_every_check_without_warnings()
    {
        // arrange
        using var root = GoodRoot.Create();

        // act
        var report = await GoodRoot.ValidateAsync(root);

        // assert
        Assert.True(report.Ok, string.Join('\n', report.Findings));
        Assert.Equal(0, report.Warnings);
        Assert.Equal(ImageChecks.All.Select(c => c.Tag), report.Findings.Select(f => f.Tag).Distinct());
    }

    [Fact]
    public void The_catalog_runs_kairos_init_checks_first_in_its_order()
    {
        var tags = ImageChecks.All.Select(c => c.Tag).Take(8);

        Assert.Equal(["BINARIES", "FILES", "RELEASE", "DIRS", "INITRD", "SSH", "SERVICES", "KERNEL"], tags);
    }

    [Fact]
    public async Task An_empty_root_fails_every_essential_check_without_throwing()
    {
        // arrange
        using var root = new TempRoot();

        // act
        var report = await GoodRoot.ValidateAsync(root);

        // assert
        var failed = report.Findings.Failures().Select(f => f.Tag).Distinct().ToList();
        Assert.Equal(["BINARIES", "FILES", "RELEASE", "DIRS", "SERVICES", "KERNEL"], failed);
        Assert.All(report.Findings.Failures(), f => Assert.False(string.IsNullOrEmpty(f.Fix)));
    }

    [Fact]
    public async Task Missing_var_lock_fails_dirs()
    {
        using var root = GoodRoot.Create();
        root.Remove("/var/lock");

        var report = await GoodRoot.ValidateAsync(root);

        var failure = Assert.Single(report.Findings.Failures());
        Assert.Equal("DIRS", failure.Tag);
        Assert.Contains("/var/lock", failure.Message);
    }

    [Fact]
    public async Task A_var_lock_link_into_run_is_only_a_warning()
    {
        using var root = GoodRoot.Create();
        root.Remove("/var/lock").Link("/var/lock", "/run/lock");

        var report = await GoodRoot.ValidateAsync(root);

        Assert.True(report.Ok);
        Assert.Equal("DIRS", Assert.Single(report.Findings.Warnings()).Tag);
    }

    [Fact]
    public async Task A_baked_ssh_host_key_fails_ssh()
    {
        using var root = GoodRoot.Create();
        root.File("/etc/ssh/ssh_host_ed25519_key", "secret").File("/etc/ssh/ssh_host_ed25519_key.pub", "public");

        var report = await GoodRoot.ValidateAsync(root);

        var failure = Assert.Single(report.Findings.Failures());
        Assert.Equal("SSH", failure.Tag);
        Assert.Contains("/etc/ssh/ssh_host_ed25519_key", failure.Message);
        Assert.DoesNotContain(".pub", failure.Message);
    }

    [Fact]
    public async Task A_filled_machine_id_fails_machine_id()
    {
        using var root = GoodRoot.Create();
        root.File("/etc/machine-id", "0123456789abcdef0123456789abcdef\n");

        var report = await GoodRoot.ValidateAsync(root);

        Assert.Equal("MACHINE-ID", Assert.Single(report.Findings.Failures()).Tag);
    }

    [Fact]
    public async Task An_absent_machine_id_passes()
    {
        using var root = GoodRoot.Create();
        root.Remove("/etc/machine-id");

        var report = await GoodRoot.ValidateAsync(root);

        Assert.True(report.Ok);
    }

    [Fact]
    public async Task Leftover_apt_lists_are_a_warning_not_a_failure()
    {
        using var root = GoodRoot.Create();
        root.File("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease").Mkdir("/var/lib/apt/lists/partial").File("/var/lib/apt/lists/lock", "");

        var report = await GoodRoot.ValidateAsync(root);

        Assert.True(report.Ok);
        var warning = Assert.Single(report.Findings.Warnings());
        Assert.Equal("CACHE", warning.Tag);
        Assert.Contains("1 cached entries", warning.Message);
    }

    [Fact]
    public async Task A_dnf5_cache_is_a_warning()
    {
        using var root = GoodRoot.Create();
        root.File("/var/cache/libdnf5/fedora-1234/repodata/repomd.xml");

        var report = await GoodRoot.ValidateAsync(root);

        Assert.Contains("/var/cache/libdnf5", Assert.Single(report.Findings.Warnings()).Message);
    }

    [Fact]
    public async Task Empty_cache_directories_pass()
    {
        using var root = GoodRoot.Create();
        root.Mkdir("/var/cache/dnf").Mkdir("/var/lib/apt/lists/partial");

        var report = await GoodRoot.ValidateAsync(root);

        Assert.Equal(0, report.Warnings);
    }

    [Fact]
    public async Task An_initrd_older_than_the_kernel_modules_is_a_warning()
    {
        using var root = GoodRoot.Create();
        File.SetLastWriteTimeUtc(root.HostPath("/boot/initrd"), DateTime.UtcNow.AddHours(-1));

        var report = await GoodRoot.ValidateAsync(root);

        Assert.True(report.Ok);
        Assert.Equal("INITRD-AGE", Assert.Single(report.Findings.Warnings()).Tag);
    }
}
