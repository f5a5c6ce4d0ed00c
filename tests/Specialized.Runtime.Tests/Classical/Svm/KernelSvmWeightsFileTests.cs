using Specialized.IO;

namespace Specialized.Runtime.Tests.Classical.Svm;

/// <summary>SaveWeights/LoadWeights on the runtime kernel: the file format, and refusals that leave the model as it was.</summary>
public sealed class KernelSvmWeightsFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"svm-{Guid.NewGuid():N}.safetensors");

    public void Dispose() => File.Delete(_path);

    private static KernelSvm<RuntimeKernel> Trained(double gamma = 0.5)
    {
        var svm = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Rbf, 2, gamma), 1);
        svm.Fit([0, 0, 1, 1, 4, 4, 5, 5, 9, 0, 8, 1], [0, 0, 1, 1, 2, 2]);
        return svm;
    }

    [Fact]
    public void Saved_file_holds_sklearn_named_tensors_and_the_kernel_metadata()
    {
        var svm = Trained();
        svm.SaveWeights(_path);
        var file = SafeTensorsFile.Load(_path);
        Assert.Equal(["support_vectors", "dual_coef", "intercept", "classes", "support_counts", "support"], file.Names);
        Assert.Equal(("rbf", "2", "0.5", "0", "3"), (file.Metadata["kernel"], file.Metadata["features"], file.Metadata["gamma"], file.Metadata["coef0"], file.Metadata["degree"]));
        Assert.Equal([0L, 1, 2], file.ReadInt64("classes"));
        Assert.Equal(svm.ExportState().Intercepts, file.ReadFloat64("intercept"));

        var loaded = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Rbf, 2, 0.5), 1);
        loaded.LoadWeights(_path);
        Span<double> a = stackalloc double[3], b = stackalloc double[3];
        svm.DecisionValues([2.5f, 3f], a);
        loaded.DecisionValues([2.5f, 3f], b);
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void Save_to_a_file_name_at_the_255_character_limit_succeeds()
    {
        string directory = Directory.CreateTempSubdirectory("svm-long-").FullName;
        try
        {
            string path = Path.Combine(directory, new string('s', 255 - ".safetensors".Length) + ".safetensors");
            Trained().SaveWeights(path);
            Assert.Equal([path], Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Missing_metadata_or_another_gamma_is_refused_and_the_model_is_untouched()
    {
        var target = Trained();
        double before = Decision(target);

        var writer = new SafeTensorsWriter();
        writer.Add("support_vectors", [0, 2], []);
        writer.Save(_path);
        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(_path));
        Assert.Contains("metadata 'kernel' is missing", error.Message);

        Trained(gamma: 0.25).SaveWeights(_path);
        error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(_path));
        Assert.Contains("gamma 0.25", error.Message);
        Assert.Equal(before, Decision(target));
    }

    private static double Decision(KernelSvm<RuntimeKernel> svm)
    {
        Span<double> values = stackalloc double[3];
        svm.DecisionValues([2.5f, 3f], values);
        return values[0] + values[1] + values[2];
    }
}
