namespace Kairos.Stages.Target.Secrets;

/// <summary>URLs fit for messages: the password of <c>user:password@</c> becomes <c>***</c>.</summary>
public static class UrlRedactor
{
    /// <summary>Masks URL passwords, Authorization values and password assignments anywhere in a text (command lines, output): see <see cref="Redaction"/>.</summary>
    public static string RedactText(string text) => Redaction.Redact(text);

    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Redact(uri) : url;

    public static string Redact(Uri uri)
    {
        if (uri.UserInfo.Length == 0)
        {
            return uri.ToString();
        }

        var user = uri.UserInfo.Split(':', 2)[0];
        return new UriBuilder(uri) { UserName = user, Password = "***" }.Uri.ToString().Replace("%2A%2A%2A", "***", StringComparison.Ordinal);
    }

    /// <summary>The file name a URL points at (its last path segment, unescaped), or null.</summary>
    public static string? FileName(Uri uri)
    {
        var name = Uri.UnescapeDataString(uri.AbsolutePath.Split('/')[^1]);
        return name.Length == 0 || name is "." or ".." ? null : name;
    }
}
