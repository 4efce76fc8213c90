using System.Text;
using Kairos.Stages.Execution;
using Kairos.Stages.Model;
using Kairos.Stages.Templates;

namespace Kairos.Stages.Actions;

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

            files.WriteFile("/etc/hostname", Encoding.UTF8.GetBytes(name + "\n"), FileModes.Mode0644, 0, 0);
            if (!files.FileExists("/etc/hosts"))
            {
                outcome.Fail("cannot rewrite /etc/hosts: it does not exist in the root");
                return outcome.Build();
            }

            var hosts = files.Stat("/etc/hosts")!;
            var lines = files.ReadAllText("/etc/hosts").TrimEnd('\n').Split('\n').Select(l => Rewrite(l.Trim(), name));
            files.WriteFile("/etc/hosts", Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), hosts.Mode, hosts.Uid, hosts.Gid);
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

    private static string Rewrite(string line, string name) =>
        line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is ["127.0.0.1", ..] ? $"127.0.0.1 localhost {name}" : line;
}
