namespace Specialized.Distributed.Mpi.Host;

/// <summary>
/// The host's data: the bundled digits, scaled to [0, 1] and split as everywhere in the repository (row index % 5 == 4
/// is validation), and generated shape images with one class map each for the per-pixel model.
/// </summary>
public static class HostData
{
    /// <summary>Generated 16×16 shape images (96 for training from seed 1, 32 for validation from seed 2), each with its class map.</summary>
    public static (Dataset Train, Dataset Validation) Shapes()
    {
        const int Pixels = Specialized.Models.Sections.ShapeImages.Side * Specialized.Models.Sections.ShapeImages.Side;
        var (images, masks) = Specialized.Models.Sections.ShapeImages.Generate(96, seed: 1);
        var (validationImages, validationMasks) = Specialized.Models.Sections.ShapeImages.Generate(32, seed: 2);
        return (Dataset.FromLabelMaps(images, Pixels, masks, Pixels), Dataset.FromLabelMaps(validationImages, Pixels, validationMasks, Pixels));
    }

    /// <summary>Loads the digits from data/ next to this assembly.</summary>
    public static (Dataset Train, Dataset Validation) Digits()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");
        return Dataset.LoadClassification(path).Scale(1f / 16).SplitByRowIndex(5, 4);
    }
}
