using Specialized.Classical;

namespace Specialized.Benchmarks.Classical;

/// <summary>
/// The fits as they were before issue 17, kept as the benchmarks' baselines: PCA and LDA on the Jacobi
/// solver with the old 256-bit-only product, LDA's and naive Bayes's scatter built row by row (naive
/// Bayes with a d × d matrix per class), and softmax regression's objective one row and class at a time.
/// Each returns a number that depends on the whole result so nothing is optimized away.
/// </summary>
internal static class OldClassicalFits
{
    public static double Pca(float[] samples, int d)
    {
        int rows = samples.Length / d;
        var mean = new double[d];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < d; j++) mean[j] += samples[r * d + j];
        for (int j = 0; j < d; j++) mean[j] /= rows;
        var centered = new double[rows * d];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < d; j++) centered[r * d + j] = samples[r * d + j] - mean[j];
        var covariance = new double[d * d];
        OldMatrixMultiply.TransposeTimesSelf(centered, rows, d, new double[rows * d], covariance);
        for (int i = 0; i < covariance.Length; i++) covariance[i] /= rows - 1;
        var values = new double[d];
        var vectors = new double[d * d];
        JacobiEigen.Decompose(covariance, d, values, vectors);
        return values[0] + vectors[0];
    }

    /// <summary>Scatter row by row (lower triangle, mirrored), as GaussianClassifier did for every kind.</summary>
    private static (double[] Means, double[] Scatter, int[] Counts) RowByRowScatter(float[] samples, int d, int[] labels, int classes, bool diagonal)
    {
        int rows = labels.Length;
        var counts = new int[classes];
        foreach (int label in labels) counts[label]++;
        var means = new double[classes * d];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < d; j++) means[labels[r] * d + j] += samples[r * d + j];
        for (int k = 0; k < classes; k++)
            for (int j = 0; j < d; j++) means[k * d + j] /= counts[k];
        var scatter = new double[classes * d * d];
        var centered = new double[d];
        for (int r = 0; r < rows; r++)
        {
            int k = labels[r];
            for (int j = 0; j < d; j++) centered[j] = samples[r * d + j] - means[k * d + j];
            Span<double> s = scatter.AsSpan(k * d * d, d * d);
            for (int i = 0; i < d; i++)
            {
                if (diagonal) s[i * d + i] += centered[i] * centered[i];
                else for (int j = 0; j <= i; j++) s[i * d + j] += centered[i] * centered[j];
            }
        }
        for (int k = 0; k < classes; k++)
        {
            Span<double> s = scatter.AsSpan(k * d * d, d * d);
            for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) s[j * d + i] = s[i * d + j];
        }
        return (means, scatter, counts);
    }

    public static double Lda(float[] samples, int d, int[] labels, int classes)
    {
        int rows = labels.Length;
        var (means, scatter, _) = RowByRowScatter(samples, d, labels, classes, diagonal: false);
        var pooled = new double[d * d];
        for (int k = 0; k < classes; k++)
            for (int i = 0; i < d * d; i++) pooled[i] += scatter[k * d * d + i];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double sd = Math.Sqrt(pooled[j * d + j] / rows);
            scale[j] = sd == 0 ? 1 : sd;
        }
        var standardized = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) standardized[i * d + j] = pooled[i * d + j] / (rows - classes) / (scale[i] * scale[j]);
        var values = new double[d];
        var vectors = new double[d * d];
        JacobiEigen.Decompose(standardized, d, values, vectors);
        int rank = 0;
        while (rank < d && Math.Sqrt(Math.Max(values[rank], 0)) > 1e-4) rank++;
        var whitening = new double[rank * d];
        for (int r = 0; r < rank; r++)
            for (int j = 0; j < d; j++) whitening[r * d + j] = vectors[r * d + j] / Math.Sqrt(values[r]) / scale[j];
        double check = 0;
        for (int k = 0; k < classes; k++)
            for (int r = 0; r < rank; r++)
                for (int j = 0; j < d; j++) check += whitening[r * d + j] * means[k * d + j];
        return check;
    }

    public static double GaussianNaiveBayes(float[] samples, int d, int[] labels, int classes)
    {
        int rows = labels.Length;
        var (means, scatter, counts) = RowByRowScatter(samples, d, labels, classes, diagonal: true);
        double largest = 0;
        for (int j = 0; j < d; j++)
        {
            double mean = 0, squares = 0;
            for (int r = 0; r < rows; r++) mean += samples[r * d + j];
            mean /= rows;
            for (int r = 0; r < rows; r++) squares += (samples[r * d + j] - mean) * (samples[r * d + j] - mean);
            largest = Math.Max(largest, squares / rows);
        }
        double epsilon = 1e-9 * largest, check = 0;
        for (int k = 0; k < classes; k++)
        {
            var variances = new double[d * d];
            for (int j = 0; j < d; j++) variances[j * d + j] = scatter[k * d * d + j * d + j] / counts[k] + epsilon;
            check += GaussianComponent.TryCreate(means.AsSpan(k * d, d).ToArray(), variances, diagonal: true)!.LogDeterminant;
        }
        return check;
    }

    public static double Softmax(float[] samples, int featureCount, int[] targets, int classes, double c = 1, double tolerance = 1e-4)
    {
        int rows = targets.Length, width = featureCount + 1;
        var design = new double[rows * width];
        for (int i = 0; i < rows; i++)
        {
            design[i * width] = 1;
            for (int f = 0; f < featureCount; f++) design[i * width + 1 + f] = samples[i * featureCount + f];
        }
        var scores = new double[classes];
        double Objective(double[] theta, double[] gradient)
        {
            Array.Clear(gradient);
            double loss = 0;
            for (int i = 0; i < rows; i++)
            {
                ReadOnlySpan<double> phi = design.AsSpan(i * width, width);
                double max = double.NegativeInfinity;
                for (int k = 0; k < classes; k++)
                {
                    double a = DoubleKernels.Dot(theta.AsSpan(k * width, width), phi);
                    scores[k] = a;
                    max = Math.Max(max, a);
                }
                double target = scores[targets[i]];
                double sum = 0;
                for (int k = 0; k < classes; k++) sum += scores[k] = Math.Exp(scores[k] - max);
                loss += max + Math.Log(sum) - target;
                for (int k = 0; k < classes; k++)
                    DoubleKernels.Axpy(c * (scores[k] / sum - (k == targets[i] ? 1 : 0)), phi, gradient.AsSpan(k * width, width));
            }
            double penalty = 0;
            for (int k = 0; k < classes; k++)
                for (int j = 1; j < width; j++)
                {
                    double w = theta[k * width + j];
                    penalty += w * w;
                    gradient[k * width + j] += w;
                }
            return c * loss + 0.5 * penalty;
        }
        var solution = new double[classes * width];
        var (iterations, _) = Lbfgs.Minimize(Objective, solution, 1000, tolerance, 10);
        return solution[1] + iterations;
    }
}
