namespace Specialized.IO;

/// <summary>
/// Writes a file so that a reader or a crash sees the old file or the whole new one, never a part: the bytes go to a
/// temporary sibling in the same directory, are flushed to disk, and replace the target in one rename. The word-vector
/// files and the ONNX exporter save through it; <see cref="SafeTensorsWriter.Save(string)"/> adds its own checks on top.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>; on any failure the target is untouched and the temporary file removed.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, names a directory, or is a root.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        if (Path.EndsInDirectorySeparator(path))
            throw new ArgumentException($"path '{path}' ends in a directory separator; expected a file path.", nameof(path));
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"path '{path}' is a root directory; expected a file path.", nameof(path));
        string temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The original failure matters more than a leftover temporary file.
            }
            throw;
        }
    }
}
