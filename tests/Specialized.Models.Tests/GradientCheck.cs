namespace Specialized.Models.Tests;

/// <summary>
/// The analytic gradient of a model's training loss against central finite differences of the loss.
/// The loss is evaluated in float, so whole gradient vectors are compared with a relative tolerance of
/// 2% on the difference norm (float round-off in the difference quotient is ~1e-3 at h = 1e-2).
/// </summary>
public static class GradientCheck
{
    public static void Assert<TModel>(TModel model, Func<TModel, float> loss) where TModel : IModel
    {
        loss(model);
        float[] analytic = model.Gradients.ToArray();
        Span<float> parameters = model.Parameters;
        var numeric = new double[analytic.Length];
        const float h = 1e-2f;
        for (int i = 0; i < parameters.Length; i++)
        {
            float saved = parameters[i];
            parameters[i] = saved + h;
            double plus = loss(model);
            parameters[i] = saved - h;
            double minus = loss(model);
            parameters[i] = saved;
            numeric[i] = (plus - minus) / (2 * h);
        }
        double difference = Math.Sqrt(analytic.Select((a, i) => (a - numeric[i]) * (a - numeric[i])).Sum());
        double scale = Math.Sqrt(numeric.Select(n => n * n).Sum()) + 1e-8;
        Xunit.Assert.True(difference / scale < 0.02, $"{typeof(TModel).Name}: relative gradient error {difference / scale:G3}");
        Xunit.Assert.True(scale > 1e-4, "the gradient is nearly zero, so the check would prove nothing");
    }
}
