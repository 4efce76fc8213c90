using System.Net;
using System.Net.Sockets;
using Kairos.Factory.Builders;
using Kairos.Factory.Hosting;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Target.Platform;

namespace Kairos.Factory.Commands;

/// <summary>The start-up pieces of <c>serve</c>: the listen address, the port check, the web app, the kairos-stages binary.</summary>
public static partial class ServeCommand
{
    private const double MaxRetentionHours = 24 * 365 * 10;

    private static int Usage(string message)
    {
        Console.Error.WriteLine("kairos-factory: " + message);
        return ExitCodes.Usage;
    }

    /// <summary>Binds and releases the address, so a taken port is reported before the data dir is touched.</summary>
    private static bool CanListen(IPEndPoint endpoint, out string error)
    {
        try
        {
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(endpoint);
            error = "";
            return true;
        }
        catch (SocketException exception)
        {
            error = exception.Message;
            return false;
        }
    }

    private static WebApplication BuildApp(FactoryOptions options, IPEndPoint endpoint, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, IReadOnlyList<IImageBuilder> more)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var clients = new ClientConnections(options);
            kestrel.Listen(endpoint, listen =>
            {
                listen.Use(next => connection => clients.OnConnectionAsync(connection, next)); // first: before TLS
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            kestrel.Limits.MaxConcurrentConnections = options.MaxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = options.MaxLogFollowers;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 << 10;
        });
        builder.Services.AddFactory(options);
        foreach (var extra in more)
        {
            builder.Services.AddSingleton(extra);
        }
        var app = builder.Build();
        app.UseFactory();
        return app;
    }

    private static bool TryParseListen(string text, out IPEndPoint endpoint)
    {
        text = text.StartsWith(':') ? "0.0.0.0" + text : text.Replace("localhost:", "127.0.0.1:", StringComparison.Ordinal);
        return IPEndPoint.TryParse(text, out endpoint!) && endpoint.Port > 0;
    }

    private static string DefaultBinary()
    {
        if (Environment.GetEnvironmentVariable("KAIROS_STAGES_BINARY") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var sibling = Path.Combine(AppContext.BaseDirectory, "kairos-stages");
        return File.Exists(sibling) ? sibling : ProgramLookup.Find("kairos-stages") ?? "kairos-stages";
    }

    private static bool OnPath(string program) => ProgramLookup.Find(program) is not null;

    /// <summary>The environment variable naming the offline artifact set when --artifacts-dir is not given (set in the Factory image).</summary>
    public const string ArtifactsVariable = "KAIROS_FACTORY_ARTIFACTS_DIR";

    private static string? ArtifactsFromEnvironment() => Environment.GetEnvironmentVariable(ArtifactsVariable) is { Length: > 0 } dir ? dir : null;
}
