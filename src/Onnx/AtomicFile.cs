using System.Security.Cryptography;

namespace Specialized.Onnx;

/// <summary>Writes a file through a temporary sibling renamed over the target, so a crash leaves the old file or the new one, never a part.</summary>
internal static class AtomicFile
{
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        string temporary = Path.Combine(directory, $".onnx-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            try { File.Delete(temporary); }
            catch (IOException) { /* the original failure matters more than a leftover temporary file */ }
            catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
