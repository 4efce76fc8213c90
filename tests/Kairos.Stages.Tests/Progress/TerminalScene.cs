using System.Diagnostics;
using Kairos.Stages.Tests.Content;
using Kairos.Stages.Tests.EndToEnd;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Progress;

/// <summary>
/// The published binary run on a busybox root whose one extension step prints a line every 0.4 s
/// for about 3 s, under a pseudo-terminal (util-linux <c>script</c>) or with stderr on a pipe.
/// </summary>
internal sealed class TerminalScene : IDisposable
{
    private const string Slow = """
        name: progress
        stages:
          after-install:
            - name: "Slow step"
              commands:
                - "for i in 1 2 3 4 5 6 7 8; do echo \"working on part $i\"; sleep 0.4; done"
        """;

    private readonly TempRoot _work = new("ks-progress-");

    public TerminalScene()
    {
        Root = _work.CreateDirectory("root");
        BusyboxRoot.Populate(Root, "debian");
        var data = _work.CreateDirectory("stages/data");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ContentStages.StagesDirectory, "data")))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }

        _work.Write("extensions/10-slow.yaml", Slow);
    }

    public string Root { get; }

    /// <summary>Why it cannot run here (not root, no busybox, no script, no binary), or null.</summary>
    public static string? Unavailable() =>
        Environment.UserName != "root" ? "needs root (chroot)"
        : !BusyboxRoot.Available ? "needs busybox-static"
        : !File.Exists("/usr/bin/script") ? "needs util-linux script"
        : PublishedBinary.Missing();

    public string[] Arguments(params string[] extra) =>
        [PublishedBinary.Path, "run", "--root", Root, "--stages-dir", _work.HostPath("stages"), "--extensions-dir", _work.HostPath("extensions"),
         "--stage", "after-install", "--version", "1.0.0", .. extra];

    /// <summary>Runs under a pseudo-terminal: everything the binary wrote to it, as the terminal received it.</summary>
    public (int Code, string Screen) RunOnTerminal(params string[] extra) =>
        Run("/usr/bin/script", ["-q", "-e", "-c", string.Join(' ', Arguments(extra).Select(Quote)), "/dev/null"], mergeInto: true);

    /// <summary>Runs with stdout and stderr on pipes.</summary>
    public (int Code, string Output, string Error) RunPiped(params string[] extra)
    {
        var all = Arguments(extra);
        var (code, output, error) = Start(all[0], all[1..]);
        return (code, output, error);
    }

    public void Dispose() => _work.Dispose();

    private static (int Code, string Screen) Run(string program, string[] arguments, bool mergeInto)
    {
        var (code, output, error) = Start(program, arguments);
        return (code, mergeInto ? output + error : output);
    }

    private static (int Code, string Output, string Error) Start(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        arguments.ToList().ForEach(info.ArgumentList.Add);
        info.Environment["TERM"] = "xterm";
        info.Environment.Remove("NO_COLOR");
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 60 s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
