using System.Buffers.Binary;

namespace Kairos.Stages.Target.Platform;

/// <summary>The fields of statx(2) the platform needs: type, mode, owner, links, identity, size, mtime.</summary>
internal readonly record struct FileStatus(uint Mode, int Uid, int Gid, uint Links, ulong Inode, uint DevMajor, uint DevMinor, long ModifiedSeconds, bool IsMountRoot, long ChangedNanoseconds, long Size = 0, uint ModifiedNanoseconds = 0)
{
    private const uint TypeMask = 0xF000;
    private const ulong AttributeMountRoot = 0x2000;

    public bool IsSymlink => (Mode & TypeMask) == 0xA000;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public bool IsRegular => (Mode & TypeMask) == 0x8000;

    public bool IsDevice => (Mode & TypeMask) is 0x2000 or 0x6000;

    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);

    /// <summary>Reads the statx buffer (layout fixed by the kernel ABI, the same on every architecture).</summary>
    public static FileStatus FromStatx(ReadOnlySpan<byte> b) => new(
        Mode: BinaryPrimitives.ReadUInt16LittleEndian(b[28..]),
        Uid: (int)BinaryPrimitives.ReadUInt32LittleEndian(b[20..]),
        Gid: (int)BinaryPrimitives.ReadUInt32LittleEndian(b[24..]),
        Links: BinaryPrimitives.ReadUInt32LittleEndian(b[16..]),
        Inode: BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
        DevMajor: BinaryPrimitives.ReadUInt32LittleEndian(b[136..]),
        DevMinor: BinaryPrimitives.ReadUInt32LittleEndian(b[140..]),
        ModifiedSeconds: BinaryPrimitives.ReadInt64LittleEndian(b[112..]),
        IsMountRoot: (BinaryPrimitives.ReadUInt64LittleEndian(b[8..]) & BinaryPrimitives.ReadUInt64LittleEndian(b[56..]) & AttributeMountRoot) != 0,
        ChangedNanoseconds: (BinaryPrimitives.ReadInt64LittleEndian(b[96..]) * 1_000_000_000) + BinaryPrimitives.ReadUInt32LittleEndian(b[104..]),
        Size: (long)BinaryPrimitives.ReadUInt64LittleEndian(b[40..]),
        ModifiedNanoseconds: BinaryPrimitives.ReadUInt32LittleEndian(b[120..]));
}
