namespace Kairos.Stages.Platform;

/// <summary>The root is "/" (inside a container): commands run as <c>/bin/sh -c script</c> directly, with the process environment plus the request's.</summary>
public sealed class LocalTarget : ITarget
{
    public string Root => "/";

    public IRootFileSystem Files { get; } = new RootFileSystem("/");

    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var environment = request.Environment.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        return ProcessRunner.RunAsync(["/bin/sh", "-c", ProcessRunner.Merged(request.Script)], environment, request, cancellationToken);
    }
}
