namespace Kairos.Stages.Image.Kernel;

/// <summary>The kernel picked from <c>/lib/modules</c>: the directory name as found, and which rule chose it.</summary>
/// <param name="Version">The module directory name, unchanged (e.g. <c>6.8.0-51-generic</c>, <c>5.14.0-503.el9_5.x86_64</c>).</param>
/// <param name="Rule">Why it won, for logs and the validate report.</param>
public sealed record KernelChoice(string Version, KernelRule Rule);
