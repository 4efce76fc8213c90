namespace Kairos.Stages.FrontEnd.Sources;

/// <summary>Where bundled stage files, data and assets come from: the binary's resources or a forked directory.</summary>
public interface IStageSource
{
    /// <summary>Human-readable origin (<c>bundled</c> or the directory path).</summary>
    string Origin { get; }

    /// <summary>Every file, as paths relative to the stages root with <c>/</c> separators, in ordinal order.</summary>
    IReadOnlyList<string> ListFiles();

    /// <summary>Opens one file by relative path; null when it does not exist.</summary>
    Stream? OpenRead(string relativePath);

    /// <summary>How diagnostics name a file: <c>stages/init/10-kairosRelease.yaml</c> when bundled, the real path when forked.</summary>
    string DisplayPath(string relativePath);
}
