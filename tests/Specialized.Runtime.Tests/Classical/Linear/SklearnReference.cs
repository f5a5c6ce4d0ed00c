using System.Text.Json;

namespace Specialized.Tests.Classical.Discriminative;

/// <summary>
/// Test-only access to the bundled data sets (split row % 5 == 4 = test) and scikit-learn's reference
/// figures in fixtures/sklearn_reference.json, plus the 'std' preprocessing those figures used.
/// </summary>
internal static class SklearnReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "sklearn_reference.json"))));

    public static (Dataset Train, Dataset Test) Load(string set)
    {
        var data = Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", set + ".csv"));
        return data.SplitByRowIndex(5, 4);
    }

    /// <summary>The value of the first key of <paramref name="set"/> that starts with <paramref name="keyPrefix"/>.</summary>
    public static JsonElement Value(string set, string keyPrefix)
    {
        foreach (var property in Document.Value.RootElement.GetProperty("sets").GetProperty(set).EnumerateObject())
        {
            if (property.Name.StartsWith(keyPrefix, StringComparison.Ordinal)) return property.Value;
        }
        throw new KeyNotFoundException($"No key starting with '{keyPrefix}' for set '{set}'.");
    }

    public static double Number(string set, string keyPrefix) => Value(set, keyPrefix).GetDouble();

    /// <summary>
    /// z-scores train and test with the train mean and population standard deviation; constant
    /// columns keep scale 1 (scikit-learn's StandardScaler).
    /// </summary>
    public static (float[] Train, float[] Test) Standardize(Dataset train, Dataset test)
    {
        int d = train.FeatureCount;
        var mean = new double[d];
        var variance = new double[d];
        for (int i = 0; i < train.Count; i++) for (int f = 0; f < d; f++) mean[f] += train.Features[i * d + f];
        for (int f = 0; f < d; f++) mean[f] /= train.Count;
        for (int i = 0; i < train.Count; i++)
            for (int f = 0; f < d; f++) variance[f] += Math.Pow(train.Features[i * d + f] - mean[f], 2);
        var scale = new double[d];
        for (int f = 0; f < d; f++)
        {
            double std = Math.Sqrt(variance[f] / train.Count);
            scale[f] = std == 0 ? 1 : std;
        }
        float[] Apply(Dataset set)
        {
            var result = new float[set.Features.Length];
            for (int i = 0; i < result.Length; i++) result[i] = (float)((set.Features[i] - mean[i % d]) / scale[i % d]);
            return result;
        }
        return (Apply(train), Apply(test));
    }

    /// <summary>Test accuracy of a fitted classifier.</summary>
    public static double Accuracy(Specialized.Classical.IClassifier model, float[] test, int[] labels)
    {
        var predicted = new int[labels.Length];
        model.Predict(test, predicted);
        return Metrics.Accuracy(predicted, labels);
    }
}
