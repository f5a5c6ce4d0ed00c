using System.Runtime.CompilerServices;
using Specialized.LinearAlgebra;

namespace Specialized.Classical;

/// <summary>
/// Binary logistic regression p(y = 1 | x) = σ(wᵀx + b) with L2 regularization in scikit-learn's
/// convention: minimize ½‖w‖² + C·Σ_i log(1 + e^{−t_i(wᵀx_i + b)}), the intercept not penalized.
/// Newton–Raphson (IRLS): with p_i = σ(a_i) and R = diag(p_i(1 − p_i)), gradient
/// g = C·Φᵀ(p − t) + [0, w] and Hessian H = C·ΦᵀRΦ + diag(0, 1, …, 1); each step solves H·Δ = g by
/// Cholesky, which is the course's reweighted least-squares update with the penalty added.
/// Or gradient descent with the safe step 1/L. Everything in double precision.
/// </summary>
public sealed class LogisticRegression : IClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private double[]? _theta;

    /// <summary>Creates an unfitted model.</summary>
    /// <param name="c">Inverse regularization strength C, greater than 0 (scikit-learn's C).</param>
    /// <param name="solver">Newton (IRLS) or gradient descent.</param>
    /// <param name="maxIterations">Most iterations, at least 1; null means 100 for Newton, 100,000 for gradient descent.</param>
    /// <param name="tolerance">Stop when the largest gradient component is below this, greater than 0.</param>
    public LogisticRegression(double c = 1, LogisticSolver solver = LogisticSolver.Newton, int? maxIterations = null, double tolerance = 1e-8)
    {
        Require.Positive(c);
        if (maxIterations is int max) Require.InRange(max, 1, int.MaxValue, nameof(maxIterations));
        Require.Positive(tolerance);
        C = c;
        Solver = solver;
        MaxIterations = maxIterations ?? (solver == LogisticSolver.Newton ? 100 : 100_000);
        Tolerance = tolerance;
    }

    /// <summary>Inverse regularization strength.</summary>
    public double C { get; }

    /// <summary>The solver.</summary>
    public LogisticSolver Solver { get; }

    /// <summary>Most iterations.</summary>
    public int MaxIterations { get; }

    /// <summary>Gradient tolerance.</summary>
    public double Tolerance { get; }

    /// <summary>Iterations (Newton steps or gradient steps) the last fit took.</summary>
    public int Iterations { get; private set; }

    /// <summary>Whether the last fit reached the tolerance before the iteration cap.</summary>
    public bool Converged { get; private set; }

    /// <summary>The weights w, one per feature.</summary>
    public IReadOnlyList<double> Coefficients => _theta is null ? throw NotFitted() : _theta[1..];

    /// <summary>The intercept b.</summary>
    public double Intercept => _theta is null ? throw NotFitted() : _theta[0];

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount => IsFitted ? 2 : 0;

    /// <inheritdoc/>
    public bool IsFitted => _theta is not null;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The labels hold more than two classes (use <see cref="SoftmaxRegression"/>).</exception>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        var (rows, classes) = ClassifierArguments.Fit(samples, featureCount, labels);
        if (classes != 2)
            throw new ArgumentException($"labels hold {classes} classes; LogisticRegression is binary (labels 0 and 1). Use SoftmaxRegression for more.", nameof(labels));
        int width = featureCount + 1;
        var design = new double[rows * width];
        var targets = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            design[i * width] = 1;
            for (int f = 0; f < featureCount; f++) design[i * width + 1 + f] = samples[i * featureCount + f];
            targets[i] = labels[i];
        }
        var theta = new double[width];
        var (iterations, converged) = Solver == LogisticSolver.Newton
            ? Newton(design, targets, rows, width, theta)
            : GradientDescent(design, targets, rows, width, theta);
        _theta = theta;
        Iterations = iterations;
        Converged = converged;
        FeatureCount = featureCount;
    }

    private (int, bool) Newton(double[] design, double[] targets, int rows, int width, double[] theta)
    {
        var gradient = new double[width];
        var hessian = new double[width * width];
        for (int iteration = 1; iteration <= MaxIterations; iteration++)
        {
            Gradient(design, targets, rows, width, theta, gradient, hessian);
            if (MaxAbs(gradient) < Tolerance) return (iteration - 1, true);
            hessian[0] += 1e-12; // the intercept is unpenalized: keep H definite even if every p saturates
            if (!Cholesky.TryFactor(hessian, width))
                throw new InvalidOperationException("The Newton system became singular; the samples may hold linearly dependent features with a huge C.");
            Cholesky.Solve(hessian, width, gradient);
            for (int j = 0; j < width; j++) theta[j] -= gradient[j];
        }
        Gradient(design, targets, rows, width, theta, gradient, null);
        return (MaxIterations, MaxAbs(gradient) < Tolerance);
    }

    private (int, bool) GradientDescent(double[] design, double[] targets, int rows, int width, double[] theta)
    {
        // L = C/4 · λ_max(ΦᵀΦ) + 1 bounds the Hessian (σ' ≤ 1/4), so step 1/L never overshoots.
        var gram = new double[width * width];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<double> phi = design.AsSpan(i * width, width);
            for (int a = 0; a < width; a++)
                for (int b = 0; b < width; b++) gram[a * width + b] += phi[a] * phi[b];
        }
        var values = new double[width];
        SymmetricEigen.Decompose(gram, width, values, new double[width * width]);
        double step = 1 / (C / 4 * values[0] + 1);
        var gradient = new double[width];
        for (int iteration = 1; iteration <= MaxIterations; iteration++)
        {
            Gradient(design, targets, rows, width, theta, gradient, null);
            if (MaxAbs(gradient) < Tolerance) return (iteration - 1, true);
            for (int j = 0; j < width; j++) theta[j] -= step * gradient[j];
        }
        Gradient(design, targets, rows, width, theta, gradient, null);
        return (MaxIterations, MaxAbs(gradient) < Tolerance);
    }

    // g = C·Φᵀ(p − t) + [0, w]; when asked, H = C·ΦᵀRΦ + diag(0, 1, …, 1) (lower triangle summed, then mirrored).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Gradient(double[] design, double[] targets, int rows, int width, double[] theta, double[] gradient, double[]? hessian)
    {
        Array.Clear(gradient);
        if (hessian is not null) Array.Clear(hessian);
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<double> phi = design.AsSpan(i * width, width);
            double a = 0;
            for (int j = 0; j < width; j++) a += theta[j] * phi[j];
            double p = Sigmoid(a);
            double residual = C * (p - targets[i]);
            for (int j = 0; j < width; j++) gradient[j] += residual * phi[j];
            if (hessian is null) continue;
            double r = C * p * (1 - p);
            for (int j = 0; j < width; j++)
            {
                double rj = r * phi[j];
                Span<double> row = hessian.AsSpan(j * width, j + 1);
                for (int k = 0; k <= j; k++) row[k] += rj * phi[k];
            }
        }
        for (int j = 1; j < width; j++) gradient[j] += theta[j];
        if (hessian is null) return;
        for (int j = 1; j < width; j++) hessian[j * width + j] += 1;
        for (int j = 0; j < width; j++)
            for (int k = 0; k < j; k++) hessian[k * width + j] = hessian[j * width + k];
    }

    private static double Sigmoid(double a) => a >= 0 ? 1 / (1 + Math.Exp(-a)) : Math.Exp(a) / (1 + Math.Exp(a));

    private static double MaxAbs(double[] values)
    {
        double max = 0;
        foreach (double v in values) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample)
    {
        ClassifierArguments.Sample(IsFitted, nameof(LogisticRegression), sample, FeatureCount);
        return Activation(sample) > 0 ? 1 : 0;
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(LogisticRegression), samples, FeatureCount, labels, 1, nameof(labels));
        for (int r = 0; r < rows; r++) labels[r] = Activation(samples.Slice(r * FeatureCount, FeatureCount)) > 0 ? 1 : 0;
    }

    /// <inheritdoc/>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(LogisticRegression), samples, FeatureCount, probabilities, 2, nameof(probabilities));
        for (int r = 0; r < rows; r++)
        {
            double p = Sigmoid(Activation(samples.Slice(r * FeatureCount, FeatureCount)));
            probabilities[2 * r] = (float)(1 - p);
            probabilities[2 * r + 1] = (float)p;
        }
    }

    private double Activation(ReadOnlySpan<float> sample)
    {
        double[] theta = _theta!;
        double a = theta[0];
        for (int f = 0; f < sample.Length; f++) a += theta[f + 1] * sample[f];
        return a;
    }

    private static InvalidOperationException NotFitted() =>
        new($"This {nameof(LogisticRegression)} has not been fitted yet; call Fit before reading its results.");
}
