using Specialized.LinearAlgebra;
using System.Runtime.CompilerServices;
namespace Specialized.Classical;

/// <summary>
/// Softmax (multinomial logistic) regression for K classes, p(k | x) = softmax(W x + b)_k, with
/// scikit-learn's L2 convention: minimize ½Σ_k‖w_k‖² + C·Σ_i −ln p(y_i | x_i), intercepts not
/// penalized. Minimized by L-BFGS (a quasi-Newton method; the exact Newton system would have
/// K·(features + 1) unknowns), in double precision. The gradient is
/// C·Σ_i (p_i − onehot(y_i)) [1, x_i]ᵀ plus the weights.
/// </summary>
public sealed class SoftmaxRegression : IClassifier, IScoringClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private double[]? _theta;

    /// <summary>Creates an unfitted model.</summary>
    /// <param name="c">Inverse regularization strength C, greater than 0.</param>
    /// <param name="maxIterations">Most L-BFGS iterations, at least 1 ("max_iter").</param>
    /// <param name="tolerance">Stop when the largest gradient component is below this, greater than 0.</param>
    /// <param name="history">Step pairs L-BFGS remembers, at least 1.</param>
    public SoftmaxRegression(double c = 1, int maxIterations = 1000, double tolerance = 1e-4, int history = 10)
    {
        Require.Positive(c);
        Require.InRange(maxIterations, 1, int.MaxValue);
        Require.Positive(tolerance);
        Require.InRange(history, 1, int.MaxValue);
        C = c;
        MaxIterations = maxIterations;
        Tolerance = tolerance;
        History = history;
    }

    /// <summary>Inverse regularization strength.</summary>
    public double C { get; }

    /// <summary>Most iterations.</summary>
    public int MaxIterations { get; }

    /// <summary>Gradient tolerance.</summary>
    public double Tolerance { get; }

    /// <summary>L-BFGS memory.</summary>
    public int History { get; }

    /// <summary>L-BFGS iterations the last fit took.</summary>
    public int Iterations { get; private set; }

    /// <summary>Whether the last fit stopped on its tolerance rather than the iteration cap.</summary>
    public bool Converged { get; private set; }

    /// <summary>classes × features weights, row-major.</summary>
    public IReadOnlyList<double> Coefficients
    {
        get
        {
            double[] theta = _theta ?? throw NotFitted();
            int width = FeatureCount + 1;
            var w = new double[ClassCount * FeatureCount];
            for (int k = 0; k < ClassCount; k++) theta.AsSpan(k * width + 1, FeatureCount).CopyTo(w.AsSpan(k * FeatureCount));
            return w;
        }
    }

    /// <summary>One intercept per class.</summary>
    public IReadOnlyList<double> Intercepts
    {
        get
        {
            double[] theta = _theta ?? throw NotFitted();
            return Enumerable.Range(0, ClassCount).Select(k => theta[k * (FeatureCount + 1)]).ToArray();
        }
    }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _theta is not null;

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        var (rows, classes) = ClassifierArguments.Fit(samples, featureCount, labels);
        int width = featureCount + 1;
        var design = new double[rows * width];
        for (int i = 0; i < rows; i++)
        {
            design[i * width] = 1;
            for (int f = 0; f < featureCount; f++) design[i * width + 1 + f] = samples[i * featureCount + f];
        }
        int[] targets = labels.ToArray();
        double c = C;
        // The objective as two matrix products per evaluation: scores Sᵀ = Θ·Φᵀ (classes × rows, wide, so
        // the blocked product runs at full width), then the gradient C·Rᵀ·Φ with R = P − Y kept as Rᵀ
        // (classes × width), instead of a dot and an axpy per row and class.
        var designTransposed = new double[width * rows];
        MatrixMultiply.Transpose(design, rows, width, designTransposed);
        var scores = new double[classes * rows];
        var maxima = new double[rows];
        var sums = new double[rows];

        double Objective(double[] theta, double[] gradient)
        {
            MatrixMultiply.Multiply(theta, classes, width, designTransposed, rows, scores);
            maxima.AsSpan().Fill(double.NegativeInfinity);
            for (int k = 0; k < classes; k++)
            {
                ReadOnlySpan<double> row = scores.AsSpan(k * rows, rows);
                for (int i = 0; i < rows; i++) maxima[i] = Math.Max(maxima[i], row[i]);
            }
            double loss = 0;
            sums.AsSpan().Clear();
            for (int k = 0; k < classes; k++)
            {
                Span<double> row = scores.AsSpan(k * rows, rows);
                for (int i = 0; i < rows; i++)
                {
                    double a = row[i] - maxima[i];
                    if (targets[i] == k) loss -= a;
                    sums[i] += row[i] = Math.Exp(a);
                }
            }
            for (int i = 0; i < rows; i++)
            {
                loss += Math.Log(sums[i]);
                sums[i] = c / sums[i];
            }
            for (int k = 0; k < classes; k++)
            {
                Span<double> row = scores.AsSpan(k * rows, rows); // becomes C·(p − onehot)
                for (int i = 0; i < rows; i++) row[i] = row[i] * sums[i] - (targets[i] == k ? c : 0);
            }
            MatrixMultiply.Multiply(scores, classes, rows, design, width, gradient);
            double penalty = 0;
            for (int k = 0; k < classes; k++)
            {
                for (int j = 1; j < width; j++)
                {
                    double w = theta[k * width + j];
                    penalty += w * w;
                    gradient[k * width + j] += w;
                }
            }
            return c * loss + 0.5 * penalty;
        }

        var theta = new double[classes * width];
        var (iterations, converged) = Lbfgs.Minimize(Objective, theta, MaxIterations, Tolerance, History);
        _theta = theta;
        Iterations = iterations;
        Converged = converged;
        FeatureCount = featureCount;
        ClassCount = classes;
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample) => ScoredPrediction.Predict(this, sample);

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels) => ScoredPrediction.Predict(this, samples, labels);

    /// <inheritdoc/>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(SoftmaxRegression), samples, FeatureCount, probabilities, ClassCount, nameof(probabilities));
        Span<double> scores = ClassCount <= 256 ? stackalloc double[ClassCount] : new double[ClassCount];
        for (int r = 0; r < rows; r++)
        {
            Scores(samples.Slice(r * FeatureCount, FeatureCount), scores);
            ClassifierArguments.Softmax(scores);
            for (int k = 0; k < ClassCount; k++) probabilities[r * ClassCount + k] = (float)scores[k];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void IScoringClassifier.Score(ReadOnlySpan<float> sample, Span<double> scores) => Scores(sample, scores);

    private void Scores(ReadOnlySpan<float> sample, Span<double> scores)
    {
        double[] theta = _theta!;
        int width = FeatureCount + 1;
        for (int k = 0; k < scores.Length; k++)
        {
            ReadOnlySpan<double> w = theta.AsSpan(k * width, width);
            double a = w[0];
            for (int f = 0; f < sample.Length; f++) a += w[f + 1] * sample[f];
            scores[k] = a;
        }
    }

    private static InvalidOperationException NotFitted() =>
        new($"This {nameof(SoftmaxRegression)} has not been fitted yet; call Fit before reading its results.");
}
