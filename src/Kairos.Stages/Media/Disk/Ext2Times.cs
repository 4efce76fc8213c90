using System.Buffers.Binary;

namespace Kairos.Stages.Media.Disk;

/// <summary>
/// Makes an ext2 image independent of when it was built: <c>mkfs.ext2 -d</c> copies each source file's
/// ctime and atime, which change whenever the source is unpacked or read. This sets both to the build's
/// timestamp in every used inode (mtimes, the image's own, are kept). ext2 as mkfs.ext2 makes it: no
/// metadata checksums to update, 32-byte group descriptors.
/// </summary>
public static class Ext2Times
{
    private const int SuperblockOffset = 1024;
    private const ushort Magic = 0xEF53;
    private const uint IncompatMetaBg = 0x10;
    private const uint IncompatFlexBg = 0x200;
    private const uint IncompatSixtyFourBit = 0x80;
    private const uint RoCompatMetadataCsum = 0x400;
    private const uint RoCompatGdtCsum = 0x10;

    public static void Pin(string image, long epoch)
    {
        using var file = new FileStream(image, FileMode.Open, FileAccess.ReadWrite);
        var sb = new byte[1024];
        file.Position = SuperblockOffset;
        file.ReadExactly(sb);
        if (BinaryPrimitives.ReadUInt16LittleEndian(sb.AsSpan(0x38)) != Magic)
        {
            throw new MediaException($"{image}: not an ext2 file system");
        }

        var incompat = BinaryPrimitives.ReadUInt32LittleEndian(sb.AsSpan(0x60));
        var roCompat = BinaryPrimitives.ReadUInt32LittleEndian(sb.AsSpan(0x64));
        if ((incompat & (IncompatMetaBg | IncompatFlexBg | IncompatSixtyFourBit)) != 0 || (roCompat & (RoCompatMetadataCsum | RoCompatGdtCsum)) != 0)
        {
            throw new MediaException($"{image}: ext2 features this step does not handle (incompat 0x{incompat:x}, ro_compat 0x{roCompat:x})");
        }

        var inodesCount = BinaryPrimitives.ReadUInt32LittleEndian(sb.AsSpan(0x00));
        var firstDataBlock = BinaryPrimitives.ReadUInt32LittleEndian(sb.AsSpan(0x14));
        var blockSize = 1024L << (int)BinaryPrimitives.ReadUInt32LittleEndian(sb.AsSpan(0x18));
        var inodesPerGroup = BinaryPrimitives.ReadUInt32LittleEndian(sb.AsSpan(0x28));
        var revision = BinaryPrimitives.ReadUInt32LittleEndian(sb.AsSpan(0x4C));
        var inodeSize = revision == 0 ? 128 : BinaryPrimitives.ReadUInt16LittleEndian(sb.AsSpan(0x58));
        var groups = (inodesCount + inodesPerGroup - 1) / inodesPerGroup;
        var descriptors = new byte[groups * 32];
        file.Position = (firstDataBlock + 1) * blockSize;
        file.ReadExactly(descriptors);
        var seconds = (uint)epoch;
        var bitmap = new byte[inodesPerGroup / 8];
        var table = new byte[inodesPerGroup * inodeSize];
        for (var g = 0; g < groups; g++)
        {
            var inodeBitmap = BinaryPrimitives.ReadUInt32LittleEndian(descriptors.AsSpan(g * 32 + 4));
            var inodeTable = BinaryPrimitives.ReadUInt32LittleEndian(descriptors.AsSpan(g * 32 + 8));
            file.Position = inodeBitmap * blockSize;
            file.ReadExactly(bitmap);
            if (bitmap.All(b => b == 0))
            {
                continue;
            }

            file.Position = inodeTable * blockSize;
            file.ReadExactly(table);
            for (var i = 0; i < inodesPerGroup; i++)
            {
                if ((bitmap[i / 8] & (1 << (i % 8))) == 0)
                {
                    continue;
                }

                var inode = table.AsSpan(i * inodeSize, inodeSize);
                BinaryPrimitives.WriteUInt32LittleEndian(inode[0x08..], seconds);
                BinaryPrimitives.WriteUInt32LittleEndian(inode[0x0C..], seconds);
                if (inodeSize > 128)
                {
                    var extra = BinaryPrimitives.ReadUInt16LittleEndian(inode[0x80..]);
                    if (extra >= 8)
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(inode[0x84..], 0);
                    }

                    if (extra >= 16)
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(inode[0x8C..], 0);
                    }
                }
            }

            file.Position = inodeTable * blockSize;
            file.Write(table);
        }
    }
}
