namespace Kairos.Factory.Builders;

/// <summary>Turns a job's base into a built Kairos image and writes every output asked for (the media in the engine, <see cref="MediaStage"/>).</summary>
public interface IImageBuilder
{
    string Name { get; }

    /// <summary>Returns where the built image can be read to name the outputs (<c>dir:PATH</c> or <c>ocifile:PATH</c>; a <c>dir:</c> that does not exist: the builder's own archives).</summary>
    Task<string> BuildAsync(BuildJobContext context);
}
