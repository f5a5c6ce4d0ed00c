using Specialized.IO;

namespace Specialized.Runtime.Tests.IO;

/// <summary>
/// The one atomic writer every save goes through (weights, word vectors, ONNX): these cases hold for any content,
/// not only safetensors (whose own save tests cover the replace-time failure and permissions).
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("specialized-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_writer_that_fails_half_way_leaves_the_old_file_and_no_temporary()
    {
        string path = Path.Combine(_directory, "vectors.txt");
        File.WriteAllText(path, "old content");

        var error = Assert.Throws<InvalidDataException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("new, half"u8);
            throw new InvalidDataException("the writer gave up");
        }));

        Assert.Equal("the writer gave up", error.Message);
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["vectors.txt"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_read_only_target_is_refused_before_anything_is_written()
    {
        string path = Path.Combine(_directory, "model.onnx");
        File.WriteAllText(path, "old");
        File.SetAttributes(path, FileAttributes.ReadOnly);
        bool wrote = false;

        var error = Assert.Throws<UnauthorizedAccessException>(() => AtomicFile.Write(path, _ => wrote = true));

        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains("read-only", error.Message);
        Assert.False(wrote);
        File.SetAttributes(path, FileAttributes.Normal);
        Assert.Equal("old", File.ReadAllText(path));
    }

    [Fact]
    public void A_directory_as_target_is_refused_with_its_name()
    {
        string path = Path.Combine(_directory, "taken");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream => stream.WriteByte(1)));

        Assert.Equal($"Cannot save '{path}': it is a directory; expected a file path.", error.Message);
        Assert.Equal(["taken"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_directory_fails_naming_the_callers_path()
    {
        string path = Path.Combine(_directory, "missing", "vectors.bin");

        var error = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(path, stream => stream.WriteByte(1)));

        Assert.StartsWith($"Cannot save '{path}':", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void A_replaced_file_keeps_its_permissions()
    {
        if (OperatingSystem.IsWindows()) return;
        string path = Path.Combine(_directory, "shared.bin");
        File.WriteAllText(path, "old");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);

        AtomicFile.Write(path, stream => stream.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(mode, File.GetUnixFileMode(path));
    }
}
