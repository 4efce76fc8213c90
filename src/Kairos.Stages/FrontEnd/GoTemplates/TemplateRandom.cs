using System.Security.Cryptography;
using System.Text;

namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>yip's random strings (32 chars of [0-9a-z]) and its ProtectedID (HMAC-SHA256 of "yip" keyed by the machine-id).</summary>
public static class TemplateRandom
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string NewRandom(int length = 32) =>
        string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    public static string ProtectedId(string machineId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(machineId), Encoding.UTF8.GetBytes("yip")));
}
