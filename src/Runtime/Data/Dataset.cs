using System.Globalization;

namespace Specialized;

/// <summary>
/// An in-memory table of samples: features row-major (<see cref="Count"/> × <see cref="FeatureCount"/>)
/// plus either integer class labels (classification) or float targets (regression). A segmentation set
/// carries a class map per sample: <see cref="LabelsPerSample"/> labels (Height × Width) per row.
/// Immutable once built; every transform returns a new set.
/// </summary>
public sealed class Dataset
{
    private Dataset(float[] features, int featureCount, int[]? labels, float[]? targets, int targetCount, string[] featureNames, int labelsPerSample = 1)
    {
        LabelsPerSample = labelsPerSample;
        Features = features;
        FeatureCount = featureCount;
        Count = features.Length / featureCount;
        LabelArray = labels;
        TargetArray = targets;
        TargetCount = targetCount;
        FeatureNames = featureNames;
        ClassCount = labels is null || labels.Length == 0 ? 0 : labels.Max() + 1;
    }

    /// <summary>Features of every sample, row-major.</summary>
    public float[] Features { get; }

    /// <summary>Number of features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Number of classes (largest label + 1); 0 for a regression set.</summary>
    public int ClassCount { get; }

    /// <summary>
    /// Class labels per sample: 1 for a classification set, Height × Width for a segmentation set whose
    /// <see cref="Labels"/> hold one class map per sample (<see cref="Count"/> × <see cref="LabelsPerSample"/>).
    /// </summary>
    public int LabelsPerSample { get; }

    /// <summary>Number of target values per sample; 0 for a classification set.</summary>
    public int TargetCount { get; }

    /// <summary>Column names of the features, from the CSV header.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Whether the set carries class labels.</summary>
    public bool HasLabels => LabelArray is not null;

    /// <summary>Class label of every sample; for a segmentation set, every sample's class map, row after row.</summary>
    /// <exception cref="InvalidOperationException">The set is a regression set.</exception>
    public int[] Labels => LabelArray ?? throw new InvalidOperationException("This dataset has float targets, not class labels; use Targets.");

    /// <summary>Targets of every sample, row-major (<see cref="Count"/> × <see cref="TargetCount"/>).</summary>
    /// <exception cref="InvalidOperationException">The set is a classification set.</exception>
    public float[] Targets => TargetArray ?? throw new InvalidOperationException("This dataset has class labels, not float targets; use Labels.");

    private int[]? LabelArray { get; }

