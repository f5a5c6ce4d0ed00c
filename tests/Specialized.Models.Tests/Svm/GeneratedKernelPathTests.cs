using System.Runtime.InteropServices;

namespace Specialized.Models.Tests.Svm;

/// <summary>
/// Every emitted path (512, 256, 128-bit and scalar, forced one at a time; Vector512 runs in software
/// where the CPU lacks it) gives RuntimeKernel's values at feature counts with and without tails, for
/// 1 to 9 vectors (the four-vector step, its remainder and both together).
/// </summary>
public class GeneratedKernelPathTests
{
    private delegate void RowPath(ref float x, ref float v, int count, ref float result);

    private static void CheckAllPaths<TKernel>(TKernel kernel, RuntimeKernel reference, params RowPath[] paths) where TKernel : struct, ISvmKernel
    {
        var random = new Random(kernel.Features);
        int f = kernel.Features;
        for (int count = 1; count <= 9; count++)
        {
            float[] x = Enumerable.Range(0, f).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            float[] vectors = Enumerable.Range(0, f * count).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            var expected = new float[count];
            reference.EvaluateRow(x, vectors, count, expected);
            var whole = new float[count];
            kernel.EvaluateRow(x, vectors, count, whole);
            AssertClose(expected, whole, $"{typeof(TKernel).DeclaringType!.Name} EvaluateRow, {count} vectors");
            for (int p = 0; p < paths.Length; p++)
            {
                // The raw sums of each path (before the kernel function) against sums taken in double.
                var sums = new float[count];
                paths[p](ref MemoryMarshal.GetArrayDataReference(x), ref MemoryMarshal.GetArrayDataReference(vectors), count, ref MemoryMarshal.GetArrayDataReference(sums));
                var raw = new float[count];
                for (int j = 0; j < count; j++)
                {
                    double sum = 0;
                    for (int i = 0; i < f; i++)
                        sum += kernel.Kind == SvmKernel.Rbf ? Math.Pow(x[i] - vectors[j * f + i], 2) : (double)x[i] * vectors[j * f + i];
                    raw[j] = (float)sum;
                }
                AssertClose(raw, sums, $"{typeof(TKernel).DeclaringType!.Name} path {p}, {count} vectors");
            }
        }
    }

    // Float sums of up to 64 terms of magnitude ≤ 4 in another order than the reference: a relative 1e-5 plus an
    // absolute 1e-4 (64 terms × 4 × float epsilon, for sums that cancel to near zero) covers the rounding.
    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        for (int j = 0; j < expected.Length; j++)
            Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-5 * Math.Abs(expected[j]) + 1e-4, $"{what}: [{j}] expected {expected[j]}, got {actual[j]}");
    }

    [Fact]
    public void Rbf_with_one_feature_has_only_the_scalar_path_and_matches_the_runtime() =>
        CheckAllPaths(default(Rbf1Svm.Kernel), new RuntimeKernel(SvmKernel.Rbf, 1, gamma: 0.5), Rbf1Svm.Kernel.RowScalar);

    [Fact]
    public void Linear_with_seven_features_matches_the_runtime_on_the_128_bit_path_with_a_tail() =>
        CheckAllPaths(default(Linear7Svm.Kernel), new RuntimeKernel(SvmKernel.Linear, 7), Linear7Svm.Kernel.Row128, Linear7Svm.Kernel.RowScalar);

    [Fact]
    public void Polynomial_degree_five_with_seventeen_features_matches_the_runtime_on_every_path() =>
        CheckAllPaths(default(Poly17Svm.Kernel), new RuntimeKernel(SvmKernel.Polynomial, 17, gamma: 0.05, coef0: 1, degree: 5),
            Poly17Svm.Kernel.Row512, Poly17Svm.Kernel.Row256, Poly17Svm.Kernel.Row128, Poly17Svm.Kernel.RowScalar);

    [Fact]
    public void Sigmoid_with_nineteen_features_matches_the_runtime_on_every_path() =>
        CheckAllPaths(default(Sigmoid19Svm.Kernel), new RuntimeKernel(SvmKernel.Sigmoid, 19, gamma: 0.01, coef0: -0.5),
            Sigmoid19Svm.Kernel.Row512, Sigmoid19Svm.Kernel.Row256, Sigmoid19Svm.Kernel.Row128, Sigmoid19Svm.Kernel.RowScalar);

    [Fact]
    public void Rbf_with_forty_one_features_matches_the_runtime_on_every_path() =>
        CheckAllPaths(default(Rbf41Svm.Kernel), new RuntimeKernel(SvmKernel.Rbf, 41, gamma: 0.02),
            Rbf41Svm.Kernel.Row512, Rbf41Svm.Kernel.Row256, Rbf41Svm.Kernel.Row128, Rbf41Svm.Kernel.RowScalar);

    [Fact]
    public void Digits_kernels_match_the_runtime_on_every_path()
    {
        CheckAllPaths(default(DigitsSvm.Kernel), new RuntimeKernel(SvmKernel.Rbf, 64, gamma: 0.001),
            DigitsSvm.Kernel.Row512, DigitsSvm.Kernel.Row256, DigitsSvm.Kernel.Row128, DigitsSvm.Kernel.RowScalar);
        CheckAllPaths(default(DigitsPolySvm.Kernel), new RuntimeKernel(SvmKernel.Polynomial, 64, gamma: 0.001, coef0: 0, degree: 3),
            DigitsPolySvm.Kernel.Row512, DigitsPolySvm.Kernel.Row256, DigitsPolySvm.Kernel.Row128, DigitsPolySvm.Kernel.RowScalar);
    }

    [Fact]
    public void Generated_kernel_reports_its_declared_hyper_parameters()
    {
        var kernel = default(DigitsPolySvm.Kernel);
        Assert.Equal((64, 64, SvmKernel.Polynomial, 0.001, 0.0, 3), (kernel.Features, kernel.Stride, kernel.Kind, kernel.Gamma, kernel.Coef0, kernel.Degree));
        var svm = new DigitsSvm();
        Assert.Equal((10.0, 1e-3, 200.0, true), (svm.C, svm.Tolerance, svm.CacheMegabytes, svm.Shrinking));
    }

    [Fact]
    public void Too_short_spans_are_refused_before_any_read()
    {
        var kernel = default(DigitsSvm.Kernel);
        Assert.Throws<ArgumentException>(() => kernel.EvaluateRow(new float[63], new float[64], 1, new float[1]));
        Assert.Throws<ArgumentException>(() => kernel.EvaluateRow(new float[64], new float[127], 2, new float[2]));
        Assert.Throws<ArgumentException>(() => kernel.EvaluateRow(new float[64], new float[128], 2, new float[1]));
    }
}
