namespace Specialized.Kernels;

/// <summary>
/// The training losses: each returns the mean loss over a batch of outputs (rows × <c>width</c>)
/// and writes the gradient of that mean with respect to every output. Sums run in double so the
/// loss of a large batch is not swamped by rounding. Conventions follow PyTorch (see <see cref="Loss"/>).
/// A NaN output or target makes the loss NaN (never a finite number and never an exception), as in PyTorch.
/// </summary>
public static class LossFunctions
{
    /// <summary>Evaluates <paramref name="loss"/> on integer class labels (one per row).</summary>
    /// <exception cref="ArgumentException">A size does not fit, or a label is outside [0, <paramref name="width"/>) ([0, 2) for binary cross-entropy on one logit); the message names its row.</exception>
    public static float Evaluate(Loss loss, ReadOnlySpan<float> outputs, int width, ReadOnlySpan<int> labels, Span<float> gradient)
    {
        int rows = CheckShapes(outputs, width, gradient);
        Require.Labels(labels, rows, nameof(labels), LabelClasses(loss, width));
        return EvaluateCheckedLabels(loss, outputs, width, labels, gradient);
    }

    /// <summary>The classes a label may name for <paramref name="loss"/> over <paramref name="width"/> outputs: a single logit's binary cross-entropy takes 0 or 1.</summary>
    internal static int LabelClasses(Loss loss, int width) => loss == Loss.BinaryCrossEntropy && width == 1 ? 2 : width;

    /// <summary>
    /// <see cref="Evaluate(Loss, ReadOnlySpan{float}, int, ReadOnlySpan{int}, Span{float})"/> for a caller that has
    /// already checked every size and every label against <see cref="LabelClasses"/> at its own public boundary (a
    /// model's training step checks them before its forward pass), so a step checks its labels once.
    /// </summary>
    internal static float EvaluateCheckedLabels(Loss loss, ReadOnlySpan<float> outputs, int width, ReadOnlySpan<int> labels, Span<float> gradient)
    {
        int rows = outputs.Length / width;
        switch (loss)
        {
            case Loss.SoftmaxCrossEntropy: return SoftmaxCrossEntropy(outputs, width, labels, gradient);
            case Loss.Hinge: return MultiMargin(outputs, width, labels, gradient);
            case Loss.BinaryCrossEntropy when width == 1:
                // One logit per row: the label 0/1 is the target probability.
                double sum = 0;
                for (int r = 0; r < rows; r++) sum += BinaryCrossEntropyElement(outputs[r], labels[r], 1f / rows, out gradient[r]);
                return (float)(sum / rows);
            default:
                throw new InvalidOperationException(
                    $"{loss} compares outputs with float targets, not class labels; call ComputeGradients with a ReadOnlySpan<float> of targets (rows × {width}).");
        }
    }

