using System.Security.Cryptography;
using Kairos.Factory.Auth;
using Kairos.Factory.Validation;

namespace Kairos.Factory.Api;

/// <summary>Base root tarballs sent ahead of a build instead of an image (the engine imports one: podman import, docker import).</summary>
public static class UploadEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/uploads", UploadAsync)
            .WithTags("Uploads").WithName("UploadBase").WithSummary("Store a base root filesystem tarball")
            .WithDescription("The raw request body is a tar archive of a root filesystem, without device nodes or FIFOs (400 naming the entry). The engine imports it as the build's base image (its programs run only inside the engine's build). Pass the returned id as base_upload.")
            .Accepts<Stream>("application/x-tar", "application/octet-stream")
            .Produces<UploadCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(long.MaxValue))
            .RequireToken();

    private static async Task<IResult> UploadAsync(HttpRequest request, FactoryOptions options, CancellationToken cancellation)
    {
        if (request.ContentLength is > 0 && request.ContentLength > options.MaxUploadBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large", detail: $"uploads are limited to {options.MaxUploadBytes} bytes");
        }

        Directory.CreateDirectory(options.UploadsDir);
        var stored = new DirectoryInfo(options.UploadsDir).EnumerateFiles().Sum(file => file.Length);
        var room = options.MaxUploadStoreBytes - stored;
        if (request.ContentLength is { } length && length > room)
        {
            return UploadStoreFull(options, stored);
        }

        var id = Guid.NewGuid().ToString("N");
        var path = Path.Combine(options.UploadsDir, id + ".tar");
        long size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = new byte[512];
        try
        {
            await using (var file = File.Create(path + ".part"))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await request.Body.ReadAsync(buffer, cancellation)) > 0)
                {
                    if (size < 512)
                    {
                        Array.Copy(buffer, 0, header, size, Math.Min(read, 512 - (int)size));
                    }

                    size += read;
                    if (size > options.MaxUploadBytes)
                    {
                        throw new InvalidDataException($"uploads are limited to {options.MaxUploadBytes} bytes");
                    }

                    if (size > room)
                    {
                        File.Delete(path + ".part");
                        return UploadStoreFull(options, stored);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
                }
            }

            // POSIX tar: "ustar" at offset 257 of the first header
            if (size < 512 || !System.Text.Encoding.ASCII.GetString(header, 257, 5).Equals("ustar", StringComparison.Ordinal))
            {
                File.Delete(path + ".part");
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["is not a tar archive (no ustar header)"] });
            }

            if (UploadArchiveCheck.Problem(path + ".part", cancellation) is { } problem)
            {
                File.Delete(path + ".part");
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [problem] });
            }

            File.Move(path + ".part", path);
        }
        catch (InvalidDataException exception)
        {
            File.Delete(path + ".part");
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large", detail: exception.Message);
        }
        catch
        {
            File.Delete(path + ".part");
            throw;
        }

        return Results.Created($"/api/v1/uploads/{id}", new UploadCreated(id, size, Convert.ToHexStringLower(hash.GetHashAndReset())));
    }

    private static IResult UploadStoreFull(FactoryOptions options, long stored) =>
        Results.Problem(statusCode: StatusCodes.Status507InsufficientStorage, title: "Insufficient Storage",
            detail: $"the upload store holds {stored} of its {options.MaxUploadStoreBytes} bytes (serve --max-upload-store-mb); unused uploads are deleted after the retention");
}
