namespace Specialized;

/// <summary>
/// The part of every <see cref="KernelSvm{TKernel}"/> that does not depend on the kernel type: the fitted model
/// and batch prediction. Not generic, so a ReadyToRun image of the library carries
/// <see cref="Predict(ReadOnlySpan{float}, Span{int})"/> and <see cref="IsFitted"/> precompiled: the first batch
/// of a machine declared with <see cref="KernelSvmAttribute"/> in an application's own assembly (never
/// precompiled unless the application publishes ReadyToRun) then compiles nothing, where members of
/// <c>KernelSvm&lt;TKernel&gt;</c> over the generated kernel struct would each be JIT-compiled at their first call.
/// Derive from <see cref="KernelSvm{TKernel}"/>; this class has no public constructor.
/// </summary>
public abstract class KernelSvmBase
{
    // The fitted model, set together by Commit (fields, not properties: no getter to compile before a first prediction).
    private protected int[] _classes = [];
    private protected int[] _supportCounts = [];
    private protected int[] _supportStarts = [];
    private protected int[] _supportIndices = [];
    private protected float[] _supportVectors = []; // Stride floats apart
    private protected double[] _coefficients = [];
    private protected double[] _rho = [];
    private readonly ISvmKernel _boxedKernel; // the kernel boxed once, for the non-generic batch predictor
    private readonly int _features, _stride;
    private BatchPrediction.Scratch? _batchScratch;

    // A batch of at least this many rows is predicted a block at a time on the training kernels (BatchPrediction).
    private const int BatchedRows = 8;

    private protected KernelSvmBase(ISvmKernel kernel)
    {
        _boxedKernel = kernel;
        _features = kernel.Features;
        _stride = kernel.Stride;
    }

    /// <summary>Whether the machine has been trained (or loaded).</summary>
    public bool IsFitted { get; private set; }

    /// <summary>
    /// Predicts every row of <paramref name="samples"/> into <paramref name="predictions"/>. Batches of 8 rows or more
    /// run a block at a time on the solver's kernels; they allocate their block buffers once per machine (then reuse
    /// them), smaller batches allocate nothing.
    /// </summary>
    /// <param name="samples">Rows of the machine's feature count, row-major.</param>
    /// <param name="predictions">One label per row.</param>
    /// <exception cref="InvalidOperationException">The machine has not been fitted.</exception>
    /// <exception cref="ArgumentException">The samples are not whole rows, or the prediction count differs from the row count.</exception>
    public void Predict(ReadOnlySpan<float> samples, Span<int> predictions)
    {
        if (!IsFitted) Require.Fitted(false, GetType().Name); // the type's name only when it is needed
        int features = _features;
        int rows = Require.Rows(samples, features, nameof(samples));
        Require.Length<int>(predictions, rows, nameof(predictions), "one prediction per sample row");
        if (rows >= BatchedRows && _stride == features)
        {
            Span<int> votes = stackalloc int[_classes.Length];
            BatchPrediction.Predict(_boxedKernel, samples, features, _supportVectors, _supportIndices.Length, _coefficients, _supportStarts, _supportCounts, _rho, _classes,
                predictions, votes, ref _batchScratch);
            return;
        }
        PredictEach(samples, predictions);
    }

    /// <summary>The per-sample path of <see cref="Predict(ReadOnlySpan{float}, Span{int})"/> over the typed kernel: small batches, and kernels with padded rows.</summary>
    private protected abstract void PredictEach(ReadOnlySpan<float> samples, Span<int> predictions);

    /// <summary>Replaces the model (arrays owned by the machine from here on) and marks it fitted.</summary>
    private protected void Commit(int[] classes, int[] supportCounts, int[] supportIndices, float[] supportVectors, double[] coefficients, double[] rho)
    {
        var starts = new int[classes.Length];
        for (int c = 1; c < classes.Length; c++) starts[c] = starts[c - 1] + supportCounts[c - 1];
        _classes = classes;
        _supportCounts = supportCounts;
        _supportStarts = starts;
        _supportIndices = supportIndices;
        _supportVectors = supportVectors;
        _coefficients = coefficients;
        _rho = rho;
        IsFitted = true;
    }
}
