using System.Text;
using Kairos.Stages.Engine.Accounts;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>files</c>: decode, template, write atomically with the exact mode and owner; missing parents get the file's mode plus owner-exec.</summary>
public sealed class FilesAction : IStepAction
{
    public string Key => "files";

    public bool IsPresent(Step step) => step.Files.Count > 0;

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        var files = context.Target.Files;
        foreach (var entry in step.Files)
        {
            try
            {
                if (string.IsNullOrWhiteSpace(entry.Path))
                {
                    throw new InvalidOperationException("a files entry has no path");
                }

                var (uid, gid) = entry.OwnerString.Length > 0
                    ? AccountDatabase.Load(files).ResolveOwner(entry.OwnerString)
                    : (entry.Owner ?? 0, entry.Group ?? 0);
                var content = Render(ContentDecoder.Decode(entry.Content, entry.Encoding), outcome);
                DirectoryMaker.EnsureDirectory(files, DirectoryMaker.Parent(entry.Path), Modes.ParentOf(entry.Permissions), uid, gid);
                files.WriteFile(entry.Path, content, Modes.Of(entry.Permissions), uid, gid);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or InvalidDataException)
            {
                if (outcome.Fail($"cannot write file {entry.Path} ({entry.Location}): {error.Message}"))
                {
                    break;
                }
            }
        }

        return Task.FromResult(outcome.Build());
    }

    private static byte[] Render(byte[] decoded, OutcomeBuilder outcome)
    {
        // yip templates the decoded text; bytes without "{{" pass through untouched (binary stays binary).
        if (decoded.AsSpan().IndexOf("{{"u8) < 0)
        {
            return decoded;
        }

        return Encoding.UTF8.GetBytes(outcome.Render(Encoding.UTF8.GetString(decoded)));
    }
}
