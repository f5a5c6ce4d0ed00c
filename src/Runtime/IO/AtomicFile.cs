using System.Security.Cryptography;

namespace Specialized.IO;

/// <summary>
/// Writes a file so that a reader or a crash sees the old file or the whole new one, never a part: the bytes go to a
/// temporary sibling in the same directory, are flushed to disk, and replace the target in one rename. Every file the
/// library saves goes through it: safetensors weights, word-vector files and the ONNX exporter.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> with <paramref name="write"/>. A crash or an exception leaves either the old file
    /// or the new one, never a truncated mix, and the temporary file is deleted on failure. A file that is replaced
    /// keeps its permissions.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, ends in a directory separator, or is a root.</exception>
    /// <exception cref="UnauthorizedAccessException">The target is read-only (refused before anything is written, as
    /// <see cref="File.WriteAllBytes(string, byte[])"/> refuses it), or the directory cannot be written.</exception>
    /// <exception cref="IOException">The file cannot be written or replaced (the target is a directory, the directory is
    /// missing, the disk is full); the old target is unchanged. Every message names <paramref name="path"/>.</exception>
    public static void Write(string path, Action<Stream> write) => Write(path, write, beforeReplace: null);

    /// <param name="path">The file to write.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="beforeReplace">Test hook: runs with the temporary file's path once it is complete and flushed, just
    /// before it replaces the target.</param>
    internal static void Write(string path, Action<Stream> write, Action<string>? beforeReplace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        if (Path.EndsInDirectorySeparator(path))
            throw new ArgumentException($"path '{path}' ends in a directory separator; expected a file path.", nameof(path));
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"path '{path}' is a root directory; expected a file path.", nameof(path));
        if (Directory.Exists(target))
            throw new IOException($"Cannot save '{path}': it is a directory; expected a file path.");
        var existing = new FileInfo(target);
        // The rename below would replace a read-only file (and reset its mode); writing it in place would be
        // refused, so refuse here, before any byte is written.
        if (existing.Exists && existing.IsReadOnly)
            throw new UnauthorizedAccessException($"Cannot save '{path}': the file is read-only. Make it writable or save elsewhere.");

        // Short and fixed-length: a name at the file system's limit (255 bytes on most) must still leave room for
        // its temporary sibling, which a ".<name>.<guid>.tmp" scheme does not.
        string temporary = Path.Combine(directory, $".st-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            if (existing.Exists && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            beforeReplace?.Invoke(temporary);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw NamingTarget(path, e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    // The runtime's message quotes the temporary file, which the caller never named; lead with the caller's path and
    // keep the original as the inner exception (and its type, so catches still work).
    private static Exception NamingTarget(string path, Exception e)
    {
        string message = $"Cannot save '{path}': {e.Message}";
        return e switch
        {
            DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
            PathTooLongException => new PathTooLongException(message, e),
            UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
            _ => new IOException(message, e),
        };
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure matters more than a leftover temporary file.
        }
    }
}
