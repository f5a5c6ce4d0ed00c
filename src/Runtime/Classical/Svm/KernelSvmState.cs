namespace Specialized;

/// <summary>
/// Everything a trained <see cref="KernelSvm{TKernel}"/> needs to predict, as plain arrays named and
/// shaped like scikit-learn's <c>SVC</c> attributes, ready to be written to and read from a
/// safetensors file under the <c>…Tensor</c> names below (the kernel's description goes into
/// the file's <c>__metadata__</c>). Signs follow LIBSVM, also for two classes: a positive decision
/// value means the first class (scikit-learn's public <c>dual_coef_</c>/<c>intercept_</c> flip both
/// signs for two classes; its <c>_dual_coef_</c>/<c>_intercept_</c> do not).
/// </summary>
public sealed record KernelSvmState
{
    /// <summary>Tensor name of <see cref="SupportVectors"/>: F32 <c>[n_SV, features]</c>.</summary>
    public const string SupportVectorsTensor = "support_vectors";

    /// <summary>Tensor name of <see cref="DualCoefficients"/>: F64 <c>[classes − 1, n_SV]</c>.</summary>
    public const string DualCoefficientsTensor = "dual_coef";

    /// <summary>Tensor name of <see cref="Intercepts"/>: F64 <c>[classes·(classes − 1)/2]</c>.</summary>
    public const string InterceptsTensor = "intercept";

    /// <summary>Tensor name of <see cref="Classes"/>: I64 <c>[classes]</c>.</summary>
    public const string ClassesTensor = "classes";

    /// <summary>Tensor name of <see cref="SupportCounts"/>: I64 <c>[classes]</c>.</summary>
    public const string SupportCountsTensor = "support_counts";

    /// <summary>Tensor name of <see cref="SupportIndices"/>: I64 <c>[n_SV]</c> (optional on load).</summary>
    public const string SupportIndicesTensor = "support";

    /// <summary>Metadata key of <see cref="Kernel"/>.</summary>
    public const string KernelMetadata = "kernel";

    /// <summary>Metadata key of <see cref="Features"/>.</summary>
    public const string FeaturesMetadata = "features";

    /// <summary>Metadata key of <see cref="Gamma"/> (round-trippable text).</summary>
    public const string GammaMetadata = "gamma";

    /// <summary>Metadata key of <see cref="Coef0"/> (round-trippable text).</summary>
    public const string Coef0Metadata = "coef0";

    /// <summary>Metadata key of <see cref="Degree"/>.</summary>
    public const string DegreeMetadata = "degree";

    /// <summary>scikit-learn's name of a kernel: <c>linear</c>, <c>poly</c>, <c>rbf</c> or <c>sigmoid</c>.</summary>
    public static string KernelName(SvmKernel kernel) => kernel switch
    {
        SvmKernel.Linear => "linear",
        SvmKernel.Polynomial => "poly",
        SvmKernel.Rbf => "rbf",
        SvmKernel.Sigmoid => "sigmoid",
        _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "kernel must be Linear, Polynomial, Rbf or Sigmoid."),
    };

    /// <summary>The kernel named by scikit-learn's <paramref name="name"/> (see <see cref="KernelName"/>).</summary>
    public static bool TryParseKernelName(string name, out SvmKernel kernel)
    {
        foreach (SvmKernel candidate in Enum.GetValues<SvmKernel>())
        {
            if (KernelName(candidate) != name) continue;
            kernel = candidate;
            return true;
        }
        kernel = default;
        return false;
    }

    /// <summary>The kernel function (metadata <c>kernel</c>: <c>linear</c>, <c>poly</c>, <c>rbf</c>, <c>sigmoid</c>).</summary>
    public required SvmKernel Kernel { get; init; }

    /// <summary>Features per sample (metadata <c>features</c>).</summary>
    public required int Features { get; init; }

    /// <summary>Kernel scale (metadata <c>gamma</c>).</summary>
    public required double Gamma { get; init; }

    /// <summary>Additive kernel constant (metadata <c>coef0</c>).</summary>
    public required double Coef0 { get; init; }

    /// <summary>Polynomial degree (metadata <c>degree</c>).</summary>
    public required int Degree { get; init; }

    /// <summary>The class labels in ascending order; predictions are these values.</summary>
    public required int[] Classes { get; init; }

    /// <summary>Support vectors per class, in the order of <see cref="Classes"/>; they sum to n_SV.</summary>
    public required int[] SupportCounts { get; init; }

    /// <summary>The support vectors, row-major <c>[n_SV, Features]</c>, grouped by class in class order.</summary>
    public required float[] SupportVectors { get; init; }

    /// <summary>
    /// LIBSVM's <c>sv_coef</c>, row-major <c>[classes − 1, n_SV]</c>: for the pair (i, j), i &lt; j, the
    /// coefficient yα of a support vector of class i is in row j − 1, of class j in row i.
    /// </summary>
    public required double[] DualCoefficients { get; init; }

    /// <summary>−ρ of each pair (0,1), (0,2), …, (1,2), …: LIBSVM's pair order.</summary>
    public required double[] Intercepts { get; init; }

    /// <summary>Row index in the training samples of each support vector; empty when unknown.</summary>
    public int[] SupportIndices { get; init; } = [];
}
