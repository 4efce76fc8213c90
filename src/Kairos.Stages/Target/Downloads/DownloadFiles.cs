using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Kairos.Stages.Target.Downloads;

/// <summary>Small helpers of the download client: requests with basic auth from the URL, hashing, cache stores.</summary>
internal static class DownloadFiles
{
    public static HttpRequestMessage Request(Uri url)
    {
        if (url.UserInfo.Length == 0)
        {
            return new HttpRequestMessage(HttpMethod.Get, url);
        }

        var bare = new UriBuilder(url) { UserName = "", Password = "" }.Uri;
        var request = new HttpRequestMessage(HttpMethod.Get, bare);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url.UserInfo)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return request;
    }

    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    public static void Store(string file, string cached)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        var temp = cached + $".part-{Guid.NewGuid():N}";
        File.Copy(file, temp, overwrite: true);
        File.Move(temp, cached, overwrite: true);
    }
}