    private float[]? TargetArray { get; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>Builds a classification set from row-major features and one label per row.</summary>
    public static Dataset FromLabels(float[] features, int featureCount, int[] labels, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        int rows = Require.Rows(features, featureCount, nameof(features));
        Require.Labels(labels, rows, nameof(labels));
        return new Dataset(features, featureCount, labels, null, 0, Names(featureNames, featureCount));
    }

    /// <summary>
    /// Builds a segmentation set from row-major features and one class map of <paramref name="labelsPerSample"/>
    /// labels (Height × Width, row-major) per row, as a per-pixel model's <c>ComputeGradients</c> takes them.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="labels"/> does not hold rows × <paramref name="labelsPerSample"/> labels, or a label is negative.</exception>
    public static Dataset FromLabelMaps(float[] features, int featureCount, int[] labels, int labelsPerSample, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (labelsPerSample < 1) throw new ArgumentOutOfRangeException(nameof(labelsPerSample), labelsPerSample, "labelsPerSample must be at least 1.");
        int rows = Require.Rows(features, featureCount, nameof(features));
        if (labels.Length != (long)rows * labelsPerSample)
            throw new ArgumentException($"labels has {labels.Length} labels; expected {rows} samples × {labelsPerSample} labels per sample = {(long)rows * labelsPerSample}.", nameof(labels));
        Require.Labels(labels, labels.Length, nameof(labels));
        return new Dataset(features, featureCount, labels, null, 0, Names(featureNames, featureCount), labelsPerSample);
    }

    /// <summary>Builds a regression set from row-major features and <paramref name="targetCount"/> targets per row.</summary>
    public static Dataset FromTargets(float[] features, int featureCount, float[] targets, int targetCount, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        int rows = Require.Rows(features, featureCount, nameof(features));
        Require.Length<float>(targets, rows * targetCount, nameof(targets), $"{rows} rows × {targetCount} targets");
        return new Dataset(features, featureCount, null, targets, targetCount, Names(featureNames, featureCount));
    }

    /// <summary>
    /// Loads a comma-separated file with one header row whose column <paramref name="labelColumn"/>
    /// holds integer class labels; every other column is a feature. Fields may be quoted as RFC 4180
    /// (and pandas' <c>to_csv</c>) writes them.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message gives the line and column.</exception>
    public static Dataset LoadClassification(string path, string labelColumn = "label")
    {
        var (names, featureColumns, targetColumns, rows) = ReadCsv(path, [labelColumn]);
        int featureCount = featureColumns.Length;
        var features = new float[rows.Count * featureCount];
        var labels = new int[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            double[] row = rows[r];
            for (int c = 0; c < featureCount; c++) features[r * featureCount + c] = (float)row[featureColumns[c]];
            double label = row[targetColumns[0]];
            if (label < 0 || label != Math.Floor(label) || label > int.MaxValue)
                throw new InvalidDataException($"{path}: line {r + 2}, column '{labelColumn}' holds {label}; class labels must be whole numbers 0 or more.");
            labels[r] = (int)label;
        }
        return new Dataset(features, featureCount, labels, null, 0, names);
    }

    /// <summary>
    /// Loads a comma-separated file with one header row whose <paramref name="targetColumns"/> hold
    /// float targets; every other column is a feature. Fields may be quoted as RFC 4180 writes them.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message gives the line and column.</exception>
    public static Dataset LoadRegression(string path, params string[] targetColumns)
    {
        if (targetColumns is null || targetColumns.Length == 0) targetColumns = ["target"];
        var (names, featureColumns, targetIndices, rows) = ReadCsv(path, targetColumns);
        int featureCount = featureColumns.Length, targetCount = targetIndices.Length;
        var features = new float[rows.Count * featureCount];
        var targets = new float[rows.Count * targetCount];
        for (int r = 0; r < rows.Count; r++)
        {
            double[] row = rows[r];
            for (int c = 0; c < featureCount; c++) features[r * featureCount + c] = (float)row[featureColumns[c]];
            for (int t = 0; t < targetCount; t++) targets[r * targetCount + t] = (float)row[targetIndices[t]];
        }
        return new Dataset(features, featureCount, null, targets, targetCount, names);
    }

    /// <summary>
    /// Splits by row position: row <c>i</c> goes to the test set when <c>i % modulus == testRemainder</c>.
    /// The bundled data uses <c>SplitByRowIndex(5, 4)</c> everywhere.
    /// </summary>
    public (Dataset Train, Dataset Test) SplitByRowIndex(int modulus = 5, int testRemainder = 4)
    {
        if (modulus < 2) throw new ArgumentOutOfRangeException(nameof(modulus), modulus, "modulus must be at least 2.");
        if (testRemainder < 0 || testRemainder >= modulus)
            throw new ArgumentOutOfRangeException(nameof(testRemainder), testRemainder, $"testRemainder must be in [0, {modulus}).");
        var train = new List<int>(Count);
        var test = new List<int>(Count / modulus + 1);
        for (int i = 0; i < Count; i++) (i % modulus == testRemainder ? test : train).Add(i);
        return (Subset(train), Subset(test));
    }

    /// <summary>A new set holding the given rows, in the given order.</summary>
    public Dataset Subset(IReadOnlyList<int> rowIndices)
    {
        ArgumentNullException.ThrowIfNull(rowIndices);
        var features = new float[rowIndices.Count * FeatureCount];
        int perSample = LabelsPerSample;
        int[]? labels = LabelArray is null ? null : new int[rowIndices.Count * perSample];
        float[]? targets = TargetArray is null ? null : new float[rowIndices.Count * TargetCount];
        for (int i = 0; i < rowIndices.Count; i++)
        {
            int row = rowIndices[i];
            if ((uint)row >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(rowIndices), row, $"Row index {row} at position {i} is outside [0, {Count}).");
            Row(row).CopyTo(features.AsSpan(i * FeatureCount));
            if (labels is not null) LabelArray.AsSpan(row * perSample, perSample).CopyTo(labels.AsSpan(i * perSample));
            if (targets is not null) TargetArray.AsSpan(row * TargetCount, TargetCount).CopyTo(targets.AsSpan(i * TargetCount));
        }
        return new Dataset(features, FeatureCount, labels, targets, TargetCount, (string[])FeatureNames, LabelsPerSample);
    }

    /// <summary>A new set whose features are multiplied by <paramref name="factor"/> (e.g. 1/16 for digit pixels).</summary>
    public Dataset Scale(float factor)
    {
        var features = (float[])Features.Clone();
        foreach (ref float value in features.AsSpan()) value *= factor;
        return new Dataset(features, FeatureCount, LabelArray, TargetArray, TargetCount, (string[])FeatureNames, LabelsPerSample);
    }

    /// <summary>Number of samples of each class; for a segmentation set, number of pixels of each class.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }

    private static string[] Names(IReadOnlyList<string>? names, int featureCount)
    {
        if (names is null) return Enumerable.Range(0, featureCount).Select(i => $"f{i}").ToArray();
        if (names.Count != featureCount)
            throw new ArgumentException($"featureNames has {names.Count} names; expected {featureCount}.", nameof(names));
        return names.ToArray();
    }

    private static (string[] FeatureNames, int[] FeatureColumns, int[] TargetColumns, List<double[]> Rows) ReadCsv(string path, string[] targetNames)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty; expected a header row.");
        string[] columns = CsvFields.Split(header, path, 1);
        var targetColumns = new int[targetNames.Length];
        for (int t = 0; t < targetNames.Length; t++)
        {
            targetColumns[t] = Array.IndexOf(columns, targetNames[t]);
            if (targetColumns[t] < 0)
                throw new InvalidDataException($"{path} has no column '{targetNames[t]}'; its header is: {header}");
        }
        int[] featureColumns = Enumerable.Range(0, columns.Length).Where(c => !targetColumns.Contains(c)).ToArray();
        if (featureColumns.Length == 0) throw new InvalidDataException($"{path} has no feature columns besides the targets.");

        var rows = new List<double[]>();
        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0) continue;
            string[] cells = CsvFields.Split(line, path, lineNumber);
            if (cells.Length != columns.Length)
                throw new InvalidDataException($"{path}: line {lineNumber} has {cells.Length} cells; the header has {columns.Length}.");
            var row = new double[cells.Length];
            for (int c = 0; c < cells.Length; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out row[c]) || !double.IsFinite(row[c]))
                    throw new InvalidDataException($"{path}: line {lineNumber}, column '{columns[c]}' holds '{cells[c]}', which is not a finite number.");
            }
            rows.Add(row);
        }
        if (rows.Count == 0) throw new InvalidDataException($"{path} has a header but no data rows.");
        return (featureColumns.Select(c => columns[c]).ToArray(), featureColumns, targetColumns, rows);
    }
}
