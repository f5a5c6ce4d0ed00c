using System.Runtime.InteropServices;
using Specialized.Text;

namespace Specialized.Tests.Text;

/// <summary>
/// Each objective's update against central finite differences of its loss on a tiny vocabulary:
/// L = −Σ_b log σ(s_b · h·u_b) with s_b = +1 for label 1 (code 0) and −1 for label 0 (code 1). A step
/// with learning rate α must move every output row by −α ∂L/∂u and every input row by −α ∂L/∂h
/// (for CBOW, h is the context mean and each context row gets the whole −α ∂L/∂h, as word2vec.c).
/// </summary>
public sealed class Word2VecGradientTests
{
    private const int Dimension = 7;           // not a multiple of any width: the padding must stay zero
    private const int Words = 6;
    private const float Alpha = 1e-3f;
    // The update is first order in α and the sigmoid table is within 2e-6 of σ; with values of order 0.3
    // the float deltas carry about 1e-4 relative error after dividing by α. 2e-3 absolute covers both.
    private const double Tolerance = 2e-3;

    public static TheoryData<string, int[], byte[]> Objectives() => new()
    {
        // Hierarchical softmax: a three-node path with mixed codes.
        { "hierarchical softmax", new[] { 4, 1, 3 }, new byte[] { 0, 1, 1 } },
        // Negative sampling: the word (code 0, label 1) and three negatives (code 1, label 0).
        { "negative sampling", new[] { 2, 0, 5, 3 }, new byte[] { 0, 1, 1, 1 } },
    };

    [Theory]
    [MemberData(nameof(Objectives))]
    public void Skip_gram_step_is_minus_alpha_times_the_loss_gradient(string objective, int[] rows, byte[] codes)
    {
        _ = objective;
        int stride = EmbeddingKernels.Stride(Dimension);
        (AlignedRows inputs, AlignedRows outputs) = RandomWeights(stride, seed: 3);
        const int context = 2;
        double[] hidden = Row(inputs, context);
        double[][] u = Enumerable.Range(0, Words).Select(w => Row(outputs, w)).ToArray();

        var error = new AlignedRows(1, stride);
        Word2VecSteps.SkipGram<ScalarEmbeddingLane>(ref inputs.Origin, ref outputs.Origin, (nuint)stride, context, rows, codes, Alpha, ref error.Origin);

        double[] gradH = NumericGradient(x => Loss(x, u, rows, codes), hidden);
        AssertStep(inputs.Row(context), hidden, gradH, "input row");
        foreach (int r in rows.Distinct())
        {
            double[] gradU = NumericGradient(x => Loss(hidden, Replace(u, r, x), rows, codes), u[r]);
            AssertStep(outputs.Row(r), u[r], gradU, $"output row {r}");
        }
        Assert.True(inputs.Row(context)[Dimension..].ToArray().All(v => v == 0), "padding stays zero");
    }

    [Theory]
    [MemberData(nameof(Objectives))]
    public void Cbow_step_moves_every_context_row_by_minus_alpha_times_the_gradient_of_the_mean(string objective, int[] rows, byte[] codes)
    {
        _ = objective;
        int stride = EmbeddingKernels.Stride(Dimension);
        (AlignedRows inputs, AlignedRows outputs) = RandomWeights(stride, seed: 5);
        int[] context = [0, 3, 5];
        double[][] x = Enumerable.Range(0, Words).Select(w => Row(inputs, w)).ToArray();
        double[][] u = Enumerable.Range(0, Words).Select(w => Row(outputs, w)).ToArray();
        double[] Mean(double[][] vectors) => Enumerable.Range(0, Dimension).Select(d => context.Average(c => vectors[c][d])).ToArray();

        var scratch = new AlignedRows(2, stride);
        Word2VecSteps.Cbow<ScalarEmbeddingLane>(ref inputs.Origin, ref outputs.Origin, (nuint)stride, context, rows, codes, Alpha,
            ref scratch.Origin, ref MemoryMarshal.GetReference(scratch.Row(1)));

        foreach (int c in context)
        {
            // d L / d x_c = (1/3) dL/dh; the update applies dL/dh itself, so compare with 3 × the numeric gradient.
            double[] grad = NumericGradient(v => Loss(Mean(Replace(x, c, v)), u, rows, codes), x[c]).Select(g => g * context.Length).ToArray();
            AssertStep(inputs.Row(c), x[c], grad, $"context row {c}");
        }
        double[] h = Mean(x);
        foreach (int r in rows.Distinct())
        {
            double[] gradU = NumericGradient(v => Loss(h, Replace(u, r, v), rows, codes), u[r]);
            AssertStep(outputs.Row(r), u[r], gradU, $"output row {r}");
        }
    }

    private static double Loss(double[] h, double[][] u, int[] rows, byte[] codes)
    {
        double loss = 0;
        for (int b = 0; b < rows.Length; b++)
        {
            double f = 0;
            for (int d = 0; d < Dimension; d++) f += h[d] * u[rows[b]][d];
            double sign = codes[b] == 0 ? 1 : -1;
            loss -= Math.Log(1 / (1 + Math.Exp(-sign * f)));
        }
        return loss;
    }

    private static double[] NumericGradient(Func<double[], double> f, double[] at)
    {
        const double h = 1e-5;
        var gradient = new double[at.Length];
        for (int d = 0; d < at.Length; d++)
        {
            double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
            plus[d] += h;
            minus[d] -= h;
            gradient[d] = (f(plus) - f(minus)) / (2 * h);
        }
        return gradient;
    }

    private static void AssertStep(Span<float> after, double[] before, double[] gradient, string what)
    {
        for (int d = 0; d < Dimension; d++)
        {
            double implied = -(after[d] - before[d]) / Alpha;
            Assert.True(Math.Abs(implied - gradient[d]) < Tolerance,
                $"{what}, element {d}: the step implies gradient {implied:G6}, finite differences give {gradient[d]:G6}.");
        }
    }

    private static (AlignedRows Inputs, AlignedRows Outputs) RandomWeights(int stride, int seed)
    {
        var random = new Random(seed);
        var inputs = new AlignedRows(Words, stride);
        var outputs = new AlignedRows(Words, stride);
        for (int w = 0; w < Words; w++)
        {
            for (int d = 0; d < Dimension; d++)
            {
                inputs.Row(w)[d] = (float)(random.NextDouble() - 0.5);
                outputs.Row(w)[d] = (float)(random.NextDouble() - 0.5);
            }
        }
        return (inputs, outputs);
    }

    private static double[] Row(AlignedRows rows, int row) => rows.Row(row)[..Dimension].ToArray().Select(v => (double)v).ToArray();

    private static double[][] Replace(double[][] rows, int index, double[] row)
    {
        var copy = (double[][])rows.Clone();
        copy[index] = row;
        return copy;
    }
}
