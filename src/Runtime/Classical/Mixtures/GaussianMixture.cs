using Specialized.LinearAlgebra;

namespace Specialized.Classical;

/// <summary>
/// A mixture of Gaussians fitted by expectation-maximization, following scikit-learn 1.2's
/// <c>GaussianMixture(init_params="kmeans")</c>: responsibilities start from a seeded k-means labelling
/// (one restart), covariances are the responsibility-weighted MLE plus <c>regularization</c> on the
/// diagonal (<c>reg_covar</c>), and EM stops when the mean log-likelihood of the training rows changes by
/// less than <c>tolerance</c> (<c>tol</c>) or after <see cref="MaxIterations"/>. With several restarts the
/// one of highest final log-likelihood is kept. Log-densities go through each covariance's Cholesky
/// factor (as the upper-triangular precision factor <c>P = L⁻ᵀ</c>) and a log-sum-exp over components.
/// Computation is in double precision; the E and M steps of full covariances use a blocked SIMD matrix product.
/// </summary>
/// <example><code>
/// var gmm = new GaussianMixture(componentCount: 10, covariance: CovarianceKind.Full, regularization: 1e-3, seed: 0);
/// gmm.Fit(samples, featureCount: 64);
/// gmm.ScoreSamples(samples, logLikelihoods);          // gmm.LogLikelihoodHistory, gmm.Converged
/// gmm.PredictProbabilities(samples, responsibilities);
/// </code></example>
public sealed class GaussianMixture : IDensityEstimator
{
    private readonly ExclusiveUse _exclusive = new();
    private Parameters? _fitted;
    private double[] _history = [];

    /// <summary>Configures the mixture.</summary>
    /// <param name="componentCount">Number of Gaussians (<c>n_components</c>), at most the number of rows.</param>
    /// <param name="covariance"><see cref="CovarianceKind.Full"/> or <see cref="CovarianceKind.Diagonal"/> (<c>covariance_type</c>).</param>
    /// <param name="tolerance">Stop when the mean log-likelihood changes by less than this (<c>tol</c>).</param>
    /// <param name="regularization">Added to every covariance's diagonal (<c>reg_covar</c>), &gt; 0 keeps covariances invertible.</param>
    /// <param name="maxIterations">EM iterations per restart (<c>max_iter</c>).</param>
    /// <param name="restarts">Independent initializations, the best kept (<c>n_init</c>).</param>
    /// <param name="seed">Seed of the k-means initializations.</param>
    /// <param name="maxThreads">Most threads the E step uses (rows in blocks of 16); 1 (the default) runs on the calling
    /// thread. Each row is computed the same way on any thread and the log-likelihood is summed in row order, so the
    /// fit is identical for every thread count.</param>
    public GaussianMixture(int componentCount = 1, CovarianceKind covariance = CovarianceKind.Full, double tolerance = 1e-3,
        double regularization = 1e-6, int maxIterations = 100, int restarts = 1, int seed = 0, int maxThreads = 1)
    {
        Require.InRange(maxThreads, 1, int.MaxValue);
        MaxThreads = maxThreads;
        Require.InRange(componentCount, 1, int.MaxValue);
        if (covariance is not (CovarianceKind.Full or CovarianceKind.Diagonal))
            throw new ArgumentOutOfRangeException(nameof(covariance), covariance, "covariance must be Full or Diagonal for a mixture.");
        Require.NonNegative(tolerance);
        Require.NonNegative(regularization);
        Require.InRange(maxIterations, 1, int.MaxValue);
        Require.InRange(restarts, 1, int.MaxValue);
        ComponentCount = componentCount;
        CovarianceKind = covariance;
        Tolerance = tolerance;
        Regularization = regularization;
        MaxIterations = maxIterations;
        Restarts = restarts;
        Seed = seed;
    }

    /// <summary>Number of components.</summary>
    public int ComponentCount { get; }

    /// <summary>The covariance kind.</summary>
    public CovarianceKind CovarianceKind { get; }

    /// <summary>The convergence tolerance on the mean log-likelihood.</summary>
    public double Tolerance { get; }

