using Kairos.Stages.Image.Kernel;

namespace Kairos.Stages.Tests.Kernel;

/// <summary>kairos-init's kernel_test.go cases, plus our Fedora/RHEL ordering fix.</summary>
public sealed class KernelChooserTests
{
    [Fact]
    public void No_directories_is_an_error_naming_lib_modules()
    {
        // act
        var lookup = KernelChooser.Choose([], "generic");

        // assert
        Assert.False(lookup.Found);
        Assert.Contains("no kernel versions found", lookup.Error);
        Assert.Contains("/lib/modules", lookup.Error);
    }

    [Fact]
    public void A_single_version_is_chosen_as_is()
    {
        var lookup = KernelChooser.Choose(["5.15.0-100-generic"], "generic");

        Assert.Equal("5.15.0-100-generic", lookup.Choice?.Version);
        Assert.Equal(KernelRule.Version, lookup.Choice?.Rule);
    }

    [Fact]
    public void The_highest_of_several_versions_wins()
    {
        var lookup = KernelChooser.Choose(["5.15.0-100-generic", "5.15.0-102-generic", "5.15.0-101-generic"], "generic");

        Assert.Equal("5.15.0-102-generic", lookup.Choice?.Version);
    }

    [Fact]
    public void A_single_name_that_is_not_a_version_is_returned_unchanged()
    {
        var lookup = KernelChooser.Choose(["5.4.0-101-generic.fc32.x86_64"], "generic");

        Assert.Equal("5.4.0-101-generic.fc32.x86_64", lookup.Choice?.Version);
    }

    [Fact]
    public void Several_names_without_a_version_number_pick_the_first_entry()
    {
        var lookup = KernelChooser.Choose(["beta-kernel", "alpha-kernel"], "generic");

        Assert.Equal("alpha-kernel", lookup.Choice?.Version);
        Assert.Equal(KernelRule.FirstEntry, lookup.Choice?.Rule);
    }

    [Theory]
    [InlineData("rpi4")]
    [InlineData("rpi3")]
    public void Raspberry_pi_models_prefer_a_raspi_kernel_even_when_a_generic_one_is_higher(string model)
    {
        var lookup = KernelChooser.Choose(["6.8.0-50-generic", "5.15.0-1034-raspi"], model);

        Assert.Equal("5.15.0-1034-raspi", lookup.Choice?.Version);
        Assert.Equal(KernelRule.RaspiVersion, lookup.Choice?.Rule);
    }

    [Fact]
    public void Raspberry_pi_models_pick_the_highest_raspi_kernel()
    {
        var lookup = KernelChooser.Choose(["5.15.0-1030-raspi", "5.15.0-1034-raspi", "5.15.0-1032-raspi", "6.8.0-50-generic"], "rpi4");

        Assert.Equal("5.15.0-1034-raspi", lookup.Choice?.Version);
    }

    [Fact]
    public void Raspi_names_that_are_not_versions_pick_the_lexicographically_last()
    {
        var lookup = KernelChooser.Choose(["custom-a-raspi", "custom-b-raspi", "6.8.0-50-generic"], "rpi3");

        Assert.Equal("custom-b-raspi", lookup.Choice?.Version);
        Assert.Equal(KernelRule.RaspiLexicographic, lookup.Choice?.Rule);
    }

    [Fact]
    public void Raspberry_pi_models_without_a_raspi_kernel_use_the_general_rule()
    {
        var lookup = KernelChooser.Choose(["6.8.0-49-generic", "6.8.0-50-generic"], "rpi4");

        Assert.Equal("6.8.0-50-generic", lookup.Choice?.Version);
        Assert.Equal(KernelRule.Version, lookup.Choice?.Rule);
    }

    [Fact]
    public void The_generic_model_ignores_the_raspi_preference()
    {
        var lookup = KernelChooser.Choose(["6.8.0-50-generic", "5.15.0-1034-raspi"], "generic");

        Assert.Equal("6.8.0-50-generic", lookup.Choice?.Version);
    }

    [Fact]
    public void Rhel_kernels_pick_the_newest_release_not_the_first_alphabetically()
    {
        var lookup = KernelChooser.Choose(["5.14.0-70.el9.x86_64", "5.14.0-503.el9_5.x86_64"], "generic");

        Assert.Equal("5.14.0-503.el9_5.x86_64", lookup.Choice?.Version);
        Assert.Equal(KernelRule.RpmOrder, lookup.Choice?.Rule);
    }

    [Fact]
    public void Fedora_kernels_pick_the_newest_upstream_version()
    {
        var lookup = KernelChooser.Choose(["6.9.12-200.fc40", "6.11.4-301.fc41"], "generic");

        Assert.Equal("6.11.4-301.fc41", lookup.Choice?.Version);
    }

    [Fact]
    public void Fedora_kernels_with_an_arch_suffix_pick_the_newest_upstream_version()
    {
        var lookup = KernelChooser.Choose(["6.11.4-301.fc41.x86_64", "6.9.12-200.fc40.x86_64", "6.10.3-200.fc40.x86_64"], "generic");

        Assert.Equal("6.11.4-301.fc41.x86_64", lookup.Choice?.Version);
    }

    [Fact]
    public void Ubuntu_abi_numbers_compare_as_numbers_not_strings()
    {
        // go-version compares "99-generic" and "102-generic" as strings; we do not
        var lookup = KernelChooser.Choose(["5.15.0-99-generic", "5.15.0-102-generic"], "generic");

        Assert.Equal("5.15.0-102-generic", lookup.Choice?.Version);
    }

    [Fact]
    public void A_version_that_parses_does_not_beat_a_newer_rhel_kernel()
    {
        // go-version ignores names it cannot parse; a stray "5.14" would win there
        var lookup = KernelChooser.Choose(["5.14", "5.14.0-503.el9_5.x86_64"], "generic");

        Assert.Equal("5.14.0-503.el9_5.x86_64", lookup.Choice?.Version);
    }

    [Fact]
    public void Directories_without_a_version_do_not_hide_a_kernel()
    {
        var lookup = KernelChooser.Choose(["extramodules", "6.8.0-51-generic", "weak-updates"], "generic");

        Assert.Equal("6.8.0-51-generic", lookup.Choice?.Version);
        Assert.Equal(KernelRule.Version, lookup.Choice?.Rule);
    }
}
