using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Tests.Context;

public sealed class DistroDetectorTests
{
    public static TheoryData<string, string, string> KnownIds() => new()
    {
        { "debian", "debian", "debian" },
        { "ubuntu", "ubuntu", "debian" },
        { "fedora", "fedora", "redhat" },
        { "rocky", "rocky", "redhat" },
        { "almalinux", "almalinux", "redhat" },
        { "ol", "ol", "redhat" },
        { "rhel", "rhel", "redhat" },
        { "arch", "arch", "arch" },
        { "alpine", "alpine", "alpine" },
        { "opensuse-leap", "opensuse-leap", "suse" },
        { "opensuse-tumbleweed", "opensuse-tumbleweed", "suse" },
        { "sles", "sles", "suse" },
        { "sle-micro-rancher", "sle-micro-rancher", "suse" },
        { "hadron", "hadron", "hadron" },
    };

    [Theory]
    [MemberData(nameof(KnownIds))]
    public void Known_id_maps_to_its_distro_and_family(string id, string distro, string family)
    {
        // act
        var result = DistroDetector.FromIds(id, []);

        // assert
        Assert.Equal((distro, family), result);
    }

    [Theory]
    [InlineData("ubuntu", "debian", "ubuntu", "debian")]
    [InlineData("fedora", "rhel", "fedora", "redhat")]
    [InlineData("", "debian", "debian", "debian")]
    [InlineData("", "ubuntu", "ubuntu", "debian")]
    [InlineData("", "suse", "opensuse-leap", "suse")]
    [InlineData("", "redhat", "fedora", "redhat")]
    [InlineData("centos", "rhel centos fedora", "rhel", "redhat")]
    [InlineData("pop", "ubuntu debian", "ubuntu", "debian")]
    [InlineData("", "debian rhel", "debian", "debian")]
    [InlineData("", "custom rhel", "rhel", "redhat")]
    [InlineData("", "opensuse suse", "opensuse-leap", "suse")]
    [InlineData("gentoo", "", "unknown", "unknown")]
    [InlineData("", "", "unknown", "unknown")]
    [InlineData("", "custom other", "unknown", "unknown")]
    public void Id_wins_then_id_like_tokens_left_to_right(string id, string idLike, string distro, string family)
    {
        // act
        var result = DistroDetector.FromIds(id, idLike.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        // assert
        Assert.Equal((distro, family), result);
    }

    [Theory]
    [InlineData("ubuntu-22.04", "ubuntu", "debian", "22.04", "jammy", "Ubuntu 22.04.5 LTS")]
    [InlineData("ubuntu-24.04", "ubuntu", "debian", "24.04", "noble", "Ubuntu 24.04.3 LTS")]
    [InlineData("debian-12", "debian", "debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)")]
    [InlineData("debian-13", "debian", "debian", "13", "trixie", "Debian GNU/Linux 13 (trixie)")]
    [InlineData("fedora-41", "fedora", "redhat", "41", "", "Fedora Linux 41 (Container Image)")]
    [InlineData("rocky-9", "rocky", "redhat", "9.5", "", "Rocky Linux 9.5 (Blue Onyx)")]
    [InlineData("almalinux-9", "almalinux", "redhat", "9.5", "", "AlmaLinux 9.5 (Teal Serval)")]
    [InlineData("opensuse-leap-15.6", "opensuse-leap", "suse", "15.6", "", "openSUSE Leap 15.6")]
    [InlineData("opensuse-tumbleweed", "opensuse-tumbleweed", "suse", "20250101", "", "openSUSE Tumbleweed")]
    [InlineData("alpine-3.21", "alpine", "alpine", "3.21", "", "Alpine Linux v3.21")]
    public void Sample_os_release_is_detected(string sample, string id, string family, string version, string codename, string name)
    {
        // arrange
        var release = OsReleaseParser.Parse(File.ReadAllText(TestFiles.OsRelease(sample)));

        // act
        var distro = DistroDetector.Detect(release);

        // assert
        Assert.Equal((id, family, version, codename, name), (distro.Id, distro.Family, distro.Version, distro.Codename, distro.PrettyName));
    }

    [Fact]
    public void Alpine_two_part_version_is_kept()
    {
        // act
        var distro = DistroDetector.Detect(OsReleaseParser.Parse("ID=alpine\nVERSION_ID=3.21\n"));

        // assert
        Assert.Equal("3.21", distro.Version);
    }

    [Fact]
    public void Non_alpine_three_part_version_is_not_cut()
    {
        // act
        var distro = DistroDetector.Detect(OsReleaseParser.Parse("ID=ubuntu\nVERSION_ID=24.04.1\n"));

        // assert
        Assert.Equal("24.04.1", distro.Version);
    }

    [Fact]
    public void Name_falls_back_to_name_without_pretty_name()
    {
        // act
        var distro = DistroDetector.Detect(OsReleaseParser.Parse("ID=debian\nNAME=\"Debian GNU/Linux\"\n"));

        // assert
        Assert.Equal("Debian GNU/Linux", distro.PrettyName);
    }
}
