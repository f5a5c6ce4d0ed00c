using System.Buffers;
using System.Globalization;
using Specialized.IO;

namespace Specialized;

/// <summary>
/// A kernel support vector machine (C-SVC) over the kernel <typeparamref name="TKernel"/>, trained and
/// used exactly as LIBSVM 3.x trains and uses one: SMO with second-order working set selection per
/// pair of classes, one-vs-one voting over classes in ascending label order, ties going to the lower
/// class. A class declared with <see cref="KernelSvmAttribute"/> derives from this type over its
/// generated kernel; <c>new KernelSvm&lt;RuntimeKernel&gt;(...)</c> gives the same machine for any
/// feature count without declaring one.
/// </summary>
/// <remarks>
/// Decision values follow LIBSVM's sign: for the pair of classes (i, j), i &lt; j in label order,
/// f(x) = Σ coef·K(sv, x) − ρ is positive for class i. Support vectors are stored once for all pairs,
/// grouped by class, <c>TKernel.Stride</c> floats apart. Not thread-safe during <c>Fit</c>;
/// prediction methods only read the model and allocate nothing, so they may run concurrently.
/// </remarks>
/// <typeparam name="TKernel">The kernel; a struct, so the solver and predictor are specialized to it.</typeparam>
public class KernelSvm<TKernel> : KernelSvmBase where TKernel : struct, ISvmKernel
{
    private const int StackFloats = 2048;

    private readonly TKernel _kernel;
    private readonly ExclusiveUse _exclusive = new();

    /// <summary>Creates an untrained machine.</summary>
    /// <param name="kernel">The kernel, hyper-parameters included.</param>
    /// <param name="c">Cost of a margin violation; greater than 0.</param>
    /// <param name="tolerance">Stopping tolerance on the maximal KKT violation; greater than 0 (LIBSVM's default 1e-3).</param>
    /// <param name="cacheMegabytes">Size limit of the kernel-row cache; greater than 0 (at least two rows are always kept).</param>
    /// <param name="shrinking">Whether to shrink the active set during training.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range, or the kernel has no features.</exception>
#pragma warning disable RS0022 // KernelSvmBase is meant to be reached only through this class (declared machines derive from it);
    // its members for derived classes are private protected, so no protected member is exposed outside the library.
    public KernelSvm(TKernel kernel, double c, double tolerance = 1e-3, double cacheMegabytes = 200, bool shrinking = true)
#pragma warning restore RS0022
        : base(CheckedKernel(kernel))
    {
        Require.Positive(c);
        Require.Positive(tolerance);
        Require.Positive(cacheMegabytes);
        _kernel = kernel;
        C = c;
        Tolerance = tolerance;
        CacheMegabytes = cacheMegabytes;
        Shrinking = shrinking;
    }

    // The sizes checked before the base class keeps them (and the kernel boxed once, for the batch predictor).
    private static ISvmKernel CheckedKernel(TKernel kernel)
    {
        Require.InRange(kernel.Features, 1, int.MaxValue / 2, "kernel.Features");
        Require.InRange(kernel.Stride, kernel.Features, int.MaxValue / 2, "kernel.Stride");
        return kernel;
    }

    /// <summary>The kernel.</summary>
    public TKernel Kernel => _kernel;

    /// <summary>Features per sample.</summary>
    public int Features => _kernel.Features;

    /// <summary>Cost of a margin violation.</summary>
    public double C { get; }

    /// <summary>Stopping tolerance of the solver.</summary>
    public double Tolerance { get; }

    /// <summary>Size limit of the kernel-row cache in megabytes.</summary>
    public double CacheMegabytes { get; }

    /// <summary>Whether the solver shrinks.</summary>
    public bool Shrinking { get; }

    /// <summary>Number of distinct classes seen by <c>Fit</c>.</summary>
    public int ClassCount => _classes.Length;

    /// <summary>Number of pairwise classifiers: <c>ClassCount·(ClassCount − 1)/2</c>.</summary>
    public int PairCount => _rho.Length;

    /// <summary>Number of support vectors, each counted once however many pairs use it.</summary>
    public int SupportVectorCount => _supportIndices.Length;

    /// <summary>The class labels in ascending order (LIBSVM's class order).</summary>
    public ReadOnlySpan<int> Classes => _classes;

