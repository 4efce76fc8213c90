using System.Text;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>environment</c> (+ <c>environment_file</c>): merge templated values into a dotenv file, rewritten in godotenv's format.</summary>
public sealed class EnvironmentAction : IStepAction
{
    public const string DefaultPath = "/etc/environment";

    public string Key => "environment";

    public bool IsPresent(Step step) => step.Environment.Count > 0;

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        var files = context.Target.Files;
        var path = string.IsNullOrEmpty(step.EnvironmentFile) ? DefaultPath : step.EnvironmentFile;
        try
        {
            var parent = DirectoryMaker.Parent(path);
            if (!files.DirectoryExists(parent))
            {
                DirectoryMaker.EnsureDirectory(files, parent, (UnixFileMode)0x1E4, 0, 0);
            }

            var (uid, gid) = (0, 0);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (files.FileExists(path))
            {
                (uid, gid) = files.Stat(path) is { } existing ? (existing.Uid, existing.Gid) : (0, 0);
                values = DotEnv.Parse(files.ReadAllText(path));
            }

            foreach (var entry in step.Environment)
            {
                values[entry.Key] = outcome.Render(entry.Value);
            }

            var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            files.WriteFile(path, Encoding.UTF8.GetBytes(DotEnv.Write(values)), mode, uid, gid);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            outcome.Fail($"cannot write environment file {path}: {error.Message}");
        }

        return Task.FromResult(outcome.Build());
    }
}
