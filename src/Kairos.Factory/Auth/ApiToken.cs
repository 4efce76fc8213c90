using System.Security.Cryptography;
using System.Text;

namespace Kairos.Factory.Auth;

/// <summary>The server's bearer token: generated into the data dir on first start (mode 0600), compared in constant time.</summary>
public sealed class ApiToken
{
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

    public static ApiToken LoadOrCreate(FactoryOptions options)
    {
        if (options.Token is { } fixedToken)
        {
            return new ApiToken(fixedToken, created: false);
        }

        var path = PathIn(options.DataDir);
        if (File.Exists(path))
        {
            return new ApiToken(File.ReadAllText(path).Trim(), created: false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var token = "kf_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using (var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            file.Write(Encoding.UTF8.GetBytes(token + "\n"));
        }

        return new ApiToken(token, created: true);
    }

    /// <summary>Constant time: both sides are hashed to 32 bytes first, so neither length nor prefix leaks.</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
