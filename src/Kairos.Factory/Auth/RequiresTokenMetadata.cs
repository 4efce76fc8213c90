namespace Kairos.Factory.Auth;

/// <summary>Endpoint metadata: this route needs the bearer token, or what else lets a caller in (read by the OpenAPI transformer).</summary>
public sealed record RequiresTokenMetadata(Access Access);
