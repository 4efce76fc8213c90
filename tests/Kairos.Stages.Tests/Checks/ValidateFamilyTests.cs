using Kairos.Stages.Image.Checks;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Tests.Context;

namespace Kairos.Stages.Tests.Checks;

/// <summary>validate judges a root by the family the build context detects from the same os-release: one table, one parser.</summary>
public sealed class ValidateFamilyTests
{
    /// <summary>The captured os-release files of every distro we have one of.</summary>
    public static TheoryData<string, string> Samples() => new()
    {
        { "ubuntu-22.04", "debian" },
        { "ubuntu-24.04", "debian" },
        { "debian-12", "debian" },
        { "debian-13", "debian" },
        { "fedora-41", "redhat" },
        { "rocky-9", "redhat" },
        { "almalinux-9", "redhat" },
        { "opensuse-leap-15.6", "suse" },
        { "opensuse-tumbleweed", "suse" },
        { "alpine-3.21", "alpine" },
    };

    /// <summary>ID and ID_LIKE lines for the known ids without a captured file, the ID_LIKE fallbacks, and the ids neither table knows.</summary>
    public static TheoryData<string, string> Lines() => new()
    {
        { "ID=\"rhel\"\nID_LIKE=\"fedora\"", "redhat" },
        { "ID=\"ol\"\nID_LIKE=\"fedora\"", "redhat" },
        { "ID=\"sles\"\nID_LIKE=\"suse\"", "suse" },
        { "ID=sle-micro-rancher\nID_LIKE=\"suse\"", "suse" },
        { "ID=arch", "arch" },
        { "ID=hadron", "hadron" },
        { "ID=pop\nID_LIKE=\"ubuntu debian\"", "debian" },
        { "ID=linuxmint\nID_LIKE=ubuntu", "debian" },
        { "ID=\"centos\"\nID_LIKE=\"rhel fedora\"", "redhat" },
        { "ID=\"opensuse-microos\"\nID_LIKE=\"suse opensuse opensuse-tumbleweed\"", "suse" },
        { "ID=custom\nID_LIKE=redhat", "redhat" },
        { "ID=custom\nID_LIKE=\"other suse\"", "suse" },
        { "ID=gentoo", "unknown" },
        { "ID=centos", "unknown" },
        { "ID=opensuse", "unknown" },
        { "ID=Ubuntu", "unknown" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Captured_os_release_gives_the_build_contexts_family(string sample, string family)
    {
        // arrange
        using var root = new TempRoot();
        root.File("/usr/lib/os-release", File.ReadAllText(TestFiles.OsRelease(sample))).Link("/etc/os-release", "../usr/lib/os-release");

        // act
        var (build, validate) = Families(root);

        // assert
        Assert.Equal((family, family), (build, validate));
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Id_and_id_like_give_the_build_contexts_family(string lines, string family)
    {
        // arrange
        using var root = new TempRoot();
        root.File("/etc/os-release", lines + "\n");

        // act
        var (build, validate) = Families(root);

        // assert
        Assert.Equal((family, family), (build, validate));
    }

    [Fact]
    public void Usr_lib_os_release_is_read_when_etc_has_none()
    {
        // arrange
        using var root = new TempRoot();
        root.File("/usr/lib/os-release", File.ReadAllText(TestFiles.OsRelease("rocky-9")));

        // act
        var (build, validate) = Families(root);

        // assert
        Assert.Equal(("redhat", "redhat"), (build, validate));
    }

    [Fact]
    public void Unknown_distro_falls_back_to_kairos_family_from_kairos_release()
    {
        // arrange
        using var root = new TempRoot();
        root.File("/etc/os-release", "ID=gentoo\n").File("/etc/kairos-release", "KAIROS_FAMILY=\"alpine\"\n");

        // act
        var context = CheckContextFactory.Create(new FakeTarget(root.Path), new ValidateOptions());

        // assert
        Assert.Contains(context.Inputs, i => i is { Name: "family", Value: "alpine", Source: "kairos-release" });
    }

    private static (string Build, string Validate) Families(TempRoot root)
    {
        var build = BuildContextFactory.Create(new BuildOptions { Root = root.Path, Version = "1.0.0", Arch = "amd64" });
        Assert.True(build.Success, string.Join("; ", build.Errors));
        var validate = CheckContextFactory.Create(new FakeTarget(root.Path), new ValidateOptions());
        return (build.Context!.Distro.Family, validate.Family);
    }
}
