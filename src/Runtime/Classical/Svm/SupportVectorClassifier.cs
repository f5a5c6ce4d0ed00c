namespace Specialized.Classical;

/// <summary>
/// A kernel SVM (C-SVC, one-vs-one, LIBSVM's algorithm) behind the shared <see cref="IClassifier"/>
/// shape, for any feature count fixed at <c>Fit</c>: the undeclared counterpart of a
/// <see cref="KernelSvmAttribute"/> class, running <see cref="KernelSvm{TKernel}"/> over a
/// <see cref="RuntimeKernel"/>. Labels are class indices; <see cref="ClassCount"/> is the largest + 1.
/// </summary>
public sealed class SupportVectorClassifier : IClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private KernelSvm<RuntimeKernel>? _machine;

    /// <summary>Creates an untrained classifier; parameters mean what they mean in LIBSVM and scikit-learn's <c>SVC</c>.</summary>
    /// <param name="kernel">The kernel function.</param>
    /// <param name="c">Cost of a margin violation; greater than 0.</param>
    /// <param name="gamma">Kernel scale, 0 or more; <see langword="null"/> means <c>1 / features</c> (scikit-learn's <c>'auto'</c>).</param>
    /// <param name="coef0">Additive constant of the polynomial and sigmoid kernels.</param>
    /// <param name="degree">Degree of the polynomial kernel; at least 1.</param>
    /// <param name="tolerance">Stopping tolerance; greater than 0.</param>
    /// <param name="cacheMegabytes">Kernel-row cache limit; greater than 0.</param>
    /// <param name="shrinking">Whether the solver shrinks.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public SupportVectorClassifier(SvmKernel kernel = SvmKernel.Rbf, double c = 1.0, double? gamma = null, double coef0 = 0,
        int degree = 3, double tolerance = 1e-3, double cacheMegabytes = 200, bool shrinking = true)
    {
        if (!Enum.IsDefined(kernel))
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "kernel must be Linear, Polynomial, Rbf or Sigmoid.");
        Require.Positive(c);
        if (gamma is double g) Require.NonNegative(g, nameof(gamma));
        if (!double.IsFinite(coef0)) throw new ArgumentOutOfRangeException(nameof(coef0), coef0, "coef0 must be a finite number.");
        if (kernel == SvmKernel.Polynomial) Require.InRange(degree, 1, 64);
        Require.Positive(tolerance);
        Require.Positive(cacheMegabytes);
        KernelKind = kernel;
        C = c;
        Gamma = gamma;
        Coef0 = coef0;
        Degree = degree;
        Tolerance = tolerance;
        CacheMegabytes = cacheMegabytes;
        Shrinking = shrinking;
    }

    /// <summary>The kernel function.</summary>
    public SvmKernel KernelKind { get; }

    /// <summary>Cost of a margin violation.</summary>
    public double C { get; }

    /// <summary>Kernel scale; <see langword="null"/> for <c>1 / features</c>.</summary>
    public double? Gamma { get; }

    /// <summary>Additive kernel constant.</summary>
    public double Coef0 { get; }

    /// <summary>Polynomial degree.</summary>
    public int Degree { get; }

    /// <summary>Stopping tolerance.</summary>
    public double Tolerance { get; }

    /// <summary>Kernel-row cache limit in megabytes.</summary>
    public double CacheMegabytes { get; }

    /// <summary>Whether the solver shrinks.</summary>
    public bool Shrinking { get; }

    /// <summary>The trained machine, for decision values, support vectors and saving.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public KernelSvm<RuntimeKernel> Machine
    {
        get
        {
            Require.Fitted(IsFitted, nameof(SupportVectorClassifier));
            return _machine!;
        }
    }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _machine is not null;

    /// <summary>Number of support vectors of the trained machine.</summary>
    public int SupportVectorCount => Machine.SupportVectorCount;

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        int classes = Require.AtLeastTwoClasses(labels, rows, nameof(labels));
        var kernel = new RuntimeKernel(KernelKind, featureCount, Gamma ?? 1.0 / featureCount, Coef0, Degree);
        var machine = new KernelSvm<RuntimeKernel>(kernel, C, Tolerance, CacheMegabytes, Shrinking);
        machine.Fit(samples, labels);
        _machine = machine;
        FeatureCount = featureCount;
        ClassCount = classes;
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample) => Machine.Predict(sample);

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels) => Machine.Predict(samples, labels);

    /// <summary>
    /// Writes each row's share of the one-vs-one votes per class (votes / pairs; rows sum to 1; a
    /// label absent from training gets 0). These are vote fractions, not calibrated probabilities:
    /// LIBSVM's Platt-scaled estimates (<c>-b 1</c>) need an inner cross-validation not done here.
    /// </summary>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        KernelSvm<RuntimeKernel> machine = Machine;
        int rows = Require.Rows(samples, FeatureCount, nameof(samples));
        Require.Length<float>(probabilities, rows * ClassCount, nameof(probabilities), $"{rows} rows × {ClassCount} classes");
        Span<int> votes = stackalloc int[machine.ClassCount];
        ReadOnlySpan<int> classes = machine.Classes;
        float perVote = 1f / machine.PairCount;
        for (int r = 0; r < rows; r++)
        {
            machine.Votes(samples.Slice(r * FeatureCount, FeatureCount), votes);
            Span<float> row = probabilities.Slice(r * ClassCount, ClassCount);
            row.Clear();
            for (int c = 0; c < votes.Length; c++) row[classes[c]] = votes[c] * perVote;
        }
    }
}
