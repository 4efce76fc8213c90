using System.Formats.Tar;
using System.Text;

namespace Kairos.Factory.Browser.Tests.Support;

/// <summary>
/// TEST FIXTURE: a tiny root tarball (os-release plus fixture.conf) the test-only fixture builder unpacks for real; fixture.conf
/// tells Fixtures/fixture-kairos-stages.sh how its stages behave (lines, delay, fail_at, hang_at).
/// </summary>
public static class FixtureImage
{
    public static string Script => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fixture-kairos-stages.sh");

    public static string Create(string directory, string name, string conf)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".tar");
        using var file = File.Create(path);
        using var tar = new TarWriter(file, TarEntryFormat.Ustar);
        tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "etc/") { Mode = (UnixFileMode)0x1ED });
        Add(tar, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Fixture root (tests only)\"\n");
        Add(tar, "fixture.conf", conf);
        return path;
    }

    private static void Add(TarWriter tar, string name, string text) =>
        tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = (UnixFileMode)0x1A4,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
        });
}
