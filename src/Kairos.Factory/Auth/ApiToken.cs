using System.Security.Cryptography;
using System.Text;

namespace Kairos.Factory.Auth;

/// <summary>
/// The server's bearer token: generated into the data dir on first start (written to a temporary file, then renamed,
/// mode 0600), refused at start when the file is empty or not a token, compared in constant time and only when a
/// presented value has a token's shape.
/// </summary>
public sealed class ApiToken
{
    /// <summary>Shortest token accepted (a fixed one from tests or a file written by hand).</summary>
    public const int MinLength = 16;

    public const int MaxLength = 256;

    private readonly byte[] _hash;

    private ApiToken(string value, bool created)
    {
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
        Created = created;
        Value = value;
    }

    /// <summary>True when this start generated the token (the CLI prints it once, then never again).</summary>
    public bool Created { get; }

    /// <summary>The token itself; only the CLI's first-start message shows it.</summary>
    internal string Value { get; }

    public static string PathIn(string dataDir) => Path.Combine(dataDir, "secrets", "api-token");

    /// <summary>Printable ASCII without spaces, <see cref="MinLength"/> to <see cref="MaxLength"/> long: what a token file may hold and a request may present.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: >= MinLength and <= MaxLength } && value.All(character => character is > ' ' and < (char)0x7F);

    /// <exception cref="InvalidDataException">the token file is empty, short or malformed (the message names the file).</exception>
    public static ApiToken LoadOrCreate(FactoryOptions options)
    {
        if (options.Token is { } fixedToken)
        {
            return IsWellFormed(fixedToken) ? new ApiToken(fixedToken, created: false)
                : throw new InvalidDataException($"the fixed API token is not {MinLength}-{MaxLength} printable ASCII characters");
        }

        var path = PathIn(options.DataDir);
        if (File.Exists(path))
        {
            return new ApiToken(ReadTokenFile(path), created: false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var token = "kf_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var temporary = path + ".tmp";
        File.Delete(temporary);
        using (var file = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            file.Write(Encoding.UTF8.GetBytes(token + "\n"));
            file.Flush(flushToDisk: true);
        }

        // the file appears whole or not at all: a full disk or a kill mid-write leaves no empty token behind
        File.Move(temporary, path, overwrite: false);
        return new ApiToken(token, created: true);
    }

    private static string ReadTokenFile(string path)
    {
        var text = File.ReadAllText(path);
        var value = text.EndsWith('\n') ? text[..^1] : text;
        return IsWellFormed(value) ? value
            : throw new InvalidDataException($"the API token file {path} is empty or malformed (one line of {MinLength}-{MaxLength} printable ASCII characters expected); delete it and start again for a new token");
    }

    /// <summary>
    /// Only a value of a token's shape is compared (no trimming: a bare <c>Bearer</c> with white space matches nothing);
    /// constant time, both sides hashed to 32 bytes first, so neither length nor prefix leaks.
    /// </summary>
    public bool Matches(string? presented) =>
        IsWellFormed(presented) && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented!)));
}
