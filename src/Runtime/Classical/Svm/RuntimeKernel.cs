namespace Specialized;

/// <summary>
/// The general kernel: any feature count and any <see cref="SvmKernel"/>, its parameters read from
/// fields. Used by machines that are not declared (<see cref="Classical.SupportVectorClassifier"/>,
/// <c>new KernelSvm&lt;RuntimeKernel&gt;(...)</c>); a declared <see cref="KernelSvmAttribute"/> class
/// gets a generated kernel with the same results and constant sizes instead.
/// </summary>
public readonly struct RuntimeKernel : ISvmKernel
{
    private readonly float _gamma;
    private readonly float _coef0;

    /// <summary>Creates a kernel, checking its parameters as LIBSVM's <c>svm_check_parameter</c> does.</summary>
    /// <param name="kind">The kernel function.</param>
    /// <param name="features">Features per sample; at least 1.</param>
    /// <param name="gamma">Kernel scale; finite and 0 or more (unused by <see cref="SvmKernel.Linear"/>).</param>
    /// <param name="coef0">Additive constant of the polynomial and sigmoid kernels; finite.</param>
    /// <param name="degree">Polynomial degree; at least 1 (checked only for <see cref="SvmKernel.Polynomial"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public RuntimeKernel(SvmKernel kind, int features, double gamma = 0, double coef0 = 0, int degree = 3)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "kind must be Linear, Polynomial, Rbf or Sigmoid.");
        Require.InRange(features, 1, int.MaxValue / 2, nameof(features));
        Require.NonNegative(gamma, nameof(gamma));
        if (!double.IsFinite(coef0))
            throw new ArgumentOutOfRangeException(nameof(coef0), coef0, "coef0 must be a finite number.");
        if (kind == SvmKernel.Polynomial) Require.InRange(degree, 1, 64, nameof(degree));
        Kind = kind;
        Features = features;
        Gamma = gamma;
        Coef0 = coef0;
        Degree = degree;
        _gamma = (float)gamma;
        _coef0 = (float)coef0;
    }

    /// <inheritdoc/>
    public int Features { get; }

    /// <summary>Equal to <see cref="Features"/>: the general kernel handles the ragged end of a row itself.</summary>
    public int Stride => Features;

    /// <inheritdoc/>
    public SvmKernel Kind { get; }

    /// <inheritdoc/>
    public double Gamma { get; }

    /// <inheritdoc/>
    public double Coef0 { get; }

    /// <inheritdoc/>
    public int Degree { get; }

    /// <inheritdoc/>
    public float Evaluate(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float value = 0;
        EvaluateRow(a, b, 1, new Span<float>(ref value));
        return value;
    }

    /// <inheritdoc/>
    public void EvaluateRow(ReadOnlySpan<float> x, ReadOnlySpan<float> vectors, int count, Span<float> result)
    {
        Span<float> row = result[..count];
        SvmSimd.Row(Kind == SvmKernel.Rbf, x, vectors, Features, count, Features, row);
        switch (Kind)
        {
            case SvmKernel.Rbf: SvmSimd.ExpScaled(row, -_gamma); break;
            case SvmKernel.Polynomial: SvmSimd.Polynomial(row, _gamma, _coef0, Degree); break;
            case SvmKernel.Sigmoid: SvmSimd.Sigmoid(row, _gamma, _coef0); break;
        }
    }
}
