using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Specialized.Models;

namespace Specialized.Benchmarks.Conv;

/// <summary>
/// Whole convolutional networks, generated code against <see cref="NaiveCnn"/> (the baseline: seven-loop
/// scalar convolutions, scalar pools and dense layers, scalar Adam) with the same weights, in the same run:
/// the digits CNN (1×8×8) and LeNet-5 (1×28×28). Forward at batch 1, and one training step at batch 32
/// that includes the Adam step on both sides (forward, softmax cross-entropy, backward, Adam lr 1e-3).
/// REFERENCE.md's PyTorch figures (one core) are per sample at batch 1 and samples/s in batch-32 Adam training.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class CnnBenchmarks
{
    private const int Batch = 32;

    /// <summary>Digits: DigitsCnn of the main job; LeNet: LeNet-5 as the lenet fixture.</summary>
    [Params("Digits", "LeNet")]
    public string Network { get; set; } = "";

    private ICnnCase _case = null!;

    [GlobalSetup]
    public void Setup()
    {
        _case = Network switch
        {
            "Digits" => new CnnCase<DigitsCnn>(
            [
                new NaiveConv(1, 8, 8, 8, 3, 1, Relu: true), new NaivePool(8, 8, 8),
                new NaiveConv(8, 4, 4, 16, 3, 1, Relu: true), new NaivePool(16, 4, 4),
                new NaiveDense(64, 10, Relu: false),
            ]),
            "LeNet" => new CnnCase<BenchmarkLeNet>(
            [
                new NaiveConv(1, 28, 28, 6, 5, 0, Relu: true), new NaivePool(6, 24, 24),
                new NaiveConv(6, 12, 12, 16, 5, 0, Relu: true), new NaivePool(16, 8, 8),
                new NaiveDense(256, 120, Relu: true), new NaiveDense(120, 84, Relu: true), new NaiveDense(84, 10, Relu: false),
            ]),
            _ => throw new ArgumentException($"Unknown network {Network}."),
        };
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward batch 1")]
    public float ForwardBatch1Naive() => _case.NaiveForward(1);

    [Benchmark, BenchmarkCategory("Forward batch 1")]
    public float ForwardBatch1Generated() => _case.Forward(1);

    [Benchmark(Baseline = true), BenchmarkCategory("Adam step batch 32")]
    public float TrainStepNaive() => _case.NaiveTrainStep();

    [Benchmark, BenchmarkCategory("Adam step batch 32")]
    public float TrainStepGenerated() => _case.TrainStep();

    private interface ICnnCase
    {
        float NaiveForward(int rows);
        float Forward(int rows);
        float NaiveTrainStep();
        float TrainStep();
    }

    private sealed class CnnCase<TModel> : ICnnCase where TModel : IModel, new()
    {
        private readonly TModel _model = new();
        private readonly Adam _adam = new(1e-3f);
        private readonly NaiveCnn _naive;
        private readonly float[] _inputs, _outputs;
        private readonly int[] _labels;

        public CnnCase(NaiveLayer[] layers)
        {
            var random = new Random(11);
            _inputs = new float[Batch * TModel.InputSize];
            for (int i = 0; i < _inputs.Length; i++) _inputs[i] = random.NextSingle();
            _labels = new int[Batch];
            for (int i = 0; i < Batch; i++) _labels[i] = random.Next(TModel.OutputSize);
            _outputs = new float[Batch * TModel.OutputSize];
            // Small random biases, so a wrongly placed bias would show in the comparison below.
            Span<float> parameters = _model.Parameters;
            foreach (ModelTensor tensor in TModel.ParameterTensors)
            {
                if (!tensor.Name.EndsWith(".bias", StringComparison.Ordinal)) continue;
                for (int i = 0; i < tensor.Length; i++) parameters[tensor.Offset + i] = (random.NextSingle() - 0.5f) * 0.2f;
            }
            _naive = new NaiveCnn(layers, parameters, Batch);
            Verify();
        }

        // Both sides must compute the same function and the same gradients, or the ratios compare different work.
        private void Verify()
        {
            float[] naive = new float[_outputs.Length];
            _naive.Forward(_inputs, naive, Batch);
            _model.Forward(_inputs, _outputs);
            Compare(naive, _outputs, "output");
            float naiveLoss = _naive.ComputeGradients(_inputs, _labels, Batch);
            float loss = _model.ComputeGradients(_inputs, _labels);
            Compare([naiveLoss], [loss], "loss");
            Compare(_naive.Gradients, _model.Gradients.ToArray(), "gradient");
        }

        private static void Compare(float[] expected, float[] actual, string what)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                if (Math.Abs(expected[i] - actual[i]) > 1e-4f * (1 + Math.Abs(expected[i])))
                    throw new InvalidOperationException($"{typeof(TModel).Name} {what} {i}: naive {expected[i]}, generated {actual[i]}.");
            }
        }

        public float NaiveForward(int rows)
        {
            _naive.Forward(_inputs, _outputs, rows);
            return _outputs[0];
        }

        public float Forward(int rows)
        {
            _model.Forward(_inputs.AsSpan(0, rows * TModel.InputSize), _outputs.AsSpan(0, rows * TModel.OutputSize));
            return _outputs[0];
        }

        public float NaiveTrainStep() => _naive.TrainStep(_inputs, _labels, Batch);

        public float TrainStep()
        {
            float loss = _model.ComputeGradients(_inputs, _labels);
            _adam.Step(_model.Parameters, _model.Gradients);
            return loss;
        }
    }
}
