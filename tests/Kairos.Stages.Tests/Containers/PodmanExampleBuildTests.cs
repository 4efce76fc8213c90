using System.Formats.Tar;
using System.Text.Json;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// The README's Dockerfile usage in a real container engine: the example Dockerfiles themselves,
/// unchanged but for build arguments, built by podman (OCI isolation with runc, and chroot
/// isolation) from a debootstrap'd Debian 12 root imported as a local image, no registry involved.
/// </summary>
[Collection("Containers")]
[Slow(SlowKind.Engine)]
public sealed class PodmanExampleBuildTests(PodmanImages images)
{
    [Fact]
    public void Generic_example_built_by_podman_with_runc_is_a_Kairos_image_that_validates_in_a_container()
    {
        if (PodmanImages.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // act
        var build = images.Generic();

        // assert: both RUN phases found the engine's marker, so they acted on / without --force
        Assert.Equal(2, Occurrences(build.Result.Output, "building / in place: /run/.containerenv exists"));
        Assert.Contains(", 0 failed", build.Result.Output);
        ImageChecks.AssertKairosReady(images.Storage(), build.Tag, "v1.0.0");
        Assert.Contains("kairos-agent-v2.31.4-Linux-amd64.tar.gz", images.Artifacts);
        Figures.Report("podman-generic", 1, 1, build.Result.Elapsed, $"examples/generic, OCI isolation (runc): image {Size(build.Tag)} bytes");
    }

    [Fact]
    public void Generic_example_rebuilt_with_a_new_VERSION_reuses_the_install_layer_and_rebuilds_from_init_on()
    {
        if (PodmanImages.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        var first = images.Generic();

        // act: same Dockerfile, same store (layer cache), another VERSION
        var again = images.Build("generic", "localhost/kairos-generic:1.0.1", "oci", $"BASE_IMAGE={PodmanImages.DebianTag}", "VERSION=1.0.1");

        // assert: podman reused every step up to the install RUN, and ran init and validate again
        var steps = again.FinalStageSteps();
        var install = steps.ToList().FindIndex(s => s.Instruction.Contains("run --stage install", StringComparison.Ordinal));
        var init = steps.ToList().FindIndex(s => s.Instruction.Contains("run --stage init", StringComparison.Ordinal));
        Assert.True(install > 0 && init > install, again.Result.Tail);
        Assert.All(steps.Take(install + 1).Skip(1), s => Assert.True(s.Cached, $"not from the cache: {s.Instruction}"));
        Assert.All(steps.Skip(init), s => Assert.False(s.Cached, $"from the cache: {s.Instruction}"));
        Assert.DoesNotContain("running 14 steps in 3 stages (install)", again.Result.Output);

        // the images share every layer below init's, and differ from there
        var before = Layers(first.Tag);
        var after = Layers(again.Tag);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before.Take(before.Count - 2), after.Take(after.Count - 2));
        Assert.NotEqual(before[^2], after[^2]);
        ImageChecks.OnFiles(images.Storage(), again.Tag, root =>
            Assert.Contains("KAIROS_VERSION=\"v1.0.1\"\n", File.ReadAllText(Path.Combine(root, "etc/kairos-release"))));
        Figures.Report("podman-rebuild", 1, 1, again.Result.Elapsed, $"examples/generic again with VERSION=1.0.1: {steps.Count(s => s.Cached)} of {steps.Count} steps from the cache");
    }

    [Fact]
    public void Extensions_example_built_by_podman_in_chroot_isolation_runs_its_extension_steps()
    {
        if (PodmanImages.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // act
        var build = images.Build("extensions", "localhost/kairos-extensions:1.0.0", "chroot");

        // assert: the tool knew it was in a container here too, and the extension files did their work
        Assert.Equal(1, Occurrences(build.Result.Output, "building / in place: /run/.containerenv exists"));
        ImageChecks.AssertKairosReady(images.Storage(), build.Tag, "v1.0.0");
        var htop = ImageChecks.Inside(images.Storage(), build.Tag, "dpkg-query", "-W", "-f", "${Status}", "htop");
        Assert.Equal("install ok installed", htop.Output.Trim());
        var initrd = ImageChecks.Inside(images.Storage(), build.Tag, "lsinitrd", "/boot/initrd");
        Assert.Contains("hello", initrd.Output);
        ImageChecks.OnFiles(images.Storage(), build.Tag, root =>
        {
            Assert.True(File.Exists(Path.Combine(root, "etc/apt/sources.list.d/backports.sources")));
            Assert.False(Directory.Exists(Path.Combine(root, "etc/kairos-init")), "the Dockerfile's last RUN removes the extension files");

            // one --stage all run: the record's steps reach from before-install to after-init and include the extensions'
            var record = ImageChecks.AssertRecordShowsEveryStep(Path.Combine(root, "etc/kairos/kairos-stages/run.json"));
            var stages = record.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("stage").GetString()).Distinct().ToList();
            Assert.Contains("install", stages);
            Assert.Contains("init", stages);
            Assert.Contains(record.GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString() == "Install tools from the new repository");
        });
        Figures.Report("podman-extensions", 1, 1, build.Result.Elapsed, $"examples/extensions, chroot isolation: image {Size(build.Tag)} bytes");
    }

    [Fact]
    public void Generic_image_is_saved_as_an_OCI_archive_for_build_iso()
    {
        if (PodmanImages.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // act
        var archive = images.GenericOciArchive();

        // assert: an OCI image layout in a tar, naming the image and holding every layer its manifest lists
        var entries = new Dictionary<string, long>(StringComparer.Ordinal);
        var small = new Dictionary<string, string>(StringComparer.Ordinal); // index.json and the JSON blobs
        using (var reader = new TarReader(File.OpenRead(archive)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                var name = entry.Name.TrimStart('.', '/');
                entries[name] = entry.Length;
                if (entry.DataStream is { } data && entry.Length < 64 * 1024)
                {
                    small[name] = new StreamReader(data).ReadToEnd();
                }
            }
        }

        Assert.Contains("oci-layout", entries.Keys);
        using var index = JsonDocument.Parse(small["index.json"]);
        var manifest = Assert.Single(index.RootElement.GetProperty("manifests").EnumerateArray());
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest.GetProperty("mediaType").GetString());
        using var layers = JsonDocument.Parse(small[Blob(manifest)]);
        var listed = layers.RootElement.GetProperty("layers").EnumerateArray().Select(layer => (Path: Blob(layer), Size: layer.GetProperty("size").GetInt64())).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, layer => Assert.Equal(layer.Size, entries.GetValueOrDefault(layer.Path, -1)));

        // a Kairos root (kernel, modules, systemd, GRUB) is hundreds of MB even compressed; a base Debian root is ~30 MB
        Assert.True(listed.Sum(layer => layer.Size) > 200_000_000, $"{listed.Sum(layer => layer.Size)} bytes of layers: the image's root is in the archive");
    }

    private static string Blob(JsonElement descriptor) => "blobs/" + descriptor.GetProperty("digest").GetString()!.Replace(':', '/');

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;

    private long Size(string tag) => long.Parse(images.Storage().Check("image", "inspect", "--format", "{{.Size}}", tag).Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private List<string> Layers(string tag) =>
        [.. JsonDocument.Parse(images.Storage().Check("image", "inspect", "--format", "{{json .RootFS.Layers}}", tag).Output).RootElement.EnumerateArray().Select(l => l.GetString()!)];
}
