using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

public class PcaTests
{
    public static TheoryData<string> Sets() => new(ReferenceData.SetNames);

    [Theory]
    [MemberData(nameof(Sets))]
    public void Explained_variance_ratios_on_standardized_features_match_scikit_learn(string set)
    {
        var (train, _, d) = ReferenceData.Standardized(set);
        var pca = new Pca(componentCount: Math.Min(5, d));
        pca.Fit(train, d);
        var expected = ReferenceData.Value(set, "pca_explained_variance_ratio").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int c = 0; c < expected.Length; c++)
            Assert.Equal(expected[c], pca.ExplainedVarianceRatio[c], 1e-4); // the tolerance
    }

    /// <summary>
    /// The covariance is summed over blocks of rows (about 8192 doubles each); every block split, a partial last block
    /// and a single block must give the eigenvalues of the covariance computed directly in one pass.
    /// </summary>
    [Theory]
    [InlineData(300, 40)]  // 204-row blocks: one full, one partial
    [InlineData(1000, 64)] // 128-row blocks: seven full, one partial
    [InlineData(50, 3)]    // fewer rows than a block
    [InlineData(40, 300)]  // wide: 27-row blocks
    public void Blocked_covariance_matches_a_direct_one(int rows, int d)
    {
        var random = new Random(rows + d);
        var samples = new float[rows * d];
        for (int i = 0; i < samples.Length; i++) samples[i] = (float)(random.NextDouble() * 8 - 3 + (i % d) * 0.01);
        var pca = new Pca(componentCount: Math.Min(rows, d));
        pca.Fit(samples, d);

        var mean = new double[d];
        for (int r = 0; r < rows; r++) for (int j = 0; j < d; j++) mean[j] += samples[r * d + j];
        for (int j = 0; j < d; j++) mean[j] /= rows;
        var covariance = new double[d * d];
        for (int a = 0; a < d; a++)
            for (int b = 0; b <= a; b++)
            {
                double sum = 0;
                for (int r = 0; r < rows; r++) sum += (samples[r * d + a] - mean[a]) * (samples[r * d + b] - mean[b]);
                covariance[a * d + b] = covariance[b * d + a] = sum / (rows - 1);
            }
        var eigenvalues = new double[d];
        Specialized.LinearAlgebra.SymmetricEigen.Decompose(covariance, d, eigenvalues, new double[d * d]);
        for (int c = 0; c < pca.ComponentCount; c++)
            Assert.True(Math.Abs(eigenvalues[c] - pca.ExplainedVariance[c]) <= 1e-10 * eigenvalues[0], $"component {c}: {pca.ExplainedVariance[c]} vs {eigenvalues[c]}");
    }

    [Fact]
    public void Raw_digits_first_component_explains_the_reference_14_66_percent()
    {
        var (train, _) = ReferenceData.Raw("digits");
        var pca = new Pca(whiten: true);
        pca.Fit(train.Features, train.FeatureCount);
        Assert.Equal(0.1466, pca.ExplainedVarianceRatio[0], 5e-5); // REFERENCE.md gives four digits
        Assert.Equal(64, pca.ComponentCount);
    }

    [Fact]
    public void Whitened_projections_have_unit_variance_and_invert_back()
    {
        var (train, _, d) = ReferenceData.Standardized("wine");
        int rows = train.Length / d;
        var pca = new Pca(whiten: true);
        pca.Fit(train, d);
        var projected = new float[rows * d];
        pca.Transform(train, projected);
        for (int c = 0; c < d; c++)
        {
            double sum = 0, squares = 0;
            for (int r = 0; r < rows; r++) { sum += projected[r * d + c]; squares += projected[r * d + c] * projected[r * d + c]; }
            Assert.Equal(0, sum / rows, 4);
            Assert.Equal(1, squares / (rows - 1), 4); // unit sample variance up to float storage of the projections
        }
        var restored = new float[train.Length];
        pca.InverseTransform(projected, restored);
        for (int i = 0; i < train.Length; i++) Assert.Equal(train[i], restored[i], 3e-4f);
    }

    [Fact]
    public void Two_dimensional_line_has_one_component_along_it_with_positive_largest_entry()
    {
        // Points on y = −x: the first axis is ±(1, −1)/√2; the convention makes the largest-magnitude entry positive.
        var pca = new Pca();
        pca.Fit([-2, 2, -1, 1, 1, -1, 2, -2], 2);
        Assert.Equal(1.0, pca.ExplainedVarianceRatio[0], 12);
        Assert.Equal(20.0 / 3, pca.ExplainedVariance[0], 12); // projections ±√2, ±2√2: (2 + 8 + 2 + 8) / (4 − 1)
        Assert.Equal(Math.Abs(pca.Components[0]), Math.Abs(pca.Components[1]), 12);
        Assert.True(Math.Max(pca.Components[0], pca.Components[1]) > 0);
    }

    [Fact]
    public void Too_many_components_throws_naming_componentCount()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Pca(componentCount: 3).Fit([1, 2, 3, 4], 2));
        Assert.Equal("componentCount", error.ParamName);
    }

    [Fact]
    public void Transform_into_a_span_of_the_wrong_size_throws_naming_projected()
    {
        var pca = new Pca();
        pca.Fit([1, 2, 3, 5, 4, 4], 2);
        Assert.Equal("projected", Assert.Throws<ArgumentException>(() => pca.Transform([1, 2], new float[3])).ParamName);
    }
}
