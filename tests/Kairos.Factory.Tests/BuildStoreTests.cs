using Kairos.Factory.Builders;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;
using Kairos.Factory.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Factory.Tests;

/// <summary>
/// The podman builder's shared store (<c>DATA/podman</c>) on a real podman: a cancelled build leaves none of its
/// per-job image names, and the retention sweep prunes old unnamed images (all of them when space is low), never a named one.
/// </summary>
[Slow(SlowKind.Engine)]
public sealed class BuildStoreTests
{
    [Fact]
    public async Task Cancelling_a_podman_build_of_an_upload_leaves_no_per_job_image_name_in_the_shared_store()
    {
        Assert.SkipWhen(Podman.Unavailable() is not null, Podman.Unavailable() ?? "");
        // arrange: an uploaded root (imported as localhost/kairos-factory/base:ID) whose install step sleeps in podman build
        using var host = new FactoryHost(options => options with { DefaultBuilder = "podman", KairosStagesBinary = FactoryHost.Fixture("stages-sleep.sh") });
        var upload = await host.UploadAsync(BaseTarball.Busybox());
        var id = await host.CreateOkAsync(Requests.Upload(upload) with { Builder = "podman" });
        var deadline = DateTime.UtcNow + Timeout;
        while (DockerBuilderTests.Sleepers().Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the fixture never started in podman build: {(await host.GetAsync(id)).Message}");
            await Task.Delay(200);
        }

        // act
        using var cancel = await host.Authorized.PostAsync($"/api/v1/builds/{id}/cancel", null);
        var cancelled = await host.WaitForAsync(id, Timeout, "cancelled", "failed", "succeeded");

        // assert: no name of this build is left (the layers may stay: they are the cache)
        Assert.Equal("cancelled", cancelled.Status);
        var names = Names(host.Options);
        Assert.DoesNotContain(names, name => name.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_retention_sweep_prunes_old_unnamed_images_all_of_them_when_space_is_low_and_keeps_named_ones()
    {
        Assert.SkipWhen(Podman.Unavailable() is not null, Podman.Unavailable() ?? "");
        // arrange: the shared store holds a named image and an unnamed one (a finished build's, untagged)
        using var host = new FactoryHost(options => options with { Retention = TimeSpan.FromHours(1) });
        var store = host.Services.GetRequiredService<JobStore>();
        var tarball = Path.Combine(host.DataDir, "busybox.tar");
        await File.WriteAllBytesAsync(tarball, BaseTarball.Busybox());
        InStore(host.Options, "import", tarball, "localhost/kf-store/kept:1");
        var unnamed = Imported(host.Options, tarball, "another", "localhost/kf-store/job:1");
        InStore(host.Options, "untag", "localhost/kf-store/job:1");

        // act + assert: younger than the retention, plenty of space: it stays
        Assert.True(await BuildStoreRetention.SweepAsync(host.Options with { BuildStoreLowBytes = 0 }, store, CancellationToken.None));
        Assert.Contains(unnamed, Ids(host.Options));

        // older than the retention: it goes
        Assert.True(await BuildStoreRetention.SweepAsync(host.Options with { BuildStoreLowBytes = 0, Retention = TimeSpan.Zero }, store, CancellationToken.None));
        Assert.DoesNotContain(unnamed, Ids(host.Options));
        Assert.Contains("localhost/kf-store/kept:1", Names(host.Options));

        // a young unnamed image goes too when the data dir's file system is low on space; the named one still stays
        var young = Imported(host.Options, tarball, "young", "localhost/kf-store/job:2");
        InStore(host.Options, "untag", "localhost/kf-store/job:2");
        Assert.True(await BuildStoreRetention.SweepAsync(host.Options with { BuildStoreLowBytes = long.MaxValue }, store, CancellationToken.None));
        Assert.DoesNotContain(young, Ids(host.Options));
        Assert.Contains("localhost/kf-store/kept:1", Names(host.Options));
    }

    private static TimeSpan Timeout => TimeSpan.FromSeconds(180);

    private static string InStore(FactoryOptions options, params string[] arguments) => Programs.Run(["podman", .. PodmanStorage.Shared(options), .. arguments]);

    /// <summary>Imports <paramref name="tarball"/> as <paramref name="name"/> (a distinct image per message); returns the start of its ID.</summary>
    private static string Imported(FactoryOptions options, string tarball, string message, string name) =>
        InStore(options, "import", "--quiet", "--message", message, tarball, name).Trim().Split('\n')[^1].Replace("sha256:", "", StringComparison.Ordinal)[..12];

    private static string[] Names(FactoryOptions options) =>
        InStore(options, "images", "--format", "{{.Repository}}:{{.Tag}}").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Ids(FactoryOptions options) => InStore(options, "images", "--all", "--no-trunc", "--format", "{{.ID}}");
}
