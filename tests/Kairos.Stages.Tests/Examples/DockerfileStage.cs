namespace Kairos.Stages.Tests.Examples;

/// <summary>The state of one build stage while a Dockerfile is evaluated: base image, platform, ARG and ENV values, files copied in.</summary>
public sealed class DockerfileStage(string image, string arch)
{
    public string Image { get; } = image;

    public string Arch { get; } = arch;

    /// <summary>ARG values in scope (null: declared without a value, so unset in RUN).</summary>
    public Dictionary<string, string?> Args { get; } = [];

    public Dictionary<string, string> Env { get; } = [];

    public List<(string HostFile, string ImagePath)> Copies { get; } = [];

    /// <summary>The variables a RUN line sees: ARG values, overridden by ENV of the same name.</summary>
    public Dictionary<string, string> RunEnvironment()
    {
        var environment = Args.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!);
        foreach (var (name, value) in Env)
        {
            environment[name] = value;
        }

        return environment;
    }
}
