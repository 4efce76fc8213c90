namespace Kairos.Factory.Api;

/// <summary>Liveness/readiness answer; <c>checks</c> says what readiness looked at.</summary>
public sealed record HealthView(string Status, IReadOnlyDictionary<string, string> Checks);
