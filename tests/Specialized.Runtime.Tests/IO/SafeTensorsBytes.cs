using System.Buffers.Binary;
using System.Text;

namespace Specialized.Runtime.Tests.IO;

/// <summary>Builds raw safetensors bytes by hand, so tests can state exactly what a malformed file holds.</summary>
internal static class SafeTensorsBytes
{
    public static byte[] Build(string headerJson, int dataLength) => Build(headerJson, new byte[dataLength]);

    public static byte[] Build(string headerJson, byte[] data)
    {
        byte[] header = Encoding.UTF8.GetBytes(headerJson);
        return Build((ulong)header.Length, header, data);
    }

    public static byte[] Build(ulong declaredHeaderLength, byte[] header, byte[] data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredHeaderLength);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name + ".safetensors");
}
