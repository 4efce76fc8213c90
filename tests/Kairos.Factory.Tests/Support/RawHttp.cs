using System.Net.Sockets;
using System.Text;

namespace Kairos.Factory.Tests.Support;

/// <summary>A request written byte for byte on a socket (header values HttpClient refuses to send, e.g. non-ASCII); returns the status code.</summary>
internal static class RawHttp
{
    public static async Task<int> StatusAsync(int port, string requestHead)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(requestHead.ReplaceLineEndings("\r\n") + "\r\n"));
        var buffer = new byte[64];
        var read = await stream.ReadAtLeastAsync(buffer, 12, throwOnEndOfStream: false);
        var line = Encoding.ASCII.GetString(buffer, 0, read);
        return line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(line.AsSpan(9, 3), provider: null) : -1;
    }
}
