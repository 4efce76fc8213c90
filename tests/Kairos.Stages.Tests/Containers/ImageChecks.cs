using System.Text.Json;
using Kairos.Stages.Tests.EndToEnd;

namespace Kairos.Stages.Tests.Containers;

/// <summary>Assertions on a built image: inside a container of it (validate, dpkg, lsinitrd) and on its mounted files.</summary>
internal static class ImageChecks
{
    private static readonly string[] Packages = ["systemd", "openssh-server", "dracut", "rsync", "sudo", "linux-image-amd64"];

    /// <summary>validate passes in a container of the image, the packages, kairos-release, kernel link, initrd and run record are there, the tool is gone.</summary>
    public static void AssertKairosReady(PodmanStorage podman, string tag, string version)
    {
        // validate, run by the published binary inside a container of the image (the build removed its own copy)
        var validate = Inside(podman, tag, "/usr/local/bin/kairos-stages", "validate");
        Assert.True(validate.Code == 0, validate.Tail);
        Assert.Contains(", 0 failed", validate.Output);

        var dpkg = Inside(podman, tag, ["dpkg-query", "-W", "-f", "${Package} ${Status}\n", .. Packages]);
        Assert.True(dpkg.Code == 0, dpkg.Tail);
        Assert.All(Packages, p => Assert.Contains($"{p} install ok installed", dpkg.Output));
        var initrd = Inside(podman, tag, "lsinitrd", "/boot/initrd");
        Assert.True(initrd.Code == 0, initrd.Tail);
        Assert.Contains("usr/bin/immucore", initrd.Output);

        OnFiles(podman, tag, root =>
        {
            string In(string path) => Path.Combine(root, path.TrimStart('/'));
            Assert.Contains($"KAIROS_VERSION=\"{version}\"\n", File.ReadAllText(In("/etc/kairos-release")));
            Assert.Contains("KAIROS_FLAVOR_RELEASE=12\n", File.ReadAllText(In("/etc/kairos-release")));
            var kernel = Path.GetFileName(Assert.Single(Directory.GetDirectories(In("/lib/modules"))));
            Assert.Equal($"/boot/vmlinuz-{kernel}", new FileInfo(In("/boot/vmlinuz")).LinkTarget);
            Assert.True(new FileInfo(In("/boot/initrd")).Length > 1_000_000, "/boot/initrd is a real initrd");
            Assert.True(File.Exists(In("/usr/bin/kairos-agent")), "kairos-agent (stand-in) installed");
            Assert.False(Directory.Exists(In("/kairos-stages")), "the Dockerfile's last RUN removes the tool");
            AssertRecordShowsEveryStep(In("/etc/kairos/kairos-stages/run.json"));
        });
    }

    /// <summary>Runs a command in a throw-away container of the image, with the published binary at /usr/local/bin/kairos-stages.</summary>
    public static EngineResult Inside(PodmanStorage podman, string tag, params string[] command) =>
        podman.Run([
            "run", "--rm", "--network", "host", .. PodmanStorage.Limits,
            "-v", $"{PublishedBinary.Path}:/usr/local/bin/kairos-stages:ro", tag, .. command,
        ]);

    /// <summary>Mounts the image read-only (podman image mount) for <paramref name="check"/>, and unmounts it after.</summary>
    public static void OnFiles(PodmanStorage podman, string tag, Action<string> check)
    {
        var root = podman.Check("image", "mount", tag).Output.Trim().Split('\n')[^1];
        try
        {
            check(root);
        }
        finally
        {
            podman.Run("image", "unmount", tag);
        }
    }

    /// <summary>The run record succeeded and holds one finished step (succeeded or skipped) for every entry of its plan.</summary>
    public static JsonElement AssertRecordShowsEveryStep(string path)
    {
        using var record = JsonDocument.Parse(File.ReadAllText(path));
        var root = record.RootElement;
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        var planned = root.GetProperty("plan").GetProperty("entries").EnumerateArray()
            .Select(e => e.GetProperty("id").GetString()!)
            .ToList();
        var steps = root.GetProperty("steps").EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("status").GetString());
        Assert.NotEmpty(planned);
        Assert.Equal(planned.Order(StringComparer.Ordinal), steps.Keys.Order(StringComparer.Ordinal));
        Assert.All(steps, s => Assert.True(s.Value is "succeeded" or "skipped", $"{s.Key}: {s.Value}"));
        return root.Clone();
    }
}
