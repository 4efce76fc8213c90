using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Checks;

/// <summary>A target over a real temp root whose commands are answered with canned results and recorded.</summary>
public sealed class FakeTarget(string root, Func<string, CommandResult>? answer = null) : ITarget
{
    public string Root { get; } = root;

    public IRootFileSystem Files { get; } = new RootFileSystem(root);

    public List<string> Scripts { get; } = [];

    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        Scripts.Add(request.Script);
        return Task.FromResult(answer?.Invoke(request.Script) ?? new CommandResult(127, "not faked", TimeSpan.Zero));
    }
}
