namespace Kairos.Factory.Api;

/// <summary>One page of builds, newest first.</summary>
public sealed record JobList(IReadOnlyList<JobView> Builds, int Total, int Limit, int Offset);
