namespace Specialized.Onnx.Tests;

/// <summary>
/// Export, run the file in ONNX Runtime (all graph optimizations on), compare with <c>Forward</c>: every PyTorch
/// fixture model with its trained weights and on its own inputs, and models with options no fixture covers, each
/// at several batch sizes (1, an odd size, and one larger than a tile of rows).
/// </summary>
public sealed class RoundTripTests
{
    // Float32 sums in another order (ONNX Runtime's GEMM, convolution and recurrent kernels against ours) differ by a
    // few ulps per accumulation; 1e-5 relative to the output's size (absolute below 1) is far above that and far below any
    // real mistake (a gate out of order or a wrong padding changes outputs in the first or second digit).
    private const float Tolerance = 1e-5f;

    private static readonly int[] BatchSizes = [1, 7, 70];

    [Fact] public void Mlp_relu_matches_onnx_runtime() => FromFixture(new MlpRelu(), "mlp_relu");
    [Fact] public void Mlp_mixed_matches_onnx_runtime() => FromFixture(new MlpMixed(), "mlp_mixed");
    [Fact] public void Mlp_binary_matches_onnx_runtime() => FromFixture(new MlpBinary(), "mlp_binary");
    [Fact] public void Mlp_bn_residual_matches_onnx_runtime() => FromFixture(new MlpBnResidual(), "mlp_bn_residual");
    [Fact] public void Mlp_residual_projection_matches_onnx_runtime() => FromFixture(new MlpResidualProjection(), "mlp_residual_projection");
    [Fact] public void Cnn_digits_matches_onnx_runtime() => FromFixture(new CnnDigits(), "cnn_digits");
    [Fact] public void Lenet_matches_onnx_runtime() => FromFixture(new LeNet(), "lenet");
    [Fact] public void Cnn_bn_gap_matches_onnx_runtime() => FromFixture(new CnnBnGap(), "cnn_bn_gap");
    [Fact] public void Resnet_tiny_matches_onnx_runtime() => FromFixture(new ResNetTiny(), "resnet_tiny");
    [Fact] public void Lstm_seq_matches_onnx_runtime() => FromFixture(new LstmSeq(), "lstm_seq");
    [Fact] public void Gru_seq_matches_onnx_runtime() => FromFixture(new GruSeq(), "gru_seq");
    [Fact] public void Rnn_seq_matches_onnx_runtime() => FromFixture(new RnnSeq(), "rnn_seq");
    [Fact] public void Lstm_stack_matches_onnx_runtime() => FromFixture(new LstmStack(), "lstm_stack");
    [Fact] public void Inception_tiny_matches_onnx_runtime() => FromFixture(new TinyInception(), "inception_tiny");
    [Fact] public void Fcn_tiny_per_pixel_scores_match_onnx_runtime() => FromFixture(new TinyFcn(), "fcn_tiny");

    [Fact] public void Strided_padded_pools_and_dropout_match_onnx_runtime() => WithRandomState(new OddConvNet());
    [Fact] public void Padded_average_pool_counts_padding_as_pytorch_does() => WithRandomState(new PaddedAvgPoolNet());
    [Fact] public void Relu_rnn_steps_into_gru_then_batchnorm_match_onnx_runtime() => WithRandomState(new SequenceStackNet());
    [Fact] public void Nested_residual_blocks_match_onnx_runtime() => WithRandomState(new NestedResidualNet());
    [Fact] public void Padded_transposed_convolutions_and_nearest_upsampling_match_onnx_runtime() => WithRandomState(new TransposedUpsampleNet());
    [Fact] public void Empty_branches_and_upsampling_match_onnx_runtime() => WithRandomState(new EmptyBranchNet());
    [Fact] public void Branches_on_vectors_join_features_as_onnx_runtime_does() => WithRandomState(new VectorBranchNet());

    private static void FromFixture<TModel>(TModel model, string fixture) where TModel : IModel
    {
        model.LoadWeights(TestData.Fixture(fixture));
        Compare(model, TestData.FixtureInputs(fixture));
    }

    // Seeded weights, and running statistics away from their initial 0 and 1 so BatchNorm's translation is really tested.
    private static void WithRandomState<TModel>(TModel model) where TModel : IModel
    {
        float[] buffers = TestData.Uniform(model.Buffers.Length, seed: 5);
        for (int i = 0; i < buffers.Length; i++) buffers[i] = 1f + 0.5f * buffers[i];
        buffers.CopyTo(model.Buffers);
        Compare(model, extraInputs: null);
    }

    private static void Compare<TModel>(TModel model, float[]? extraInputs) where TModel : IModel
    {
        using var directory = new TestData.TemporaryDirectory();
        string path = directory.File("model.onnx");
        model.ExportOnnx(path);
        IReadOnlyList<int> shape = TModel.Description!.InputShape;
        using var runtime = new OnnxRuntimeRunner(path);
        var batches = BatchSizes.Select(rows => TestData.Uniform(rows * TModel.InputSize, seed: rows)).ToList();
        if (extraInputs is not null) batches.Add(extraInputs);
        foreach (float[] inputs in batches)
        {
            int rows = inputs.Length / TModel.InputSize;
            float[] expected = new float[rows * TModel.OutputSize];
            model.Forward(inputs, expected);
            float[] actual = runtime.Run(inputs, shape);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                float allowed = Tolerance * Math.Max(1f, Math.Abs(expected[i]));
                Assert.True(Math.Abs(actual[i] - expected[i]) <= allowed,
                    $"{typeof(TModel).Name}, batch {rows}, output {i}: ONNX Runtime {actual[i]:R}, Forward {expected[i]:R} (tolerance {allowed:G3}).");
            }
        }
    }
}
