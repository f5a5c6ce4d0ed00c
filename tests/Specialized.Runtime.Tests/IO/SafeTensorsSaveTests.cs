using Specialized.IO;

namespace Specialized.Runtime.Tests.IO;

/// <summary>Save replaces the target atomically: a failure leaves the old file byte-identical and no temporary file behind.</summary>
public sealed class SafeTensorsSaveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("specialized-save-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Save_writes_a_file_that_loads_and_matches_ToBytes()
    {
        SafeTensorsWriter writer = Writer(1f);
        string path = Path.Combine(_directory, "model.safetensors");

        writer.Save(path);

        Assert.Equal(writer.ToBytes(), File.ReadAllBytes(path));
        Assert.Equal([1f, 2f, 3f], SafeTensorsFile.Load(path).ReadFloat32("0.bias"));
        Assert.Equal(["model.safetensors"], FileNames());
    }

    [Fact]
    public void Save_over_an_existing_file_replaces_it()
    {
        string path = Path.Combine(_directory, "model.safetensors");
        Writer(1f).Save(path);

        Writer(10f).Save(path);

        Assert.Equal([10f, 11f, 12f], SafeTensorsFile.Load(path).ReadFloat32("0.bias"));
        Assert.Equal(["model.safetensors"], FileNames());
    }

    [Fact]
    public void Failure_just_before_the_replace_keeps_the_old_file_and_removes_the_temporary()
    {
        string path = Path.Combine(_directory, "model.safetensors");
        Writer(1f).Save(path);
        byte[] before = File.ReadAllBytes(path);
        SafeTensorsWriter failing = Writer(10f);
        string? temporary = null;
        failing.BeforeReplace = temp =>
        {
            temporary = temp;
            Assert.True(File.Exists(temp)); // the complete new file exists beside the target
            throw new IOException("simulated disk failure");
        };

        var error = Assert.Throws<IOException>(() => failing.Save(path));

        Assert.Equal($"Cannot save '{path}': simulated disk failure", error.Message);
        Assert.Equal("simulated disk failure", error.InnerException!.Message);
        Assert.Equal(Path.GetDirectoryName(path), Path.GetDirectoryName(temporary));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], FileNames());
    }

    [Fact]
    public void Failure_to_replace_a_directory_leaves_no_temporary_file()
    {
        string path = Path.Combine(_directory, "taken");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "keep.txt"), "x");

        Assert.ThrowsAny<IOException>(() => Writer(1f).Save(path));

        Assert.Equal(["taken"], FileNames());
        Assert.True(File.Exists(Path.Combine(path, "keep.txt")));
    }

    [Fact]
    public void Save_into_a_missing_directory_fails_without_creating_anything()
    {
        string path = Path.Combine(_directory, "missing", "model.safetensors");

        Assert.Throws<DirectoryNotFoundException>(() => Writer(1f).Save(path));

        Assert.Empty(FileNames());
    }

    [Fact]
    public void Save_to_a_directory_path_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => Writer(1f).Save(_directory + Path.DirectorySeparatorChar));
        Assert.Throws<ArgumentException>(() => Writer(1f).Save(" "));
    }

    [Fact]
    public void Save_with_a_file_name_at_the_255_character_limit_succeeds_and_leaves_no_temporary()
    {
        // The old temporary name ".<name>.<32 hex>.tmp" added 38 characters and failed with PathTooLongException.
        string name = new string('m', 255 - ".safetensors".Length) + ".safetensors";
        string path = Path.Combine(_directory, name);

        Writer(1f).Save(path);
        Writer(10f).Save(path);

        Assert.Equal([10f, 11f, 12f], SafeTensorsFile.Load(path).ReadFloat32("0.bias"));
        Assert.Equal([name], FileNames());
    }

    [Fact]
    public void Save_errors_name_the_callers_path_not_the_temporary_file()
    {
        string path = Path.Combine(_directory, "missing", "model.safetensors");

        var error = Assert.Throws<DirectoryNotFoundException>(() => Writer(1f).Save(path));

        Assert.StartsWith($"Cannot save '{path}'", error.Message);
        Assert.IsType<DirectoryNotFoundException>(error.InnerException);
    }

    [Fact]
    public void Save_over_a_directory_says_it_is_a_directory()
    {
        string path = Path.Combine(_directory, "taken");
        Directory.CreateDirectory(path);

        var error = Assert.ThrowsAny<IOException>(() => Writer(1f).Save(path));

        Assert.Contains($"'{path}': it is a directory", error.Message);
    }

    [Fact]
    public void Save_over_a_read_only_file_is_refused_and_leaves_it_untouched()
    {
        string path = Path.Combine(_directory, "model.safetensors");
        Writer(1f).Save(path);
        byte[] before = File.ReadAllBytes(path);
        File.SetAttributes(path, FileAttributes.ReadOnly);
        var attributes = File.GetAttributes(path);
        try
        {
            var error = Assert.Throws<UnauthorizedAccessException>(() => Writer(10f).Save(path));

            Assert.Contains($"'{path}'", error.Message);
            Assert.Contains("read-only", error.Message);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(attributes, File.GetAttributes(path));
            Assert.Equal(["model.safetensors"], FileNames());
        }
        finally
        {
            File.SetAttributes(path, FileAttributes.Normal);
        }
    }

    [Fact]
    public void Save_over_a_writable_file_keeps_its_permissions()
    {
        if (OperatingSystem.IsWindows()) return;
        string path = Path.Combine(_directory, "model.safetensors");
        Writer(1f).Save(path);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);

        Writer(10f).Save(path);

        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Load_of_a_directory_says_it_is_a_directory_not_access_denied()
    {
        var error = Assert.Throws<IOException>(() => SafeTensorsFile.Load(_directory));

        Assert.Contains($"'{_directory}': it is a directory", error.Message);
    }

    private static SafeTensorsWriter Writer(float start)
    {
        var writer = new SafeTensorsWriter();
        writer.AddMetadata("format", "pt");
        writer.Add("0.weight", [3, 2], [start, start, start, start, start, start]);
        writer.Add("0.bias", [3], [start, start + 1, start + 2]);
        return writer;
    }

    private string[] FileNames() =>
        [.. Directory.EnumerateFileSystemEntries(_directory).Select(Path.GetFileName).Order()!];
}