    /// <summary>Evaluates <paramref name="loss"/> on float targets shaped like the outputs.</summary>
    public static float Evaluate(Loss loss, ReadOnlySpan<float> outputs, int width, ReadOnlySpan<float> targets, Span<float> gradient)
    {
        int rows = CheckShapes(outputs, width, gradient);
        Require.Length(targets, rows, width, nameof(targets));
        int n = outputs.Length;
        float scale = 1f / n;
        double sum = 0;
        switch (loss)
        {
            case Loss.SoftmaxCrossEntropy:
                return SoftTargetCrossEntropy(outputs, width, targets, gradient);
            case Loss.BinaryCrossEntropy:
                for (int i = 0; i < n; i++) sum += BinaryCrossEntropyElement(outputs[i], targets[i], scale, out gradient[i]);
                break;
            case Loss.MeanSquaredError:
                for (int i = 0; i < n; i++)
                {
                    float difference = outputs[i] - targets[i];
                    sum += (double)difference * difference;
                    gradient[i] = 2 * difference * scale;
                }
                break;
            case Loss.MeanAbsoluteError:
                for (int i = 0; i < n; i++)
                {
                    float difference = outputs[i] - targets[i];
                    sum += Math.Abs(difference);
                    // MathF.Sign throws on NaN; PyTorch's sign(NaN) is 0, so the gradient is 0 there
                    // while the loss (through Abs) is NaN and the trainer reports the divergence.
                    gradient[i] = difference > 0 ? scale : difference < 0 ? -scale : 0;
                }
                break;
            case Loss.Hinge:
                for (int i = 0; i < n; i++)
                {
                    float margin = 1 - targets[i] * outputs[i];
                    sum += Math.Max(margin, 0);
                    gradient[i] = margin > 0 ? -targets[i] * scale : 0;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.");
        }
        return (float)(sum / n);
    }

    private static int CheckShapes(ReadOnlySpan<float> outputs, int width, Span<float> gradient)
    {
        int rows = Require.Rows(outputs, width, nameof(outputs));
        Require.Length<float>(gradient, outputs.Length, nameof(gradient), "same shape as the outputs");
        return rows;
    }

    // Stable: log(1 + exp(−|z|)) never overflows.
    private static double BinaryCrossEntropyElement(float logit, float target, float scale, out float gradient)
    {
        double z = logit;
        double probability = 1 / (1 + Math.Exp(-z));
        gradient = (float)((probability - target) * scale);
        return Math.Max(z, 0) - z * target + Math.Log(1 + Math.Exp(-Math.Abs(z)));
    }

    private static float SoftmaxCrossEntropy(ReadOnlySpan<float> logits, int width, ReadOnlySpan<int> labels, Span<float> gradient)
    {
        int rows = logits.Length / width;
        float scale = 1f / rows;
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = logits.Slice(r * width, width);
            Span<float> g = gradient.Slice(r * width, width);
            double logSumExp = Softmax(row, g);
            sum += logSumExp - row[labels[r]];
            for (int j = 0; j < width; j++) g[j] *= scale;
            g[labels[r]] -= scale;
        }
        return (float)(sum / rows);
    }

    private static float SoftTargetCrossEntropy(ReadOnlySpan<float> logits, int width, ReadOnlySpan<float> targets, Span<float> gradient)
    {
        int rows = logits.Length / width;
        float scale = 1f / rows;
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = logits.Slice(r * width, width), t = targets.Slice(r * width, width);
            Span<float> g = gradient.Slice(r * width, width);
            double logSumExp = Softmax(row, g);
            float targetMass = 0;
            for (int j = 0; j < width; j++)
            {
                sum += t[j] * (logSumExp - row[j]);
                targetMass += t[j];
            }
            // d/dz of −Σ t_j log p_j is p·Σt − t.
            for (int j = 0; j < width; j++) g[j] = (g[j] * targetMass - t[j]) * scale;
        }
        return (float)(sum / rows);
    }

    // Writes softmax(row) into probabilities and returns log Σ exp(row).
    private static double Softmax(ReadOnlySpan<float> row, Span<float> probabilities)
    {
        float max = row[0];
        for (int j = 1; j < row.Length; j++) max = Math.Max(max, row[j]);
        double total = 0;
        for (int j = 0; j < row.Length; j++)
        {
            double e = Math.Exp(row[j] - max);
            probabilities[j] = (float)e;
            total += e;
        }
        for (int j = 0; j < row.Length; j++) probabilities[j] = (float)(probabilities[j] / total);
        return max + Math.Log(total);
    }

    private static float MultiMargin(ReadOnlySpan<float> outputs, int width, ReadOnlySpan<int> labels, Span<float> gradient)
    {
        int rows = outputs.Length / width;
        float scale = 1f / (rows * width);
        double sum = 0;
        gradient.Clear();
        for (int r = 0; r < rows; r++)
        {
            int label = labels[r];
            ReadOnlySpan<float> row = outputs.Slice(r * width, width);
            Span<float> g = gradient.Slice(r * width, width);
            for (int j = 0; j < width; j++)
            {
                if (j == label) continue;
                float margin = 1 - row[label] + row[j];
                if (margin <= 0) continue;
                sum += margin;
                g[j] += scale;
                g[label] -= scale;
            }
        }
        return (float)(sum / (rows * width));
    }
}
