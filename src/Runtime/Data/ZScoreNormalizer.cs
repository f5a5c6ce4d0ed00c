using System.Runtime.InteropServices;

namespace Specialized;

/// <summary>
/// Standardizes features to zero mean and unit variance with statistics of the training split only:
/// <c>z = (x − mean) / scale</c>, where scale is the population standard deviation, or 1 for a constant
/// column (scikit-learn's <c>StandardScaler</c>, the reference figures' 'std'). Fit once on the training
/// rows, then transform training and test rows alike.
/// </summary>
/// <remarks>
/// The statistics are computed in double and stored as float; <see cref="Means"/> and <see cref="Scales"/>
/// expose them for saving, <see cref="FromStatistics"/> restores them. Transforms allocate nothing.
/// </remarks>
public sealed class ZScoreNormalizer
{
    private float[] _means = [];
    private float[] _scales = [];
    private readonly ExclusiveUse _exclusive = new();

    /// <summary>Whether <see cref="Fit"/> (or <see cref="FromStatistics"/>) has set the statistics.</summary>
    public bool IsFitted => _means.Length > 0;

    /// <summary>Features per row.</summary>
    public int FeatureCount => _means.Length;

    /// <summary>The mean of each feature.</summary>
    public ReadOnlySpan<float> Means => _means;

    /// <summary>The divisor of each feature: its population standard deviation, or 1 for a constant feature.</summary>
    public ReadOnlySpan<float> Scales => _scales;

    /// <summary>A normalizer with saved statistics.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, or a mean is not finite or a scale not finite and positive.</exception>
    public static ZScoreNormalizer FromStatistics(ReadOnlySpan<float> means, ReadOnlySpan<float> scales)
    {
        if (means.IsEmpty) throw new ArgumentException("means is empty; expected one mean per feature.", nameof(means));
        Require.Length(scales, means.Length, nameof(scales), "one scale per mean");
        Require.Finite(means, means.Length, nameof(means));
        for (int i = 0; i < scales.Length; i++)
        {
            if (!(scales[i] > 0) || !float.IsFinite(scales[i]))
                throw new ArgumentException($"scales[{i}] is {scales[i]}; every scale must be finite and greater than 0.", nameof(scales));
        }
        return new ZScoreNormalizer { _means = means.ToArray(), _scales = scales.ToArray() };
    }

