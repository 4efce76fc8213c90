using System.IO.Compression;
using System.Text;

namespace Kairos.Stages.Engine.Actions;

/// <summary>yip's file <c>encoding</c> values: base64, gzip, and base64-then-gzip; anything else is plain text.</summary>
internal static class ContentDecoder
{
    public static byte[] Decode(string content, string encoding) => encoding switch
    {
        "b64" or "base64" => Convert.FromBase64String(content),
        "gz" or "gzip" => Gunzip(Encoding.Latin1.GetBytes(content)),
        "gz+base64" or "gzip+base64" or "gz+b64" or "gzip+b64" => Gunzip(Convert.FromBase64String(content)),
        _ => Encoding.UTF8.GetBytes(content),
    };

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
