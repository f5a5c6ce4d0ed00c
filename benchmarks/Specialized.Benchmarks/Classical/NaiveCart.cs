namespace Specialized.Benchmarks.Classical;

/// <summary>
/// The textbook CART the benchmarks measure against: a recursive build that sorts the node's
/// samples for every candidate feature (LINQ OrderBy), recomputes the Gini impurity from the class
/// weights at every candidate threshold, and a tree of node objects walked by reference.
/// </summary>
internal sealed class NaiveCart
{
    private sealed class Node
    {
        public int Feature = -1;
        public float Threshold;
        public Node? Left, Right;
        public double[] Posterior = [];
    }

    private readonly Node _root;
    private readonly int _classes;

    private NaiveCart(Node root, int classes)
    {
        _root = root;
        _classes = classes;
    }

    public static NaiveCart Fit(float[] x, int d, int[] y, double[] weights, List<int> rows, int classes, int maxDepth, int maxFeatures, Random random)
    {
        Node Build(List<int> idx, int depth)
        {
            var counts = new double[classes];
            foreach (int i in idx) counts[y[i]] += weights[i];
            double total = counts.Sum();
            var node = new Node { Posterior = counts.Select(c => c / total).ToArray() };
            if (depth >= maxDepth || idx.Count < 2 || counts.Count(c => c > 0) < 2) return node;
            int[] features = Enumerable.Range(0, d).OrderBy(_ => random.Next()).Take(maxFeatures).ToArray();
            double best = double.PositiveInfinity;
            int bestFeature = -1;
            float bestThreshold = 0;
            foreach (int f in features)
            {
                int[] sorted = idx.OrderBy(i => x[i * d + f]).ToArray();
                var left = new double[classes];
                for (int p = 0; p < sorted.Length - 1; p++)
                {
                    left[y[sorted[p]]] += weights[sorted[p]];
                    float value = x[sorted[p] * d + f], next = x[sorted[p + 1] * d + f];
                    if (next <= value) continue;
                    double wl = left.Sum(), wr = total - wl;
                    double gl = 1 - left.Sum(c => c * c) / (wl * wl);
                    double gr = 1 - counts.Select((c, k) => (c - left[k]) * (c - left[k])).Sum() / (wr * wr);
                    double impurity = wl * gl + wr * gr;
                    if (impurity < best)
                    {
                        best = impurity;
                        bestFeature = f;
                        bestThreshold = (value + next) / 2;
                    }
                }
            }
            if (bestFeature < 0) return node;
            node.Feature = bestFeature;
            node.Threshold = bestThreshold;
            node.Left = Build(idx.Where(i => x[i * d + bestFeature] <= bestThreshold).ToList(), depth + 1);
            node.Right = Build(idx.Where(i => x[i * d + bestFeature] > bestThreshold).ToList(), depth + 1);
            return node;
        }
        return new NaiveCart(Build(rows, 0), classes);
    }

    public double[] Posterior(ReadOnlySpan<float> sample)
    {
        Node node = _root;
        while (node.Feature >= 0) node = sample[node.Feature] <= node.Threshold ? node.Left! : node.Right!;
        return node.Posterior;
    }

    public int Predict(ReadOnlySpan<float> sample)
    {
        double[] p = Posterior(sample);
        return Array.IndexOf(p, p.Max());
    }

    public int Classes => _classes;
}
