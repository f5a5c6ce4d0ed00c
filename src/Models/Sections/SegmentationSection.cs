using System.Text;
using Specialized.Models.Report;

namespace Specialized.Models.Sections;

/// <summary>
/// Per-pixel classification (the course's fully convolutional networks): <see cref="ShapesSegmenter"/>, an
/// encoder-decoder with a transposed convolution and a skip concatenation, trained on generated images of
/// circles and squares and measured on held-out images by per-pixel accuracy and mean intersection over union.
/// </summary>
public static class SegmentationSection
{
    /// <summary>What one training run reached on the held-out images.</summary>
    /// <param name="Model">The trained model.</param>
    /// <param name="PixelAccuracy">Fraction of held-out pixels classified right.</param>
    /// <param name="MeanIntersectionOverUnion">Mean over the classes of intersection over union.</param>
    /// <param name="ClassIntersectionOverUnion">Per class: background, circle, square.</param>
    /// <param name="BackgroundOnlyAccuracy">The pixel accuracy of calling every pixel background (the floor to beat).</param>
    /// <param name="Elapsed">Training time.</param>
    /// <param name="TestImages">The held-out images.</param>
    /// <param name="TestMasks">Their true class maps.</param>
    /// <param name="Predicted">The predicted class maps.</param>
    public sealed record Result(ShapesSegmenter Model, double PixelAccuracy, double MeanIntersectionOverUnion, double[] ClassIntersectionOverUnion,
        double BackgroundOnlyAccuracy, TimeSpan Elapsed, float[] TestImages, int[] TestMasks, int[] Predicted);

    /// <summary>
    /// Trains a new <see cref="ShapesSegmenter"/> with Adam on <paramref name="trainImages"/> generated images
    /// (seed 1) for <paramref name="epochs"/> epochs of batches of 32, then predicts <paramref name="testImages"/>
    /// other generated images (seed 2).
    /// </summary>
    public static Result Train(int trainImages = 400, int testImages = 200, int epochs = 10, int seed = 3)
    {
        const int Pixels = ShapeImages.Side * ShapeImages.Side;
        var (images, masks) = ShapeImages.Generate(trainImages, seed: 1);
        var (testX, testMasks) = ShapeImages.Generate(testImages, seed: 2);
        var model = new ShapesSegmenter();
        model.ResetParameters(seed);
        // A class map of 16 × 16 labels per image: the trainer gathers whole maps into each batch.
        var training = Dataset.FromLabelMaps(images, Pixels, masks, Pixels);
        var trainer = new Trainer<ShapesSegmenter>(model, new Adam(learningRate: 3e-3f), new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = seed });
        var summary = trainer.Fit(training);
        int[] predicted = SegmentationMetrics.PredictPixels(model, testX);
        double backgroundOnly = testMasks.Count(label => label == 0) / (double)testMasks.Length;
        return new Result(model, SegmentationMetrics.PixelAccuracy(predicted, testMasks),
            SegmentationMetrics.MeanIntersectionOverUnion(predicted, testMasks, ShapeImages.Classes),
            SegmentationMetrics.IntersectionOverUnion(predicted, testMasks, ShapeImages.Classes), backgroundOnly, summary.Elapsed, testX, testMasks, predicted);
    }

    /// <summary>
    /// Trains, prints the result table and one held-out image with its true and predicted class maps side by side;
    /// returns the result for the figure of held-out images (<see cref="SaveFigure"/>).
    /// </summary>
    public static Result Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var result = Train();
        string classes = string.Join(", ", ShapeImages.ClassNames.Select((name, c) => $"{name} {result.ClassIntersectionOverUnion[c]:F2}"));
        ResultTable.Write(output, "Segmentation: per-pixel classes on generated 16×16 shapes (encoder-decoder, transposed conv, skip concatenation)",
        [
            new ResultRow($"ShapesSegmenter ({ShapesSegmenter.ParameterCount:N0} parameters), Adam 3e-3, 10 epochs, batch 32, 400 images",
                "200 held-out images", $"{Percent.Of(result.PixelAccuracy, 1)} pixel accuracy, mean IoU {result.MeanIntersectionOverUnion:F3} ({classes})",
                $"{result.Elapsed.TotalMilliseconds:F0} ms", $"all-background guess {Percent.Of(result.BackgroundOnlyAccuracy, 1)} pixel accuracy"),
        ]);
        output.WriteLine("One held-out image: input (# bright), truth and prediction (. background, o circle, # square):");
        output.Write(SideBySide(result.TestImages, result.TestMasks, result.Predicted, sample: 0));
        return result;
    }

    /// <summary>Draws the first <paramref name="samples"/> held-out images of <paramref name="result"/>: input, truth and prediction side by side.</summary>
    public static void SaveFigure(Result result, string path, int samples = 4)
    {
        ArgumentNullException.ThrowIfNull(result);
        Plots.SegmentationPlot.Save(result.TestImages, result.TestMasks, result.Predicted, ShapeImages.Side, ShapeImages.ClassNames, samples, path,
            $"ShapesSegmenter on held-out images (mean IoU {result.MeanIntersectionOverUnion:F2})");
    }

    /// <summary>Sample <paramref name="sample"/>'s input, true and predicted class maps as three text panels.</summary>
    public static string SideBySide(float[] images, int[] truth, int[] predicted, int sample)
    {
        const int Side = ShapeImages.Side;
        const string Marks = ".o#";
        var text = new StringBuilder();
        int offset = sample * Side * Side;
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++) text.Append(images[offset + y * Side + x] > 0.5f ? '#' : '.');
            text.Append("   ");
            for (int x = 0; x < Side; x++) text.Append(Marks[truth[offset + y * Side + x]]);
            text.Append("   ");
            for (int x = 0; x < Side; x++) text.Append(Marks[predicted[offset + y * Side + x]]);
            text.AppendLine();
        }
        return text.ToString();
    }
}
