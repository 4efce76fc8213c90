using System.Net;

namespace Kairos.Factory.Hosting;

/// <summary>
/// DNS rebinding and cross-site WebSockets: a request's <c>Host</c> must name this server (an IP address on the listen
/// port, <c>localhost</c>, or the <c>--public-url</c> host), and a browser's <c>Origin</c>, where one is sent on a
/// WebSocket upgrade, must be this same server.
/// </summary>
public sealed class HostCheck(FactoryOptions options)
{
    /// <summary>Null when <paramref name="host"/> names this server, else why not.</summary>
    public string? HostProblem(HostString host)
    {
        if (options.Listen is not { } listen)
        {
            return null; // the in-memory test server
        }

        if (!host.HasValue)
        {
            return "the request has no Host header";
        }

        if (options.PublicUrl is { } publicUrl && SameAuthority(host, publicUrl))
        {
            return null;
        }

        var port = host.Port ?? 80;
        var name = host.Host.Trim('[', ']');
        var isAddress = IPAddress.TryParse(name, out var address);
        var nameOk = string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (isAddress && (listen.Address.Equals(IPAddress.Any) || listen.Address.Equals(IPAddress.IPv6Any) || address!.Equals(listen.Address)));
        return nameOk && port == listen.Port
            ? null
            : $"Host '{host.Value}' does not name this server (it listens on {listen}; a DNS name or proxy needs --public-url)";
    }

    /// <summary>Null when a WebSocket's <c>Origin</c> is absent (not a browser) or this server, else why not.</summary>
    public string? OriginProblem(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return null;
        }

        if (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && (SameAuthority(request.Host, uri) || (options.PublicUrl is { } publicUrl && Uri.Compare(uri, publicUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)))
        {
            return null;
        }

        return $"Origin '{origin}' is not this server: a page of another site may not read build logs";
    }

    private static bool SameAuthority(HostString host, Uri uri) =>
        string.Equals(host.Host.Trim('[', ']'), uri.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
        && (host.Port ?? (uri.Scheme == "https" ? 443 : 80)) == uri.Port;

    /// <summary>The middleware: 421 Misdirected Request naming the Host, before anything else runs.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (HostProblem(context.Request.Host) is { } problem)
        {
            await Results.Problem(statusCode: StatusCodes.Status421MisdirectedRequest, title: "Misdirected Request", detail: problem).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
