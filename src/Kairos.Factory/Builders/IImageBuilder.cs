namespace Kairos.Factory.Builders;

/// <summary>Turns a job's base into a built Kairos image, writes the OCI and rootfs outputs asked for, and says where build-iso should read from.</summary>
public interface IImageBuilder
{
    string Name { get; }

    /// <summary>Returns build-iso's SOURCE argument (<c>dir:PATH</c> or <c>ocifile:PATH</c>) for the built image.</summary>
    Task<string> BuildAsync(BuildJobContext context);
}
