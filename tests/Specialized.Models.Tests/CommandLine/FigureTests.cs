using Specialized.Models.Plots;

namespace Specialized.Models.Tests.CommandLine;

/// <summary>The main job's figures, drawn by the quick demo with --output, and the geometry behind the mixture's ellipses.</summary>
public class FigureTests
{
    [Fact]
    public void Quick_demo_with_output_draws_every_figure_as_a_png_of_its_size_with_many_colours()
    {
        using var folder = new TemporaryFolder();
        CliRun run = CliRun.Of("--quick", "--output", folder.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Quick run: MLP (2 epochs), kernel SVM, one classical algorithm", run.Output);
        Assert.Contains("Figures (6 PNGs in ", run.Output);

        PngFile.AssertValid(folder.File("mlp_loss.png"), 800, 500, minimumColours: 10);
        PngFile.AssertValid(folder.File("mlp_accuracy.png"), 800, 500, minimumColours: 10);
        PngFile.AssertValid(folder.File("confusion_matrix.png"), 640, 600, minimumColours: 10);
        // The region figures fill most of their area with two or three tinted classes plus points and lines.
        PngFile.AssertValid(folder.File("svm_breast_cancer.png"), 800, 600, minimumColours: 20);
        PngFile.AssertValid(folder.File("gmm_iris.png"), 800, 600, minimumColours: 20);
        PngFile.AssertValid(folder.File("kmeans_iris.png"), 800, 600, minimumColours: 20);
    }

    [Fact]
    public void Segmentation_figure_of_held_out_images_is_a_png_of_its_size_with_the_class_colours()
    {
        using var folder = new TemporaryFolder();
        // A short run: the figure's drawing is under test, not the model's quality.
        var result = Specialized.Models.Sections.SegmentationSection.Train(trainImages: 64, testImages: 4, epochs: 1);

        Specialized.Models.Sections.SegmentationSection.SaveFigure(result, folder.File("segmentation_shapes.png"));

        // Grey input levels, the background grey and the two shape colours, text: many colours.
        PngFile.AssertValid(folder.File("segmentation_shapes.png"), 720, 900, minimumColours: 10);
    }

    [Fact]
    public void Segmentation_figure_refuses_fewer_maps_than_the_images_to_draw_naming_the_count()
    {
        var e = Assert.Throws<ArgumentException>(() => SegmentationPlot.Save(new float[2 * 16], new int[2 * 16], new int[16], 4, ["background", "shape"], 2, "unused.png", "t"));
        Assert.Equal("predicted", e.ParamName);
        Assert.Contains("need 32", e.Message);
    }

    [Theory]
    [InlineData(4.0, 0.0, 1.0, 2.0, 1.0, 0.0)]                 // axis-aligned, wider than tall
    [InlineData(1.0, 0.0, 9.0, 3.0, 1.0, Math.PI / 2)]         // axis-aligned, taller than wide
    [InlineData(2.0, 1.0, 2.0, 1.7320508075688772, 1.0, Math.PI / 4)] // eigenvalues 3 and 1 along the diagonals
    public void Ellipse_axes_are_the_square_roots_of_the_covariance_eigenvalues(double a, double b, double c, double major, double minor, double angle)
    {
        var (gotMajor, gotMinor, gotAngle) = MixturePlot.Axes(a, b, c);
        Assert.Equal(major, gotMajor, 12);
        Assert.Equal(minor, gotMinor, 12);
        Assert.Equal(angle, gotAngle, 12);
    }

    [Fact]
    public void Ellipse_major_axis_is_an_eigenvector_of_the_covariance()
    {
        // Independent check: Σv = λv for v = (cos θ, sin θ) and λ = major².
        double a = 3.1, b = -1.2, c = 0.7;
        var (major, _, angle) = MixturePlot.Axes(a, b, c);
        double vx = Math.Cos(angle), vy = Math.Sin(angle), lambda = major * major;
        Assert.Equal(lambda * vx, a * vx + b * vy, 10);
        Assert.Equal(lambda * vy, b * vx + c * vy, 10);
    }
}
