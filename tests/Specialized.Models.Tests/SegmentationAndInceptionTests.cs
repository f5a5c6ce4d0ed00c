using Specialized.Models.Sections;
using Xunit.Abstractions;

namespace Specialized.Models.Tests;

/// <summary>The main job's segmentation and Inception demos reach sensible floors (a run of a few seconds each).</summary>
public class SegmentationAndInceptionTests(ITestOutputHelper output)
{
    [Fact]
    public void Generated_shape_images_are_seeded_and_hold_every_class()
    {
        var (images, masks) = ShapeImages.Generate(50, seed: 1);
        var (again, againMasks) = ShapeImages.Generate(50, seed: 1);
        Assert.Equal(images, again);
        Assert.Equal(masks, againMasks);
        Assert.Equal(50 * 256, masks.Length);
        for (int c = 0; c < ShapeImages.Classes; c++) Assert.Contains(c, masks);
    }

    [Fact]
    public void Shapes_segmenter_beats_the_background_guess_and_reaches_a_mean_iou_floor_on_held_out_images()
    {
        var result = SegmentationSection.Train();
        output.WriteLine($"pixel accuracy {result.PixelAccuracy:P2}, mean IoU {result.MeanIntersectionOverUnion:F3} ({string.Join(", ", result.ClassIntersectionOverUnion.Select(v => v.ToString("F3")))}), background only {result.BackgroundOnlyAccuracy:P2}, {result.Elapsed.TotalMilliseconds:F0} ms");
        output.WriteLine(SegmentationSection.SideBySide(result.TestImages, result.TestMasks, result.Predicted, 0));
        Assert.True(result.PixelAccuracy > result.BackgroundOnlyAccuracy + 0.1, $"pixel accuracy {result.PixelAccuracy:P2} vs background {result.BackgroundOnlyAccuracy:P2}");
        // 0.83 seen (circle 0.71, square 0.80); the floors leave room for another machine's rounding.
        Assert.True(result.MeanIntersectionOverUnion >= 0.75, $"mean IoU {result.MeanIntersectionOverUnion:F3}");
        Assert.All(result.ClassIntersectionOverUnion, iou => Assert.True(iou >= 0.6, $"class IoU {iou:F3}"));
    }

    [Fact]
    public void Inception_model_on_the_digits_reaches_the_plain_cnns_range_with_a_similar_parameter_count()
    {
        var (accuracy, summary) = InceptionSection.Train(new Specialized.Models.DigitsInception(), DigitsData.Train, DigitsData.Test, clipNorm: InceptionSection.InceptionClipNorm);
        var (plain, _) = InceptionSection.Train(new Specialized.Models.DigitsCnn(), DigitsData.Train, DigitsData.Test);
        output.WriteLine($"DigitsInception {accuracy:P2} in {summary.Elapsed.TotalMilliseconds:F0} ms, {Specialized.Models.DigitsInception.ParameterCount} parameters; DigitsCnn {plain:P2}, {Specialized.Models.DigitsCnn.ParameterCount}");
        // 97.77% seen at 100 epochs (97.5–98.9% over seeds 2–4); the plain CNN 99.44% with the same seed.
        Assert.True(accuracy >= 0.96, $"accuracy {accuracy:P2}");
        Assert.True(plain - accuracy <= 0.03, $"Inception {accuracy:P2} vs plain CNN {plain:P2}");
        Assert.True(Specialized.Models.DigitsInception.ParameterCount < 1.1 * Specialized.Models.DigitsCnn.ParameterCount);
    }
}
