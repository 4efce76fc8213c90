using Kairos.Stages.Engine.PackageManagers;
using Kairos.Stages.Engine.PackageManagers.Progress;
using Kairos.Stages.Engine.Progress;

namespace Kairos.Stages.Tests.PackageManagers.Progress;

/// <summary>
/// Each manager's parser on output captured from the real tool (Recorded/: apt-get in a debootstrap'd
/// bookworm chroot; dnf 4.14.0 and zypper 1.14.42 run by Recorded/record.sh against a local RPM
/// repository), and on hand-written samples where the tool cannot run here (Samples/: dnf 5, an
/// older zypper form, apk). See the README beside this file.
/// </summary>
public sealed class ProgressParserTests
{
    private static List<WorkProgress> Read(IPackageProgressParser parser, string recording) =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "PackageManagers/Progress", recording)).Select(parser.Read).OfType<WorkProgress>()];

    private static IEnumerable<WorkProgress> Counted(string phase, int total) =>
        Enumerable.Range(1, total).Select(i => new WorkProgress(phase, i, total, "packages"));

    [Fact]
    public void Apt_install_counts_downloads_unpacks_and_set_ups_up_to_the_packages_of_the_summary_line()
    {
        // act
        var work = Read(new AptProgressParser(), "Recorded/apt-install.txt");

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
        var work = Read(new AptProgressParser(), "Recorded/apt-update.txt");

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
    public void Real_dnf4_install_counts_downloads_installs_and_verifications_to_3_of_3()
    {
        var work = Read(new DnfProgressParser(), "Recorded/dnf4-install.txt");

        // the (1/1) Preparing item and the Total line are not packages
        Assert.Equal([.. Counted("downloaded", 3), .. Counted("installed", 3), .. Counted("verified", 3)], work);
    }

    [Fact]
    public void Real_dnf4_remove_counts_erasures_including_the_unused_dependency()
    {
        var work = Read(new DnfProgressParser(), "Recorded/dnf4-remove.txt");

        Assert.Equal([.. Counted("removed", 3), .. Counted("verified", 3)], work);
    }

    [Theory]
    [InlineData("Recorded/dnf4-makecache.txt")]
    [InlineData("Recorded/zypper-refresh.txt")]
    public void Real_refreshes_have_no_package_counts(string recording)
    {
        Assert.Empty(Read(new DnfProgressParser(), recording));
        Assert.Empty(Read(new ZypperProgressParser(), recording));
    }

    [Fact]
    public void Real_zypper_install_counts_retrieved_and_installed_packages_to_3_of_3_interleaved()
    {
        var work = Read(new ZypperProgressParser(), "Recorded/zypper-install.txt");

        Assert.Equal(new WorkProgress("downloaded", 0, 3, "packages"), work[0]);
        Assert.Equal(new WorkProgress("downloaded", 3, 3, "packages"), work.Last(w => w.Phase == "downloaded"));
        Assert.Equal(Counted("installed", 3), work.Where(w => w.Phase == "installed"));
        // zypper 1.14.42 fetches each package just before installing it
        Assert.True(work.FindIndex(w => w.Phase == "installed") < work.FindLastIndex(w => w.Phase == "downloaded"));
    }

    [Fact]
    public void Real_zypper_remove_counts_removals_written_without_a_colon()
    {
        var work = Read(new ZypperProgressParser(), "Recorded/zypper-remove.txt");

        Assert.Equal(Counted("removed", 2), work);
    }

    [Fact]
    public void Dnf5_sample_counts_downloads_and_installs_without_its_verify_and_prepare_items_or_the_total_line()
    {
        var work = Read(new DnfProgressParser(), "Samples/dnf5-install.txt");

        Assert.Equal([.. Counted("downloaded", 3), .. Counted("installed", 3)], work);
    }

    [Theory]
    [InlineData("Samples/zypper-install-newer.txt", 3)]
    [InlineData("Samples/zypper-install-older.txt", 2)]
    public void Zypper_samples_count_retrieved_and_installed_packages(string sample, int packages)
    {
        var work = Read(new ZypperProgressParser(), sample);

        Assert.Equal(new WorkProgress("downloaded", 0, packages, "packages"), work[0]);
        Assert.Equal(new WorkProgress("downloaded", packages, packages, "packages"), work.Last(w => w.Phase == "downloaded"));
        Assert.Equal(Counted("installed", packages), work.Where(w => w.Phase == "installed"));
    }

    [Fact]
    public void Apk_sample_counts_installs_and_upgrades()
    {
        var work = Read(new ApkProgressParser(), "Samples/apk-add.txt");

        Assert.Equal(Counted("installed", 4), work);
    }

    [Fact]
    public void Every_manager_with_counts_has_a_parser_and_only_apt_changes_its_command_line()
    {
        Assert.All(new[] { PackageManager.Apt, PackageManager.Dnf, PackageManager.Zypper, PackageManager.Apk }, m => Assert.NotNull(m.ProgressParser?.Invoke()));
        Assert.Equal(" -o APT::Status-Fd=1", PackageManager.Apt.ProgressSuffix);
        Assert.All(new[] { PackageManager.Dnf, PackageManager.Zypper, PackageManager.Apk, PackageManager.Pacman }, m => Assert.Equal("", m.ProgressSuffix));
    }
}
