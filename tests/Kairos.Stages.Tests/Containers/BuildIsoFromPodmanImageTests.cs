using Kairos.Stages.Tests.EndToEnd;
using Kairos.Stages.Tests.Media;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// build-iso with a local container image by name: the published binary, its podman pointed at the
/// tests' private store through CONTAINERS_STORAGE_CONF (as a rootless user's podman reads its own
/// store), the image examples/generic built there by the other podman tests (built once per run).
/// </summary>
[Collection("Containers")]
[Slow(SlowKind.Engine)]
public sealed class BuildIsoFromPodmanImageTests(PodmanImages images)
{
    [Fact]
    public async Task Generic_image_by_name_makes_the_live_ISO_of_that_image()
    {
        if ((PodmanImages.Unavailable() ?? IsoTools.Unavailable()) is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        var tag = images.Generic().Tag;
        var storage = images.Storage();
        var output = Directory.CreateTempSubdirectory("ks-iso-podman-").FullName;
        try
        {
            // act
            var (code, stdout, stderr, elapsed) = await IsoOfImage.BuildIsoAsync(storage.EnvironmentForOtherPrograms(), tag, "--output", output);

            // assert: AuroraBoot's name from the image's kairos-release, the live layout, this image's kernel, initrd and release
            Assert.True(code == 0, stderr);
            Assert.Contains($"saving local image {tag} with podman", stderr);
            IsoOfImage.ImageFacts? image = null;
            ImageChecks.OnFiles(storage, tag, root => image = IsoOfImage.ImageFacts.Read(root));
            var iso = await IsoOfImage.AssertLiveIsoAsync(stdout, output, image!, "v1.0.0");
            Figures.Report("build-iso-podman-name", 1, 1, elapsed, $"{tag}: ISO {new FileInfo(iso).Length} bytes");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Image_name_not_in_the_store_exits_2_naming_it_and_leaves_nothing()
    {
        if ((PodmanStorage.Unavailable() ?? PublishedBinary.Missing()) is { } why)
        {
            Assert.Skip(why);
        }

        // arrange: an empty private store
        using var storage = new PodmanStorage();
        var output = Directory.CreateTempSubdirectory("ks-iso-podman-missing-").FullName;
        try
        {
            // act
            var (code, stdout, stderr, _) = await IsoOfImage.BuildIsoAsync(storage.EnvironmentForOtherPrograms(), "localhost/no-such-kairos-image:1", "--output", output);

            // assert
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains("no image named 'localhost/no-such-kairos-image:1' in podman's local store", stderr);
            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Theory]
    [InlineData("name with spaces")]
    [InlineData("$(touch /tmp/x)")]
    [InlineData("../etc")]
    [InlineData("docker:$(touch /tmp/x)")]
    [InlineData("oci:--src-creds=me:secret")]
    public async Task Text_that_is_no_image_name_exits_2_before_any_tool_runs(string source)
    {
        var output = Directory.CreateTempSubdirectory("ks-iso-badname-").FullName;
        try
        {
            var result = await IsoTools.BuildIsoAsync(source, "--output", output);
            Assert.Equal(2, result.Code);
            Assert.Contains("not dir:PATH, ocifile:PATH or file:PATH (an image archive), docker:NAME", result.Error);
            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
