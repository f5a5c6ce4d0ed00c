namespace Specialized.Runtime.Tests.Classical.Svm;

/// <summary>
/// Batches of 8 rows or more are predicted a block at a time on the solver's kernels (BatchPrediction): they must give
/// the labels of the per-sample path, across block boundaries, for every kernel function.
/// </summary>
public class KernelSvmBatchPredictionTests
{
    // Five overlapping classes in 37 features (not a multiple of any register width), so classes have odd and even
    // support counts and some test rows sit near a decision boundary.
    private static (float[] X, int[] Y) Blobs(int rows, int seed)
    {
        const int d = 37;
        var random = new Random(seed);
        var x = new float[rows * d];
        var y = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            y[r] = r % 5;
            for (int j = 0; j < d; j++) x[r * d + j] = (float)(random.NextDouble() * 2 - 1 + (j % 5 == y[r] ? 0.8 : 0));
        }
        return (x, y);
    }

    [Theory]
    [InlineData(SvmKernel.Rbf)]
    [InlineData(SvmKernel.Linear)]
    [InlineData(SvmKernel.Polynomial)]
    [InlineData(SvmKernel.Sigmoid)]
    public void Batch_labels_equal_the_per_sample_labels_across_blocks(SvmKernel kind)
    {
        var (x, y) = Blobs(200, 1);
        var svm = new KernelSvm<RuntimeKernel>(new RuntimeKernel(kind, 37, gamma: 0.05, coef0: 0.1, degree: 3), 1);
        svm.Fit(x, y);
        Assert.True(svm.SupportVectorCount > 20);
        var (test, _) = Blobs(301, 2); // two full blocks of 128 and a partial one
        var batch = new int[301];
        svm.Predict(test, batch);
        for (int r = 0; r < 301; r++) Assert.Equal(svm.Predict(test.AsSpan(r * 37, 37)), batch[r]);
        // A batch just past the threshold, and the same machine again (its block buffers reused).
        var small = new int[9];
        svm.Predict(test.AsSpan(0, 9 * 37), small);
        Assert.Equal(batch.AsSpan(0, 9).ToArray(), small);
    }

    [Fact]
    public void Batch_of_a_machine_without_support_vectors_votes_by_the_intercepts()
    {
        var svm = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Linear, 1), 1);
        svm.ImportState(new KernelSvmState
        {
            Kernel = SvmKernel.Linear, Features = 1, Gamma = 0, Coef0 = 0, Degree = 3,
            Classes = [10, 20, 30], SupportCounts = new int[3], SupportVectors = [], DualCoefficients = [],
            Intercepts = [1, -1, 1], // (0,1) → 0, (0,2) → 2, (1,2) → 1: a three-way tie, the lowest class wins
        });
        var labels = new int[12];
        svm.Predict(new float[12], labels);
        Assert.All(labels, label => Assert.Equal(10, label));
    }

    [Fact]
    public void Batch_with_a_class_without_support_vectors_equals_the_per_sample_labels()
    {
        // Three classes, the middle one without support vectors: its pairs are decided by the other class's shares and
        // the intercepts alone, and every pair's decision must be gathered from the right coefficient row.
        var svm = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Linear, 2), 1);
        svm.ImportState(new KernelSvmState
        {
            Kernel = SvmKernel.Linear, Features = 2, Gamma = 0, Coef0 = 0, Degree = 3,
            Classes = [3, 5, 7], SupportCounts = [1, 0, 1], SupportVectors = [1, 0, 0, 1],
            DualCoefficients = [0.7, -1.3, 1.1, -0.4], // row 0: (v0 against class 1, v1 against class 0); row 1: (v0 against 2, v1 against 1)
            Intercepts = [0.2, -0.1, 0.3],
        });
        var random = new Random(3);
        var x = new float[40 * 2];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 4 - 2);
        var batch = new int[40];
        svm.Predict(x, batch);
        for (int r = 0; r < 40; r++) Assert.Equal(svm.Predict(x.AsSpan(r * 2, 2)), batch[r]);
        Assert.Equal(3, batch.Distinct().Count()); // the rows reach every class, so each pair's decision was taken
    }
}
