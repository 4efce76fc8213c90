namespace Kairos.Stages.Tests.Media;

/// <summary>
/// A tiny directory that looks like a Kairos image to build-iso (kairos-release, os-release, a
/// "kernel" and "initrd" that are only bytes): enough to build and inspect a real ISO in seconds.
/// It cannot boot; the live boot test builds a real Debian image for that.
/// </summary>
internal sealed class FakeKairosRoot : IDisposable
{
    public const string Release = """
        KAIROS_ID="kairos"
        KAIROS_NAME="kairos-core-debian-12"
        KAIROS_VERSION="v1.0.0"
        KAIROS_ARCH="amd64"
        KAIROS_TARGETARCH="amd64"
        KAIROS_FLAVOR="debian"
        KAIROS_FLAVOR_RELEASE=12
        KAIROS_VARIANT="core"
        KAIROS_MODEL="generic"
        KAIROS_SOFTWARE_VERSION=""
        KAIROS_SOFTWARE_VERSION_PREFIX=""

        """;

    public const string IsoName = "kairos-debian-12-core-amd64-generic-v1.0.0";

    public FakeKairosRoot()
    {
        Path = Directory.CreateTempSubdirectory("ks-fake-root-").FullName;
        Write("etc/kairos-release", Release);
        Write("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        Write("boot/vmlinuz-6.1.0-1-amd64", "not a kernel\n");
        File.CreateSymbolicLink(In("boot/vmlinuz"), "vmlinuz-6.1.0-1-amd64");
        Write("boot/initrd", "not an initrd\n");
        Write("proc/1/status", "must not reach the squashfs\n");
        Write("usr/bin/hello", "#!/bin/sh\necho hello\n");
        Directory.CreateDirectory(In("tmp"));
    }

    public string Path { get; }

    public string In(string relative) => System.IO.Path.Combine(Path, relative);

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(In(relative))!);
        File.WriteAllText(In(relative), text);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
