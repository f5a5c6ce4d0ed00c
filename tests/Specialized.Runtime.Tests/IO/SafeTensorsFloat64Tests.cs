using Specialized.IO;

namespace Specialized.Runtime.Tests.IO;

public class SafeTensorsFloat64Tests
{
    [Fact]
    public void Float64_tensors_read_back_bit_exact_and_float32_widens_exactly()
    {
        double[] coefficients = [-0.0, 1.0 / 3, double.Epsilon, double.MaxValue, -1e-300, double.NaN, double.NegativeInfinity];
        var writer = new SafeTensorsWriter();
        writer.AddFloat64("dual_coef", [1, 7], coefficients);
        writer.Add("narrow", [2], [0.1f, -2.5f]);
        SafeTensorsFile file = SafeTensorsFile.Parse(writer.ToBytes(), "f64");

        Assert.Equal(SafeTensorsDType.Float64, file.GetInfo("dual_coef").DType);
        Assert.Equal([1, 7], file.GetInfo("dual_coef").Shape.ToArray());
        Assert.Equal(coefficients.Select(BitConverter.DoubleToInt64Bits), file.ReadFloat64("dual_coef").Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal([(double)0.1f, -2.5], file.ReadFloat64("narrow"));
    }

    [Fact]
    public void Float64_adder_checks_the_length_against_the_shape_and_the_reader_refuses_integers()
    {
        var writer = new SafeTensorsWriter();
        var error = Assert.Throws<ArgumentException>(() => writer.AddFloat64("x", [2, 2], [1.0, 2.0, 3.0]));
        Assert.Contains("data has 3 elements; expected 4", error.Message);
        writer.AddInt64("labels", [1], [3]);
        var file = SafeTensorsFile.Parse(writer.ToBytes(), "ints");
        var refused = Assert.Throws<InvalidDataException>(() => file.ReadFloat64("labels"));
        Assert.Contains("expected F64", refused.Message);
    }
}
