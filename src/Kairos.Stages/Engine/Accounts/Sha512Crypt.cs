using System.Security.Cryptography;
using System.Text;

namespace Kairos.Stages.Engine.Accounts;

/// <summary>SHA-512 crypt (<c>$6$salt$hash</c>, 5000 rounds), as glibc and <c>openssl passwd -6</c> compute it; no package needed.</summary>
public static class Sha512Crypt
{
    private const string Itoa64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int Rounds = 5000;

    /// <summary>True for text that is already a crypt hash or a lock marker (kept as is): empty, <c>$…</c>, <c>!…</c>, <c>*</c>.</summary>
    public static bool IsHashOrLocked(string password) =>
        password.Length == 0 || password.StartsWith('$') || password.StartsWith('!') || password == "*";

    public static string Hash(string password, string? salt = null)
    {
        salt ??= string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Itoa64[RandomNumberGenerator.GetInt32(Itoa64.Length)];
            }
        });
        var p = Encoding.UTF8.GetBytes(password);
        var s = Encoding.UTF8.GetBytes(salt.Length > 16 ? salt[..16] : salt);

        var b = SHA512.HashData([.. p, .. s, .. p]);
        var a = new List<byte>(p.Concat(s));
        AddRepeated(a, b, p.Length);
        for (var n = p.Length; n > 0; n >>= 1)
        {
            a.AddRange((n & 1) != 0 ? b : p);
        }

        var c = SHA512.HashData([.. a]);
        var pSeq = Repeat(SHA512.HashData([.. Enumerable.Repeat(p, p.Length).SelectMany(x => x)]), p.Length);
        var sSeq = Repeat(SHA512.HashData([.. Enumerable.Repeat(s, 16 + c[0]).SelectMany(x => x)]), s.Length);
        for (var i = 0; i < Rounds; i++)
        {
            var round = new List<byte>(256);
            round.AddRange((i & 1) != 0 ? pSeq : c);
            if (i % 3 != 0)
            {
                round.AddRange(sSeq);
            }

            if (i % 7 != 0)
            {
                round.AddRange(pSeq);
            }

            round.AddRange((i & 1) != 0 ? c : pSeq);
            c = SHA512.HashData([.. round]);
        }

        return $"$6${Encoding.UTF8.GetString(s)}${Encode(c)}";
    }

    private static void AddRepeated(List<byte> target, byte[] block, int length)
    {
        for (; length > 64; length -= 64)
        {
            target.AddRange(block);
        }

        target.AddRange(block.Take(length));
    }

    private static byte[] Repeat(byte[] block, int length)
    {
        var result = new List<byte>(length);
        AddRepeated(result, block, length);
        return [.. result];
    }

    private static string Encode(byte[] c)
    {
        var text = new StringBuilder();
        for (var i = 0; i < 21; i++)
        {
            var (x, y, z) = (i % 3) switch
            {
                0 => (c[i], c[i + 21], c[i + 42]),
                1 => (c[i + 21], c[i + 42], c[i]),
                _ => (c[i + 42], c[i], c[i + 21]),
            };
            Append(text, (x << 16) | (y << 8) | z, 4);
        }

        Append(text, c[63], 2);
        return text.ToString();
    }

    private static void Append(StringBuilder text, int word, int count)
    {
        for (var i = 0; i < count; i++, word >>= 6)
        {
            text.Append(Itoa64[word & 0x3f]);
        }
    }
}
