using Kairos.Stages.Target.Platform;

// Usage: SignalProbe ROOT [idle] — runs `sleep 30` in a chroot of ROOT and prints "ready" once
// the command runs (idle: runs `true`, prints "ready" and waits with the mounts up). Send SIGTERM
// or SIGINT: it must exit 143 or 130 with every mount undone.
if (args.Length is < 1 or > 2)
{
    await Console.Error.WriteLineAsync("usage: SignalProbe ROOT [idle]");
    return 2;
}

await using var target = new ChrootTarget(args[0]);
try
{
    if (args.Length == 2)
    {
        await target.RunAsync(new CommandRequest("true"), CancellationToken.None);
        Console.WriteLine("ready");
        await Task.Delay(TimeSpan.FromSeconds(30));
        return 0;
    }

    var request = new CommandRequest("echo ready; sleep 30") { OnOutput = Console.WriteLine };
    var result = await target.RunAsync(request, CancellationToken.None);
    Console.WriteLine($"finished {result.ExitCode}");
    return 0;
}
catch (TargetInterruptedException interrupted)
{
    Console.WriteLine($"interrupted {interrupted.Signal} mounts={target.Mounts?.MountPoints.Count ?? 0}");
    return interrupted.ExitCode;
}