    /// <summary>The value added to every covariance's diagonal.</summary>
    public double Regularization { get; }

    /// <summary>The EM iteration cap.</summary>
    public int MaxIterations { get; }

    /// <summary>The number of restarts.</summary>
    public int Restarts { get; }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>Most threads the E step uses.</summary>
    public int MaxThreads { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _fitted is not null;

    /// <summary>Mixing weights, one per component, summing to 1.</summary>
    public IReadOnlyList<double> Weights => Fitted.Weights;

    /// <summary>Component means, components × features row-major.</summary>
    public IReadOnlyList<double> Means => Fitted.Means;

    /// <summary>
    /// Component covariances, regularization included: components × features × features for Full,
    /// components × features (the variances) for Diagonal.
    /// </summary>
    public IReadOnlyList<double> Covariances => Fitted.Covariances;

    /// <summary>
    /// The best restart's mean log-likelihood of the training rows at each EM iteration (computed in the
    /// E step, before that iteration's M step, as scikit-learn's lower bound). Non-decreasing up to rounding.
    /// </summary>
    public IReadOnlyList<double> LogLikelihoodHistory => Checked(_history);

    /// <summary>The last entry of <see cref="LogLikelihoodHistory"/> (scikit-learn's <c>lower_bound_</c>).</summary>
    public double LowerBound => Checked(_history)[^1];

    /// <summary>EM iterations run by the best restart.</summary>
    public int Iterations => Checked(_history).Length;

    /// <summary>Whether the best restart met the tolerance before the iteration cap.</summary>
    public bool Converged { get; private set; }

    private Parameters Fitted => Checked(_fitted)!;

    private T Checked<T>(T value)
    {
        Require.Fitted(IsFitted, nameof(GaussianMixture));
        return value;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Malformed or non-finite samples, fewer rows than components, or a
    /// component whose covariance became singular (raise the regularization).</exception>
    public void Fit(ReadOnlySpan<float> samples, int featureCount) => Fit(samples, featureCount, CancellationToken.None);

    /// <inheritdoc cref="Fit(ReadOnlySpan{float}, int)"/>
    /// <param name="samples">Training rows, rows × <paramref name="featureCount"/>.</param>
    /// <param name="featureCount">Features per row.</param>
    /// <param name="cancellationToken">Checked before every EM iteration.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled; the mixture keeps its previous state.</exception>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, CancellationToken cancellationToken)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        if (ComponentCount > rows)
            throw new ArgumentException($"samples have {rows} rows, fewer than componentCount = {ComponentCount}; use fewer components or more rows.", nameof(samples));
        int d = featureCount, k = ComponentCount;
        var x = new double[rows * d];
        for (int i = 0; i < x.Length; i++) x[i] = samples[i];
        var work = new Workspace(rows, d, k);
        var random = new Random(Seed);

        Parameters? best = null;
        double[] bestHistory = [];
        bool bestConverged = false;
        double bestBound = double.NegativeInfinity;
        for (int restart = 0; restart < Restarts; restart++)
        {
            var kmeans = new KMeans(k, maxIterations: 300, tolerance: 1e-4, restarts: 1);
            int[] labels = kmeans.FitDoubles(x, rows, d, new Random(random.Next())).Labels;
            work.Responsibilities.AsSpan().Clear();
            for (int i = 0; i < rows; i++) work.Responsibilities[i * k + labels[i]] = 1;
            Parameters parameters = MStep(x, rows, d, work);

            var history = new List<double>();
            double bound = double.NegativeInfinity;
            bool converged = false;
            for (int iteration = 0; iteration < MaxIterations; iteration++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double previous = bound;
                bound = EStep(x, rows, parameters, work);
                parameters = MStep(x, rows, d, work);
                history.Add(bound);
                if (Math.Abs(bound - previous) < Tolerance)
                {
                    converged = true;
                    break;
                }
            }
            if (best is null || bound > bestBound)
            {
                best = parameters;
                bestBound = bound;
                bestHistory = history.ToArray();
                bestConverged = converged;
            }
        }

        _fitted = best;
        _history = bestHistory;
        Converged = bestConverged;
        FeatureCount = d;
    }

    /// <summary>Fills the workspace's responsibilities from <paramref name="parameters"/>; returns the mean log-likelihood.</summary>
    private double EStep(double[] x, int rows, Parameters parameters, Workspace work)
    {
        int k = ComponentCount, d = parameters.FeatureCount;
        if (CovarianceKind == CovarianceKind.Full)
        {
            // μ_c·P_c once per component, shared by every row block.
            for (int c = 0; c < k; c++)
                MatrixMultiply.Multiply(parameters.Means.AsSpan(c * d, d), 1, d, parameters.PrecisionFactors.AsSpan(c * d * d, d * d), d, work.MeanProjected.AsSpan(c * d, d));
        }
        RowParallel.For(rows, MaxThreads, (start, end) => EStepRows(x, start, end, parameters, work));
        double total = 0;
        foreach (double value in work.RowLogLikelihoods) total += value; // row order: independent of the thread count
        return total / rows;
    }

    /// <summary>Log-weighted densities, then responsibilities and the log-likelihood, of rows [start, end).</summary>
    private void EStepRows(double[] x, int start, int end, Parameters parameters, Workspace work)
    {
        int k = ComponentCount, d = parameters.FeatureCount, count = end - start;
        double[] logProb = work.Responsibilities; // rows × k, log-weighted densities, then responsibilities
        if (CovarianceKind == CovarianceKind.Full)
        {
            Span<double> projected = work.Projected.AsSpan(start * d, count * d);
            for (int c = 0; c < k; c++)
            {
                ReadOnlySpan<double> precision = parameters.PrecisionFactors.AsSpan(c * d * d, d * d);
                MatrixMultiply.Multiply(x.AsSpan(start * d, count * d), count, d, precision, d, projected);
                ReadOnlySpan<double> meanProjected = work.MeanProjected.AsSpan(c * d, d);
                double constant = Math.Log(parameters.Weights[c]) + parameters.LogDetPrecision[c] - 0.5 * d * DensityMath.LogTwoPi;
                for (int i = 0; i < count; i++)
                {
                    ReadOnlySpan<double> y = projected.Slice(i * d, d);
                    double squared = 0;
                    for (int j = 0; j < d; j++)
                    {
                        double z = y[j] - meanProjected[j];
                        squared += z * z;
                    }
                    logProb[(start + i) * k + c] = constant - 0.5 * squared;
                }
            }
        }
        else
        {
            for (int c = 0; c < k; c++)
            {
                ReadOnlySpan<double> mean = parameters.Means.AsSpan(c * d, d);
                ReadOnlySpan<double> precision = parameters.PrecisionFactors.AsSpan(c * d, d);
                double constant = Math.Log(parameters.Weights[c]) + parameters.LogDetPrecision[c] - 0.5 * d * DensityMath.LogTwoPi;
                for (int i = start; i < end; i++)
                {
                    ReadOnlySpan<double> row = x.AsSpan(i * d, d);
                    double squared = 0;
                    for (int j = 0; j < d; j++)
                    {
                        double z = (row[j] - mean[j]) * precision[j];
                        squared += z * z;
                    }
                    logProb[i * k + c] = constant - 0.5 * squared;
                }
            }
        }
        for (int i = start; i < end; i++) work.RowLogLikelihoods[i] = DensityMath.Normalize(logProb.AsSpan(i * k, k));
    }

    /// <summary>Estimates weights, means and covariances from the workspace's responsibilities.</summary>
    private Parameters MStep(double[] x, int rows, int d, Workspace work)
    {
        int k = ComponentCount;
        double[] resp = work.Responsibilities;
        var weights = new double[k];
        for (int i = 0; i < rows; i++)
            for (int c = 0; c < k; c++) weights[c] += resp[i * k + c];
        // As scikit-learn: 10·ε keeps an empty component's mean finite.
        for (int c = 0; c < k; c++) weights[c] += 10 * 2.220446049250313e-16;

        var means = new double[k * d];
        MatrixMultiply.MultiplyTransposedA(resp, rows, k, x, d, means);
        for (int c = 0; c < k; c++)
            for (int j = 0; j < d; j++) means[c * d + j] /= weights[c];

        double[] covariances, factors;
        var logDet = new double[k];
        if (CovarianceKind == CovarianceKind.Full)
        {
            covariances = new double[k * d * d];
            factors = new double[k * d * d];
            for (int c = 0; c < k; c++)
            {
                // W = √r ⊙ (X − μ); Σ = WᵀW / n_k + reg·I.
                double[] w = work.Projected;
                ReadOnlySpan<double> mean = means.AsSpan(c * d, d);
                for (int i = 0; i < rows; i++)
                {
                    double root = Math.Sqrt(resp[i * k + c]);
                    for (int j = 0; j < d; j++)
                    {
                        w[i * d + j] = root * (x[i * d + j] - mean[j]);
                    }
                }
                Span<double> covariance = covariances.AsSpan(c * d * d, d * d);
                MatrixMultiply.TransposeTimesSelf(w, rows, d, covariance);
                for (int i = 0; i < d * d; i++) covariance[i] /= weights[c];
                for (int j = 0; j < d; j++) covariance[j * d + j] += Regularization;
                logDet[c] = PrecisionFactor(covariance, d, factors.AsSpan(c * d * d, d * d), c);
            }
        }
        else
        {
            covariances = new double[k * d];
            factors = new double[k * d];
            // Σ_i r_ic x_ij² for every component and feature as one product Rᵀ·(X ∘ X).
            double[] squaredX = work.Projected, weightedSquares = new double[k * d];
            for (int i = 0; i < rows * d; i++) squaredX[i] = x[i] * x[i];
            MatrixMultiply.MultiplyTransposedA(resp, rows, k, squaredX, d, weightedSquares);
            for (int c = 0; c < k; c++)
            {
                double logDetPrecision = 0;
                for (int j = 0; j < d; j++)
                {
                    double squares = weightedSquares[c * d + j];
                    double mean = means[c * d + j];
                    double variance = squares / weights[c] - mean * mean + Regularization;
                    if (!(variance > 0))
                        throw new ArgumentException(SingularMessage(c), "samples");
                    covariances[c * d + j] = variance;
                    factors[c * d + j] = 1 / Math.Sqrt(variance);
                    logDetPrecision += Math.Log(factors[c * d + j]);
                }
                logDet[c] = logDetPrecision;
            }
        }

        double sum = weights.Sum();
        for (int c = 0; c < k; c++) weights[c] /= sum;
        return new Parameters(d, weights, means, covariances, factors, logDet);
    }

    /// <summary>Writes P = L⁻ᵀ (upper triangular, Pᵀ·Σ·P = I) of <paramref name="covariance"/>; returns log det P.</summary>
    private double PrecisionFactor(ReadOnlySpan<double> covariance, int d, Span<double> factor, int component)
    {
        var lower = covariance.ToArray();
        if (!Cholesky.TryFactor(lower, d)) throw new ArgumentException(SingularMessage(component), "samples");
        var column = new double[d];
        double logDet = 0;
        for (int j = 0; j < d; j++)
        {
            column.AsSpan().Clear();
            column[j] = 1;
            Cholesky.SolveLower(lower, d, column);   // column j of L⁻¹ = row j of P
            for (int i = 0; i < d; i++) factor[j * d + i] = column[i];
            logDet -= Math.Log(lower[j * d + j]);
        }
        return logDet;
    }

    private string SingularMessage(int component) =>
        $"samples gave mixture component {component} a covariance that is not positive definite (a collapsed component or " +
        $"a constant feature) with regularization = {Regularization}; increase regularization (scikit-learn's reg_covar) or use fewer components.";

    /// <inheritdoc/>
    public void ScoreSamples(ReadOnlySpan<float> samples, Span<double> logDensities)
    {
        Parameters parameters = Fitted;
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<double>(logDensities, rows, nameof(logDensities), "one per row");
        Span<double> work = ScratchBuffer.Doubles(2 * FeatureCount + ComponentCount);
        for (int r = 0; r < rows; r++)
        {
            Span<double> logProb = work[..ComponentCount];
            WeightedLogDensities(parameters, samples.Slice(r * FeatureCount, FeatureCount), logProb, work[ComponentCount..]);
            logDensities[r] = DensityMath.LogSumExp(logProb);
        }
    }

    /// <summary>The mean log-likelihood of the rows (scikit-learn's <c>score</c>).</summary>
    public double Score(ReadOnlySpan<float> samples)
    {
        Require.Fitted(IsFitted, nameof(GaussianMixture));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        double[] logDensities = new double[rows];
        ScoreSamples(samples, logDensities);
        return logDensities.Average();
    }

    /// <summary>Writes each row's responsibilities (rows × <see cref="ComponentCount"/>, each row summing to 1).</summary>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> responsibilities)
    {
        Parameters parameters = Fitted;
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<float>(responsibilities, rows * ComponentCount, nameof(responsibilities), "rows × ComponentCount");
        Span<double> work = ScratchBuffer.Doubles(2 * FeatureCount + ComponentCount);
        for (int r = 0; r < rows; r++)
        {
            Span<double> logProb = work[..ComponentCount];
            WeightedLogDensities(parameters, samples.Slice(r * FeatureCount, FeatureCount), logProb, work[ComponentCount..]);
            DensityMath.Normalize(logProb);
            for (int c = 0; c < ComponentCount; c++) responsibilities[r * ComponentCount + c] = (float)logProb[c];
        }
    }

    /// <summary>Writes the most responsible component of every row into <paramref name="components"/>.</summary>
    public void Predict(ReadOnlySpan<float> samples, Span<int> components)
    {
        Parameters parameters = Fitted;
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<int>(components, rows, nameof(components), "one per row");
        Span<double> work = ScratchBuffer.Doubles(2 * FeatureCount + ComponentCount);
        for (int r = 0; r < rows; r++)
        {
            Span<double> logProb = work[..ComponentCount];
            WeightedLogDensities(parameters, samples.Slice(r * FeatureCount, FeatureCount), logProb, work[ComponentCount..]);
            int best = 0;
            for (int c = 1; c < ComponentCount; c++) if (logProb[c] > logProb[best]) best = c;
            components[r] = best;
        }
    }

    private void WeightedLogDensities(Parameters parameters, ReadOnlySpan<float> sample, Span<double> logProb, Span<double> work)
    {
        int d = FeatureCount;
        Span<double> diff = work[..d], z = work.Slice(d, d);
        bool full = CovarianceKind == CovarianceKind.Full;
        for (int c = 0; c < ComponentCount; c++)
        {
            ReadOnlySpan<double> mean = parameters.Means.AsSpan(c * d, d);
            for (int j = 0; j < d; j++) diff[j] = sample[j] - mean[j];
            double squared = 0;
            if (full)
            {
                // z = diff · P with P upper triangular: row i of P touches columns i.. only.
                ReadOnlySpan<double> p = parameters.PrecisionFactors.AsSpan(c * d * d, d * d);
                z.Clear();
                for (int i = 0; i < d; i++)
                {
                    double value = diff[i];
                    ReadOnlySpan<double> row = p.Slice(i * d, d);
                    for (int j = i; j < d; j++) z[j] += value * row[j];
                }
                foreach (double v in z) squared += v * v;
            }
            else
            {
                ReadOnlySpan<double> p = parameters.PrecisionFactors.AsSpan(c * d, d);
                for (int j = 0; j < d; j++) squared += diff[j] * p[j] * (diff[j] * p[j]);
            }
            logProb[c] = Math.Log(parameters.Weights[c]) + parameters.LogDetPrecision[c] - 0.5 * (d * DensityMath.LogTwoPi + squared);
        }
    }

    private sealed record Parameters(int FeatureCount, double[] Weights, double[] Means, double[] Covariances, double[] PrecisionFactors, double[] LogDetPrecision);

    private sealed class Workspace(int rows, int d, int k)
    {
        public double[] Responsibilities { get; } = new double[rows * k];
        public double[] Projected { get; } = new double[rows * d];
        public double[] MeanProjected { get; } = new double[k * d];
        public double[] RowLogLikelihoods { get; } = new double[rows];
    }
}
