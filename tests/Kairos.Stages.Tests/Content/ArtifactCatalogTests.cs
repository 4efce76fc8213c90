using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Tests.Content;

/// <summary>The bundled artifact pins resolve for every arch, with FIPS twins and k8s version overrides.</summary>
public sealed class ArtifactCatalogTests
{
    private static readonly ArtifactCatalog Catalog = ArtifactCatalog.Parse(ContentStages.Source.ReadText(ArtifactCatalog.DataPath)!);

    private static readonly string[] Required =
        ["kairos-agent", "immucore", "kcrypt-discovery-challenger", "provider-kairos", "edgevpn", "kairos-installer"];

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    [InlineData("riscv64")]
    public void Every_kairos_artifact_has_a_release_for_every_arch(string arch)
    {
        foreach (var name in Required)
        {
            var artifact = Catalog.Resolve(name, arch, fips: false);

            Assert.StartsWith("https://github.com/", artifact.Url, StringComparison.Ordinal);
            Assert.DoesNotContain("{", artifact.Url, StringComparison.Ordinal);
            Assert.Equal("0755", artifact.Mode);
            Assert.StartsWith("/", artifact.Path, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    [InlineData("riscv64")]
    public void Every_artifact_resolves_for_every_arch(string arch)
    {
        foreach (var name in Catalog.Names)
        {
            var artifact = Catalog.Resolve(name, arch, fips: arch != "riscv64");

            Assert.Equal(name, artifact.Name);
            Assert.DoesNotContain("{", artifact.Url, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Agent_url_follows_the_release_pattern()
    {
        var artifact = Catalog.Resolve("kairos-agent", "arm64", fips: false);

        Assert.Equal("https://github.com/kairos-io/kairos-agent/releases/download/v2.31.4/kairos-agent-v2.31.4-Linux-arm64.tar.gz", artifact.Url);
        Assert.Equal("kairos-agent", artifact.Extract);
        Assert.Equal("/usr/bin/kairos-agent", artifact.Path);
    }

    [Fact]
    public void Fips_picks_the_fips_twin_only_where_one_exists()
    {
        Assert.EndsWith("-Linux-amd64-fips.tar.gz", Catalog.Resolve("immucore", "amd64", fips: true).Url, StringComparison.Ordinal);
        Assert.EndsWith("-Linux-x86_64.tar.gz", Catalog.Resolve("edgevpn", "amd64", fips: true).Url, StringComparison.Ordinal);
    }

    [Fact]
    public void K8s_version_overrides_the_k3s_pin_and_is_url_escaped()
    {
        var artifact = Catalog.Resolve("k3s", "arm64", fips: false, k8sVersion: "v1.31.4+k3s1");

        Assert.Equal("v1.31.4+k3s1", artifact.Version);
        Assert.Equal("https://github.com/k3s-io/k3s/releases/download/v1.31.4%2Bk3s1/k3s-arm64", artifact.Url);
        Assert.Equal("", artifact.Extract);
    }

    [Fact]
    public void K8s_version_does_not_touch_other_artifacts()
    {
        Assert.Equal("v2.16.4", Catalog.Resolve("provider-kairos", "amd64", fips: false, k8sVersion: "v1.31.4+k3s1").Version);
    }

    [Fact]
    public void Arch_without_a_release_resolves_with_an_empty_url()
    {
        Assert.Equal("", Catalog.Resolve("k9s", "riscv64", fips: false).Url);
    }

    [Fact]
    public void Unknown_artifact_names_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Catalog.Resolve("k4s", "amd64", fips: false));

        Assert.Contains("kairos-agent", error.Message, StringComparison.Ordinal);
    }
}
