using Specialized.IO;

namespace Specialized.Distributed.Orleans;

/// <summary>Moves a network's weights as safetensors bytes (what crosses the wire) and reads its class probabilities.</summary>
public static class NetworkWeights
{
    /// <summary>The model's tensors as the bytes of a safetensors file.</summary>
    public static byte[] ToBytes<TModel>(TModel model) where TModel : class, IModel
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelWeights.ToBytes(TModel.Tensors, model.Parameters, model.Buffers, model.IntegerBuffers, typeof(TModel).FullName ?? typeof(TModel).Name);
    }

    /// <summary>A new <typeparamref name="TModel"/> holding the weights of a safetensors file's <paramref name="bytes"/>.</summary>
    public static TModel FromBytes<TModel>(byte[] bytes) where TModel : class, IModel, new()
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0) throw new ArgumentException("bytes is empty; expected a safetensors file (a classical job's result carries no weights).", nameof(bytes));
        var model = new TModel();
        model.LoadWeights(SafeTensorsFile.Parse(bytes, $"{typeof(TModel).Name}'s weights from the cluster"));
        return model;
    }

    /// <summary>Softmax of the model's outputs for every row of <paramref name="data"/> (rows × outputs).</summary>
    public static float[] Probabilities<TModel>(TModel model, Dataset data) where TModel : class, IModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        int classes = TModel.OutputSize;
        var outputs = new float[data.Count * classes];
        model.Forward(data.Features, outputs);
        for (int row = 0; row < data.Count; row++)
        {
            Span<float> logits = outputs.AsSpan(row * classes, classes);
            float max = float.NegativeInfinity;
            foreach (float value in logits) max = Math.Max(max, value);
            float sum = 0;
            for (int k = 0; k < classes; k++) sum += logits[k] = MathF.Exp(logits[k] - max);
            for (int k = 0; k < classes; k++) logits[k] /= sum;
        }
        return outputs;
    }
}
