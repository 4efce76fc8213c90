using Kairos.Stages.PackageManagers;
using Kairos.Stages.PackageManagers.Progress;
using Kairos.Stages.Progress;

namespace Kairos.Stages.Tests.PackageManagers.Progress;

/// <summary>
/// Each manager's parser on recorded output: apt's from a real apt-get in a debootstrap'd bookworm
/// chroot (with -o APT::Status-Fd=1), the others written in their documented plain formats.
/// </summary>
public sealed class ProgressParserTests
{
    private static List<WorkProgress> Read(IPackageProgressParser parser, string recording) =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "PackageManagers/Progress/Recorded", recording)).Select(parser.Read).OfType<WorkProgress>()];

    [Fact]
    public void Apt_install_counts_downloads_unpacks_and_set_ups_up_to_the_packages_of_the_summary_line()
    {
        // act
        var work = Read(new AptProgressParser(), "apt-install.txt");

        // assert: 8 newly installed, each phase reaches 8 of 8, in apt's order
        Assert.Equal(new WorkProgress("downloaded", 8, 8, "packages"), work.Last(w => w.Phase == "downloaded"));
        Assert.Equal(new WorkProgress("unpacked", 8, 8, "packages"), work.Last(w => w.Phase == "unpacked"));
        Assert.Equal(new WorkProgress("set up", 8, 8, "packages"), work[^1]);
        Assert.True(work.FindLastIndex(w => w.Phase == "downloaded") < work.FindIndex(w => w.Phase == "unpacked"));
        Assert.True(work.FindLastIndex(w => w.Phase == "unpacked") < work.FindIndex(w => w.Phase == "set up"));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), work.Where(w => w.Phase == "set up").Select(w => w.Done));
    }

    [Fact]
    public void Apt_update_counts_index_files()
    {
        // act
        var work = Read(new AptProgressParser(), "apt-update.txt");

        // assert
        Assert.Equal(new WorkProgress("downloaded", 4, 4, "files"), work[^1]);
        Assert.All(work, w => Assert.Equal("files", w.Unit));
    }

    [Fact]
    public void Apt_status_lines_are_status_and_dpkg_lines_are_not()
    {
        var parser = new AptProgressParser();
        Assert.True(parser.IsStatusLine("pmstatus:less:33.3333:Unpacking less (amd64)"));
        Assert.True(parser.IsStatusLine("dlstatus:1:0.0000:Retrieving file 1 of 8"));
        Assert.False(parser.IsStatusLine("E: Unable to locate package nope"));
        Assert.False(parser.IsStatusLine("Setting up less (590-2.1~deb12u2) ..."));
    }

    [Fact]
    public void Dnf4_counts_downloads_installs_and_verifications()
    {
        var work = Read(new DnfProgressParser(), "dnf4-install.txt");

        Assert.Equal(
            [.. Enumerable.Range(1, 3).Select(i => new WorkProgress("downloaded", i, 3, "packages")),
             .. Enumerable.Range(1, 3).Select(i => new WorkProgress("installed", i, 3, "packages")),
             .. Enumerable.Range(1, 3).Select(i => new WorkProgress("verified", i, 3, "packages"))],
            work);
    }

    [Fact]
    public void Dnf5_counts_downloads_and_installs_without_its_verify_and_prepare_items_or_the_total_line()
    {
        var work = Read(new DnfProgressParser(), "dnf5-install.txt");

        Assert.Equal(
            [.. Enumerable.Range(1, 3).Select(i => new WorkProgress("downloaded", i, 3, "packages")),
             .. Enumerable.Range(1, 3).Select(i => new WorkProgress("installed", i, 3, "packages"))],
            work);
    }

    [Theory]
    [InlineData("zypper-install.txt", 3)]
    [InlineData("zypper-install-older.txt", 2)]
    public void Zypper_counts_retrieved_and_installed_packages(string recording, int packages)
    {
        var work = Read(new ZypperProgressParser(), recording);

        Assert.Equal(new WorkProgress("downloaded", 0, packages, "packages"), work[0]);
        Assert.Equal(new WorkProgress("downloaded", packages, packages, "packages"), work.Last(w => w.Phase == "downloaded"));
        Assert.Equal(
            Enumerable.Range(1, packages).Select(i => new WorkProgress("installed", i, packages, "packages")),
            work.Where(w => w.Phase == "installed"));
    }

    [Fact]
    public void Apk_counts_installs_and_upgrades()
    {
        var work = Read(new ApkProgressParser(), "apk-add.txt");

        Assert.Equal(Enumerable.Range(1, 4).Select(i => new WorkProgress("installed", i, 4, "packages")), work);
    }

    [Fact]
    public void Every_manager_with_counts_has_a_parser_and_only_apt_changes_its_command_line()
    {
        Assert.All(new[] { PackageManager.Apt, PackageManager.Dnf, PackageManager.Zypper, PackageManager.Apk }, m => Assert.NotNull(m.ProgressParser?.Invoke()));
        Assert.Equal(" -o APT::Status-Fd=1", PackageManager.Apt.ProgressSuffix);
        Assert.All(new[] { PackageManager.Dnf, PackageManager.Zypper, PackageManager.Apk, PackageManager.Pacman }, m => Assert.Equal("", m.ProgressSuffix));
    }
}
