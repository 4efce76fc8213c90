using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Actions;

/// <summary>Test-only target that records commands and answers with scripted results (default: exit 0, no output).</summary>
public sealed class ScriptedTarget : ITarget
{
    public ScriptedTarget(TempRoot root)
    {
        Root = root.Path;
        Files = root.Files;
    }

    public string Root { get; }

    public IRootFileSystem Files { get; }

    public List<CommandRequest> Requests { get; } = [];

    public IEnumerable<string> Scripts => Requests.Select(r => r.Script);

    /// <summary>Maps a script prefix to the (exit code, output) it gets.</summary>
    public Dictionary<string, (int Code, string Output)> Answers { get; } = [];

    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var answer = Answers.FirstOrDefault(a => request.Script.StartsWith(a.Key, StringComparison.Ordinal)).Value;
        return Task.FromResult(new CommandResult(answer.Code, answer.Output ?? "", TimeSpan.Zero));
    }
}
