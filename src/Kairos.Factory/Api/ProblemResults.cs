namespace Kairos.Factory.Api;

/// <summary>RFC 7807 problem details with the shapes this API uses.</summary>
public static class ProblemResults
{
    public static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"no build '{id}'");

    public static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>400 naming each bad field: <c>errors: {field: [messages]}</c>.</summary>
    public static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The build request is invalid", detail: string.Join("; ", errors.Select(pair => $"{pair.Key}: {string.Join(", ", pair.Value)}")));

    /// <summary>507: the data dir has no space left (the API still lists and deletes builds, which frees it).</summary>
    public static IResult DataDirFull(string what) =>
        Results.Problem(statusCode: StatusCodes.Status507InsufficientStorage, title: "Insufficient Storage", detail: $"{what}: no space left on device in the data dir; delete builds (DELETE /api/v1/builds/ID) to free it");
}
