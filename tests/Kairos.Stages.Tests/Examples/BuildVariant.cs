namespace Kairos.Stages.Tests.Examples;

/// <summary>One <c>docker build</c>: the <c>--build-arg</c> values given and the <c>--platform</c> (null: the host's, amd64 here).</summary>
public sealed record BuildVariant(IReadOnlyDictionary<string, string> Args, string? Platform = null)
{
    public static BuildVariant Defaults { get; } = new(new Dictionary<string, string>());

    public override string ToString()
    {
        var parts = Args.Select(a => $"{a.Key}={a.Value}").ToList();
        if (Platform is not null)
        {
            parts.Add("--platform " + Platform);
        }

        return parts.Count == 0 ? "defaults" : string.Join(' ', parts);
    }
}
