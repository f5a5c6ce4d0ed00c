using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;
using Specialized.Nodes;

namespace Specialized.Tests.Nodes;

/// <summary>
/// A model's flat buffers start on a 64-byte cache line whatever the allocator does, so a 512-bit weight load never
/// spans two lines (batch-1 inference streams every weight once and was 12–15% slower when the array landed misaligned).
/// </summary>
public class ModelStateAlignmentTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(17_226)]
    public void AlignedFloatsStartOnACacheLineAndAreZeroed(int length)
    {
        // Many allocations in a row, with odd-sized arrays between them, so the arrays land at every offset.
        var keep = new List<object>();
        for (int i = 0; i < 24; i++)
        {
            keep.Add(new byte[i * 4 + 4]);
            var floats = new AlignedFloats(length);
            keep.Add(floats);
            Assert.Equal(length, floats.Length);
            Assert.Equal(length, floats.Span.Length);
            Assert.Equal(0, AddressModulo64(floats.Span));
            Assert.True(floats.Span.IndexOfAnyExcept(0f) < 0);
        }
    }

    [Fact]
    public void AlignmentSurvivesACompactingCollection()
    {
        var floats = new AlignedFloats(5000);
        floats.Span.Fill(2f);
        for (int i = 0; i < 100; i++) _ = new byte[1000 + i];
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.Equal(0, AddressModulo64(floats.Span));
        Assert.True(floats.Span.IndexOfAnyExcept(2f) < 0);
    }

    [Fact]
    public void ParametersGradientsBuffersAndTrainingValuesAreAligned()
    {
        var layout = new ModelLayout(ParameterCount: 8330, BufferCount: 33, IntegerBufferCount: 1, ValueSizes: [64, 128, 10], OutputValue: 2, SavedCount: 1, ScratchFloats: 77);
        for (int i = 0; i < 8; i++)
        {
            _ = new float[i + 1];
            var state = new ModelState(layout);
            Assert.Equal(8330 + BufferLayout.Slack, state.Parameters.Length);
            Assert.Equal(8330 + BufferLayout.Slack, state.Gradients.Length);
            Assert.Equal(33 + BufferLayout.Slack, state.Buffers.Length);
            Assert.Equal(0, AddressModulo64(state.Parameters));
            Assert.Equal(0, AddressModulo64(state.Gradients));
            Assert.Equal(0, AddressModulo64(state.Buffers));
            state.Training.EnsureCapacity(3 + i);
            Assert.Equal(0, AddressModulo64(state.Training.Value(1)));
            Assert.Equal(0, AddressModulo64(state.Training.Gradient(2)));
            Assert.Equal(0, AddressModulo64(state.Training.Saved(0, 50 + i)));
            Assert.Equal(0, AddressModulo64(state.Training.Scratch));
            Assert.True(state.Training.Value(1).Length >= (3 + i) * 128 + BufferLayout.Slack);
        }
    }

    private static unsafe long AddressModulo64(Span<float> span) =>
        (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span)) % 64;
}
