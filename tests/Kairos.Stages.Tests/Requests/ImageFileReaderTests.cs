using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Kairos.Stages.Media;

namespace Kairos.Stages.Tests.Requests;

/// <summary>One file read out of a built image without unpacking it: a dir: root, and OCI archives whose upper layers override or delete it.</summary>
public sealed class ImageFileReaderTests
{
    [Fact]
    public void The_top_layer_that_holds_the_file_decides_and_a_whiteout_deletes_it()
    {
        using var temp = new TempRoot("kf-oci-");
        var overridden = Archive(temp.Path, "over.tar", Layer(("etc/kairos-release", "KAIROS_VERSION=v1\n")), Layer(("etc/other", "x")), Layer(("./etc/kairos-release", "KAIROS_VERSION=v2\n")), Layer(("usr/bin/x", "y")));
        var deleted = Archive(temp.Path, "deleted.tar", Layer(("etc/kairos-release", "KAIROS_VERSION=v1\n")), Layer(("etc/.wh.kairos-release", "")));
        var plainAndGzip = Archive(temp.Path, "mixed.tar", Layer(("etc/kairos-release", "KAIROS_VERSION=v3\n")), Layer(("etc/os-release", "ID=debian\n")));

        Assert.Equal("KAIROS_VERSION=v2\n", ImageFileReader.Read("ocifile:" + overridden, "etc/kairos-release"));
        Assert.Null(ImageFileReader.Read("ocifile:" + deleted, "etc/kairos-release"));
        Assert.Equal("KAIROS_VERSION=v3\n", ImageFileReader.Read("ocifile:" + plainAndGzip, "/etc/kairos-release"));
        Assert.Null(ImageFileReader.Read("ocifile:" + plainAndGzip, "etc/missing"));

        Directory.CreateDirectory(Path.Combine(temp.Path, "root", "etc"));
        File.WriteAllText(Path.Combine(temp.Path, "root", "etc", "kairos-release"), "KAIROS_VERSION=v4\n");
        Assert.Equal("KAIROS_VERSION=v4\n", ImageFileReader.Read("dir:" + Path.Combine(temp.Path, "root"), "etc/kairos-release"));
        Assert.Throws<MediaException>(() => ImageFileReader.Read("ocifile:" + Path.Combine(temp.Path, "root", "etc", "kairos-release"), "etc/kairos-release"));
    }

    [Fact]
    public void A_root_tarball_as_podman_export_and_BuildKits_type_tar_write_it_gives_its_file_or_null()
    {
        using var temp = new TempRoot("kf-roottar-");
        var archive = Path.Combine(temp.Path, "rootfs.tar");
        File.WriteAllBytes(archive, Layer(("./usr/bin/x", "y"), ("./etc/kairos-release", "KAIROS_VERSION=v5\n"), ("etc/os-release", "ID=debian\n")));

        Assert.Equal("KAIROS_VERSION=v5\n", ImageFileReader.ReadFromRootArchive(archive, "/etc/kairos-release"));
        Assert.Equal("ID=debian\n", ImageFileReader.ReadFromRootArchive(archive, "etc/os-release"));
        Assert.Null(ImageFileReader.ReadFromRootArchive(archive, "etc/missing"));
    }

    private static byte[] Layer(params (string Name, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
            }
        }

        return buffer.ToArray();
    }

    /// <summary>An OCI archive of <paramref name="layers"/>, lowest first; every second layer gzip-compressed.</summary>
    private static string Archive(string directory, string name, params byte[][] layers)
    {
        var blobs = new Dictionary<string, byte[]>();
        string Add(byte[] data)
        {
            var digest = Convert.ToHexStringLower(SHA256.HashData(data));
            blobs[digest] = data;
            return digest;
        }

        var descriptors = layers.Select((layer, index) =>
        {
            var gzip = index % 2 == 1;
            var data = gzip ? Gzip(layer) : layer;
            return $$"""{"mediaType":"application/vnd.oci.image.layer.v1.tar{{(gzip ? "+gzip" : "")}}","digest":"sha256:{{Add(data)}}","size":{{data.Length}}}""";
        }).ToList();
        var config = Add("{}"u8.ToArray());
        var manifest = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:{{config}}","size":2},"layers":[{{string.Join(',', descriptors)}}]}""");
        var manifestDigest = Add(manifest);
        var path = Path.Combine(directory, name);
        using var file = File.Create(path);
        using var tar = new TarWriter(file);
        foreach (var (digest, data) in blobs)
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "blobs/sha256/" + digest) { DataStream = new MemoryStream(data) });
        }

        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "index.json") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"manifests":[{"digest":"sha256:{{manifestDigest}}","size":{{manifest.Length}}}]}""")) });
        return path;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }
}
