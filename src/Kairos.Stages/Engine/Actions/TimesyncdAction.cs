using System.Text;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>timesyncd</c>: merges keys under <c>[Time]</c> of <c>/etc/systemd/timesyncd.conf.d/10-yip.conf</c>.</summary>
public sealed class TimesyncdAction : IStepAction
{
    public const string ConfigPath = "/etc/systemd/timesyncd.conf.d/10-yip.conf";

    public string Key => "timesyncd";

    public bool IsPresent(Step step) => step.Timesyncd.Count > 0;

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        var files = context.Target.Files;
        try
        {
            var directory = DirectoryMaker.Parent(ConfigPath);
            if (!files.DirectoryExists(DirectoryMaker.Parent(directory)))
            {
                throw new IOException($"{DirectoryMaker.Parent(directory)} does not exist in the root");
            }

            DirectoryMaker.EnsureDirectory(files, directory, FileModes.Mode0755, 0, 0);
            var document = IniDocument.Parse(files.FileExists(ConfigPath) ? files.ReadAllText(ConfigPath) : "");
            foreach (var entry in step.Timesyncd)
            {
                document.Set("Time", entry.Key, entry.Value);
            }

            files.WriteFile(ConfigPath, Encoding.UTF8.GetBytes(document.Save()), FileModes.Mode0644, 0, 0);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            outcome.Fail($"cannot write {ConfigPath}: {error.Message}");
        }

        return Task.FromResult(outcome.Build());
    }
}
