namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>The test-machine cache (the debootstrap tarball): one creator, the others wait, an atomic rename publishes it.</summary>
public sealed class CachedFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ks-cache-").FullName;

    private string Cached => Path.Combine(_dir, "cache", "root.tgz");

    [Fact]
    public void Concurrent_callers_make_the_file_once_and_all_of_them_see_it_complete()
    {
        // arrange
        var made = 0;
        void Make(string part)
        {
            Interlocked.Increment(ref made);
            File.WriteAllText(part, "half");
            Thread.Sleep(300);
            File.AppendAllText(part, " and whole");
        }

        // act: four creators at once, as parallel test classes (or test processes) would be
        var seen = new string[4];
        var threads = Enumerable.Range(0, seen.Length).Select(i => new Thread(() =>
        {
            CachedFile.Ensure(Cached, Make, TimeSpan.FromSeconds(30));
            seen[i] = File.ReadAllText(Cached);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        // assert
        Assert.Equal(1, made);
        Assert.All(seen, s => Assert.Equal("half and whole", s));
        Assert.Equal(["root.tgz", "root.tgz.lock"], Directory.GetFiles(Path.GetDirectoryName(Cached)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_file_that_another_writer_renames_into_place_while_we_wait_is_taken_as_is()
    {
        // arrange: another creator holds the lock; an older creator that takes no lock renames the file into place meanwhile
        Directory.CreateDirectory(Path.GetDirectoryName(Cached)!);
        using (CachedFile.TryLock(Cached + ".lock") ?? throw new InvalidOperationException("lock taken"))
        {
            var waiter = new Thread(() => CachedFile.Ensure(Cached, _ => throw new InvalidOperationException("made twice"), TimeSpan.FromSeconds(30)));
            waiter.Start();
            Thread.Sleep(200);
            File.WriteAllText(Cached + ".other", "theirs");
            File.Move(Cached + ".other", Cached);

            // act
            var returned = waiter.Join(TimeSpan.FromSeconds(10));

            // assert: the waiter returned while the lock was still held, and left the file alone
            Assert.True(returned, "the waiter kept waiting for the lock although the file exists");
        }

        Assert.Equal("theirs", File.ReadAllText(Cached));
    }

    [Fact]
    public void A_failed_creation_leaves_no_partial_file_and_the_next_caller_makes_it()
    {
        // act
        var failure = Assert.Throws<InvalidOperationException>(() => CachedFile.Ensure(Cached, part =>
        {
            File.WriteAllText(part, "half");
            throw new InvalidOperationException("mirror down");
        }, TimeSpan.FromSeconds(30)));
        CachedFile.Ensure(Cached, part => File.WriteAllText(part, "whole"), TimeSpan.FromSeconds(30));

        // assert
        Assert.Equal("mirror down", failure.Message);
        Assert.Equal("whole", File.ReadAllText(Cached));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Cached)!, "*.part"));
    }

    [Fact]
    public void Cold_mode_puts_the_cache_in_a_directory_of_this_test_process()
    {
        // act
        var warm = CachedFile.Directory("/var/cache/kairos-stages-ci", cold: false);
        var cold = CachedFile.Directory("/var/cache/kairos-stages-ci", cold: true);

        // assert
        Assert.Equal("/var/cache/kairos-stages-ci", warm);
        Assert.StartsWith(Path.GetTempPath(), cold + "/", StringComparison.Ordinal);
        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), cold, StringComparison.Ordinal);
        Assert.Equal(cold, CachedFile.Directory("/var/cache/kairos-stages-ci", cold: true));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
