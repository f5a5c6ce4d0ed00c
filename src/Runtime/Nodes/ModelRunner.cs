using Specialized.IO;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// The public API of every generated model, written once: argument checks, the register-width
/// dispatch, inference in tiles, the training step (forward, loss, backward), initialization and
/// weight files. Generic over the model's graph struct, so each model gets its own specialized copy.
/// </summary>
public static class ModelRunner
{
    /// <summary>New state for <typeparamref name="TGraph"/>, initialized from <paramref name="seed"/>.</summary>
    public static ModelState CreateState<TGraph>(int seed) where TGraph : struct, IModelGraph
    {
        var state = new ModelState(TGraph.Layout);
        Initialize<TGraph>(state, seed);
        return state;
    }

    /// <summary>The parameter tensors of <paramref name="tensors"/>, in order.</summary>
    public static IReadOnlyList<ModelTensor> ParametersOf(IReadOnlyList<ModelTensor> tensors) =>
        tensors.Where(t => t.Kind == TensorKind.Parameter).ToArray();

    /// <summary>Inference: batch = inputs.Length / InputSize; writes batch × OutputSize floats.</summary>
    public static void Forward<TGraph>(SimdWidth width, ModelState state, ReadOnlySpan<float> inputs, Span<float> outputs) where TGraph : struct, IModelGraph
    {
        int batch = ModelChecks.BatchOf(inputs, TGraph.InputSize);
        ModelChecks.OutputLength(outputs, batch, TGraph.OutputSize);
        ModelChecks.NoOverlap(inputs, outputs);
        Span<float> scratch = InferenceScratch(TGraph.ScratchFloats);
        for (int row = 0; row < batch; row += TGraph.TileRows)
        {
            int rows = Math.Min(TGraph.TileRows, batch - row);
            ReadOnlySpan<float> x = inputs.Slice(row * TGraph.InputSize, rows * TGraph.InputSize);
            Span<float> y = outputs.Slice(row * TGraph.OutputSize, rows * TGraph.OutputSize);
            switch (width)
            {
                case SimdWidth.Vector512: TGraph.Infer<Float512>(x, state, scratch, y, rows); break;
                case SimdWidth.Vector256: TGraph.Infer<Float256>(x, state, scratch, y, rows); break;
                case SimdWidth.Vector128: TGraph.Infer<Float128>(x, state, scratch, y, rows); break;
                case SimdWidth.Scalar: TGraph.Infer<FloatScalar>(x, state, scratch, y, rows); break;
                default: throw ModelChecks.UnknownWidth(width);
            }
        }
    }

    /// <summary>Training step on class labels: returns the mean loss and fills the gradients.</summary>
    public static float ComputeGradients<TGraph>(SimdWidth width, ModelState state, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) where TGraph : struct, IModelGraph
    {
        using var _ = state.Exclusive.Enter(TGraph.ModelName, "ComputeGradients");
        int rows = ModelChecks.BatchOf(inputs, TGraph.InputSize);
        // Checked here, once per step, before the forward pass, which updates BatchNorm's running statistics: a rejected
        // call changes nothing. The loss below takes the labels as checked rather than walking them again.
        int pixels = TGraph.LabelsPerSample;
        if (pixels > 1) PixelLoss.CheckLabels(rows, TGraph.OutputSize / pixels, pixels, labels, nameof(labels));
        else Require.Labels(labels, rows, nameof(labels), LossFunctions.LabelClasses(TGraph.Loss, TGraph.OutputSize));
        int batch = BeginStep<TGraph>(width, state, inputs);
        float loss = pixels > 1
            ? PixelLoss.SoftmaxCrossEntropyOfCheckedLabels(Outputs<TGraph>(state, batch), TGraph.OutputSize / pixels, pixels, labels, OutputGradient<TGraph>(state, batch))
            : LossFunctions.EvaluateCheckedLabels(TGraph.Loss, Outputs<TGraph>(state, batch), TGraph.OutputSize, labels, OutputGradient<TGraph>(state, batch));
        EndStep<TGraph>(width, state, inputs, batch);
        return loss;
    }

    /// <summary>Training step on float targets (rows × OutputSize): returns the mean loss and fills the gradients.</summary>
    public static float ComputeGradients<TGraph>(SimdWidth width, ModelState state, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) where TGraph : struct, IModelGraph
    {
        using var _ = state.Exclusive.Enter(TGraph.ModelName, "ComputeGradients");
        int rows = ModelChecks.BatchOf(inputs, TGraph.InputSize);
        Require.Length(targets, rows, TGraph.OutputSize, nameof(targets));
        int batch = BeginStep<TGraph>(width, state, inputs);
        float loss = LossFunctions.Evaluate(TGraph.Loss, Outputs<TGraph>(state, batch), TGraph.OutputSize, targets, OutputGradient<TGraph>(state, batch));
        EndStep<TGraph>(width, state, inputs, batch);
        return loss;
    }

