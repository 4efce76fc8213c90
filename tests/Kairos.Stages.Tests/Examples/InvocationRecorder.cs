using System.Diagnostics;
using System.Globalization;

namespace Kairos.Stages.Tests.Examples;

/// <summary>
/// Evaluates a RUN line with /bin/sh, as Docker does, with the tool replaced by a recorder that
/// writes its argv NUL-separated; returns the arguments of every call the line makes.
/// </summary>
public static class InvocationRecorder
{
    private const string Recorder = "#!/bin/sh\nprintf '%s\\0' \"$#\" \"$@\" >> \"$KS_RECORD\"\n";

    public static IReadOnlyList<IReadOnlyList<string>> Record(string shellLine, IReadOnlyDictionary<string, string> environment)
    {
        using var scratch = new TempRoot("ks-recorder-");
        var recorder = scratch.Write("/kairos-stages", Recorder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).HostPath("/kairos-stages");
        var record = scratch.HostPath("/argv");
        var script = ShellRewriter.Rewrite(shellLine, recorder);

        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["KS_RECORD"] = record;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = output.Result;
        if (process.ExitCode != 0)
        {
            // Docker fails the build when a RUN line's shell exits non-zero.
            throw new InvalidOperationException($"/bin/sh exited {process.ExitCode} on the RUN line (Docker would fail the build): {script}\n{error}");
        }

        return File.Exists(record) ? Parse(File.ReadAllText(record)) : [];
    }

    private static List<IReadOnlyList<string>> Parse(string text)
    {
        var fields = text.Split('\0');
        var calls = new List<IReadOnlyList<string>>();
        var i = 0;
        while (i < fields.Length - 1)
        {
            var count = int.Parse(fields[i++], CultureInfo.InvariantCulture);
            calls.Add(fields[i..(i + count)]);
            i += count;
        }

        return calls;
    }
}
