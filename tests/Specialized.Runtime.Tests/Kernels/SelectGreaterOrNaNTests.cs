using Specialized.Kernels;

namespace Specialized.Tests.Kernels;

/// <summary>
/// <see cref="IFloatRegister{TSelf}.SelectGreaterOrNaN"/> on every register width against PyTorch's scalar max-pool
/// step <c>val &gt; max || isnan(val) ? val : max</c>, compared bit for bit over every pair of special values: NaNs
/// with different payloads (which NaN survives), −0 and +0 (a tie keeps the held one), ±∞, equal and ordered numbers.
/// </summary>
public sealed class SelectGreaterOrNaNTests
{
    private static readonly float[] Values =
    [
        float.NaN, BitConverter.Int32BitsToSingle(0x7FC0_1234), BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0077)),
        float.NegativeInfinity, float.PositiveInfinity, -0f, 0f, -1f, 1f, 2.5f, -2.5f, float.Epsilon, float.MaxValue, float.MinValue,
    ];

    [Fact]
    public void The_scalar_register_selects_the_bits_of_PyTorchs_max_pool_step() => Check<FloatScalar>();

    [Fact]
    public void The_128_bit_register_selects_the_same_bits() => Check<Float128>();

    [Fact]
    public void The_256_bit_register_selects_the_same_bits() => Check<Float256>();

    [Fact]
    public void The_512_bit_register_selects_the_same_bits() => Check<Float512>();

    private static void Check<TReg>() where TReg : struct, IFloatRegister<TReg>
    {
        // Every ordered pair (current, candidate), packed register after register; the last register is padded with pairs already seen.
        var pairs = (from current in Values from candidate in Values select (current, candidate)).ToArray();
        int count = TReg.Count;
        for (int first = 0; first < pairs.Length; first += count)
        {
            float[] held = new float[count], offered = new float[count], selected = new float[count];
            for (int lane = 0; lane < count; lane++) (held[lane], offered[lane]) = pairs[(first + lane) % pairs.Length];
            TReg result = TReg.SelectGreaterOrNaN(TReg.Load(ref held[0], 0), TReg.Load(ref offered[0], 0));
            TReg.Store(result, ref selected[0], 0);
            for (int lane = 0; lane < count; lane++)
            {
                float current = held[lane], candidate = offered[lane];
                float expected = candidate > current || float.IsNaN(candidate) ? candidate : current;
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(selected[lane]),
                    $"{typeof(TReg).Name}: current {Bits(current)}, candidate {Bits(candidate)}: expected {Bits(expected)}, got {Bits(selected[lane])}");
            }
        }
    }

    private static string Bits(float value) => $"{value:R} (0x{BitConverter.SingleToInt32Bits(value):X8})";
}