    /// <summary>Computes each feature's mean and population standard deviation over the rows of <paramref name="samples"/>.</summary>
    /// <param name="samples">Training rows, row-major, <paramref name="featureCount"/> values each, all finite.</param>
    /// <param name="featureCount">Features per row.</param>
    public void Fit(ReadOnlySpan<float> samples, int featureCount)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        var sums = new double[featureCount];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = samples.Slice(r * featureCount, featureCount);
            for (int f = 0; f < featureCount; f++) sums[f] += row[f];
        }
        var means = new double[featureCount];
        for (int f = 0; f < featureCount; f++) means[f] = sums[f] / rows;

        // Two passes: squared deviations from the mean, which stays exact for large offsets.
        var squares = new double[featureCount];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = samples.Slice(r * featureCount, featureCount);
            for (int f = 0; f < featureCount; f++)
            {
                double deviation = row[f] - means[f];
                squares[f] += deviation * deviation;
            }
        }
        var meanValues = new float[featureCount];
        var scaleValues = new float[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            double variance = squares[f] / rows;
            meanValues[f] = (float)means[f];
            scaleValues[f] = IsConstant(variance, means[f], rows) ? 1f : (float)Math.Sqrt(variance);
        }
        _means = meanValues;
        _scales = scaleValues;
    }

    /// <summary>Writes <c>(x − mean) / scale</c> for every row; <paramref name="destination"/> may be <paramref name="samples"/> itself.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    /// <exception cref="ArgumentException">A length is not a whole number of rows, the lengths differ, or the spans partly overlap.</exception>
    public void Transform(ReadOnlySpan<float> samples, Span<float> destination) => Apply(samples, destination, inverse: false);

    /// <summary>Writes <c>z · scale + mean</c> for every row, undoing <see cref="Transform"/>; in place allowed.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    /// <exception cref="ArgumentException">A length is not a whole number of rows, the lengths differ, or the spans partly overlap.</exception>
    public void InverseTransform(ReadOnlySpan<float> samples, Span<float> destination) => Apply(samples, destination, inverse: true);

    // scikit-learn's _is_constant_feature: a variance within the rounding error of its own computation
    // counts as zero (eps is numpy's finfo(float64).eps, the spacing of doubles at 1).
    internal static bool IsConstant(double variance, double mean, int rows)
    {
        const double eps = 2.220446049250313e-16;
        return variance <= rows * eps * variance + Math.Pow(rows * mean * eps, 2);
    }

    private void Apply(ReadOnlySpan<float> samples, Span<float> destination, bool inverse)
    {
        // Read the statistics once: a Fit on another thread (misuse) swaps both arrays, and the loops
        // below read them unchecked up to the feature count, so that count must come from this pair.
        float[] means = _means, scales = _scales;
        Require.Fitted(means.Length > 0, nameof(ZScoreNormalizer));
        int featureCount = means.Length;
        if (scales.Length != featureCount)
            throw new InvalidOperationException("This ZScoreNormalizer was refitted while transforming; call Fit and Transform from one thread at a time.");
        int rows = Require.Rows(samples, featureCount, nameof(samples));
        Require.Length<float>(destination, samples.Length, nameof(destination), "one value per sample value");
        if (samples.Overlaps(destination, out int offset) && offset != 0)
            throw new ArgumentException("destination partly overlaps samples; pass the same span for an in-place transform, or separate memory.", nameof(destination));

        ref float mean = ref MemoryMarshal.GetArrayDataReference(means);
        ref float scale = ref MemoryMarshal.GetArrayDataReference(scales);
        VectorPath path = VectorPaths.Resolve(VectorPath.Auto);
        nuint features = (nuint)featureCount;
        for (int r = 0; r < rows; r++)
        {
            ref float source = ref MemoryMarshal.GetReference(samples.Slice(r * featureCount, featureCount));
            ref float target = ref MemoryMarshal.GetReference(destination.Slice(r * featureCount, featureCount));
            if (inverse) Row<Inverse>(ref source, ref target, ref mean, ref scale, features, path);
            else Row<Forward>(ref source, ref target, ref mean, ref scale, features, path);
        }
    }

    private static void Row<TDirection>(ref float source, ref float target, ref float mean, ref float scale, nuint features, VectorPath path)
        where TDirection : struct, IDirection
    {
        nuint done = path switch
        {
            VectorPath.Vector512 => Run<TDirection, Lanes512<float>>(ref source, ref target, ref mean, ref scale, 0, features),
            VectorPath.Vector256 => Run<TDirection, Lanes256<float>>(ref source, ref target, ref mean, ref scale, 0, features),
            VectorPath.Vector128 => Run<TDirection, Lanes128<float>>(ref source, ref target, ref mean, ref scale, 0, features),
            _ => 0,
        };
        Run<TDirection, ScalarLane<float>>(ref source, ref target, ref mean, ref scale, done, features);
    }

    private static nuint Run<TDirection, TLanes>(ref float source, ref float target, ref float mean, ref float scale, nuint start, nuint end)
        where TDirection : struct, IDirection
        where TLanes : struct, ILanes<TLanes, float>
    {
        nuint i = start;
        for (; i + (nuint)TLanes.Count <= end; i += (nuint)TLanes.Count)
        {
            TLanes x = TLanes.Load(ref source, i), m = TLanes.Load(ref mean, i), s = TLanes.Load(ref scale, i);
            TLanes.Store(TDirection.IsInverse ? x * s + m : (x - m) / s, ref target, i);
        }
        return i;
    }

    private interface IDirection
    {
        static abstract bool IsInverse { get; }
    }

    private readonly struct Forward : IDirection
    {
        public static bool IsInverse => false;
    }

    private readonly struct Inverse : IDirection
    {
        public static bool IsInverse => true;
    }
}
