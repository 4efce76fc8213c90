namespace Kairos.Factory.Api;

/// <summary>The answer to a create: the new build's id (also as <c>uuid</c>, the classic name), its status, and what of the request was ignored.</summary>
public sealed record BuildCreated(string Id, string Uuid, string Status, IReadOnlyList<string> Warnings);
