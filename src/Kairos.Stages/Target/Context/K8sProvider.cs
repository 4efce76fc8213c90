namespace Kairos.Stages.Target.Context;

/// <summary>The Kubernetes provider of a standard image: k3s or k0s, and its version (empty: pinned default).</summary>
public sealed record K8sProvider(string Name, string Version);
