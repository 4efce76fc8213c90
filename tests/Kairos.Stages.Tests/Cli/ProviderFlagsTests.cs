using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Tests.Context;

namespace Kairos.Stages.Tests.Cli;

/// <summary>kairos-init's --provider-NAME-version/-config flags: a version belongs to its provider only and must look like one of its releases.</summary>
public sealed class ProviderFlagsTests
{
    private static async Task<(int Code, string Out, string Err)> Plan(params string[] args)
    {
        using var root = new TempRoot("ks-provider-");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["plan", "--root", root.Path, "--os-release", TestFiles.OsRelease("debian-12"), "--arch", "amd64", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_version_for_another_provider_is_a_usage_error_naming_the_flag_not_a_k0s_url_with_a_k3s_version()
    {
        // act
        var (code, output, error) = await Plan("-p", "k0s", "--provider-k3s-version", "v1.30.0+k3s1");

        // assert
        Assert.Equal(2, code);
        Assert.Contains("--provider-k3s-version", error);
        Assert.Contains("k0s", error);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("k0s", "--provider-k0s-version", "v1.30.0+k3s1")]
    [InlineData("k3s", "--provider-k3s-version", "v1.30.0+k0s.0")]
    [InlineData("k0s", "--k8s-version", "v1.30.0+k3s1")]
    [InlineData("k3s", "--k8s-version", "1.30.0")]
    public async Task A_version_whose_shape_does_not_fit_the_provider_is_a_usage_error_naming_the_flag(string provider, string flag, string version)
    {
        // act
        var (code, output, error) = await Plan("-p", provider, flag, version);

        // assert
        Assert.Equal(2, code);
        Assert.Contains($"{flag}: '{version}' is not a {provider} version", error);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("k3s", "--provider-k3s-version", "v1.30.0+k3s1")]
    [InlineData("k0s", "--provider-k0s-version", "v1.30.0+k0s.0")]
    [InlineData("k3s", "--k8s-version", "v1.31.2-rc1+k3s1")]
    public async Task A_version_that_fits_its_provider_is_the_one_installed(string provider, string flag, string version)
    {
        // act
        var (code, output, error) = await Plan("-p", provider, flag, version);

        // assert
        Assert.True(code == 0, error);
        Assert.Contains($"Install {provider} {version}", output);
    }

    [Fact]
    public async Task A_provider_config_flag_is_refused_with_what_to_use_instead()
    {
        // act
        var (code, _, error) = await Plan("-p", "k3s", "--provider-k3s-config", "/tmp/k3s.yaml");

        // assert
        Assert.Equal(2, code);
        Assert.Contains("--provider-k3s-config", error);
        Assert.Contains("cloud-config", error);
        Assert.Contains("stage extension", error);
    }
}
