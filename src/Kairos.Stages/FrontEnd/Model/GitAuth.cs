namespace Kairos.Stages.FrontEnd.Model;

/// <summary><c>git.auth</c>.</summary>
public sealed record GitAuth
{
    public string Username { get; init; } = "";
    public string Password { get; init; } = "";
    public string PrivateKey { get; init; } = "";
    public string PublicKey { get; init; } = "";
    public bool Insecure { get; init; }
}
