using Kairos.Stages.Target.Secrets;
using Kairos.Stages.Tests.Downloads;

namespace Kairos.Stages.Tests.Faults;

/// <summary>The faults of issue 8: a command, the package manager, six kinds of bad download, a full file system, two signals.</summary>
internal static class FaultCatalog
{
    private const string FakeAptGet = "#!/bin/sh\necho \"E: Unable to locate package $*\" >&2\nexit 100\n";

    public static IReadOnlyList<FaultCase> All(TestHttpServer server) =>
    [
        new("failing command", "commands: [\"echo about to fail; exit 7\"]") { Mentions = ["exit code: 7", "| about to fail"] },
        new("failing package manager", "packages:\n  install: [no-such-package]")
        {
            Arrange = root => WriteExecutable(Path.Combine(root, "usr/bin/apt-get"), FakeAptGet),
            Mentions = ["apt-get", "exit code: 100", "Unable to locate package"],
        },
        Download("download answering 500", server.Url("/500"), "500"),
        Download("download answering 404", new UriBuilder(server.Url("/missing")) { UserName = "user", Password = "s3cret" }.Uri, "404") with { Secrets = ["s3cret"] },
        Download("download stalling past its timeout", server.Url("/stall"), "timed out after 1s", "timeout: 1"),
        Download("download truncated", server.Url("/truncate"), "truncated body"),
        Download("download redirecting in a loop", server.Url("/loop"), "redirects"),
        Download("download with the wrong sha256", server.Url("/ok/file.txt"), "sha256 mismatch", $"sha256: {new string('0', 64)}"),
        new("file system full: a file", $"files:\n  - path: /opt/big.bin\n    content: {new string('x', 900 << 10)}")
        {
            TmpfsMiB = 4,
            Arrange = root => Fill(root, leave: 256 << 10),
            Destination = "/opt",
            Mentions = ["/opt/big.bin", "No space left on device"],
        },
        Download("file system full: a download", server.Url($"/big/{8 << 20}"), "No space left on device") with { TmpfsMiB = 4 },
        new("file system full: a command", "commands: [\"head -c 8388608 /dev/zero > /fill\"]")
        {
            TmpfsMiB = 4,
            Mentions = ["exit code: 1", "> /fill"],
        },
        Signalled("INT", 130),
        Signalled("TERM", 143),
    ];

    private static FaultCase Download(string name, Uri url, string cause, string extra = "") =>
        new(name, $"downloads:\n  - url: \"{url}\"\n    path: /opt/dl/file.bin{(extra.Length > 0 ? "\n    " + extra : "")}")
        {
            Destination = "/opt/dl",
            Mentions = [UrlRedactor.Redact(url), "/opt/dl/file.bin", cause],
        };

    private static FaultCase Signalled(string signal, int exit) =>
        new($"SIG{signal} during a chroot command", $"commands: [\"touch {FaultScene.Marker}; sleep 30\"]")
        {
            Signal = signal,
            Exit = exit,
            Mentions = ["was interrupted", $"SIG{signal}"],
        };

    /// <summary>Fills the root's file system (a tmpfs) up to <paramref name="leave"/> free bytes; a stage file scalar is at most 1 MiB.</summary>
    private static void Fill(string root, long leave)
    {
        var free = new DriveInfo(root).AvailableFreeSpace;
        File.WriteAllBytes(Path.Combine(root, "filler"), new byte[Math.Max(0, free - leave)]);
    }

    private static void WriteExecutable(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, (UnixFileMode)0x1ED);
    }
}
