using System.Text.Json;
using Specialized.Runtime.Tests.Classical;

namespace Specialized.Tests.Classical.Discriminative;

/// <summary>
/// The discriminative tests' names for <see cref="ReferenceData"/>: fresh (uncached) splits, since some
/// of these tests poison the features they load, and the shared reference lookups and standardization.
/// </summary>
internal static class SklearnReference
{
    public static (Dataset Train, Dataset Test) Load(string set) =>
        Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", set + ".csv")).SplitByRowIndex(5, 4);

    public static JsonElement Value(string set, string keyPrefix) => ReferenceData.Value(set, keyPrefix);

    public static double Number(string set, string keyPrefix) => ReferenceData.Value(set, keyPrefix).GetDouble();

    public static (float[] Train, float[] Test) Standardize(Dataset train, Dataset test) => ReferenceData.Standardize(train, test);

    public static double Accuracy(Specialized.Classical.IClassifier model, float[] test, int[] labels) => ReferenceData.Accuracy(model, test, labels);
}
