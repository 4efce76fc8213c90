namespace Kairos.Stages.Image.Checks;

/// <summary>One validation of a finished root. Checks only read the root (and may run read-only commands in it).</summary>
public interface IImageCheck
{
    /// <summary>The tag printed in brackets, e.g. <c>BINARIES</c>.</summary>
    string Tag { get; }

    /// <summary>What the check proves, used as the pass line when the check reports nothing.</summary>
    string Title { get; }

    Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken);
}
