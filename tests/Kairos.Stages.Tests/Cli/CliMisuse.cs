
namespace Kairos.Stages.Tests.Cli;

/// <summary>
/// One misuse of the CLI: arguments (<c>{root}</c> and <c>{aside}</c> stand for the target root and a
/// scratch directory beside it), what to prepare first, an optional extension-directory variable,
/// and a regex the error output must match (the flag, or the file with line:col).
/// </summary>
public sealed record CliMisuse(string Name, string[] Args, string Expected, Action<TempRoot, TempRoot>? Arrange = null, string? ExtensionsVariable = null)
{
    public override string ToString() => Name;
}
