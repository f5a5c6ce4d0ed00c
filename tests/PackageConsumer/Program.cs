// A consumer of the `Specialized` and `Specialized.Onnx` packages: declares an MLP and a kernel SVM, trains them on
// small synthetic problems and checks the results, then exports the MLP to ONNX and imports it into a fresh model.
// Exit code 0 when everything is as expected, 1 otherwise.
using Specialized;
using Specialized.Onnx;

int failures = 0;
void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    if (!condition) failures++;
}

// The generator ran: the constants and the training API exist only in generated code.
Check(TinyMlp.InputSize == 4 && TinyMlp.OutputSize == 3, $"TinyMlp sizes {TinyMlp.InputSize} -> {TinyMlp.OutputSize}");
Check(TinyMlp.ParameterCount == 4 * 8 + 8 + 8 * 3 + 3, $"TinyMlp has {TinyMlp.ParameterCount} parameters");

// Three Gaussian blobs in 4 dimensions.
var random = new Random(7);
const int PerClass = 60;
var features = new float[3 * PerClass * 4];
var labels = new int[3 * PerClass];
for (int i = 0; i < labels.Length; i++)
{
    labels[i] = i % 3;
    for (int j = 0; j < 4; j++)
        features[i * 4 + j] = (j == labels[i] ? 2f : 0f) + (float)(random.NextDouble() - 0.5);
}
var (train, test) = Dataset.FromLabels(features, 4, labels).SplitByRowIndex(5, 4);
var model = new TinyMlp();
var summary = new Trainer<TinyMlp>(model, new Adam(learningRate: 1e-2f), new TrainerOptions { Epochs = 30, BatchSize = 16, Seed = 1 }).Fit(train);
double accuracy = ModelEvaluation.Evaluate(model, test).Accuracy!.Value;
Check(summary.Epochs.Count == 30, $"trained {summary.Epochs.Count} epochs");
Check(accuracy >= 0.95, $"MLP test accuracy {accuracy:P1} (at least 95%)");

// ONNX from the second package: export, check the file, import into a fresh model; the outputs must agree exactly.
string onnxPath = Path.Combine(Path.GetTempPath(), $"package-consumer-{Environment.ProcessId}.onnx");
try
{
    model.ExportOnnx(onnxPath);
    var imported = new TinyMlp();
    imported.ResetParameters(seed: 99);
    imported.LoadWeightsFromOnnx(onnxPath);
    float[] sample = features.AsSpan(0, 4 * 4).ToArray(), before = new float[4 * 3], after = new float[4 * 3];
    model.Forward(sample, before);
    imported.Forward(sample, after);
    Check(new FileInfo(onnxPath).Length > TinyMlp.ParameterCount * sizeof(float), $"exported {new FileInfo(onnxPath).Length} bytes of ONNX");
    Check(before.SequenceEqual(after) && model.Parameters.SequenceEqual(imported.Parameters), "the MLP re-imported from ONNX has the same weights and outputs");
}
finally
{
    File.Delete(onnxPath);
}

// XOR of two coordinates: not linearly separable, easy for an RBF kernel.
var points = new float[200 * 2];
var classes = new int[200];
for (int i = 0; i < classes.Length; i++)
{
    float x = (float)(random.NextDouble() * 4 - 2), y = (float)(random.NextDouble() * 4 - 2);
    if (MathF.Abs(x) < 0.2f) x += x < 0 ? -0.2f : 0.2f;
    if (MathF.Abs(y) < 0.2f) y += y < 0 ? -0.2f : 0.2f;
    points[2 * i] = x;
    points[2 * i + 1] = y;
    classes[i] = x * y > 0 ? 1 : 0;
}
var svm = new TinySvm();
svm.Fit(points.AsSpan(0, 150 * 2), classes.AsSpan(0, 150));
var predicted = new int[50];
svm.Predict(points.AsSpan(150 * 2), predicted);
double svmAccuracy = predicted.Where((p, i) => p == classes[150 + i]).Count() / 50.0;
Check(svm.IsFitted && svm.SupportVectorCount > 0, $"SVM fitted with {svm.SupportVectorCount} support vectors");
Check(svmAccuracy >= 0.9, $"SVM test accuracy on XOR {svmAccuracy:P1} (at least 90%)");

Console.WriteLine(failures == 0 ? "Package consumer: all checks passed." : $"Package consumer: {failures} check(s) failed.");
return failures == 0 ? 0 : 1;

/// <summary>A tiny classifier: 4 inputs, one hidden ReLU layer, 3 logits.</summary>
[Model(Input = 4, Loss = Loss.SoftmaxCrossEntropy)]
[Dense(8, Activation.Relu)]
[Dense(3)]
public partial class TinyMlp;

/// <summary>An RBF kernel SVM over two features.</summary>
[KernelSvm(Features = 2, Kernel = SvmKernel.Rbf, Gamma = 0.5, C = 1)]
public partial class TinySvm;

#if BAD_DECLARATION
/// <summary>Invalid on purpose (built only by run.sh's negative check): must fail with SPEC005.</summary>
[Model(Input = 0)]
[Dense(3)]
public partial class BadModel;
#endif
