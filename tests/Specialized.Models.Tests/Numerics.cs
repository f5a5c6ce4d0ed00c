namespace Specialized.Models.Tests;

/// <summary>Tolerance checks that say which element failed.</summary>
public static class Numerics
{
    /// <summary>PyTorch parity: 1e-4 relative, or 1e-5 absolute near zero (fixtures/README.md).</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, double relative = 1e-4, double absolute = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(expected[i] - actual[i]);
            double allowed = Math.Max(absolute, relative * Math.Abs(expected[i]));
            Assert.True(difference <= allowed, $"{what}[{i}]: expected {expected[i]:G9}, got {actual[i]:G9} (difference {difference:G3} > {allowed:G3})");
        }
    }

    /// <summary>The tensor's gradient in PyTorch's layout, converted from the model's storage layout.</summary>
    public static float[] InPyTorchLayout(ModelTensor tensor, ReadOnlySpan<float> buffer)
    {
        var result = new float[tensor.Length];
        ReadOnlySpan<float> stored = buffer.Slice(tensor.Offset, tensor.Length);
        if (!tensor.IsTransposed)
        {
            stored.CopyTo(result);
            return result;
        }
        Kernels.MatrixKernels.Transpose(stored, tensor.Length / tensor.Shape[0], tensor.Shape[0], result);
        return result;
    }
}
