using Specialized.IO;
using Specialized.Kernels;
using Specialized.Models.Tests.Declarations;

namespace Specialized.Models.Tests;

/// <summary>
/// The layer graph's nodes inside whole models: gradients against finite differences, dropout
/// semantics and replay, buffers in weight files, naming, and what misuse gets (an exception, never
/// corrupted memory).
/// </summary>
public class GraphModelTests
{
    private static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Fact]
    public void BatchNorm_gradient_matches_finite_differences_with_batch_statistics()
    {
        float[] x = Random(6 * 5, 1), t = Random(6 * 3, 2);
        GradientCheck.Assert(new BatchNormNet(), m => m.ComputeGradients(x, t));
    }

    [Fact]
    public void Nested_residual_blocks_with_projections_match_finite_differences()
    {
        Assert.Contains(NestedResidualNet.Tensors, t => t.Name == "1.shortcut.0.weight");
        Assert.Contains(NestedResidualNet.Tensors, t => t.Name == "1.body.0.body.0.weight");
        GradientCheck.Assert(new NestedResidualNet(), m => m.ComputeGradients(Random(5 * 6, 3), [0, 3, 1, 2, 3]));
    }

    [Fact]
    public void Dropout_with_a_replayed_mask_matches_finite_differences()
    {
        float[] x = Random(4 * 5, 4), t = Random(4 * 3, 5);
        GradientCheck.Assert(new DropoutNet(), m =>
        {
            m.TrainingStep = 17; // every evaluation replays the same mask
            return m.ComputeGradients(x, t);
        });
    }

    [Fact]
    public void Dropout_is_the_identity_in_inference()
    {
        var dropout = new DropoutNet();
        var plain = new NoDropoutNet();
        Assert.Equal(plain.Parameters.ToArray(), dropout.Parameters.ToArray());
        float[] x = Random(9 * 5, 6), a = new float[9 * 3], b = new float[9 * 3];
        dropout.Forward(x, a);
        plain.Forward(x, b);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Dropout_masks_follow_the_seed_and_step_and_agree_on_every_width()
    {
        float[] x = Random(8 * 5, 7), t = Random(8 * 3, 8);
        var model = new DropoutNet();
        var losses = new List<float>();
        foreach (SimdWidth width in new[] { SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512 })
        {
            model.TrainingStep = 3;
            losses.Add(model.ComputeGradientsWith(width, x, t));
            Assert.Equal(4, model.TrainingStep);
        }
        Assert.All(losses, l => Assert.Equal(losses[0], l, 5));
        model.TrainingStep = 4;
        float other = model.ComputeGradients(x, t);
        Assert.NotEqual(losses[0], other);
        // Without dropout the loss would be the plain model's; with p = 0.4 it is not.
        Assert.NotEqual(new NoDropoutNet().ComputeGradients(x, t), losses[0]);
        // A reset restarts the steps, so training again from the same seed repeats the masks.
        model.ResetParameters(DropoutNet.InitialSeed);
        model.TrainingStep = 3;
        Assert.Equal(losses[0], model.ComputeGradients(x, t), 5);
    }

    [Fact]
    public void Buffers_round_trip_through_weight_files_with_the_int64_counter()
    {
        string dir = Path.Combine(Path.GetTempPath(), "specialized-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var model = new BatchNormNet();
            for (int step = 0; step < 3; step++) model.ComputeGradients(Random(6 * 5, 10 + step), Random(6 * 3, 20 + step));
            Assert.Equal(3, model.IntegerBuffers[0]);
            string path = Path.Combine(dir, "bn.safetensors");
            model.SaveWeights(path);
            var file = SafeTensorsFile.Load(path);
            Assert.Equal(SafeTensorsDType.Int64, file.GetInfo("1.num_batches_tracked").DType);
            Assert.Equal([3L], file.ReadInt64("1.num_batches_tracked"));

            var copy = new BatchNormNet();
            copy.LoadWeights(path, strict: true);
            Assert.Equal(model.Parameters.ToArray(), copy.Parameters.ToArray());
            Assert.Equal(model.Buffers.ToArray(), copy.Buffers.ToArray());
            Assert.Equal(3, copy.IntegerBuffers[0]);
            float[] x = Random(4 * 5, 30), a = new float[12], b = new float[12];
            model.Forward(x, a);
            copy.Forward(x, b);
            Assert.Equal(a, b);

            // A file with a bad running_var shape changes nothing, buffers included.
            var writer = new SafeTensorsWriter();
            foreach (ModelTensor tensor in BatchNormNet.Tensors.Where(t => t.DType == TensorDType.Float32))
            {
                var shape = tensor.Name == "1.running_var" ? new[] { 8 } : tensor.Shape;
                writer.Add(tensor.Name, shape, new float[shape.Aggregate(1, (p, d) => p * d)]);
            }
            string bad = Path.Combine(dir, "bad.safetensors");
            writer.Save(bad);
            float[] buffers = copy.Buffers.ToArray();
            var error = Assert.Throws<InvalidDataException>(() => copy.LoadWeights(bad));
            Assert.Contains("1.running_var", error.Message);
            Assert.Equal(buffers, copy.Buffers.ToArray());
            Assert.Equal(3, copy.IntegerBuffers[0]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Strict_loading_names_the_tensors_left_over_changes_nothing_and_accepts_the_models_own_tensors(bool fromMemory)
    {
        var fixture = Fixture.Load("mlp_relu"); // also holds input, output, loss and grad.* tensors
        var model = new DigitsMlp();
        Action<string, bool> load = fromMemory
            ? (path, strict) => model.LoadWeights(SafeTensorsFile.Parse(File.ReadAllBytes(path), "in memory"), strict)
            : (path, strict) => model.LoadWeights(path, strict);
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => load(fixture.Path, true));
        Assert.Contains("left over (strict load)", error.Message);
        Assert.Contains("'input'", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());

        string own = Path.Combine(Path.GetTempPath(), $"specialized-{Guid.NewGuid():N}.safetensors");
        try
        {
            var writer = new SafeTensorsWriter();
            foreach (string name in new[] { "0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias" })
                writer.Add(name, fixture.File.GetInfo(name).Shape, fixture.Floats(name));
            File.WriteAllBytes(own, writer.ToBytes());
            load(own, true);
            var reference = new DigitsMlp();
            reference.LoadWeights(fixture.Path);
            Assert.Equal(reference.Parameters.ToArray(), model.Parameters.ToArray());
        }
        finally
        {
            File.Delete(own);
        }
    }

    [Fact]
    public void Sequential_naming_counts_fused_activations_as_pytorch_modules()
    {
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], SequentialNamedNet.Tensors.Select(t => t.Name));
    }

    [Fact]
    public void Records_and_keyword_named_classes_are_generated()
    {
        var record = new RecordNet();
        var keyword = new @class();
        var y = new float[2];
        record.Forward([1f, 2f, 3f], y);
        keyword.Forward([1f, 2f, 3f], y);
        Assert.Equal(2, @class.OutputSize);
    }

    [Fact]
    public void NaN_propagates_through_relu_layers_and_the_loss_on_every_width()
    {
        var model = new ReluNet();
        float[] x = [float.NaN, 1, 2, 3, 4];
        foreach (SimdWidth width in new[] { SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512 })
        {
            var y = new float[3];
            model.ForwardWith(width, x, y);
            Assert.All(y, v => Assert.True(float.IsNaN(v), $"{width}: relu(NaN) must be NaN, as in PyTorch"));
            Assert.True(float.IsNaN(model.ComputeGradientsWith(width, x, new float[3])), $"{width}: the loss of a NaN sample is NaN");
        }
    }

    [Fact]
    public void An_unknown_width_is_an_error_not_a_silent_scalar_run()
    {
        var model = new DigitsMlp();
        var forward = Assert.Throws<ArgumentOutOfRangeException>(() => model.ForwardWith((SimdWidth)77, new float[64], new float[10]));
        Assert.Equal("width", forward.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ComputeGradientsWith((SimdWidth)77, new float[64], [1]));
    }

    [Fact]
    public void Overlapping_input_and_output_spans_are_refused()
    {
        var model = new IdentityNet();
        float[] buffer = new float[5 + 3];
        var error = Assert.Throws<ArgumentException>(() => model.Forward(buffer.AsSpan(0, 5), buffer.AsSpan(4, 3)));
        Assert.Equal("outputs", error.ParamName);
    }

    [Fact]
    public void A_rejected_training_call_leaves_the_running_statistics_alone()
    {
        var model = new MlpBnResidual();
        float[] buffers = model.Buffers.ToArray();
        var error = Assert.Throws<ArgumentException>(() => model.ComputeGradients(Random(6 * 20, 40), [0, 1, 2, 3, 4, 0]));
        Assert.Equal("labels", error.ParamName);
        Assert.Equal(buffers, model.Buffers.ToArray());
        Assert.Equal(0, model.IntegerBuffers[0]);
    }

    [Fact]
    public void ResetParameters_is_part_of_the_model_contract_and_refuses_negative_seeds()
    {
        static void Reset<TModel>(TModel model) where TModel : IModel => model.ResetParameters(5);
        var model = new BatchNormNet();
        model.ComputeGradients(Random(6 * 5, 50), Random(6 * 3, 51));
        Reset(model);
        Assert.All(model.Buffers[..7].ToArray(), v => Assert.Equal(0f, v)); // running_mean
        Assert.All(model.Buffers[7..].ToArray(), v => Assert.Equal(1f, v)); // running_var
        Assert.Equal(0, model.IntegerBuffers[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ResetParameters(-5));
    }

    // The hardening issue's repro: threads sharing one instance for training. Misuse must end in an
    // InvalidOperationException on the losing threads, never in an access violation or a hang.
    [Fact]
    public void Concurrent_training_on_one_instance_throws_instead_of_corrupting_memory()
    {
        var model = new DigitsMlp();
        int refused = 0;
        var unexpected = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new Barrier(4);
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            var random = new Random(t);
            start.SignalAndWait();
            for (int i = 0; i < 400; i++)
            {
                int batch = 1 + random.Next(300);
                try
                {
                    if (i % 50 == 49) model.ResetParameters(t);
                    else model.ComputeGradients(new float[batch * DigitsMlp.InputSize], new int[batch]);
                }
                catch (InvalidOperationException e) when (e.Message.Contains("on a Specialized.Models.DigitsMlp while", StringComparison.Ordinal) && e.Message.Contains("one thread at a time", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception e)
                {
                    unexpected.Enqueue(e);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromMinutes(2)), "a training thread hung"));
        Assert.Empty(unexpected);
        Assert.True(refused > 0, "four threads never overlapped, so the test proved nothing");
        // The instance is still sound: one thread at a time works.
        Assert.True(float.IsFinite(model.ComputeGradients(new float[3 * DigitsMlp.InputSize], [1, 2, 3])));
    }
}
