using BenchmarkDotNet.Attributes;
using Specialized.Classical;

namespace Specialized.Benchmarks.Classical;

/// <summary>
/// K-means fit on the 1,438 digits training rows with REFERENCE.md's settings (k = 10, one seeding,
/// at most 100 Lloyd iterations; scikit-learn: 13.4 ms). The baseline is the same algorithm (same
/// seeding and convergence rule) written plainly: jagged arrays and scalar loops.
/// </summary>
[MemoryDiagnoser]
public class KMeansBenchmark
{
    private float[] _samples = [];
    private double[][] _rows = [];

    [GlobalSetup]
    public void Setup()
    {
        var (train, _) = GenerativeBenchmarkData.Digits();
        _samples = train.Features;
        _rows = GenerativeBenchmarkData.Rows(train);
    }

    [Benchmark(Baseline = true)]
    public double NaiveScalar() => NaiveKMeans(_rows, k: 10, maxIterations: 100, tolerance: 1e-4, seed: 0);

    [Benchmark]
    public double Specialized()
    {
        var kmeans = new KMeans(clusterCount: 10, maxIterations: 100, tolerance: 1e-4, restarts: 1, seed: 0);
        kmeans.Fit(_samples, 64);
        return kmeans.Inertia;
    }

    private static double Distance(double[] a, double[] b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++) sum += (a[j] - b[j]) * (a[j] - b[j]);
        return sum;
    }

    internal static double NaiveKMeans(double[][] x, int k, int maxIterations, double tolerance, int seed)
    {
        int n = x.Length, d = x[0].Length;
        var random = new Random(seed);
        double variance = 0;
        for (int j = 0; j < d; j++)
        {
            double mean = x.Average(r => r[j]);
            variance += x.Average(r => (r[j] - mean) * (r[j] - mean));
        }
        double threshold = tolerance * variance / d;

        // Greedy k-means++.
        var centers = new double[k][];
        centers[0] = (double[])x[random.Next(n)].Clone();
        var closest = x.Select(r => Distance(r, centers[0])).ToArray();
        int trials = 2 + (int)Math.Log(k);
        for (int c = 1; c < k; c++)
        {
            double potential = closest.Sum();
            var cumulative = new double[n];
            double running = 0;
            for (int i = 0; i < n; i++) cumulative[i] = running += closest[i];
            int best = -1;
            double bestPotential = double.PositiveInfinity;
            double[]? bestClosest = null;
            for (int t = 0; t < trials; t++)
            {
                double target = random.NextDouble() * potential;
                int candidate = 0;
                while (candidate < n - 1 && cumulative[candidate] < target) candidate++;
                var candidateClosest = x.Select((r, i) => Math.Min(closest[i], Distance(r, x[candidate]))).ToArray();
                double sum = candidateClosest.Sum();
                if (sum < bestPotential) { bestPotential = sum; best = candidate; bestClosest = candidateClosest; }
            }
            centers[c] = (double[])x[best].Clone();
            closest = bestClosest!;
        }

        var labels = new int[n];
        var previous = Enumerable.Repeat(-1, n).ToArray();
        bool strict = false;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            for (int i = 0; i < n; i++)
            {
                int nearest = 0;
                for (int c = 1; c < k; c++) if (Distance(x[i], centers[c]) < Distance(x[i], centers[nearest])) nearest = c;
                labels[i] = nearest;
            }
            double shift = 0;
            for (int c = 0; c < k; c++)
            {
                var members = Enumerable.Range(0, n).Where(i => labels[i] == c).ToArray();
                if (members.Length == 0) continue;
                var updated = new double[d];
                foreach (int i in members) for (int j = 0; j < d; j++) updated[j] += x[i][j] / members.Length;
                shift += Distance(updated, centers[c]);
                centers[c] = updated;
            }
            if (labels.SequenceEqual(previous)) { strict = true; break; }
            if (shift <= threshold) break;
            labels.CopyTo(previous, 0);
        }
        double inertia = 0;
        for (int i = 0; i < n; i++)
        {
            if (!strict) labels[i] = Enumerable.Range(0, k).MinBy(c => Distance(x[i], centers[c]));
            inertia += Distance(x[i], centers[labels[i]]);
        }
        return inertia;
    }
}
