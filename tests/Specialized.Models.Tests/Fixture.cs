using Specialized.IO;

namespace Specialized.Models.Tests;

/// <summary>A PyTorch parity fixture (see fixtures/README.md): weights, a batch, outputs, loss and gradients.</summary>
public sealed class Fixture
{
    private Fixture(SafeTensorsFile file, string path)
    {
        File = file;
        Path = path;
    }

    public SafeTensorsFile File { get; }

    public string Path { get; }

    public static Fixture Load(string name)
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", name + ".safetensors");
        return new Fixture(SafeTensorsFile.Load(path), path);
    }

    public float[] Floats(string name) => File.ReadFloat32(name);

    public int[] Labels() => File.ReadInt64("target").Select(v => (int)v).ToArray();

    public float Loss => File.ReadFloat32("loss")[0];
}
