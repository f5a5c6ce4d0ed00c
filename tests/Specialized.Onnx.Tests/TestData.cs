using Specialized.IO;

namespace Specialized.Onnx.Tests;

internal static class TestData
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name + ".safetensors");

    /// <summary>The fixture's own batch of inputs (batch first).</summary>
    public static float[] FixtureInputs(string name) => SafeTensorsFile.Load(Fixture(name)).ReadFloat32("input");

    /// <summary>Uniform values in [−1, 1), the same for the same seed.</summary>
    public static float[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1))];
    }

    /// <summary>A fresh temporary directory, deleted on dispose.</summary>
    public sealed class TemporaryDirectory : IDisposable
    {
        public TemporaryDirectory() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "specialized-onnx-" + Guid.NewGuid().ToString("N"));

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
