using System.Collections.Concurrent;

namespace Kairos.Bench.FactoryLoad;

/// <summary>Request latencies and errors per endpoint kind, collected from many clients at once.</summary>
public sealed class Latencies
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _samples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errorExamples = new();

    public void Add(string kind, TimeSpan elapsed) => _samples.GetOrAdd(kind, _ => []).Add(elapsed.TotalMilliseconds);

    public void Error(string kind, string what)
    {
        _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (_errorExamples.Count < 10)
        {
            _errorExamples.Enqueue($"{kind}: {what}");
        }
    }

    public IEnumerable<string> ErrorExamples => _errorExamples;

    public int TotalErrors => _errors.Values.Sum();

    public IReadOnlyList<KindSummary> Summaries(IEnumerable<string> kinds, TimeSpan window) =>
        [.. kinds.Select(kind =>
        {
            var sorted = _samples.TryGetValue(kind, out var bag) ? bag.Order().ToArray() : [];
            return new KindSummary(kind, sorted.Length, sorted.Length / window.TotalSeconds,
                Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1],
                _errors.GetValueOrDefault(kind));
        })];

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
