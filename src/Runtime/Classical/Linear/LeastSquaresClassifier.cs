using System.Runtime.CompilerServices;
using Specialized.LinearAlgebra;

namespace Specialized.Classical;

/// <summary>
/// Least-squares classification: fit a linear map y(x) = Wᵀ[1, x] to 1-of-K target vectors by
/// minimizing the sum of squares, and predict the class with the largest output. Solved in double
/// precision by Householder QR (never the normal equations); an optional ridge term (bias not
/// penalized) makes rank-deficient data, such as constant pixels, solvable.
/// </summary>
public sealed class LeastSquaresClassifier : IClassifier, IScoringClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private double[]? _weights;

    /// <summary>Creates an unfitted classifier.</summary>
    /// <param name="ridge">L2 penalty λ on the weights (not the bias), 0 or more: minimizes ‖ΦW − T‖² + λ‖W‖².</param>
    public LeastSquaresClassifier(double ridge = 0)
    {
        Require.NonNegative(ridge);
        Ridge = ridge;
    }

    /// <summary>The L2 penalty λ.</summary>
    public double Ridge { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _weights is not null;

    /// <summary>(features + 1) × classes weights, row-major; row 0 is the bias.</summary>
    public IReadOnlyList<double> Weights => _weights ?? throw new InvalidOperationException("This LeastSquaresClassifier has not been fitted yet; call Fit first.");

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        var (rows, classes) = ClassifierArguments.Fit(samples, featureCount, labels);
        int columns = featureCount + 1;
        int penaltyRows = Ridge > 0 ? featureCount : 0;
        int total = rows + penaltyRows;
        if (total < columns)
            throw new ArgumentException($"samples has {rows} rows for {featureCount} features; least squares needs at least {columns} rows, or ridge > 0.", nameof(samples));
        var design = new double[total * columns];
        var targets = new double[total * classes];
        for (int i = 0; i < rows; i++)
        {
            design[i * columns] = 1;
            for (int f = 0; f < featureCount; f++) design[i * columns + 1 + f] = samples[i * featureCount + f];
            targets[i * classes + labels[i]] = 1;
        }
        // Ridge as extra rows √λ·e_f with target 0: QR of the augmented system solves the penalized problem.
        for (int f = 0; f < penaltyRows; f++) design[(rows + f) * columns + 1 + f] = Math.Sqrt(Ridge);
        double[] weights;
        try
        {
            weights = LeastSquares.Solve(design, total, columns, targets, classes);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"samples: the features (with a bias column) are linearly dependent, e.g. a constant feature; pass ridge > 0. ({e.Message})", nameof(samples), e);
        }
        _weights = weights;
        FeatureCount = featureCount;
        ClassCount = classes;
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample) => ScoredPrediction.Predict(this, sample);

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels) => ScoredPrediction.Predict(this, samples, labels);

    /// <inheritdoc/>
    /// <remarks>
    /// Least-squares outputs sum to 1 but can leave [0, 1]; they are clipped at 0 and renormalized
    /// (uniform if none is positive). They are not calibrated probabilities.
    /// </remarks>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(LeastSquaresClassifier), samples, FeatureCount, probabilities, ClassCount, nameof(probabilities));
        Span<double> outputs = ClassCount <= 256 ? stackalloc double[ClassCount] : new double[ClassCount];
        for (int r = 0; r < rows; r++)
        {
            Outputs(samples.Slice(r * FeatureCount, FeatureCount), outputs);
            double sum = 0;
            foreach (ref double y in outputs) { y = Math.Max(y, 0); sum += y; }
            for (int k = 0; k < ClassCount; k++) probabilities[r * ClassCount + k] = (float)(sum > 0 ? outputs[k] / sum : 1.0 / ClassCount);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void IScoringClassifier.Score(ReadOnlySpan<float> sample, Span<double> scores) => Outputs(sample, scores);

    private void Outputs(ReadOnlySpan<float> sample, Span<double> outputs)
    {
        double[] w = _weights!;
        int classes = ClassCount;
        w.AsSpan(0, classes).CopyTo(outputs);
        for (int f = 0; f < sample.Length; f++)
        {
            double x = sample[f];
            ReadOnlySpan<double> row = w.AsSpan((f + 1) * classes, classes);
            for (int k = 0; k < classes; k++) outputs[k] += x * row[k];
        }
    }
}
