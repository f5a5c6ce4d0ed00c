using System.Diagnostics;
using Specialized.Models.Report;
using Specialized.Models.Sections;

namespace Specialized.Models;

/// <summary>
/// The main job, what the program does with no command: trains and evaluates the declared models and the
/// classical algorithms on the bundled data and prints one table per family with the reference figure each
/// is meant to match or beat, then draws the figures. <c>--quick</c> (or SPECIALIZED_QUICK=1) runs a
/// few-second subset instead and fails if an accuracy is off: the smoke test of the Native AOT binary in .ci/run.
/// </summary>
public static class MainJob
{
    /// <summary>Where the whole demo writes its figures unless told otherwise, relative to the working directory.</summary>
    public const string DefaultPlotDirectory = "plots";

    /// <summary>The folder next to the program that holds the bundled data (data/*.csv are copied there on build).</summary>
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>Runs the demo; returns the exit code (0 done, 1 the data is missing or a quick-run accuracy is below its floor).</summary>
    /// <param name="quick">Run the few-second subset.</param>
    /// <param name="plotDirectory">Where to write the figures; null: <see cref="DefaultPlotDirectory"/> for the whole demo, none for the quick run.</param>
    /// <param name="output">Where the tables go.</param>
    /// <param name="error">Where problems go.</param>
    public static int Run(bool quick, string? plotDirectory, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string dataDirectory = DataDirectory;
        if (!File.Exists(Path.Combine(dataDirectory, "digits.csv")))
        {
            error.WriteLine($"The bundled data is missing from {dataDirectory}; build the project again (data/*.csv are copied on build).");
            return 1;
        }
#if DEBUG
        // Newcomers run `dotnet run` without -c Release and judge the speed from it; say once why it is slow.
        error.WriteLine("Note: this is a Debug build. Generated model code runs about 7x slower unoptimized; use `dotnet run -c Release --project src/Models` for real timings.");
#endif
        var clock = Stopwatch.StartNew();
        if (quick)
        {
            output.WriteLine($"Specialized — quick run ({Environment.ProcessorCount} cores, SIMD path {Specialized.Kernels.SimdWidths.Best}, " +
                             $"{(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT")})");
            var (quickRows, passed) = QuickSection.Run(dataDirectory);
            ResultTable.Write(output, "Quick run: MLP (2 epochs), kernel SVM, one classical algorithm", quickRows);
            if (plotDirectory is not null) WriteFigures(FiguresSection.Run(dataDirectory, plotDirectory), output);
            output.WriteLine($"Total {clock.Elapsed.TotalSeconds:F1} s; {(passed ? "every accuracy reached its floor" : "an accuracy is below its floor")}.");
            return passed ? 0 : 1;
        }

        output.WriteLine($"Specialized — models trained and evaluated on the bundled data ({Environment.ProcessorCount} cores, " +
                         $"SIMD path {Specialized.Kernels.SimdWidths.Best}; DOTNET_PreferredVectorBitWidth={Environment.GetEnvironmentVariable("DOTNET_PreferredVectorBitWidth") ?? "default"})");
        output.WriteLine("Split everywhere: row index % 5 == 4 is test. References: docs/REFERENCE.md (PyTorch, scikit-learn, LIBSVM on this machine).");

        // The demo's sections, in the order they print.
        var (neuralRows, committeeConfusion) = NeuralNetworksSection.Run(dataDirectory);
        ResultTable.Write(output, "Neural networks (generated code)", neuralRows);
        output.WriteLine();
        output.WriteLine("Committee of MLPs, confusion matrix on the digits test split (rows: true digit, columns: predicted):");
        output.WriteLine(committeeConfusion.ToString());
        ResultTable.Write(output, "Convolutional network on the digits (generated code, im2col + register-blocked product)", ConvolutionalSection.Run(dataDirectory));
        ResultTable.Write(output, "Inception module vs plain CNN on the digits (branches concatenated along channels; generated code)", InceptionSection.Run(dataDirectory));
        var segmentation = SegmentationSection.Run(output);
        ResultTable.Write(output, "Recurrent networks (generated code; gradients clipped at norm 5 by default)", RecurrentSection.Run(dataDirectory));
        ResultTable.Write(output, "Residual networks on tabular data (BatchNorm, residual block, dropout; generated code)", TabularNetworksSection.Run(dataDirectory));
        ResultTable.Write(output, "Kernel SVM (generated kernel, LIBSVM-exact SMO solver)", SupportVectorSection.Run(dataDirectory));
        ResultTable.Write(output, "Classical algorithms I: Bayes decisions, densities, mixtures, k-means, PCA", GenerativeAlgorithmsSection.Run(dataDirectory));
        ResultTable.Write(output, "Classical algorithms II: discriminants, logistic and softmax regression, boosting, trees, forests", DiscriminativeAlgorithmsSection.Run(dataDirectory));
        WordEmbeddingsSection.Run(dataDirectory, output);
        WriteFigures(FiguresSection.Run(dataDirectory, plotDirectory ?? DefaultPlotDirectory, (committeeConfusion, "Committee of 5 DigitsMlp, digits test split"), segmentation), output);

        output.WriteLine();
        output.WriteLine($"Total {clock.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    private static void WriteFigures(IReadOnlyList<string> files, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Figures ({files.Count} PNGs in {Path.GetDirectoryName(Path.GetFullPath(files[0]))}): {string.Join(", ", files.Select(Path.GetFileName))}");
    }
}