    /// <summary>Row index in the training samples of each support vector (−1 for a machine loaded without them).</summary>
    public ReadOnlySpan<int> SupportIndices => _supportIndices;

    /// <summary>SMO iterations of the last <c>Fit</c>, summed over the pairs.</summary>
    public long TrainingIterations { get; private set; }

    /// <summary>Kernel rows computed by the last <c>Fit</c>, summed over the pairs: the cache's misses.</summary>
    public long KernelRowsComputed { get; private set; }

    /// <summary>
    /// Trains on <paramref name="samples"/> (rows × <see cref="Features"/>, row-major) and one integer
    /// label (0 or more) per row. Replaces any earlier model, and only once training has succeeded.
    /// </summary>
    /// <exception cref="ArgumentException">The samples are not whole rows, hold NaN or ∞, the label count
    /// differs from the row count, a label is negative, or fewer than two classes occur.</exception>
    public void Fit(ReadOnlySpan<float> samples, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int features = Features, stride = _kernel.Stride;
        int rows = Require.FiniteRows(samples, features, nameof(samples));
        Require.AtLeastTwoClasses(labels, rows, nameof(labels));

        // Group the rows by class, classes ascending, rows in their given order within a class (svm_group_classes).
        int[] classes = labels.ToArray().Distinct().Order().ToArray();
        int k = classes.Length;
        var count = new int[k];
        var classOf = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            classOf[r] = Array.BinarySearch(classes, labels[r]);
            count[classOf[r]]++;
        }
        var start = new int[k];
        for (int c = 1; c < k; c++) start[c] = start[c - 1] + count[c - 1];
        var perm = new int[rows];
        var fill = (int[])start.Clone();
        for (int r = 0; r < rows; r++) perm[fill[classOf[r]]++] = r;

