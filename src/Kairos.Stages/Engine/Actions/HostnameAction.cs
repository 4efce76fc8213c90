using System.Text;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.GoTemplates;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>hostname</c>: render the hostname context, write <c>/etc/hostname</c> and rewrite the 127.0.0.1 line of <c>/etc/hosts</c>; no sethostname at build time.</summary>
public sealed class HostnameAction : IStepAction
{
    public string Key => "hostname";

    public bool IsPresent(Step step) => !string.IsNullOrEmpty(step.Hostname);

    public async Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        var files = context.Target.Files;
        try
        {
            var machineId = files.FileExists("/etc/machine-id") ? files.ReadAllText("/etc/machine-id").Trim() : "";
            var name = HostnameTemplate.Render(step.Hostname!, machineId);
            if (!context.BuildTime && await CommandRunner.RunAsync(context, $"hostname '{name.Replace("'", "'\\''", StringComparison.Ordinal)}'", cancellationToken) is { } failure)
            {
                // Like yip: a failed sethostname is recorded and the file edits still happen.
                outcome.Fail(failure);
            }

            WriteThrough(files, "/etc/hostname", name + "\n");
            if (!files.FileExists("/etc/hosts"))
            {
                outcome.Fail("cannot rewrite /etc/hosts: it does not exist in the root");
                return outcome.Build();
            }

            var lines = files.ReadAllText("/etc/hosts").TrimEnd('\n').Split('\n').Select(l => Rewrite(l.Trim(), name));
            WriteThrough(files, "/etc/hosts", string.Join('\n', lines) + "\n");
        }
        catch (TemplateException error)
        {
            outcome.Fail($"hostname template '{step.Hostname}' failed: {error.Message}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            outcome.Fail($"cannot set hostname: {error.Message}");
        }

        return outcome.Build();
    }

    /// <summary>
    /// Like yip, an existing file is written in place and a link is followed (inside the root):
    /// Kairos links /etc/hostname and /etc/hosts to the persistent partition, and replacing the
    /// link with a file would lose the name on the next boot.
    /// </summary>
    private static void WriteThrough(Target.Platform.IRootFileSystem files, string path, string text)
    {
        if (files.FileExists(path))
        {
            files.WriteExisting(path, Encoding.UTF8.GetBytes(text));
        }
        else
        {
            files.WriteFile(path, Encoding.UTF8.GetBytes(text), FileModes.Mode0644, 0, 0);
        }
    }

    private static string Rewrite(string line, string name) =>
        line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is ["127.0.0.1", ..] ? $"127.0.0.1 localhost {name}" : line;
}
