using System.Runtime.InteropServices;
using Specialized.Text;

namespace Specialized.Tests.Text;

/// <summary>
/// Every vector width of the embedding kernels, and of a whole training run, against the scalar path.
/// The element-wise updates round identically on every width (one fused multiply-add per element);
/// dot products sum in a different order per width, so results agree within float rounding.
/// </summary>
public sealed class EmbeddingVectorPathTests
{
    private static readonly VectorPath[] Widths = [VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512, VectorPath.Auto];

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    [InlineData(300)]
    public void Kernels_agree_with_the_scalar_path(int dimension)
    {
        int stride = EmbeddingKernels.Stride(dimension);
        var random = new Random(dimension);
        float[] Fill()
        {
            var row = new float[stride];
            for (int d = 0; d < dimension; d++) row[d] = (float)(random.NextDouble() - 0.5);
            return row;
        }
        float[] x = Fill(), y = Fill(), e = Fill();
        (float Dot, float[] Output, float[] Error, float[] Axpy) Run(VectorPath path)
        {
            float[] output = (float[])y.Clone(), error = (float[])e.Clone(), axpy = (float[])y.Clone();
            float dot = path switch
            {
                VectorPath.Scalar => Steps<ScalarEmbeddingLane>(x, output, error, axpy),
                VectorPath.Vector128 => Steps<EmbeddingLanes128>(x, output, error, axpy),
                VectorPath.Vector256 => Steps<EmbeddingLanes256>(x, output, error, axpy),
                _ => Steps<EmbeddingLanes512>(x, output, error, axpy),
            };
            return (dot, output, error, axpy);
        }
        var reference = Run(VectorPath.Scalar);
        foreach (VectorPath path in new[] { VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512 })
        {
            var actual = Run(path);
            Assert.Equal(reference.Dot, actual.Dot, 1e-5f * dimension);
            Assert.Equal(reference.Output, actual.Output);   // element-wise: bit-identical
            Assert.Equal(reference.Error, actual.Error);
            Assert.Equal(reference.Axpy, actual.Axpy);
        }
    }

    private static float Steps<TLanes>(float[] x, float[] output, float[] error, float[] axpy) where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        nuint n = (nuint)x.Length;
        ref float rx = ref MemoryMarshal.GetArrayDataReference(x);
        float dot = EmbeddingKernels.Dot<TLanes>(ref rx, ref MemoryMarshal.GetArrayDataReference(output), n);
        EmbeddingKernels.Backpropagate<TLanes>(0.3f, ref rx, ref MemoryMarshal.GetArrayDataReference(output), ref MemoryMarshal.GetArrayDataReference(error), n);
        EmbeddingKernels.Axpy<TLanes>(-0.7f, ref rx, ref MemoryMarshal.GetArrayDataReference(axpy), n);
        return dot;
    }

    public static TheoryData<Word2VecArchitecture, Word2VecObjective> Configurations() => new()
    {
        { Word2VecArchitecture.Cbow, Word2VecObjective.HierarchicalSoftmax },
        { Word2VecArchitecture.Cbow, Word2VecObjective.NegativeSampling },
        { Word2VecArchitecture.SkipGram, Word2VecObjective.HierarchicalSoftmax },
        { Word2VecArchitecture.SkipGram, Word2VecObjective.NegativeSampling },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Training_on_every_width_agrees_with_the_scalar_path(Word2VecArchitecture architecture, Word2VecObjective objective)
    {
        List<string[]> sentences = SmallCorpus.Sentences;
        float[] Train(VectorPath path)
        {
            var model = new Word2Vec(architecture, objective, dimension: 24, window: 3, minCount: 2, epochs: 1, seed: 7) { Path = path };
            model.Train(sentences);
            return model.Vectors.AllVectors.ToArray();
        }
        float[] reference = Train(VectorPath.Scalar);
        foreach (VectorPath path in Widths)
        {
            float[] actual = Train(path);
            // Different summation orders in the dot products drift by rounding over a few thousand steps;
            // the vectors are of order 0.1, so 1e-4 is a few hundred ulps, far below any real difference.
            double worst = reference.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst < 1e-4, $"{architecture} {objective} on {path}: largest difference from scalar {worst:G3}.");
        }
    }
}
