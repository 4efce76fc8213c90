using System.Text.RegularExpressions;
using Kairos.Stages.Image.Release;
using Kairos.Stages.Image.Requests;
using Kairos.Stages.Target.Context;
using Semver;

namespace Kairos.Stages.Tests.Requests;

/// <summary>
/// The served rules (<see cref="BuildRules"/>) are the engine's own: the version pattern takes exactly what
/// <see cref="KairosVersion"/> takes, each provider's pattern what <see cref="ProviderVersion"/> takes, and one
/// build's artifacts share one stem read from kairos-release.
/// </summary>
public sealed class BuildRulesTests
{
    [Fact]
    public void The_version_pattern_takes_exactly_what_the_engine_takes()
    {
        // arrange: hand-picked edges and 20,000 random texts over the characters a version is made of
        var random = new Random(30);
        const string alphabet = "v0123456789..--++aZ";
        var texts = new List<string> { "1.0", "1", "v1", "01.02.03", "1.2.3-rc1+x", "1.2.3-01", "1.2.3+", "1.2.3-", "V1.2.3", "v1.2.3.4", "1-rc1", "1.2-rc1", "999999999.0.0", "0000000001.0.0", "2147483648.0.0", "1.2.3-a..b" };
        texts.AddRange(Enumerable.Range(0, 20_000).Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 14)).Select(_ => alphabet[random.Next(alphabet.Length)])])));
        var pattern = new Regex(KairosVersion.Pattern);

        // act
        var disagreements = texts.Where(text => pattern.IsMatch(text) != KairosVersion.TryNormalize(text, out _, out _)).ToList();
        var beyondSemver = texts.Where(text => pattern.IsMatch(text) && !SemVersion.TryParse(text, SemVersionStyles.AllowLowerV | SemVersionStyles.OptionalMinorPatch | SemVersionStyles.AllowLeadingZeros, out _)).ToList();

        // assert: the corpus holds both kinds, and the page's rule and the engine's never disagree
        Assert.Empty(disagreements);
        Assert.Empty(beyondSemver);
        Assert.Matches(pattern, "1.0");
        Assert.Contains(texts, pattern.IsMatch);
        Assert.Contains(texts, text => !pattern.IsMatch(text));
    }

    [Theory]
    [InlineData("k3s", "v1.32.1+k3s1", true)]
    [InlineData("k3s", "v1.32.1-rc1+k3s1", true)]
    [InlineData("k3s", "1.32.1", false)]
    [InlineData("k3s", "v1.32.1+k0s.0", false)]
    [InlineData("k0s", "v1.32.1+k0s.0", true)]
    [InlineData("k0s", "v1.32.1-rc.0+k0s.0", true)]
    [InlineData("k0s", "v1.32.1+k3s1", false)]
    public void Each_providers_pattern_takes_what_the_engine_takes(string provider, string version, bool accepted)
    {
        var (_, errors) = ProviderVersion.Resolve(provider, version, new Dictionary<string, string>());

        Assert.Equal(accepted, errors.Count == 0);
        Assert.Equal(accepted, Regex.IsMatch(version, BuildRules.Current.KubernetesVersions[provider].Pattern));
    }

    [Theory]
    [InlineData("k3s", "+k3s1")]
    [InlineData("k0s", "+k0s.0")]
    public void The_engine_refuses_a_provider_version_longer_than_the_served_max_length(string provider, string build)
    {
        var rule = BuildRules.Current.KubernetesVersions[provider];
        var longest = "v1.32.1-" + new string('a', rule.MaxLength - "v1.32.1-".Length - build.Length) + build;
        var longer = "v1.32.1-" + new string('a', rule.MaxLength) + build;

        Assert.Empty(ProviderVersion.Resolve(provider, longest, new Dictionary<string, string>()).Errors);
        Assert.NotEmpty(ProviderVersion.Resolve(provider, longer, new Dictionary<string, string>()).Errors);
        Assert.Matches(rule.Pattern, longer);
        Assert.Equal(ProviderVersion.MaxLength, rule.MaxLength);
    }

    [Fact]
    public void The_served_rules_name_every_output_and_provider_and_the_fips_image_rule_is_the_servers()
    {
        var rules = BuildRules.Current;
        var fips = new FipsSupport(new Dictionary<string, string> { ["ubuntu"] = "no" }, new Dictionary<string, string>());

        Assert.Equal(OutputKinds.Names, rules.Outputs.Select(output => output.Name));
        Assert.Equal(["only", "only"], rules.Outputs.Where(output => output.Name.StartsWith("uki", StringComparison.Ordinal)).Select(output => output.TrustedBoot));
        Assert.Equal("both", rules.Outputs.Single(output => output.Name == "iso").TrustedBoot);
        // a Pi boots its firmware and U-Boot, not UEFI or BIOS: its image makes the Pi disk (raw_efi) and the archives
        Assert.Equal(["raw_efi", "oci", "rootfs"], rules.Outputs.Where(output => output.Models.Contains("rpi4")).Select(output => output.Name));
        Assert.All(rules.Outputs, output => Assert.Equal(output.Models.Contains("rpi4"), output.Models.Contains("rpi3")));
        Assert.All(rules.Outputs, output => Assert.Contains(KnownModels.Generic, output.Models));
        Assert.Equal(BuildEnums.Providers, rules.KubernetesVersions.Keys);
        foreach (var image in new[] { "ubuntu", "ubuntu:24.04", "docker.io/library/ubuntu:22.04", "localhost:5000/x/ubuntu@sha256:" + new string('a', 64) })
        {
            Assert.NotNull(fips.Problem(image, "amd64"));
            Assert.Matches(fips.RefusedImages.Single().Pattern, image);
        }

        foreach (var image in new[] { "debian:12", "ubuntu-like:1", "ubuntu/debian:12", "myubuntu" })
        {
            Assert.Null(fips.Problem(image, "amd64"));
            Assert.DoesNotMatch(fips.RefusedImages.Single().Pattern, image);
        }
    }

    [Fact]
    public void Every_artifact_of_one_build_shares_the_stem_read_from_kairos_release()
    {
        var release = new Dictionary<string, string>
        {
            ["KAIROS_FLAVOR"] = "debian",
            ["KAIROS_FLAVOR_RELEASE"] = "12",
            ["KAIROS_VARIANT"] = "standard",
            ["KAIROS_MODEL"] = "generic",
            ["KAIROS_VERSION"] = "v1.0.0",
            ["KAIROS_SOFTWARE_VERSION"] = "v1.32.1+k3s1",
            ["KAIROS_SOFTWARE_VERSION_PREFIX"] = "k3s",
        };

        var stem = ArtifactNames.Stem(release, "amd64", null);
        var names = ArtifactNames.Suffixes.Keys.Select(kind => ArtifactNames.Of(stem, kind)).ToList();

        Assert.Equal("kairos-debian-12-standard-amd64-generic-v1.0.0-k3sv1.32.1+k3s1", stem);
        Assert.Equal(stem + ".rootfs.tar", ArtifactNames.Of(stem, "rootfs"));
        Assert.Equal(stem + ".iso", ArtifactNames.Of(stem, "iso"));
        Assert.All(names, name => Assert.StartsWith(stem, name, StringComparison.Ordinal));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(stem + ".20261206", ArtifactNames.Stem(release, "amd64", new DateTime(2026, 12, 6)));
        Assert.Equal(stem, new Kairos.Stages.Media.KairosReleaseFile(release).IsoBaseName("amd64", null));
    }
}
