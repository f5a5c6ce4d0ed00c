using Specialized.Kernels;

namespace Specialized;

/// <summary>Loss and accuracy of a model on a whole data set, in inference mode.</summary>
public static class ModelEvaluation
{
    /// <summary>
    /// The mean loss and, for class labels, the accuracy of <paramref name="model"/> on <paramref name="data"/>;
    /// for a per-pixel model both are over every pixel of every sample.
    /// </summary>
    public static (double Loss, double? Accuracy) Evaluate<TModel>(TModel model, Dataset data) where TModel : class, IModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var outputs = new float[checked(data.Count * TModel.OutputSize)];
        model.Forward(data.Features, outputs);
        var gradient = new float[outputs.Length];
        if (!data.HasLabels)
            return (LossFunctions.Evaluate(TModel.Loss, outputs, TModel.OutputSize, data.Targets, gradient), null);

        if (TModel.LabelsPerSample > 1)
        {
            // Per-pixel: the loss is the mean over samples and pixels, the accuracy the fraction of pixels right.
            int positions = TModel.LabelsPerSample, classes = TModel.OutputSize / positions;
            if (data.LabelsPerSample != positions)
                throw new ArgumentException($"data has {data.LabelsPerSample} labels per sample; the model's per-pixel outputs take {positions} (one class map) per sample.", nameof(data));
            float pixelLoss = PixelLoss.SoftmaxCrossEntropy(outputs, classes, positions, data.Labels, gradient);
            var pixels = new int[data.Labels.Length];
            SegmentationMetrics.ArgMaxPixels(outputs, classes, positions, pixels);
            return (pixelLoss, SegmentationMetrics.PixelAccuracy(pixels, data.Labels));
        }
        float loss = LossFunctions.Evaluate(TModel.Loss, outputs, TModel.OutputSize, data.Labels, gradient);
        int[] predicted = Predict<TModel>(outputs);
        return (loss, Metrics.Accuracy(predicted, data.Labels));
    }

    /// <summary>Predicted classes of every sample: the arg-max output, or for a single logit, 1 when it is positive.</summary>
    public static int[] PredictClasses<TModel>(TModel model, ReadOnlySpan<float> inputs) where TModel : class, IModel
    {
        ArgumentNullException.ThrowIfNull(model);
        var outputs = new float[checked(ModelChecks.BatchOf(inputs, TModel.InputSize) * TModel.OutputSize)];
        model.Forward(inputs, outputs);
        return Predict<TModel>(outputs);
    }

    private static int[] Predict<TModel>(float[] outputs) where TModel : IModel
    {
        var predicted = new int[outputs.Length / TModel.OutputSize];
        if (TModel.OutputSize == 1)
        {
            for (int i = 0; i < predicted.Length; i++) predicted[i] = outputs[i] > 0 ? 1 : 0;
            return predicted;
        }
        Metrics.ArgMaxRows(outputs, TModel.OutputSize, predicted);
        return predicted;
    }
}
