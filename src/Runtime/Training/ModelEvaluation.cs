using Specialized.Kernels;

namespace Specialized;

/// <summary>Loss and accuracy of a model on a whole data set, in inference mode.</summary>
public static class ModelEvaluation
{
    /// <summary>The mean loss and, for class labels, the accuracy of <paramref name="model"/> on <paramref name="data"/>.</summary>
    public static (double Loss, double? Accuracy) Evaluate<TModel>(TModel model, Dataset data) where TModel : class, IModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var outputs = new float[checked(data.Count * TModel.OutputSize)];
        model.Forward(data.Features, outputs);
        var gradient = new float[outputs.Length];
        if (!data.HasLabels)
            return (LossFunctions.Evaluate(TModel.Loss, outputs, TModel.OutputSize, data.Targets, gradient), null);

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
