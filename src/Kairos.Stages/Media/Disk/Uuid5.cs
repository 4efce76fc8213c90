using System.Security.Cryptography;
using System.Text;

namespace Kairos.Stages.Media.Disk;

/// <summary>Name-based UUIDs (RFC 9562 version 5, SHA-1) in the URL namespace: the same name gives the same GUID on every build.</summary>
public static class Uuid5
{
    /// <summary>RFC 9562's URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.</summary>
    public static readonly Guid UrlNamespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    public static Guid FromUrlName(string name)
    {
        var input = new List<byte>(UrlNamespace.ToByteArray(bigEndian: true));
        input.AddRange(Encoding.UTF8.GetBytes(name));
#pragma warning disable CA5350 // SHA-1 is what version 5 UUIDs are defined with; nothing here is a security boundary
        var hash = SHA1.HashData(input.ToArray());
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
