namespace Specialized.Runtime.Tests.Classical.Svm;

/// <summary>The bundled data sets, split as everywhere (row index % 5 == 4 is test), loaded once.</summary>
internal static class SvmTestData
{
    private static readonly Lazy<(Dataset Train, Dataset Test)> DigitsSplit =
        new(() => Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv")).SplitByRowIndex(5, 4));

    private static readonly Lazy<(Dataset Train, Dataset Test)> BreastCancerSplit =
        new(() => Standardize(Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv")).SplitByRowIndex(5, 4)));

    /// <summary>Digits with raw pixel values 0–16, as LIBSVM was given them for the reference figures.</summary>
    public static (Dataset Train, Dataset Test) Digits => DigitsSplit.Value;

    /// <summary>Breast cancer z-scored with the training mean and population deviation (constant columns kept at scale 1).</summary>
    public static (Dataset Train, Dataset Test) BreastCancer => BreastCancerSplit.Value;

    private static (Dataset, Dataset) Standardize((Dataset Train, Dataset Test) split)
    {
        int f = split.Train.FeatureCount, n = split.Train.Count;
        var mean = new double[f];
        var scale = new double[f];
        for (int r = 0; r < n; r++) for (int c = 0; c < f; c++) mean[c] += split.Train.Features[r * f + c];
        for (int c = 0; c < f; c++) mean[c] /= n;
        for (int r = 0; r < n; r++) for (int c = 0; c < f; c++) { double d = split.Train.Features[r * f + c] - mean[c]; scale[c] += d * d; }
        for (int c = 0; c < f; c++) { scale[c] = Math.Sqrt(scale[c] / n); if (scale[c] == 0) scale[c] = 1; }
        Dataset Apply(Dataset d)
        {
            var x = new float[d.Features.Length];
            for (int i = 0; i < x.Length; i++) x[i] = (float)((d.Features[i] - mean[i % f]) / scale[i % f]);
            return Dataset.FromLabels(x, f, d.Labels);
        }
        return (Apply(split.Train), Apply(split.Test));
    }
}
