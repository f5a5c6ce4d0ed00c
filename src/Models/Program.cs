// The main job: trains and evaluates the declared models and the classical algorithms on the
// bundled data, and prints one table per family with the reference figure each is meant to match or beat.
// `--quick` (or SPECIALIZED_QUICK=1) runs a few-second subset instead and exits 1 if an accuracy is off:
// the smoke test of the Native AOT binary in .ci/run.
using System.Diagnostics;
using Specialized.Models.Report;
using Specialized.Models.Sections;

string dataDirectory = Path.Combine(AppContext.BaseDirectory, "data");
if (!File.Exists(Path.Combine(dataDirectory, "digits.csv")))
{
    Console.Error.WriteLine($"The bundled data is missing from {dataDirectory}; build the project again (data/*.csv are copied on build).");
    return 1;
}

#if DEBUG
// Newcomers run `dotnet run` without -c Release and judge the speed from it; say once why it is slow.
Console.Error.WriteLine("Note: this is a Debug build. Generated model code runs about 7x slower unoptimized; use `dotnet run -c Release --project src/Models` for real timings.");
#endif
var clock = Stopwatch.StartNew();
bool quick = args.Contains("--quick") || Environment.GetEnvironmentVariable("SPECIALIZED_QUICK") == "1";
if (args.Any(argument => argument != "--quick"))
{
    Console.Error.WriteLine("Usage: Specialized.Models [--quick]   (no arguments: the whole demo; --quick: a few-second subset)");
    return 2;
}
if (quick)
{
    Console.WriteLine($"Specialized — quick run ({Environment.ProcessorCount} cores, SIMD path {Specialized.Kernels.SimdWidths.Best}, " +
                      $"{(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT")})");
    var (quickRows, passed) = QuickSection.Run(dataDirectory);
    ResultTable.Write(Console.Out, "Quick run: MLP (2 epochs), kernel SVM, one classical algorithm", quickRows);
    Console.WriteLine($"Total {clock.Elapsed.TotalSeconds:F1} s; {(passed ? "every accuracy reached its floor" : "an accuracy is below its floor")}.");
    return passed ? 0 : 1;
}
Console.WriteLine($"Specialized — models trained and evaluated on the bundled data ({Environment.ProcessorCount} cores, " +
                  $"SIMD path {Specialized.Kernels.SimdWidths.Best}; DOTNET_PreferredVectorBitWidth={Environment.GetEnvironmentVariable("DOTNET_PreferredVectorBitWidth") ?? "default"})");
Console.WriteLine("Split everywhere: row index % 5 == 4 is test. References: docs/REFERENCE.md (PyTorch, scikit-learn, LIBSVM on this machine).");

var (neuralRows, committeeConfusion) = NeuralNetworksSection.Run(dataDirectory);
ResultTable.Write(Console.Out, "Neural networks (generated code)", neuralRows);
Console.WriteLine();
Console.WriteLine("Committee of MLPs, confusion matrix on the digits test split (rows: true digit, columns: predicted):");
Console.WriteLine(committeeConfusion.ToString());
ResultTable.Write(Console.Out, "Convolutional network on the digits (generated code, im2col + register-blocked product)", ConvolutionalSection.Run(dataDirectory));
ResultTable.Write(Console.Out, "Inception module vs plain CNN on the digits (branches concatenated along channels; generated code)", InceptionSection.Run(dataDirectory));
SegmentationSection.Run(Console.Out);
ResultTable.Write(Console.Out, "Recurrent networks (generated code; gradients clipped at norm 5 by default)", RecurrentSection.Run(dataDirectory));
ResultTable.Write(Console.Out, "Residual networks on tabular data (BatchNorm, residual block, dropout; generated code)", TabularNetworksSection.Run(dataDirectory));
ResultTable.Write(Console.Out, "Kernel SVM (generated kernel, LIBSVM-exact SMO solver)", SupportVectorSection.Run(dataDirectory));
ResultTable.Write(Console.Out, "Classical algorithms I: Bayes decisions, densities, mixtures, k-means, PCA", GenerativeAlgorithmsSection.Run(dataDirectory));
ResultTable.Write(Console.Out, "Classical algorithms II: discriminants, logistic and softmax regression, boosting, trees, forests", DiscriminativeAlgorithmsSection.Run(dataDirectory));
WordEmbeddingsSection.Run(dataDirectory, Console.Out);

Console.WriteLine();
Console.WriteLine($"Total {clock.Elapsed.TotalSeconds:F1} s.");
return 0;
