using System.Text;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

/// <summary>An attacker thread swaps links in and out while the file system works: nothing may escape.</summary>
public sealed class RaceConfinementTests
{
    private const int Iterations = 1500;
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("payload\n");

    [Theory]
    [InlineData("write")]
    [InlineData("mkdir")]
    [InlineData("symlink")]
    [InlineData("delete")]
    [InlineData("chmod")]
    public void Parent_directory_swapped_for_a_link_out_of_the_root_never_lets_an_operation_escape(string operation)
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Mkdir("d");
        scene.Write("d/secret", "in-root\n");
        scene.Write("d/dir/inner", "in-root\n");
        scene.Link("d-link", scene.SentinelPath);
        using var root = Native.Open(scene.RootPath, OpenFlags.Path | OpenFlags.Directory);
        var swap = new Action(() => _ = Native.TryExchange(root, "d", "d-link") == 0 ? 0 : throw new IOException("exchange failed"));
        Action act = operation switch
        {
            "write" => () => scene.Files.WriteFile("/d/secret", Payload, (UnixFileMode)0x1FF, 0, 0),
            "mkdir" => () => scene.Files.CreateDirectory("/d/dir", (UnixFileMode)0x1FF, 0, 0),
            "symlink" => () => scene.Files.CreateSymlink("/d/secret", "/x"),
            "delete" => () =>
            {
                scene.Files.CreateDirectory("/d/tree", (UnixFileMode)0x1FF, 0, 0);
                scene.Files.WriteFile("/d/tree/x", Payload, (UnixFileMode)0x1FF, 0, 0);
                scene.Files.Delete("/d/tree");
            }
            ,
            _ => () => scene.Files.SetMode("/d/secret", (UnixFileMode)0x1FF),
        };

        // act
        var (done, failed) = scene.AssertRace(act, swap, Iterations);
        TestContext.Current.TestOutputHelper?.WriteLine($"{operation}: {done} done, {failed} failed");

        // assert
        Assert.Equal(Iterations, done + failed);
        // Under heavy CPU load the attacker can win every round; then the operation must at least
        // work once the attacker stops, so the test still proves the success path is exercised.
        Assert.True(done > 0 || Succeeds(act), "the operation never succeeds, even without an attacker");
    }

    private static bool Succeeds(Action act)
    {
        try
        {
            act();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("read")]
    [InlineData("chmod")]
    [InlineData("chown")]
    [InlineData("write")]
    public void Final_file_swapped_for_a_link_out_of_the_root_never_lets_an_operation_escape(string operation)
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Write("f", "in-root\n");
        scene.Link("f-link", Path.Combine(scene.SentinelPath, "secret"));
        using var root = Native.Open(scene.RootPath, OpenFlags.Path | OpenFlags.Directory);
        var swap = new Action(() => _ = Native.TryExchange(root, "f", "f-link") == 0 ? 0 : throw new IOException("exchange failed"));
        var leaked = 0;
        Action act = operation switch
        {
            "read" => () => leaked += scene.Files.ReadAllText("/f") == "secret\n" ? 1 : 0,
            "chmod" => () => scene.Files.SetMode("/f", (UnixFileMode)0x1FF),
            "chown" => () => scene.Files.SetOwner("/f", 4242, 4242),
            _ => () => scene.Files.WriteFile("/f", Payload, (UnixFileMode)0x1FF, 0, 0),
        };

        // act
        var (done, failed) = scene.AssertRace(act, swap, Iterations);
        TestContext.Current.TestOutputHelper?.WriteLine($"{operation}: {done} done, {failed} failed");

        // assert
        Assert.Equal(Iterations, done + failed);
        Assert.Equal(0, leaked);
    }
}