    // Checks, sizes the buffers for the batch (under the guard, so no other call can see them resized) and runs the training forward pass.
    private static int BeginStep<TGraph>(SimdWidth width, ModelState state, ReadOnlySpan<float> inputs) where TGraph : struct, IModelGraph
    {
        int batch = ModelChecks.BatchOf(inputs, TGraph.InputSize);
        if (width is not (SimdWidth.Vector512 or SimdWidth.Vector256 or SimdWidth.Vector128 or SimdWidth.Scalar)) throw ModelChecks.UnknownWidth(width);
        state.Training.EnsureCapacity(batch);
        switch (width)
        {
            case SimdWidth.Vector512: TGraph.TrainingForward<Float512>(inputs, state, batch); break;
            case SimdWidth.Vector256: TGraph.TrainingForward<Float256>(inputs, state, batch); break;
            case SimdWidth.Vector128: TGraph.TrainingForward<Float128>(inputs, state, batch); break;
            default: TGraph.TrainingForward<FloatScalar>(inputs, state, batch); break;
        }
        return batch;
    }

    private static ReadOnlySpan<float> Outputs<TGraph>(ModelState state, int batch) where TGraph : struct, IModelGraph =>
        state.Training.Value(TGraph.Layout.OutputValue).Slice(0, batch * TGraph.OutputSize);

    private static Span<float> OutputGradient<TGraph>(ModelState state, int batch) where TGraph : struct, IModelGraph =>
        state.Training.Gradient(TGraph.Layout.OutputValue).Slice(0, batch * TGraph.OutputSize);

    private static void EndStep<TGraph>(SimdWidth width, ModelState state, ReadOnlySpan<float> inputs, int batch) where TGraph : struct, IModelGraph
    {
        switch (width)
        {
            case SimdWidth.Vector512: TGraph.Backward<Float512>(inputs, state, batch); break;
            case SimdWidth.Vector256: TGraph.Backward<Float256>(inputs, state, batch); break;
            case SimdWidth.Vector128: TGraph.Backward<Float128>(inputs, state, batch); break;
            default: TGraph.Backward<FloatScalar>(inputs, state, batch); break;
        }
        state.Step++;
    }

    /// <summary>New initial parameters and buffers from <paramref name="seed"/> (0 or more; System.Random folds negative seeds).</summary>
    public static void Reset<TGraph>(ModelState state, int seed) where TGraph : struct, IModelGraph
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        using var _ = state.Exclusive.Enter(TGraph.ModelName, "ResetParameters");
        Initialize<TGraph>(state, seed);
    }

    private static void Initialize<TGraph>(ModelState state, int seed) where TGraph : struct, IModelGraph
    {
        state.Parameters.Clear();
        state.Buffers.Clear();
        Array.Clear(state.IntegerBuffers);
        TGraph.Initialize(state, seed);
        state.Seed = (ulong)seed;
        state.Step = 0;
    }

    /// <summary>Loads every tensor from a safetensors file; on any error nothing changes.</summary>
    public static void Load<TGraph>(ModelState state, string path, bool strict) where TGraph : struct, IModelGraph
    {
        using var _ = state.Exclusive.Enter(TGraph.ModelName, "LoadWeights");
        ModelLayout layout = TGraph.Layout;
        ModelWeights.Load(path, TGraph.Tensors, state.Parameters[..layout.ParameterCount], state.Buffers[..layout.BufferCount], state.IntegerBuffers, strict);
    }

    /// <summary>Loads every tensor from a safetensors file already in memory; on any error nothing changes.</summary>
    public static void Load<TGraph>(ModelState state, SafeTensorsFile weights, bool strict) where TGraph : struct, IModelGraph
    {
        using var _ = state.Exclusive.Enter(TGraph.ModelName, "LoadWeights");
        ModelLayout layout = TGraph.Layout;
        ModelWeights.LoadFrom(weights, TGraph.Tensors, state.Parameters[..layout.ParameterCount], state.Buffers[..layout.BufferCount], state.IntegerBuffers, strict);
    }

    /// <summary>Saves every tensor to a safetensors file, atomically.</summary>
    public static void Save<TGraph>(ModelState state, string path, string modelName) where TGraph : struct, IModelGraph
    {
        ModelLayout layout = TGraph.Layout;
        ModelWeights.Save(path, TGraph.Tensors, state.Parameters[..layout.ParameterCount], state.Buffers[..layout.BufferCount], state.IntegerBuffers, modelName);
    }

    // One scratch per thread, shared by every model (a Forward never runs inside another), so Forward may
    // run on several threads at once. Non-generic: a thread static of a generic class costs a helper call.
    [ThreadStatic] private static AlignedFloats? t_scratch;

    private static Span<float> InferenceScratch(int floats)
    {
        AlignedFloats? scratch = t_scratch;
        if (scratch is null || scratch.Length < floats) t_scratch = scratch = new AlignedFloats(floats);
        return scratch.Span;
    }
}
