using Specialized.IO;
using Specialized.Models.Tests.Declarations;

namespace Specialized.Models.Tests;

/// <summary>The public contract of a generated model: sizes, span checks, weights IO, allocation, threads, determinism.</summary>
public class ModelContractTests
{
    [Fact]
    public void Constants_describe_the_declaration()
    {
        Assert.Equal(64, DigitsMlp.InputSize);
        Assert.Equal(10, DigitsMlp.OutputSize);
        Assert.Equal(17226, DigitsMlp.ParameterCount);
        Assert.Equal(DigitsMlp.ParameterCount, new DigitsMlp().Parameters.Length);
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias"], DigitsMlp.ParameterTensors.Select(t => t.Name));
        Assert.Equal([128, 64], DigitsMlp.ParameterTensors[0].Shape);
    }

    [Fact]
    public void Wrong_span_lengths_name_the_argument_and_the_expected_length()
    {
        var model = new DigitsMlp();
        var input = Assert.Throws<ArgumentException>(() => model.Forward(new float[100], new float[10]));
        Assert.Equal("inputs", input.ParamName);
        Assert.Contains("expected a positive multiple of InputSize (64)", input.Message);
        var output = Assert.Throws<ArgumentException>(() => model.Forward(new float[128], new float[10]));
        Assert.Equal("outputs", output.ParamName);
        Assert.Contains("expected 20 (batch 2 × OutputSize 10)", output.Message);
        var labels = Assert.Throws<ArgumentException>(() => model.ComputeGradients(new float[128], new int[3]));
        Assert.Equal("labels", labels.ParamName);
        Assert.Contains("expected one per sample row (2)", labels.Message);
        var range = Assert.Throws<ArgumentException>(() => model.ComputeGradients(new float[128], [1, 10]));
        Assert.Contains("labels[1] is 10", range.Message);
        var targets = Assert.Throws<ArgumentException>(() => new MlpMixed().ComputeGradients(new float[13], new float[2]));
        Assert.Equal("targets", targets.ParamName);
        Assert.Contains("expected 3", targets.Message);
    }

    [Fact]
    public void A_single_logit_model_refuses_a_label_other_than_0_or_1_at_its_training_step()
    {
        // The step checks labels once, before its forward pass; the loss then takes them as checked, and a single
        // logit's binary cross-entropy would read a label of 2 as a target probability of 2 without complaint.
        var model = new MlpBinary();
        var error = Assert.Throws<ArgumentException>(() => model.ComputeGradients(new float[3 * MlpBinary.InputSize], [0, 1, 2]));
        Assert.Equal("labels", error.ParamName);
        Assert.StartsWith("labels[2] is 2; labels must be class indices [0, 2).", error.Message);
    }

    [Fact]
    public void Two_new_instances_start_from_the_same_weights_and_a_seed_changes_them()
    {
        var a = new DigitsMlp();
        var b = new DigitsMlp();
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        b.ResetParameters(seed: 43);
        Assert.NotEqual(a.Parameters.ToArray(), b.Parameters.ToArray());
        b.ResetParameters(seed: DigitsMlp.InitialSeed);
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        // Biases start at zero; He-normal weights for ReLU have variance 2 / fanIn.
        Assert.All(a.Parameters.Slice(8192, 128).ToArray(), v => Assert.Equal(0f, v));
        double variance = a.Parameters[..8192].ToArray().Select(v => (double)v * v).Average();
        Assert.InRange(variance, 2.0 / 64 * 0.9, 2.0 / 64 * 1.1);
    }

