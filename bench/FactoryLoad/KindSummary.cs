namespace Kairos.Bench.FactoryLoad;

/// <summary>One row of the bench's table: an endpoint kind's request count, rate, latency percentiles (ms) and errors.</summary>
public sealed record KindSummary(string Kind, int Requests, double PerSecond, double P50, double P99, double Max, int Errors);
