namespace Specialized.Benchmarks.Svm;

/// <summary>
/// The baseline: a textbook C-SVC with the same one-vs-one scheme, solved by SMO with the first-order
/// maximal violating pair (Keerthi et al. 2001), no kernel cache (both rows of every step recomputed),
/// no shrinking, and a scalar RBF kernel; its decision function evaluates every support vector with the
/// scalar kernel, then combines per pair, as LIBSVM's <c>svm_predict_values</c> does.
/// </summary>
public sealed class NaiveSvm(int features, double gamma, double c, double tolerance = 1e-3)
{
    private float[] _vectors = [];
    private int[] _classOfVector = [];
    private double[][] _coefficients = []; // per pair: coefficient of every support vector (0 when unused)
    private double[] _rho = [];
    private int _classes;

    public int SupportVectorCount => _classOfVector.Length;

    private float Kernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int f = 0; f < features; f++)
        {
            float d = a[f] - b[f];
            sum += d * d;
        }
        return MathF.Exp((float)-gamma * sum);
    }

    public void Fit(float[] x, int[] y)
    {
        int rows = y.Length;
        _classes = y.Max() + 1;
        int pairs = _classes * (_classes - 1) / 2;
        var alphas = new List<(int[] Rows, double[] Alpha)>();
        _rho = new double[pairs];
        var isSupport = new bool[rows];
        for (int i = 0, p = 0; i < _classes; i++)
        {
            for (int j = i + 1; j < _classes; j++, p++)
            {
                int[] subset = Enumerable.Range(0, rows).Where(r => y[r] == i || y[r] == j).ToArray();
                var sign = subset.Select(r => y[r] == i ? 1.0 : -1.0).ToArray();
                var alpha = new double[subset.Length];
                _rho[p] = Solve(x, subset, sign, alpha);
                for (int t = 0; t < subset.Length; t++) if (alpha[t] != 0) isSupport[subset[t]] = true;
                alphas.Add((subset, alpha.Select((a, t) => a * sign[t]).ToArray()));
            }
        }
        int[] support = Enumerable.Range(0, rows).Where(r => isSupport[r]).ToArray();
        var position = new Dictionary<int, int>();
        for (int s = 0; s < support.Length; s++) position[support[s]] = s;
        _vectors = support.SelectMany(r => x.AsSpan(r * features, features).ToArray()).ToArray();
        _classOfVector = support.Select(r => y[r]).ToArray();
        _coefficients = alphas.Select(pair =>
        {
            var row = new double[support.Length];
            for (int t = 0; t < pair.Rows.Length; t++) if (pair.Alpha[t] != 0) row[position[pair.Rows[t]]] = pair.Alpha[t];
            return row;
        }).ToArray();
    }

    private double Solve(float[] x, int[] subset, double[] y, double[] alpha)
    {
        int l = subset.Length;
        var g = Enumerable.Repeat(-1.0, l).ToArray();
        var qi = new double[l];
        var qj = new double[l];
        ReadOnlySpan<float> Row(int t) => x.AsSpan(subset[t] * features, features);
        for (int iteration = 0; iteration < 10_000_000; iteration++)
        {
            // Maximal violating pair: i maximizes −yᵢ∇ᵢ over I_up, j minimizes it over I_low.
            int i = -1, j = -1;
            double gMax = double.NegativeInfinity, gMin = double.PositiveInfinity;
            for (int t = 0; t < l; t++)
            {
                double v = -y[t] * g[t];
                bool up = y[t] > 0 ? alpha[t] < c : alpha[t] > 0;
                bool low = y[t] > 0 ? alpha[t] > 0 : alpha[t] < c;
                if (up && v > gMax) { gMax = v; i = t; }
                if (low && v < gMin) { gMin = v; j = t; }
            }
            if (gMax - gMin < tolerance) break;

            for (int t = 0; t < l; t++)
            {
                qi[t] = y[i] * y[t] * Kernel(Row(i), Row(t));
                qj[t] = y[j] * y[t] * Kernel(Row(j), Row(t));
            }
            // Move along yᵢ dαᵢ = −yⱼ dαⱼ, clipped to the box.
            double quad = Math.Max(qi[i] + qj[j] - 2 * y[i] * y[j] * qi[j], 1e-12);
            double step = (gMax - gMin) / quad;
            double room = y[i] > 0 ? c - alpha[i] : alpha[i];
            room = Math.Min(room, y[j] > 0 ? alpha[j] : c - alpha[j]);
            step = Math.Min(step, room);
            double dAi = y[i] * step, dAj = -y[j] * step;
            alpha[i] = Math.Clamp(alpha[i] + dAi, 0, c);
            alpha[j] = Math.Clamp(alpha[j] + dAj, 0, c);
            for (int t = 0; t < l; t++) g[t] += qi[t] * dAi + qj[t] * dAj;
        }

        // ρ as LIBSVM: mean of yᵢ∇ᵢ over free α, else the midpoint.
        double sum = 0, upper = double.PositiveInfinity, lower = double.NegativeInfinity;
        int free = 0;
        for (int t = 0; t < l; t++)
        {
            double yg = y[t] * g[t];
            if (alpha[t] > 0 && alpha[t] < c) { sum += yg; free++; }
            else if ((alpha[t] >= c) == (y[t] < 0)) upper = Math.Min(upper, yg);
            else lower = Math.Max(lower, yg);
        }
        return free > 0 ? sum / free : (upper + lower) / 2;
    }

    public void Predict(float[] samples, int[] predictions)
    {
        var kernelValues = new double[_classOfVector.Length];
        var votes = new int[_classes];
        for (int r = 0; r < predictions.Length; r++)
        {
            ReadOnlySpan<float> x = samples.AsSpan(r * features, features);
            for (int s = 0; s < kernelValues.Length; s++) kernelValues[s] = Kernel(x, _vectors.AsSpan(s * features, features));
            Array.Clear(votes);
            for (int i = 0, p = 0; i < _classes; i++)
            {
                for (int j = i + 1; j < _classes; j++, p++)
                {
                    double sum = -_rho[p];
                    double[] coefficients = _coefficients[p];
                    for (int s = 0; s < kernelValues.Length; s++)
                        if (_classOfVector[s] == i || _classOfVector[s] == j) sum += coefficients[s] * kernelValues[s];
                    votes[sum > 0 ? i : j]++;
                }
            }
            int best = 0;
            for (int k = 1; k < _classes; k++) if (votes[k] > votes[best]) best = k;
            predictions[r] = best;
        }
    }
}
