using Specialized.IO;

namespace Specialized.Models.Tests.Svm;

/// <summary>The raw digits (pixels 0–16), split row % 5 == 4, trained once per kernel for all tests here.</summary>
public sealed class SvmDigitsFixture
{
    public SvmDigitsFixture()
    {
        (Train, Test) = Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv")).SplitByRowIndex(5, 4);
        Rbf = new DigitsSvm();
        Rbf.Fit(Train.Features, Train.Labels);
        Poly = new DigitsPolySvm();
        Poly.Fit(Train.Features, Train.Labels);
    }

    public Dataset Train { get; }

    public Dataset Test { get; }

    public DigitsSvm Rbf { get; }

    public DigitsPolySvm Poly { get; }

    public static double Accuracy<TKernel>(KernelSvm<TKernel> svm, Dataset test) where TKernel : struct, ISvmKernel
    {
        var predictions = new int[test.Count];
        svm.Predict(test.Features, predictions);
        return predictions.Zip(test.Labels).Count(p => p.First == p.Second) / (double)test.Count;
    }
}

/// <summary>The generated DigitsSvm and DigitsPolySvm reproduce LIBSVM on digits, agree with RuntimeKernel, save and load.</summary>
public class DigitsSvmTests(SvmDigitsFixture digits) : IClassFixture<SvmDigitsFixture>
{
    // LIBSVM 3.24 through scikit-learn 1.2.1 (tests/fixtures/sklearn_reference.json, docs/REFERENCE.md).
    private const double LibsvmAccuracy = 0.9889;

    [Fact]
    public void Rbf_reaches_libsvm_accuracy_and_support_vector_count()
    {
        // Within 0.5 pp (under two of 359 test rows) and 5% of LIBSVM's 697 support vectors: kernel values
        // are float here and double in LIBSVM, which may move a multiplier across zero.
        Assert.InRange(SvmDigitsFixture.Accuracy(digits.Rbf, digits.Test), LibsvmAccuracy - 0.005, 1.0);
        Assert.InRange(digits.Rbf.SupportVectorCount, 697 * 0.95, 697 * 1.05);
        Assert.Equal(Enumerable.Range(0, 10), digits.Rbf.Classes.ToArray());
    }

    [Fact]
    public void Polynomial_reaches_libsvm_accuracy_and_support_vector_count()
    {
        Assert.InRange(SvmDigitsFixture.Accuracy(digits.Poly, digits.Test), LibsvmAccuracy - 0.005, 1.0);
        Assert.InRange(digits.Poly.SupportVectorCount, 450 * 0.95, 450 * 1.05);
    }

