using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Tests.Context;

public sealed class BuildContextFactoryTests
{
    private static BuildOptions Ubuntu(string arch = "amd64") => new()
    {
        Root = Path.GetTempPath(),
        OsReleasePath = TestFiles.OsRelease("ubuntu-24.04"),
        Version = "1.2.3",
        Arch = arch,
    };

    [Fact]
    public void Valid_options_give_a_core_context()
    {
        // act
        var result = BuildContextFactory.Create(Ubuntu());

        // assert
        Assert.True(result.Success, string.Join("; ", result.Errors));
        var context = result.Context!;
        Assert.Equal(("ubuntu", "debian", "24.04"), (context.Distro.Id, context.Distro.Family, context.Distro.Version));
        Assert.Equal(("v1.2.3", "amd64", "generic", "core"), (context.Version, context.Arch, context.Model, context.Variant));
    }

    [Fact]
    public void Provider_makes_a_standard_context()
    {
        // act
        var result = BuildContextFactory.Create(Ubuntu() with { K8sProvider = "k3s", K8sVersion = "v1.32.1+k3s1" });

        // assert
        Assert.Equal("standard", result.Context?.Variant);
        Assert.Equal(new K8sProvider("k3s", "v1.32.1+k3s1"), result.Context?.K8s);
    }

    [Theory]
    [InlineData("nvidia-jetson-agx-orin")]
    [InlineData("nvidia-jetson-orin-nx")]
    [InlineData("nvidia-jetson-thor")]
    [InlineData("nvidia-dgx-spark")]
    public void Nvidia_models_are_refused_as_not_supported_yet(string model)
    {
        // act
        var result = BuildContextFactory.Create(Ubuntu("arm64") with { Model = model });

        // assert
        Assert.Null(result.Context);
        Assert.Contains(result.Errors, e => e.Contains("not supported by kairos-stages yet", StringComparison.Ordinal));
    }

    [Fact]
    public void Raspberry_pi_model_needs_an_arm64_target()
    {
        // act
        var refused = BuildContextFactory.Create(Ubuntu("amd64") with { Model = "rpi4" });
        var accepted = BuildContextFactory.Create(Ubuntu("arm64") with { Model = "rpi4" });

        // assert
        Assert.Contains(refused.Errors, e => e.Contains("requires a arm64 target", StringComparison.Ordinal));
        Assert.Equal("rpi4", accepted.Context?.Model);
    }

    [Fact]
    public void Fips_on_riscv64_is_refused()
    {
        // act
        var result = BuildContextFactory.Create(Ubuntu("riscv64") with { Fips = true, FipsRefusedArchitectures = FipsRules.Bundled.UnsupportedArchitectures });

        // assert
        Assert.Contains("--fips: FIPS is not supported on riscv64", result.Errors);
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    [InlineData("riscv64")]
    [InlineData("arm")]
    public void Fips_is_refused_for_exactly_the_architectures_of_fips_yaml_in_its_words(string arch)
    {
        // act
        var result = BuildContextFactory.Create(Ubuntu(arch) with { Fips = true, FipsRefusedArchitectures = FipsRules.Bundled.UnsupportedArchitectures });

        // assert: the one build model's refusal (stages/data/fips.yaml, as the install stage and the Factory read it), no other
        var expected = FipsRules.Bundled.UnsupportedArchitectures.TryGetValue(arch, out var reason) ? new[] { "--fips: " + reason } : [];
        Assert.Equal(expected, result.Errors.Where(error => error.StartsWith("--fips", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("rke2", "--kubernetes: 'rke2' is not included in k3s,k0s")]
    [InlineData("K3s", "--kubernetes: 'K3s' is not included in k3s,k0s")]
    public void Unknown_provider_is_refused_listing_the_allowed_values(string provider, string message)
    {
        // act
        var result = BuildContextFactory.Create(Ubuntu() with { K8sProvider = provider });

        // assert
        Assert.Contains(message, result.Errors);
    }

    [Fact]
    public void Unknown_model_and_log_level_are_refused_listing_the_allowed_values()
    {
        // act
        var result = BuildContextFactory.Create(Ubuntu() with { Model = "rpi5", LogLevel = "verbose" });

        // assert
        Assert.Contains(result.Errors, e => e.StartsWith("--model: 'rpi5' is not included in generic,rpi3,rpi4,", StringComparison.Ordinal));
        Assert.Contains("--log-level: 'verbose' is not included in info,warn,error,debug,trace", result.Errors);
    }

    [Fact]
    public void Bad_version_is_refused()
    {
        // act
        var result = BuildContextFactory.Create(Ubuntu() with { Version = "latest" });

        // assert
        Assert.Contains(result.Errors, e => e.Contains("'latest'", StringComparison.Ordinal));
    }

    [Fact]
    public void K8s_version_without_provider_is_refused()
    {
        // act
        var result = BuildContextFactory.Create(Ubuntu() with { K8sVersion = "v1.32.1+k3s1" });

        // assert
        Assert.Contains(result.Errors, e => e.Contains("--k8s-version needs a provider", StringComparison.Ordinal));
    }

    [Fact]
    public void Root_without_os_release_gives_unknown_distro_with_a_warning()
    {
        // arrange
        using var root = new TempRoot();

        // act
        var result = BuildContextFactory.Create(new BuildOptions { Root = root.Path, Version = "1.0.0", Arch = "amd64" });

        // assert
        Assert.Equal("unknown", result.Context?.Distro.Id);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void Facts_are_read_from_the_root()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("usr/lib/os-release", File.ReadAllText(TestFiles.OsRelease("alpine-3.21")));
        root.Link("etc/os-release", "/usr/lib/os-release");

        // act
        var result = BuildContextFactory.Create(new BuildOptions { Root = root.Path, Version = "1.0.0" });

        // assert
        Assert.Equal(("alpine", "3.21"), (result.Context?.Distro.Id, result.Context?.Distro.Version));
        Assert.Equal(ElfArch.Process(), result.Context?.Arch);
    }

    [Fact]
    public void Unknown_distro_id_gives_a_warning()
    {
        // arrange
        using var root = new TempRoot();
        var file = root.Write("os-release", "ID=gentoo\nVERSION_ID=2.17\n").HostPath("os-release");

        // act
        var result = BuildContextFactory.Create(new BuildOptions { Root = root.Path, OsReleasePath = file, Version = "1.0.0", Arch = "amd64" });

        // assert
        Assert.Equal(("unknown", "unknown"), (result.Context?.Distro.Id, result.Context?.Distro.Family));
        Assert.Contains(result.Warnings, w => w.Contains("'gentoo'", StringComparison.Ordinal));
    }
}
