using System.Text.Json;

namespace Specialized.Runtime.Tests.Classical;

/// <summary>The bundled data sets split as everywhere (row % 5 == 4 is test) and scikit-learn's reference figures.</summary>
internal static class ReferenceData
{
    private static readonly Lazy<JsonDocument> s_reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "sklearn_reference.json"))));

    private static readonly Dictionary<string, (Dataset, Dataset)> s_sets = [];

    public static string[] SetNames => ["iris", "wine", "breast_cancer", "digits"];

    /// <summary>The raw train and test split of a bundled set.</summary>
    public static (Dataset Train, Dataset Test) Raw(string name)
    {
        lock (s_sets)
        {
            if (!s_sets.TryGetValue(name, out var split))
            {
                split = Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", name + ".csv")).SplitByRowIndex(5, 4);
                s_sets[name] = split;
            }
            return split;
        }
    }

    /// <summary>
    /// The split z-scored as the reference's 'std' keys: train mean and population standard deviation,
    /// constant columns left at scale 1; the test rows use the train statistics.
    /// </summary>
    public static (float[] Train, float[] Test, int FeatureCount) Standardized(string name)
    {
        var (train, test) = Raw(name);
        var (standardTrain, standardTest) = Standardize(train, test);
        return (standardTrain, standardTest, train.FeatureCount);
    }

    /// <summary>z-scores both splits with the train mean and population standard deviation; constant columns keep scale 1.</summary>
    public static (float[] Train, float[] Test) Standardize(Dataset train, Dataset test)
    {
        int d = train.FeatureCount, rows = train.Count;
        var mean = new double[d];
        var scale = new double[d];
        for (int r = 0; r < rows; r++) for (int j = 0; j < d; j++) mean[j] += train.Features[r * d + j];
        for (int j = 0; j < d; j++) mean[j] /= rows;
        for (int r = 0; r < rows; r++) for (int j = 0; j < d; j++) scale[j] += Math.Pow(train.Features[r * d + j] - mean[j], 2);
        for (int j = 0; j < d; j++)
        {
            scale[j] = Math.Sqrt(scale[j] / rows);
            if (scale[j] == 0) scale[j] = 1;
        }
        float[] Apply(Dataset set)
        {
            var result = new float[set.Features.Length];
            for (int i = 0; i < result.Length; i++) result[i] = (float)((set.Features[i] - mean[i % d]) / scale[i % d]);
            return result;
        }
        return (Apply(train), Apply(test));
    }

    /// <summary>The reference value of the key of <paramref name="set"/> that starts with <paramref name="keyPrefix"/>.</summary>
    public static JsonElement Value(string set, string keyPrefix)
    {
        foreach (JsonProperty property in s_reference.Value.RootElement.GetProperty("sets").GetProperty(set).EnumerateObject())
        {
            if (property.Name.StartsWith(keyPrefix, StringComparison.Ordinal)) return property.Value;
        }
        throw new KeyNotFoundException($"sklearn_reference.json has no key starting with '{keyPrefix}' for {set}.");
    }

    public static bool Has(string set, string keyPrefix) =>
        s_reference.Value.RootElement.GetProperty("sets").GetProperty(set).EnumerateObject().Any(p => p.Name.StartsWith(keyPrefix, StringComparison.Ordinal));

    public static double Accuracy(Specialized.Classical.IClassifier classifier, ReadOnlySpan<float> test, int[] labels)
    {
        var predicted = new int[labels.Length];
        classifier.Predict(test, predicted);
        return Metrics.Accuracy(predicted, labels);
    }
}
