namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// A test's private podman store goes without touching any other podman on the machine. Podman 4.3's
/// <c>system reset</c>, even given the store's own <c>--root</c> and <c>--runroot</c>, empties <c>/run/libpod</c>, the
/// runtime state every podman shares; the store's disposal used it, and in CI (stop 39) the other lane's Factory build,
/// a podman build in flight at that moment, failed. A failure here is that defect itself, at work on the machine.
/// </summary>
[Slow(SlowKind.Engine)]
public sealed class PodmanStorageTests
{
    [Fact]
    public void Disposing_a_private_store_leaves_the_shared_runtime_state_of_other_podmans_alone()
    {
        if (PodmanStorage.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange: a file standing for another podman's runtime state, and a store that has been used
        Directory.CreateDirectory("/run/libpod");
        var other = $"/run/libpod/ks-test-other-podman-{Guid.NewGuid():N}";
        File.WriteAllText(other, "");
        try
        {
            string directory;
            using (var podman = new PodmanStorage())
            {
                directory = podman.Scratch;
                podman.Check("images");

                // act: the store goes
            }

            // assert: gone itself, the shared state untouched
            Assert.False(Directory.Exists(directory), "the store's directory is deleted");
            Assert.True(File.Exists(other), "/run/libpod kept the other podman's file");
        }
        finally
        {
            File.Delete(other);
        }
    }
}
