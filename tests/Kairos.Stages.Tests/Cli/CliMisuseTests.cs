using System.Diagnostics;
using System.Text.RegularExpressions;
using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Tests.Support;
using Kairos.Stages.Tests.Validation;

namespace Kairos.Stages.Tests.Cli;

/// <summary>
/// Bad input end to end: every misuse in <see cref="CliMisuses"/> goes through the real CLI's
/// <c>run</c> in-process and must exit 2, say which flag or file (with line:col) is wrong, never
/// print a stack trace, and leave the target root byte-identical. The bad YAML corpus counts into
/// the same figure.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class CliMisuseTests
{
    [Fact]
    public async Task Every_misuse_exits_2_names_the_flag_or_file_and_leaves_the_root_byte_identical()
    {
        // arrange
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();

        // act
        foreach (var misuse in CliMisuses.All)
        {
            if (await CheckAsync(misuse) is { } failure)
            {
                failures.Add($"{misuse.Name}: {failure}");
            }
        }

        var corpus = CorpusFiles.Names("bad").Select(row => row.Data).ToList();
        var silent = corpus.Where(name => CorpusFiles.Lint("bad", name).Count == 0).ToList();
        failures.AddRange(silent.Select(name => $"{name}: no diagnostic"));

        // assert
        var tried = CliMisuses.All.Count + corpus.Count;
        Figures.Report("bad input (YAML corpus + CLI misuse)", tried, tried - failures.Count, clock.Elapsed,
            $"{corpus.Count} corpus files, {CliMisuses.All.Count} CLI cases, each exit 2 with the root byte-identical");
        Assert.True(CliMisuses.All.Count >= 50, $"only {CliMisuses.All.Count} CLI cases");
        Assert.True(tried >= 150, $"only {tried} bad-input cases");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static async Task<string?> CheckAsync(CliMisuse misuse)
    {
        using var root = NewRoot();
        using var aside = new TempRoot("ks-aside-");
        misuse.Arrange?.Invoke(root, aside);
        var before = RootSnapshot.Take(root.Path);
        string Fill(string text) => text.Replace("{root}", root.Path, StringComparison.Ordinal).Replace("{aside}", aside.Path, StringComparison.Ordinal);
        var args = misuse.Args.Select(Fill).ToArray();

        var saved = Environment.GetEnvironmentVariable(ExtensionFiles.EnvironmentVariable);
        Environment.SetEnvironmentVariable(ExtensionFiles.EnvironmentVariable, misuse.ExtensionsVariable is { } variable ? Fill(variable) : null);
        var output = new StringWriter();
        var error = new StringWriter();
        int code;
        try
        {
            code = await CliApp.RunAsync(args, output, error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ExtensionFiles.EnvironmentVariable, saved);
        }

        var text = error.ToString();
        var changes = before.Diff(RootSnapshot.Take(root.Path));
        var problems = new List<string>();
        if (code != 2)
        {
            problems.Add($"exit {code}, not 2");
        }

        var expected = misuse.Expected.Replace("{root}", Regex.Escape(root.Path), StringComparison.Ordinal).Replace("{aside}", Regex.Escape(aside.Path), StringComparison.Ordinal);
        if (!Regex.IsMatch(text, expected))
        {
            problems.Add($"stderr does not match '{expected}'");
        }

        if (text.Contains("Unhandled exception", StringComparison.Ordinal) || text.Contains("\n   at ", StringComparison.Ordinal))
        {
            problems.Add("stderr holds a stack trace");
        }

        if (changes.Length > 0)
        {
            problems.Add("the root changed:\n" + changes);
        }

        return problems.Count == 0 ? null : string.Join("; ", problems) + $"\n  args: {string.Join(' ', args)}\n  stderr: {text.Trim()}";
    }

    /// <summary>An Ubuntu-looking root (no /etc/shadow: a link to the host's must not find one) with a few entries of every kind, so a stray write, chmod or link shows in the snapshot.</summary>
    private static TempRoot NewRoot()
    {
        var root = new TempRoot("ks-misuse-");
        root.Write("etc/os-release", "ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\nVERSION_CODENAME=noble\n");
        root.Write("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
        root.Write("etc/group", "root:x:0:\n", (UnixFileMode)0x1A0);
        root.CreateDirectory("tmp");
        root.CreateDirectory("usr/bin");
        root.Link("bin", "usr/bin");
        return root;
    }
}
