using System.Globalization;

namespace Specialized.Models.CommandLine;

/// <summary>
/// The data a command works on: the model's bundled file or the user's <c>--data</c> CSV, read by
/// <see cref="Dataset.LoadClassification"/> (which rejects a bad file with its line number), checked
/// against the model, split as everywhere in the project (row index % 5 == 4 held out) and prepared as
/// the model's recipe says.
/// </summary>
/// <param name="Train">The prepared training rows.</param>
/// <param name="HeldOut">The prepared held-out rows.</param>
/// <param name="Source">The file, for messages.</param>
internal sealed record CommandData(Dataset Train, Dataset HeldOut, string Source)
{
    /// <summary>Loads, checks, splits and prepares the data for <paramref name="model"/>.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the model; the message says where and why.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CommandData Load(CatalogModel model, string? dataPath, string labelColumn)
    {
        string path = dataPath ?? Path.Combine(MainJob.DataDirectory, model.DataFile);
        if (!File.Exists(path))
            throw new FileNotFoundException(dataPath is null ? $"The bundled data file {path} is missing; build the project again." : $"The data file {path} does not exist.", path);
        Dataset data = Dataset.LoadClassification(path, labelColumn);
        if (data.FeatureCount != model.FeatureCount)
        {
            throw new InvalidDataException(
                $"{path} has {data.FeatureCount} feature columns besides '{labelColumn}'; {model.Name} takes {model.FeatureCount} features per row.");
        }
        if (model.ClassCount is int classes)
        {
            int[] labels = data.Labels;
            for (int row = 0; row < labels.Length; row++)
            {
                if (labels[row] >= classes)
                {
                    throw new InvalidDataException(
                        $"{path}: data row {(row + 1).ToString(CultureInfo.InvariantCulture)} has label {labels[row].ToString(CultureInfo.InvariantCulture)}; " +
                        $"{model.Name} predicts {classes} classes, labels 0 to {classes - 1}.");
                }
            }
        }
        if (data.Count < 5)
            throw new InvalidDataException($"{path} has {data.Count} data rows; at least 5 are needed, as every fifth row (index % 5 == 4) is held out.");
        var (train, heldOut) = data.SplitByRowIndex(5, 4);
        (train, heldOut) = Prepare(model.Preparation, train, heldOut);
        return new CommandData(train, heldOut, path);
    }

    private static (Dataset Train, Dataset HeldOut) Prepare(DataPreparation preparation, Dataset train, Dataset heldOut)
    {
        switch (preparation)
        {
            case DataPreparation.PixelsOver16:
                return (train.Scale(1f / 16), heldOut.Scale(1f / 16));
            case DataPreparation.Standardize:
                var normalizer = new ZScoreNormalizer();
                normalizer.Fit(train.Features, train.FeatureCount);
                return (Standardized(train, normalizer), Standardized(heldOut, normalizer));
            default:
                return (train, heldOut);
        }
    }

    private static Dataset Standardized(Dataset set, ZScoreNormalizer normalizer)
    {
        var features = new float[set.Features.Length];
        normalizer.Transform(set.Features, features);
        return Dataset.FromLabels(features, set.FeatureCount, set.Labels, set.FeatureNames);
    }
}
