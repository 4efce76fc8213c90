using Kairos.Stages.Image.Checks;

namespace Kairos.Stages.Tests.Checks;

public sealed class ReleaseCheckTests
{
    private readonly ReleaseCheck check = new();

    public static TheoryData<string> RequiredKeys() => [.. ReleaseCheck.RequiredKeys];

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public async Task Each_missing_key_fails_naming_it(string key)
    {
        using var root = GoodRoot.Create();
        GoodRoot.WithRelease(root, r => r.Remove(key));

        var report = await GoodRoot.ValidateAsync(root);

        var failure = Assert.Single(report.Findings.Failures(), f => f.Tag == "RELEASE");
        Assert.Contains(key + " is missing or empty", failure.Message);
        Assert.Contains("kairosRelease", failure.Fix);
    }

    [Fact]
    public async Task An_empty_value_counts_as_missing()
    {
        using var root = GoodRoot.Create();
        GoodRoot.WithRelease(root, r => r["KAIROS_FLAVOR"] = "");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.Contains("KAIROS_FLAVOR", failure.Message);
    }

    [Fact]
    public async Task A_missing_release_file_fails()
    {
        using var root = GoodRoot.Create();
        root.Remove("/etc/kairos-release");

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root)).Failures());

        Assert.Contains("/etc/kairos-release does not exist", failure.Message);
    }

    [Fact]
    public async Task A_standard_image_needs_the_software_version_and_prefix()
    {
        using var root = GoodRoot.Create();
        GoodRoot.WithRelease(root, r => r["KAIROS_VARIANT"] = "standard");

        var failures = (await GoodRoot.RunAsync(check, root)).Failures().Select(f => f.Message).ToList();

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, m => m.StartsWith("KAIROS_SOFTWARE_VERSION is missing", StringComparison.Ordinal));
        Assert.Contains(failures, m => m.StartsWith("KAIROS_SOFTWARE_VERSION_PREFIX is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_provider_flag_on_a_core_image_fails_the_variant()
    {
        using var root = GoodRoot.Create();

        var failures = (await GoodRoot.RunAsync(check, root, new ValidateOptions(Provider: "k3s"))).Failures().ToList();

        Assert.Contains(failures, f => f.Message.Contains("KAIROS_VARIANT is 'core'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_flag_that_differs_from_the_release_fails()
    {
        using var root = GoodRoot.Create();

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root, new ValidateOptions(Model: "rpi4"))).Failures());

        Assert.Contains("KAIROS_MODEL is 'generic' but -m rpi4", failure.Message);
    }

    [Fact]
    public async Task A_provider_flag_that_differs_from_the_release_prefix_fails()
    {
        using var root = GoodRoot.Create();
        GoodRoot.WithRelease(root, r =>
        {
            r["KAIROS_VARIANT"] = "standard";
            r["KAIROS_SOFTWARE_VERSION"] = "v1.32.1+k0s.0";
            r["KAIROS_SOFTWARE_VERSION_PREFIX"] = "k0s";
        });

        var failure = Assert.Single((await GoodRoot.RunAsync(check, root, new ValidateOptions(Provider: "k3s"))).Failures());

        Assert.Contains("KAIROS_SOFTWARE_VERSION_PREFIX is 'k0s' but -k k3s", failure.Message);
    }
}
