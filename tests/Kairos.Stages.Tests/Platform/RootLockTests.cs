using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

public sealed class RootLockTests
{
    [Fact]
    public void Second_lock_on_the_same_root_fails_at_once_naming_the_holder()
    {
        // arrange
        using var root = new TempRoot();
        using var first = RootLock.Acquire(root.Path);

        // act
        var error = Record.Exception(() => RootLock.Acquire(root.Path));

        // assert
        var locked = Assert.IsType<RootLockedException>(error);
        Assert.Equal(Environment.ProcessId, locked.HolderPid);
        Assert.Contains($"pid {Environment.ProcessId}", locked.Message);
        Assert.Contains(root.Path, locked.Message);
    }

    [Fact]
    public void Lock_is_free_again_after_dispose()
    {
        // arrange
        using var root = new TempRoot();
        RootLock.Acquire(root.Path).Dispose();

        // act
        using var again = RootLock.Acquire(root.Path);

        // assert
        Assert.Equal(root.Path, again.Root);
    }

    [Fact]
    public void Locks_on_different_roots_do_not_collide_and_leave_no_file_behind()
    {
        // arrange
        using var a = new TempRoot();
        using var b = new TempRoot();

        // act
        using var lockA = RootLock.Acquire(a.Path);
        using var lockB = RootLock.Acquire(b.Path);

        // assert
        Assert.Empty(Directory.EnumerateFileSystemEntries(a.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(b.Path));
    }

    [Fact]
    public void Lock_held_by_another_process_is_reported_with_its_pid()
    {
        // arrange
        using var root = new TempRoot();
        using var holder = System.Diagnostics.Process.Start("flock", ["-x", "-o", root.Path, "sleep", "30"]);
        try
        {
            // act
            RootLockedException? error = null;
            for (var i = 0; i < 50 && error is null; i++)
            {
                try
                {
                    RootLock.Acquire(root.Path).Dispose();
                    Thread.Sleep(100);
                }
                catch (RootLockedException locked)
                {
                    error = locked;
                }
            }

            // assert
            Assert.NotNull(error);
            Assert.NotNull(error.HolderPid);
            Assert.NotEqual(Environment.ProcessId, error.HolderPid);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        // the holder's child (sleep) shares the lock and may outlive flock for a moment
        RootLock? after = null;
        for (var i = 0; i < 50 && after is null; i++)
        {
            try
            {
                after = RootLock.Acquire(root.Path);
            }
            catch (RootLockedException)
            {
                Thread.Sleep(100);
            }
        }

        Assert.NotNull(after);
        after.Dispose();
    }
}
