using System.Text;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Turns file bytes into loader text without throwing: a BOM is dropped, invalid UTF-8 becomes U+FFFD (which the reader reports as KS105).</summary>
public static class SourceText
{
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = Lenient.GetString(bytes);
        return text.StartsWith('\uFEFF') ? text[1..] : text;
    }
}
