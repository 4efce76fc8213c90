namespace Kairos.Factory.Api;

/// <summary>The answer to a create: the new build's id (also as <c>uuid</c>, the classic name) and status.</summary>
public sealed record BuildCreated(string Id, string Uuid, string Status);
