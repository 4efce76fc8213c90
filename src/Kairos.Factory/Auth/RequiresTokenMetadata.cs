namespace Kairos.Factory.Auth;

/// <summary>Endpoint metadata: this route needs the bearer token (read by the OpenAPI transformer).</summary>
public sealed class RequiresTokenMetadata;
