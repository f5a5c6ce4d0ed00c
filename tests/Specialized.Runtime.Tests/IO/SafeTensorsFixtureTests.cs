using Specialized.IO;

namespace Specialized.Runtime.Tests.IO;

/// <summary>Reads the PyTorch fixtures; expected values were computed with Python's struct and json modules.</summary>
public class SafeTensorsFixtureTests
{
    [Theory]
    [InlineData("mlp_relu", 16, new[] { 128, 64 }, new[] { 64, 128 })]
    [InlineData("mlp_mixed", 24, new[] { 16, 13 }, new[] { 8, 16 })]
    [InlineData("mlp_binary", 8, new[] { 1, 30 }, null)]
    public void Fixture_lists_every_tensor_with_its_PyTorch_shape(string fixture, int tensorCount, int[] firstWeight, int[]? secondWeight)
    {
        SafeTensorsFile file = SafeTensorsFile.Load(SafeTensorsBytes.FixturePath(fixture));

        Assert.Equal(tensorCount, file.Names.Count);
        Assert.Equal("0.weight", file.Names.First());
        Assert.Equal(firstWeight, file.GetInfo("0.weight").Shape.ToArray());
        Assert.Equal(SafeTensorsDType.Float32, file.GetInfo("0.weight").DType);
        Assert.Equal([firstWeight[0]], file.GetInfo("0.bias").Shape.ToArray());
        if (secondWeight is not null) Assert.Equal(secondWeight, file.GetInfo("1.weight").Shape.ToArray());
        Assert.Equal(0, file.GetInfo("loss").Rank);
        Assert.Equal(1, file.GetInfo("loss").ElementCount);
        Assert.Equal(fixture, file.Metadata["model"]);
        Assert.All(file.Names, name => Assert.True(file.Contains(name)));
    }

    [Fact]
    public void Mlp_relu_values_match_python_struct_unpack()
    {
        SafeTensorsFile file = SafeTensorsFile.Load(SafeTensorsBytes.FixturePath("mlp_relu"));

        var weight = new float[128 * 64];
        file.ReadFloat32("0.weight", [128, 64], weight);
        // Exact: both sides hold the same float32 bits widened to double.
        Assert.Equal(-0.06789951771497726, (double)weight[0]);
        Assert.Equal(0.1265881508588791, (double)weight[^1]);
        // Exact: Python's sum() adds the same doubles in the same order.
        Assert.Equal(-15.6984101831913, Sum(weight));
        Assert.Equal(-12.85503781119587, Sum(file.ReadFloat32("1.weight")));
        Assert.Equal(2.4315826892852783, (double)file.ReadFloat32("loss")[0]);

        Assert.Equal(SafeTensorsDType.Int64, file.GetInfo("target").DType);
        Assert.Equal([2L, 9, 6, 1, 8, 1, 3, 4], file.ReadInt64("target"));
        var target = new long[8];
        file.ReadInt64("target", [8], target);
        Assert.Equal(9, target[1]);

        Assert.Equal("SoftmaxCrossEntropy", file.Metadata["loss"]);
        Assert.Equal("1000", file.Metadata["seed"]);
    }

    [Fact]
    public void Mlp_mixed_and_binary_values_match_python_struct_unpack()
    {
        SafeTensorsFile mixed = SafeTensorsFile.Load(SafeTensorsBytes.FixturePath("mlp_mixed"));
        Assert.Equal(-8.606436356902122, Sum(mixed.ReadFloat32("2.weight")));
        Assert.Equal(-0.6042218208312988, (double)mixed.ReadFloat32("4.bias")[^1]);
        Assert.Equal(-0.7584568671882153, Sum(mixed.ReadFloat32("target")));

        SafeTensorsFile binary = SafeTensorsFile.Load(SafeTensorsBytes.FixturePath("mlp_binary"));
        var weight = new float[30];
        binary.ReadFloat32("0.weight", [1, 30], weight);
        Assert.Equal(-1.2095676455646753, Sum(weight));
        Assert.Equal(0.15513472259044647, (double)weight[^1]);
        Assert.Equal(3.0, Sum(binary.ReadFloat32("target")));
    }

    [Fact]
    public void Reading_a_missing_tensor_names_it_and_lists_the_file_contents()
    {
        SafeTensorsFile file = SafeTensorsFile.Load(SafeTensorsBytes.FixturePath("mlp_binary"));

        var error = Assert.Throws<InvalidDataException>(() => file.ReadFloat32("1.weight", [1, 30], new float[30]));

        Assert.Contains("mlp_binary.safetensors", error.Message);
        Assert.Contains("tensor '1.weight' is missing", error.Message);
        Assert.Contains("0.weight, 0.bias, input", error.Message);
    }

    [Fact]
    public void Reading_with_the_transposed_shape_reports_both_shapes()
    {
        SafeTensorsFile file = SafeTensorsFile.Load(SafeTensorsBytes.FixturePath("mlp_relu"));

        var error = Assert.Throws<InvalidDataException>(() => file.ReadFloat32("0.weight", [64, 128], new float[128 * 64]));

        Assert.Contains("tensor '0.weight' has shape [128, 64]; expected [64, 128]", error.Message);
    }

    [Fact]
    public void Reading_an_int64_tensor_as_float_reports_the_dtype()
    {
        SafeTensorsFile file = SafeTensorsFile.Load(SafeTensorsBytes.FixturePath("mlp_relu"));

        var error = Assert.Throws<InvalidDataException>(() => file.ReadFloat32("target", [8], new float[8]));
        Assert.Contains("tensor 'target' has dtype I64; expected F32", error.Message);

        var intError = Assert.Throws<InvalidDataException>(() => file.ReadInt64("0.bias"));
        Assert.Contains("tensor '0.bias' has dtype F32; expected I64", intError.Message);
    }

    [Fact]
    public void Destination_of_the_wrong_length_is_an_argument_error_checked_before_the_file()
    {
        SafeTensorsFile file = SafeTensorsFile.Load(SafeTensorsBytes.FixturePath("mlp_relu"));

        var error = Assert.Throws<ArgumentException>(() => file.ReadFloat32("0.weight", [128, 64], new float[100]));
        Assert.Equal("destination", error.ParamName);
        Assert.Contains("expected 8192", error.Message);

        var negative = Assert.Throws<ArgumentException>(() => file.ReadFloat32("0.bias", [-1, -128], new float[128]));
        Assert.Equal("expectedShape", negative.ParamName);
    }

    private static double Sum(float[] values)
    {
        double sum = 0;
        foreach (float v in values) sum += v;
        return sum;
    }
}
