using Kairos.Stages.Platform;

// Usage: SignalProbe ROOT — runs `sleep 30` in a chroot of ROOT and prints "ready" once the
// command runs. Send SIGTERM or SIGINT: it must exit 143 or 130 with every mount undone.
if (args.Length != 1)
{
    await Console.Error.WriteLineAsync("usage: SignalProbe ROOT");
    return 2;
}

await using var target = new ChrootTarget(args[0]);
try
{
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
