using Kairos.Stages.Image.Checks;

namespace Kairos.Stages.Tests.Checks;

public sealed class BinariesCheckTests
{
    private readonly BinariesCheck check = new();

    [Fact]
    public async Task A_binary_without_execute_bit_fails()
    {
        using var root = GoodRoot.Create();
        root.File("/usr/bin/sudo", "#!/bin/sh\n", (UnixFileMode)0b110_100_100);

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.StartsWith("binary sudo is not executable", failure.Message);
        Assert.Contains("chmod 0755 /usr/bin/sudo", failure.Fix);
    }

    [Fact]
    public async Task A_missing_binary_fails_naming_it()
    {
        using var root = GoodRoot.Create();
        root.Remove("/usr/bin/immucore");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.StartsWith("could not find binary immucore", failure.Message);
        Assert.Contains("kairosBinaries", failure.Fix);
    }

    [Fact]
    public async Task Absolute_links_to_the_multi_call_binary_resolve_inside_the_root()
    {
        // monorepo layout: /usr/bin/kairos-agent and /usr/bin/immucore -> /usr/bin/kairos
        using var root = GoodRoot.Create();
        root.Exec("/usr/bin/kairos").Link("/usr/bin/kairos-agent", "/usr/bin/kairos").Link("/usr/bin/immucore", "/usr/bin/kairos");

        Assert.Empty((await GoodRoot.RunAsync(check, root)).Failures());
    }

    [Fact]
    public async Task A_link_to_a_binary_only_the_host_has_fails()
    {
        using var root = GoodRoot.Create();
        root.Link("/usr/bin/less", "/usr/bin/env");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.Contains("symlink to a file that does not exist in the root", failure.Message);
    }

    [Fact]
    public async Task Hadron_does_not_need_mount_nfs()
    {
        using var root = GoodRoot.Create();
        root.Remove("/usr/sbin/mount.nfs").File("/etc/os-release", "ID=hadron\n");

        Assert.Empty((await GoodRoot.RunAsync(check, root)).Failures());
    }

    [Fact]
    public async Task A_standard_variant_from_kairos_release_needs_the_provider_binaries()
    {
        using var root = GoodRoot.Create();
        GoodRoot.WithRelease(root, r => r["KAIROS_VARIANT"] = "standard");

        var missing = (await GoodRoot.RunAsync(check, root)).Failures().Select(f => f.Message).ToList();

        Assert.Equal(3, missing.Count);
        Assert.Contains(missing, m => m.StartsWith("could not find binary agent-provider-kairos", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.StartsWith("could not find binary kairos ", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.StartsWith("could not find binary edgevpn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Provider_binaries_in_system_providers_satisfy_the_standard_variant()
    {
        using var root = GoodRoot.Create();
        root.Exec("/system/providers/agent-provider-kairos").Link("/usr/bin/kairos", "/system/providers/agent-provider-kairos").Exec("/usr/bin/edgevpn");
        GoodRoot.WithRelease(root, r => r["KAIROS_VARIANT"] = "standard");

        Assert.Empty((await GoodRoot.RunAsync(check, root)).Failures());
    }

    [Theory]
    [InlineData("k3s")]
    [InlineData("k0s")]
    public async Task A_software_prefix_without_its_binary_fails(string provider)
    {
        using var root = GoodRoot.Create();
        root.Exec("/system/providers/agent-provider-kairos").Exec("/usr/bin/kairos").Exec("/usr/bin/edgevpn");
        GoodRoot.WithRelease(root, r =>
        {
            r["KAIROS_VARIANT"] = "standard";
            r["KAIROS_SOFTWARE_VERSION"] = $"v1.32.1+{provider}1";
            r["KAIROS_SOFTWARE_VERSION_PREFIX"] = provider;
        });

        var report = await GoodRoot.ValidateAsync(root);

        var failure = Assert.Single(report.Findings.Failures());
        Assert.Equal("BINARIES", failure.Tag);
        Assert.StartsWith($"could not find binary {provider}", failure.Message);
    }

    [Fact]
    public async Task The_provider_flag_checks_its_binary_on_a_standard_image()
    {
        using var root = GoodRoot.Create();
        root.Exec("/system/providers/agent-provider-kairos").Exec("/usr/bin/kairos").Exec("/usr/bin/edgevpn").Exec("/usr/local/bin/k3s");

        var failures = (await GoodRoot.RunAsync(check, root, new ValidateOptions(Provider: "k0s"))).Failures();

        Assert.StartsWith("could not find binary k0s", Assert.Single(failures).Message);
    }
}
