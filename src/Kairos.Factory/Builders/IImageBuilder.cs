namespace Kairos.Factory.Builders;

/// <summary>Turns a job's base into a built Kairos image, writes the OCI and rootfs outputs asked for, and says where build-iso should read from.</summary>
public interface IImageBuilder
{
    string Name { get; }

    /// <summary>Returns build-iso's SOURCE argument (<c>dir:PATH</c> or <c>ocifile:PATH</c>) for the built image.</summary>
    Task<string> BuildAsync(BuildJobContext context);

    /// <summary>True when the builder made the media too (in the engine, <see cref="MediaStage"/>); false: the server makes them from SOURCE.</summary>
    bool MediaInEngine(FactoryOptions options) => false;
}
