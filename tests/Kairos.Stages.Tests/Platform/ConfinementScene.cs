using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

/// <summary>A root and, beside it, a sentinel directory that no operation on the root may change.</summary>
public sealed class ConfinementScene : IDisposable
{
    private readonly TempRoot _base = new("ks-confine-");

    public ConfinementScene()
    {
        _base.Write("sentinel/secret", "secret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _base.Write("sentinel/dir/inner", "inner\n");
        _base.Write("root/etc/os-release", "ID=test\n");
        _base.CreateDirectory("root/tmp");
        Files = new RootFileSystem(RootPath) { ModificationTime = null };
    }

    public string RootPath => _base.HostPath("root");

    public string SentinelPath => _base.HostPath("sentinel");

    public RootFileSystem Files { get; }

    /// <summary>The host path of a path inside the root.</summary>
    public string InRoot(string path) => _base.HostPath("root/" + path.TrimStart('/'));

    public void Write(string pathInRoot, string text) => _base.Write("root/" + pathInRoot.TrimStart('/'), text);

    public void Link(string pathInRoot, string target) => _base.Link("root/" + pathInRoot.TrimStart('/'), target);

    public void Mkdir(string pathInRoot) => _base.CreateDirectory("root/" + pathInRoot.TrimStart('/'));

    public string SentinelSnapshot(bool changeTimes = true) => TempRoot.Fingerprint(SentinelPath, changeTimes);

    /// <summary>Runs <paramref name="act"/>, asserts the sentinel is byte-, mode- and ctime-identical afterwards, and returns what it threw.</summary>
    public Exception? AssertSentinelUntouched(Action act, bool changeTimes = true)
    {
        var clock = ConfinementTally.Tried();
        var before = SentinelSnapshot(changeTimes);
        var error = Record.Exception(act);
        Assert.Equal(before, SentinelSnapshot(changeTimes));
        Assert.Equal("secret\n", File.ReadAllText(Path.Combine(SentinelPath, "secret")));
        ConfinementTally.Passed(clock);
        return error;
    }

    /// <summary>
    /// Runs <paramref name="act"/> <paramref name="iterations"/> times while another thread keeps
    /// running <paramref name="swap"/>; asserts the sentinel never changed. Returns how many
    /// operations succeeded and how many failed (an I/O error is an acceptable outcome of a race).
    /// </summary>
    public (int Done, int Failed) AssertRace(Action act, Action swap, int iterations)
    {
        var clock = ConfinementTally.Tried();
        var before = SentinelSnapshot();
        using var stop = new CancellationTokenSource();
        var swaps = 0;
        var attacker = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    swap();
                    swaps++;
                    Thread.SpinWait(20);
                }
                catch (IOException)
                {
                    // a rename lost against the operation (e.g. a delete); try again
                }
            }
        });
        attacker.Start();
        var done = 0;
        var failed = 0;
        try
        {
            for (var i = 0; i < iterations; i++)
            {
                if (Record.Exception(act) is null)
                {
                    done++;
                }
                else
                {
                    failed++;
                }
            }
        }
        finally
        {
            stop.Cancel();
            attacker.Join();
        }

        Assert.True(swaps > 0, "the attacker never swapped");
        Assert.Equal(before, SentinelSnapshot());
        ConfinementTally.Passed(clock);
        return (done, failed);
    }

    public void Dispose() => _base.Dispose();
}