        // One binary problem per pair (i, j), i < j: class i is +1, class j is −1.
        int largestPair = 0;
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++) largestPair = Math.Max(largestPair, count[i] + count[j]);
        var solver = new SmoSolver<TKernel>(_kernel, C, Tolerance, CacheMegabytes, Shrinking);
        var vectors = new float[(long)largestPair * stride];
        var positive = new bool[largestPair];
        int pairs = k * (k - 1) / 2;
        var pairAlpha = new double[pairs][];
        var rho = new double[pairs];
        var nonzero = new bool[rows]; // indexed by position in perm
        long iterations = 0, rowsComputed = 0;
        for (int i = 0, p = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++, p++)
            {
                int l = count[i] + count[j];
                Array.Clear(vectors);
                for (int t = 0; t < l; t++)
                {
                    int position = t < count[i] ? start[i] + t : start[j] + t - count[i];
                    samples.Slice(perm[position] * features, features).CopyTo(vectors.AsSpan(t * stride));
                    positive[t] = t < count[i];
                }
                var alpha = new double[l];
                rho[p] = solver.Solve(vectors, positive, l, alpha);
                iterations += solver.Iterations;
                rowsComputed += solver.RowsComputed;
                for (int t = 0; t < l; t++)
                {
                    if (alpha[t] == 0) continue;
                    nonzero[t < count[i] ? start[i] + t : start[j] + t - count[i]] = true;
                }
                pairAlpha[p] = alpha;
            }
        }

        // Keep every sample that is a support vector of any pair once, in class order (svm_train's model assembly).
        var supportCounts = new int[k];
        var nzStart = new int[k];
        var supportList = new List<int>();
        for (int c = 0; c < k; c++)
        {
            nzStart[c] = supportList.Count;
            for (int t = 0; t < count[c]; t++)
            {
                if (!nonzero[start[c] + t]) continue;
                supportList.Add(perm[start[c] + t]);
                supportCounts[c]++;
            }
        }
        int n = supportList.Count;
        var supportVectors = new float[(long)n * stride];
        for (int s = 0; s < n; s++) samples.Slice(supportList[s] * features, features).CopyTo(supportVectors.AsSpan(s * stride));
        var coefficients = new double[(long)(k - 1) * n];
        for (int i = 0, p = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++, p++)
            {
                double[] alpha = pairAlpha[p];
                int q = nzStart[i];
                for (int t = 0; t < count[i]; t++) if (nonzero[start[i] + t]) coefficients[(j - 1) * n + q++] = alpha[t];
                q = nzStart[j];
                for (int t = 0; t < count[j]; t++) if (nonzero[start[j] + t]) coefficients[i * n + q++] = alpha[count[i] + t];
            }
        }

        Commit(classes, supportCounts, supportList.ToArray(), supportVectors, coefficients, rho);
        TrainingIterations = iterations;
        KernelRowsComputed = rowsComputed;
    }

    /// <summary>The predicted label of one sample (<see cref="Features"/> floats). Allocates nothing.</summary>
    /// <exception cref="InvalidOperationException">The machine has not been fitted.</exception>
    public int Predict(ReadOnlySpan<float> x)
    {
        Require.Fitted(IsFitted, GetType().Name);
        Require.Length(x, Features, nameof(x), "features of one sample");
        int n = SupportVectorCount;
        float[]? rented = null;
        Span<float> kernelValues = n <= StackFloats ? stackalloc float[n] : (rented = ArrayPool<float>.Shared.Rent(n));
        Span<double> partial = stackalloc double[ClassCount * (ClassCount - 1)];
        Span<int> votes = stackalloc int[ClassCount];
        int label = _classes[PredictClassIndex(x, kernelValues, partial, votes)];
        if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        return label;
    }

    /// <inheritdoc/>
    private protected override void PredictEach(ReadOnlySpan<float> samples, Span<int> predictions)
    {
        int n = SupportVectorCount;
        float[]? rented = null;
        Span<float> kernelValues = n <= StackFloats ? stackalloc float[n] : (rented = ArrayPool<float>.Shared.Rent(n));
        Span<double> partial = stackalloc double[ClassCount * (ClassCount - 1)];
        Span<int> votes = stackalloc int[ClassCount];
        PredictRows(samples, predictions, kernelValues, partial, votes);
        if (rented is not null) ArrayPool<float>.Shared.Return(rented);
    }

    // The row loop apart from the stackallocs above: a method with both is compiled fully optimized at its first
    // call (no on-stack replacement past a stackalloc), a cost a fresh process pays before its first prediction.
    private void PredictRows(ReadOnlySpan<float> samples, Span<int> predictions, Span<float> kernelValues, Span<double> partial, Span<int> votes)
    {
        int features = Features, n = SupportVectorCount;
        for (int r = 0; r < predictions.Length; r++)
        {
            _kernel.EvaluateRow(samples.Slice(r * features, features), _supportVectors, n, kernelValues);
            predictions[r] = _classes[OneVersusOne.Vote(_coefficients, kernelValues[..n], _supportStarts, _supportCounts, _rho, partial, votes)];
        }
    }

    /// <summary>
    /// The decision value of a two-class machine: positive for the first class of <see cref="Classes"/>
    /// (the smaller label), negative for the second, as in LIBSVM.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not fitted, or more than two classes (use <see cref="DecisionValues"/>).</exception>
    public double DecisionValue(ReadOnlySpan<float> x)
    {
        Require.Fitted(IsFitted, GetType().Name);
        if (ClassCount != 2)
            throw new InvalidOperationException($"DecisionValue needs a two-class machine; this one has {ClassCount} classes. Use DecisionValues for one value per pair.");
        double value = 0;
        DecisionValues(x, new Span<double>(ref value));
        return value;
    }

    /// <summary>
    /// One decision value per pair of classes, in LIBSVM's order (0,1), (0,2), …, (0,k−1), (1,2), …;
    /// positive votes for the first class of the pair. Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The machine has not been fitted.</exception>
    public void DecisionValues(ReadOnlySpan<float> x, Span<double> values)
    {
        Require.Fitted(IsFitted, GetType().Name);
        Require.Length(x, Features, nameof(x), "features of one sample");
        Require.Length<double>(values, PairCount, nameof(values), "one value per pair of classes");
        int n = SupportVectorCount;
        float[]? rented = null;
        Span<float> kernelValues = n <= StackFloats ? stackalloc float[n] : (rented = ArrayPool<float>.Shared.Rent(n));
        Span<double> partial = stackalloc double[ClassCount * (ClassCount - 1)];
        Decide(x, kernelValues, partial, values);
        if (rented is not null) ArrayPool<float>.Shared.Return(rented);
    }

    /// <summary>
    /// Writes the votes each class gets from the pairwise classifiers into <paramref name="votes"/>
    /// (<see cref="ClassCount"/> values summing to <see cref="PairCount"/>) and returns the winning class index.
    /// </summary>
    /// <exception cref="InvalidOperationException">The machine has not been fitted.</exception>
    public int Votes(ReadOnlySpan<float> x, Span<int> votes)
    {
        Require.Fitted(IsFitted, GetType().Name);
        Require.Length(x, Features, nameof(x), "features of one sample");
        Require.Length<int>(votes, ClassCount, nameof(votes), "one count per class");
        int n = SupportVectorCount;
        float[]? rented = null;
        Span<float> kernelValues = n <= StackFloats ? stackalloc float[n] : (rented = ArrayPool<float>.Shared.Rent(n));
        Span<double> partial = stackalloc double[ClassCount * (ClassCount - 1)];
        int best = PredictClassIndex(x, kernelValues, partial, votes);
        if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        return best;
    }

    /// <summary>The trained machine as plain arrays (copies), for saving.</summary>
    /// <exception cref="InvalidOperationException">The machine has not been fitted.</exception>
    public KernelSvmState ExportState()
    {
        Require.Fitted(IsFitted, GetType().Name);
        int n = SupportVectorCount, features = Features, stride = _kernel.Stride;
        var vectors = new float[(long)n * features];
        for (int s = 0; s < n; s++) _supportVectors.AsSpan(s * stride, features).CopyTo(vectors.AsSpan(s * features));
        return new KernelSvmState
        {
            Kernel = _kernel.Kind,
            Features = features,
            Gamma = _kernel.Gamma,
            Coef0 = _kernel.Coef0,
            Degree = _kernel.Degree,
            Classes = (int[])_classes.Clone(),
            SupportCounts = (int[])_supportCounts.Clone(),
            SupportVectors = vectors,
            DualCoefficients = (double[])_coefficients.Clone(),
            Intercepts = _rho.Select(r => -r).ToArray(),
            SupportIndices = _supportIndices.Any(i => i < 0) ? [] : (int[])_supportIndices.Clone(),
        };
    }

    /// <summary>Replaces the model with a saved one, after checking that it fits this kernel and is consistent.</summary>
    /// <exception cref="ArgumentException">The state was made with another kernel or its arrays disagree in shape.</exception>
    public void ImportState(KernelSvmState state)
    {
        // LoadWeights replaces the model through here, so one guard covers both.
        using var _ = _exclusive.Enter(this, nameof(ImportState));
        ArgumentNullException.ThrowIfNull(state);
        if (state.Kernel != _kernel.Kind || state.Features != Features || state.Gamma != _kernel.Gamma
            || state.Coef0 != _kernel.Coef0 || (_kernel.Kind == SvmKernel.Polynomial && state.Degree != _kernel.Degree))
        {
            throw new ArgumentException(
                $"state was saved from a {state.Kernel} kernel over {state.Features} features (gamma {state.Gamma}, coef0 {state.Coef0}, degree {state.Degree}); " +
                $"this machine has a {_kernel.Kind} kernel over {Features} features (gamma {_kernel.Gamma}, coef0 {_kernel.Coef0}, degree {_kernel.Degree}).",
                nameof(state));
        }
        foreach (var (array, name) in new (Array?, string)[] { (state.Classes, "state.Classes"), (state.SupportCounts, "state.SupportCounts"),
            (state.SupportVectors, "state.SupportVectors"), (state.DualCoefficients, "state.DualCoefficients"),
            (state.Intercepts, "state.Intercepts"), (state.SupportIndices, "state.SupportIndices") })
        {
            ArgumentNullException.ThrowIfNull(array, name);
        }
        int k = state.Classes.Length;
        if (k < 2 || state.Classes.Zip(state.Classes.Skip(1)).Any(p => p.First >= p.Second))
            throw new ArgumentException($"state.Classes must hold at least two labels in ascending order; found {k}.", nameof(state));
        Require.Length<int>(state.SupportCounts, k, "state.SupportCounts", "one count per class");
        if (state.SupportCounts.Any(c => c < 0))
            throw new ArgumentException("state.SupportCounts holds a negative count.", nameof(state));
        int n = state.SupportCounts.Sum();
        Require.Length<float>(state.SupportVectors, n * Features, "state.SupportVectors", $"{n} support vectors × {Features} features");
        Require.Finite(state.SupportVectors, Features, "state.SupportVectors");
        Require.Length<double>(state.DualCoefficients, (k - 1) * n, "state.DualCoefficients", $"{k - 1} rows × {n} support vectors");
        Require.Length<double>(state.Intercepts, k * (k - 1) / 2, "state.Intercepts", "one per pair of classes");
        if (state.SupportIndices.Length != 0) Require.Length<int>(state.SupportIndices, n, "state.SupportIndices", "one per support vector, or none");

        int stride = _kernel.Stride;
        var vectors = new float[(long)n * stride];
        for (int s = 0; s < n; s++) state.SupportVectors.AsSpan(s * Features, Features).CopyTo(vectors.AsSpan(s * stride));
        int[] indices = state.SupportIndices.Length == n ? (int[])state.SupportIndices.Clone() : Enumerable.Repeat(-1, n).ToArray();
        Commit((int[])state.Classes.Clone(), (int[])state.SupportCounts.Clone(), indices, vectors,
            (double[])state.DualCoefficients.Clone(), state.Intercepts.Select(b => -b).ToArray());
        TrainingIterations = 0;
        KernelRowsComputed = 0;
    }

    /// <summary>
    /// Saves the trained machine as a safetensors file (tensors and metadata as in <see cref="KernelSvmState"/>:
    /// support vectors F32, dual coefficients and intercepts F64, classes, support counts and support indices I64),
    /// written atomically: a failure leaves any earlier file at <paramref name="path"/> as it was.
    /// </summary>
    /// <exception cref="InvalidOperationException">The machine has not been fitted.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void SaveWeights(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        KernelSvmState state = ExportState();
        int k = state.Classes.Length, n = state.SupportCounts.Sum();
        var writer = new SafeTensorsWriter();
        writer.AddMetadata(KernelSvmState.KernelMetadata, KernelSvmState.KernelName(state.Kernel));
        writer.AddMetadata(KernelSvmState.FeaturesMetadata, state.Features.ToString(CultureInfo.InvariantCulture));
        writer.AddMetadata(KernelSvmState.GammaMetadata, state.Gamma.ToString("R", CultureInfo.InvariantCulture));
        writer.AddMetadata(KernelSvmState.Coef0Metadata, state.Coef0.ToString("R", CultureInfo.InvariantCulture));
        writer.AddMetadata(KernelSvmState.DegreeMetadata, state.Degree.ToString(CultureInfo.InvariantCulture));
        writer.Add(KernelSvmState.SupportVectorsTensor, [n, state.Features], state.SupportVectors);
        writer.AddFloat64(KernelSvmState.DualCoefficientsTensor, [k - 1, n], state.DualCoefficients);
        writer.AddFloat64(KernelSvmState.InterceptsTensor, [state.Intercepts.Length], state.Intercepts);
        writer.AddInt64(KernelSvmState.ClassesTensor, [k], state.Classes.Select(c => (long)c).ToArray());
        writer.AddInt64(KernelSvmState.SupportCountsTensor, [k], state.SupportCounts.Select(c => (long)c).ToArray());
        if (state.SupportIndices.Length == n)
            writer.AddInt64(KernelSvmState.SupportIndicesTensor, [n], state.SupportIndices.Select(i => (long)i).ToArray());
        writer.Save(path);
    }

    /// <summary>
    /// Replaces the model with one saved by <see cref="SaveWeights"/> (or written elsewhere under the same
    /// names), after checking everything: the kernel, feature count and hyper-parameters in the metadata
    /// against this machine's kernel, every tensor's dtype and shape against the class and support-vector
    /// counts, and the values. On any error the current model is left untouched.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file, was saved from another
    /// kernel, or its tensors disagree; the message names the file and what is wrong.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public void LoadWeights(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        SafeTensorsFile file = SafeTensorsFile.Load(path);
        InvalidDataException Bad(string what) => new($"Kernel SVM weights '{path}': {what}");

        string Meta(string key) => file.Metadata.TryGetValue(key, out string? value)
            ? value
            : throw Bad($"metadata '{key}' is missing; expected the kernel description (kernel, features, gamma, coef0, degree) written by SaveWeights.");
        string kernelName = Meta(KernelSvmState.KernelMetadata);
        if (!KernelSvmState.TryParseKernelName(kernelName, out SvmKernel kind))
            throw Bad($"metadata kernel is '{kernelName}'; expected linear, poly, rbf or sigmoid.");
        if (!int.TryParse(Meta(KernelSvmState.FeaturesMetadata), NumberStyles.Integer, CultureInfo.InvariantCulture, out int features)
            || !double.TryParse(Meta(KernelSvmState.GammaMetadata), NumberStyles.Float, CultureInfo.InvariantCulture, out double gamma)
            || !double.TryParse(Meta(KernelSvmState.Coef0Metadata), NumberStyles.Float, CultureInfo.InvariantCulture, out double coef0)
            || !int.TryParse(Meta(KernelSvmState.DegreeMetadata), NumberStyles.Integer, CultureInfo.InvariantCulture, out int degree))
        {
            throw Bad("metadata features, gamma, coef0 or degree is not a number.");
        }

        long[] classes = file.ReadInt64(KernelSvmState.ClassesTensor);
        long[] supportCounts = file.ReadInt64(KernelSvmState.SupportCountsTensor);
        int k = classes.Length;
        if (supportCounts.Length != k)
            throw Bad($"tensor support_counts has {supportCounts.Length} entries; expected one per class ({k}).");
        if (classes.Any(c => c is < int.MinValue or > int.MaxValue) || supportCounts.Any(c => c is < 0 or > int.MaxValue))
            throw Bad("tensor classes or support_counts holds a value outside the int range (or a negative count).");
        long n = supportCounts.Sum();
        if (n > int.MaxValue / Math.Max(1, features))
            throw Bad($"support_counts add up to {n} support vectors, more than fit in memory.");
        int sv = (int)n;
        CheckShape(file, KernelSvmState.SupportVectorsTensor, [sv, features], Bad);
        CheckShape(file, KernelSvmState.DualCoefficientsTensor, [Math.Max(k - 1, 0), sv], Bad);
        CheckShape(file, KernelSvmState.InterceptsTensor, [k * (k - 1) / 2], Bad);
        int[] supportIndices = [];
        if (file.Contains(KernelSvmState.SupportIndicesTensor))
        {
            CheckShape(file, KernelSvmState.SupportIndicesTensor, [sv], Bad);
            long[] indices = file.ReadInt64(KernelSvmState.SupportIndicesTensor);
            if (indices.Any(i => i is < 0 or > int.MaxValue))
                throw Bad("tensor support holds a negative or too large row index.");
            supportIndices = indices.Select(i => (int)i).ToArray();
        }

        var state = new KernelSvmState
        {
            Kernel = kind,
            Features = features,
            Gamma = gamma,
            Coef0 = coef0,
            Degree = degree,
            Classes = classes.Select(c => (int)c).ToArray(),
            SupportCounts = supportCounts.Select(c => (int)c).ToArray(),
            SupportVectors = file.ReadFloat32(KernelSvmState.SupportVectorsTensor),
            DualCoefficients = file.ReadFloat64(KernelSvmState.DualCoefficientsTensor),
            Intercepts = file.ReadFloat64(KernelSvmState.InterceptsTensor),
            SupportIndices = supportIndices,
        };
        if (state.DualCoefficients.Any(c => !double.IsFinite(c)) || state.Intercepts.Any(b => !double.IsFinite(b)))
            throw Bad("tensor dual_coef or intercept holds NaN or ∞.");
        try
        {
            ImportState(state);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Kernel SVM weights '{path}': {e.Message}", e);
        }
    }

    private static void CheckShape(SafeTensorsFile file, string name, int[] expected, Func<string, InvalidDataException> bad)
    {
        TensorInfo info = file.GetInfo(name);
        if (!info.Shape.SequenceEqual(expected))
            throw bad($"tensor {name} has shape {info.ShapeText}; expected [{string.Join(", ", expected)}] from the class and support-vector counts.");
    }

    private int PredictClassIndex(ReadOnlySpan<float> x, Span<float> kernelValues, Span<double> partial, Span<int> votes)
    {
        int n = SupportVectorCount;
        _kernel.EvaluateRow(x, _supportVectors, n, kernelValues);
        return OneVersusOne.Vote(_coefficients, kernelValues[..n], _supportStarts, _supportCounts, _rho, partial, votes);
    }

    private void Decide(ReadOnlySpan<float> x, Span<float> kernelValues, Span<double> partial, Span<double> values)
    {
        int n = SupportVectorCount;
        _kernel.EvaluateRow(x, _supportVectors, n, kernelValues);
        OneVersusOne.DecisionValues(_coefficients, kernelValues[..n], _supportStarts, _supportCounts, _rho, partial, values);
    }
}