    [Fact]
    public void Saved_weights_round_trip_and_use_pytorch_names_shapes_and_order()
    {
        string path = Path.Combine(Path.GetTempPath(), $"specialized-{Guid.NewGuid():N}.safetensors");
        try
        {
            var model = new DigitsMlp();
            model.LoadWeights(Fixture.Load("mlp_relu").Path);
            model.SaveWeights(path);
            var file = SafeTensorsFile.Load(path);
            Assert.Equal(new[] { "0.bias", "0.weight", "1.bias", "1.weight", "2.bias", "2.weight" }, file.Names.Order(StringComparer.Ordinal));
            Assert.Equal(Fixture.Load("mlp_relu").Floats("1.weight"), file.ReadFloat32("1.weight"));
            var copy = new DigitsMlp();
            copy.LoadWeights(path);
            Assert.Equal(model.Parameters.ToArray(), copy.Parameters.ToArray());
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*.tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Weights_load_from_bytes_in_memory_as_from_the_file_and_a_mismatch_changes_nothing()
    {
        var fixture = Fixture.Load("mlp_relu");
        var fromPath = new DigitsMlp();
        fromPath.LoadWeights(fixture.Path);
        var fromBytes = new DigitsMlp();
        fromBytes.LoadWeights(SafeTensorsFile.Parse(File.ReadAllBytes(fixture.Path), "mlp_relu in memory"));
        Assert.Equal(fromPath.Parameters.ToArray(), fromBytes.Parameters.ToArray());
        Assert.NotEqual(new DigitsMlp().Parameters.ToArray(), fromBytes.Parameters.ToArray());

        // Another model's tensors: refused with the source name and the tensor, and nothing applied.
        float[] before = fromBytes.Parameters.ToArray();
        var other = SafeTensorsFile.Parse(File.ReadAllBytes(Fixture.Load("mlp_mixed").Path), "mlp_mixed in memory");
        var wrongShape = Assert.Throws<InvalidDataException>(() => fromBytes.LoadWeights(other));
        Assert.Contains("'0.weight'", wrongShape.Message);
        Assert.Contains("mlp_mixed in memory", wrongShape.Message);
        Assert.Equal(before, fromBytes.Parameters.ToArray());
    }

    [Fact]
    public void Loading_a_damaged_or_mismatched_file_names_the_problem_and_changes_nothing()
    {
        var model = new DigitsMlp();
        float[] before = model.Parameters.ToArray();
        string dir = Path.Combine(Path.GetTempPath(), $"specialized-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            // A file from another model: tensor 1.weight has the wrong shape.
            var wrongShape = Assert.Throws<InvalidDataException>(() => model.LoadWeights(Fixture.Load("mlp_mixed").Path));
            Assert.Contains("'0.weight'", wrongShape.Message);
            Assert.Contains("expected [128, 64]", wrongShape.Message);

            // A file missing the last tensor: the earlier tensors must not be applied either.
            var writer = new SafeTensorsWriter();
            var fixture = Fixture.Load("mlp_relu");
            foreach (string name in new[] { "0.weight", "0.bias", "1.weight", "1.bias", "2.weight" })
                writer.Add(name, fixture.File.GetInfo(name).Shape, fixture.Floats(name));
            string partial = Path.Combine(dir, "partial.safetensors");
            writer.Save(partial);
            var missing = Assert.Throws<InvalidDataException>(() => model.LoadWeights(partial));
            Assert.Contains("missing '2.bias'", missing.Message);
            Assert.Contains("TensorNaming.Sequential", missing.Message);

            // A truncated file.
            string truncated = Path.Combine(dir, "truncated.safetensors");
            byte[] bytes = File.ReadAllBytes(fixture.Path);
            File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
            Assert.Throws<InvalidDataException>(() => model.LoadWeights(truncated));

            Assert.Equal(before, model.Parameters.ToArray());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Forward_compute_gradients_and_an_optimizer_step_allocate_nothing_after_warm_up()
    {
        var model = new DigitsMlp();
        var optimizer = new Adam(1e-3f);
        var x = DigitsData.Train.Features.AsSpan(0, 32 * 64).ToArray();
        var labels = DigitsData.Train.Labels.AsSpan(0, 32).ToArray();
        var y = new float[32 * 10];
        void Work()
        {
            model.Forward(x, y);
            model.Forward(x.AsSpan(0, 64), y.AsSpan(0, 10));
            model.ComputeGradients(x, labels);
            optimizer.Step(model.Parameters, model.Gradients);
        }
        Work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) Work();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Forward_may_run_on_several_threads_at_once_on_one_instance()
    {
        // The documented claim (IModel remarks): Forward only reads parameters and uses per-thread scratch.
        var model = new DigitsMlp();
        model.LoadWeights(Fixture.Load("mlp_relu").Path);
        float[] x = DigitsData.Test.Features;
        var expected = new float[DigitsData.Test.Count * 10];
        model.Forward(x, expected);
        var failures = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (int repeat = 0; repeat < 20; repeat++)
            {
                var y = new float[expected.Length];
                model.Forward(x, y);
                if (!y.AsSpan().SequenceEqual(expected)) Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }
}
