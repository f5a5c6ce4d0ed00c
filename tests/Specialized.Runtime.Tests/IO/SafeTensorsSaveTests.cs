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

        Assert.Equal("simulated disk failure", error.Message);
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