    [Fact]
    public void Generated_kernel_trains_the_same_machine_as_the_runtime_kernel()
    {
        var runtime = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Rbf, 64, gamma: 0.001), c: 10);
        runtime.Fit(digits.Train.Features, digits.Train.Labels);
        // The same solver on kernel values that differ only in float summation order: the same support
        // vectors, and predictions that may differ only for a test row whose vote is a near tie (none here).
        Assert.Equal(runtime.SupportVectorCount, digits.Rbf.SupportVectorCount);
        var generated = new int[digits.Test.Count];
        var reference = new int[digits.Test.Count];
        digits.Rbf.Predict(digits.Test.Features, generated);
        runtime.Predict(digits.Test.Features, reference);
        Assert.True(generated.Zip(reference).Count(p => p.First != p.Second) <= 1, "more than one prediction differs");
    }

    [Fact]
    public void Save_then_load_gives_identical_decision_values()
    {
        string path = Path.Combine(Path.GetTempPath(), $"digits-svm-{Guid.NewGuid():N}.safetensors");
        try
        {
            digits.Rbf.SaveWeights(path);
            var loaded = new DigitsSvm();
            loaded.LoadWeights(path);
            Assert.Equal(digits.Rbf.SupportVectorCount, loaded.SupportVectorCount);
            Assert.Equal(digits.Rbf.SupportIndices.ToArray(), loaded.SupportIndices.ToArray());
            var expected = new double[digits.Rbf.PairCount];
            var actual = new double[loaded.PairCount];
            for (int r = 0; r < digits.Test.Count; r++)
            {
                var x = digits.Test.Features.AsSpan(r * 64, 64);
                digits.Rbf.DecisionValues(x, expected);
                loaded.DecisionValues(x, actual);
                Assert.Equal(expected, actual); // F64 coefficients and intercepts, F32 vectors: bit for bit
            }
            var file = SafeTensorsFile.Load(path);
            Assert.Equal("rbf", file.Metadata["kernel"]);
            Assert.Equal("0.001", file.Metadata["gamma"]);
            Assert.Equal([digits.Rbf.SupportVectorCount, 64], file.GetInfo("support_vectors").Shape.ToArray());
            Assert.Equal(SafeTensorsDType.Float64, file.GetInfo("dual_coef").DType);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void File_of_another_kernel_is_refused_and_the_model_is_untouched()
    {
        string path = Path.Combine(Path.GetTempPath(), $"digits-poly-{Guid.NewGuid():N}.safetensors");
        try
        {
            digits.Poly.SaveWeights(path);
            var rbf = new DigitsSvm();
            rbf.ImportState(digits.Rbf.ExportState());
            double before = Decision(rbf);
            var error = Assert.Throws<InvalidDataException>(() => rbf.LoadWeights(path));
            Assert.Contains("Polynomial kernel", error.Message);
            Assert.Contains("this machine has a Rbf kernel", error.Message);
            Assert.Equal(before, Decision(rbf));
            Assert.Equal(digits.Rbf.SupportVectorCount, rbf.SupportVectorCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Damaged_or_inconsistent_files_are_refused_and_the_model_is_untouched()
    {
        string good = Path.Combine(Path.GetTempPath(), $"digits-svm-{Guid.NewGuid():N}.safetensors");
        string bad = good + ".bad";
        try
        {
            digits.Rbf.SaveWeights(good);
            var svm = new DigitsSvm();
            svm.LoadWeights(good);
            double before = Decision(svm);
            byte[] bytes = File.ReadAllBytes(good);

            // Truncated: the safetensors reader refuses it.
            File.WriteAllBytes(bad, bytes[..(bytes.Length / 2)]);
            Assert.Throws<InvalidDataException>(() => svm.LoadWeights(bad));

            // Consistent file, wrong counts: one class fewer in support_counts than in classes.
            var state = digits.Rbf.ExportState();
            var writer = new SafeTensorsWriter();
            foreach (var (key, value) in SafeTensorsFile.Load(good).Metadata) writer.AddMetadata(key, value);
            int n = state.SupportCounts.Sum();
            writer.Add("support_vectors", [n, 64], state.SupportVectors);
            writer.AddFloat64("dual_coef", [9, n], state.DualCoefficients);
            writer.AddFloat64("intercept", [45], state.Intercepts);
            writer.AddInt64("classes", [10], state.Classes.Select(c => (long)c).ToArray());
            writer.AddInt64("support_counts", [9], state.SupportCounts.Take(9).Select(c => (long)c).ToArray());
            writer.Save(bad);
            var error = Assert.Throws<InvalidDataException>(() => svm.LoadWeights(bad));
            Assert.Contains("support_counts has 9 entries; expected one per class (10)", error.Message);

            // Feature count in the metadata differs from the declared kernel.
            var other = new SafeTensorsWriter();
            foreach (var (key, value) in SafeTensorsFile.Load(good).Metadata) other.AddMetadata(key, key == "features" ? "32" : value);
            other.Add("support_vectors", [n, 32], new float[n * 32]);
            other.AddFloat64("dual_coef", [9, n], state.DualCoefficients);
            other.AddFloat64("intercept", [45], state.Intercepts);
            other.AddInt64("classes", [10], state.Classes.Select(c => (long)c).ToArray());
            other.AddInt64("support_counts", [10], state.SupportCounts.Select(c => (long)c).ToArray());
            other.Save(bad);
            error = Assert.Throws<InvalidDataException>(() => svm.LoadWeights(bad));
            Assert.Contains("over 32 features", error.Message);

            Assert.Equal(before, Decision(svm));
        }
        finally
        {
            File.Delete(good);
            File.Delete(bad);
        }
    }

    [Fact]
    public void Predict_before_fit_throws_InvalidOperationException()
    {
        var svm = new DigitsSvm();
        Assert.Throws<InvalidOperationException>(() => svm.Predict(new float[64]));
        Assert.Throws<InvalidOperationException>(() => svm.SaveWeights(Path.Combine(Path.GetTempPath(), "never.safetensors")));
    }

    [Fact]
    public void Predict_allocates_nothing()
    {
        var predictions = new int[digits.Test.Count];
        digits.Rbf.Predict(digits.Test.Features, predictions); // warm up: JIT and tiering may allocate
        digits.Rbf.Predict(digits.Test.Features.AsSpan(0, 64));
        // An allocation of Predict's own shows in every attempt; the runtime's one-off work on the calling thread
        // (a tier-up or on-stack-replacement compile under a loaded suite: 208 bytes once) in one attempt only.
        long fewest = long.MaxValue;
        int label = -1;
        for (int attempt = 0; attempt < 3 && fewest != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            digits.Rbf.Predict(digits.Test.Features, predictions);
            label = digits.Rbf.Predict(digits.Test.Features.AsSpan(0, 64));
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, fewest);
        Assert.Equal(digits.Test.Labels[0], label);
    }

    private double Decision(DigitsSvm svm)
    {
        var values = new double[svm.PairCount];
        svm.DecisionValues(digits.Test.Features.AsSpan(0, 64), values);
        return values.Sum();
    }
}
