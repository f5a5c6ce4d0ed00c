namespace Specialized.Classical;

/// <summary>
/// A tree as the builder grows it, with the statistics of every node (weighted sample count,
/// impurity, class weights) that pruning and feature importances need. A node's children are always
/// created after it, so a reverse index loop visits children before parents.
/// <see cref="Compile"/> packs it (optionally pruned) into a <see cref="FlatTree"/> for prediction.
/// </summary>
internal sealed class GrownTree
{
    private int[] _feature = new int[64];
    private float[] _threshold = new float[64];
    private int[] _left = new int[64];
    private double[] _weight = new double[64];
    private double[] _impurity = new double[64];
    private double[] _classWeights;

    public GrownTree(int classes)
    {
        Classes = classes;
        _classWeights = new double[64 * classes];
    }

    public int Classes { get; }

    public int Count { get; private set; }

    public bool IsLeaf(int node) => _feature[node] < 0;

    public int Feature(int node) => _feature[node];

    public int Left(int node) => _left[node];

    public double Weight(int node) => _weight[node];

    public double Impurity(int node) => _impurity[node];

    public int AddNode()
    {
        if (Count == _feature.Length)
        {
            int size = Count * 2;
            Array.Resize(ref _feature, size);
            Array.Resize(ref _threshold, size);
            Array.Resize(ref _left, size);
            Array.Resize(ref _weight, size);
            Array.Resize(ref _impurity, size);
            Array.Resize(ref _classWeights, size * Classes);
        }
        _feature[Count] = -1;
        _left[Count] = -1;
        return Count++;
    }

    public void SetStatistics(int node, double weight, double impurity, ReadOnlySpan<double> classWeights)
    {
        _weight[node] = weight;
        _impurity[node] = impurity;
        classWeights.CopyTo(_classWeights.AsSpan(node * Classes, Classes));
    }

    /// <summary>Turns a leaf into a split whose children are <paramref name="left"/> and <paramref name="left"/> + 1.</summary>
    public void SetSplit(int node, int feature, float threshold, int left)
    {
        _feature[node] = feature;
        _threshold[node] = threshold;
        _left[node] = left;
    }

    /// <summary>
    /// Minimal cost-complexity pruning: repeatedly collapses the weakest link, the split whose
    /// <c>g(t) = (R(t) − R(T_t)) / (|leaves(T_t)| − 1)</c> is smallest, while that g is at most
    /// <paramref name="alpha"/>. R is the node's share of the training weight times its impurity.
    /// Returns which nodes became leaves.
    /// </summary>
    public bool[] Prune(double alpha)
    {
        var collapsed = new bool[Count];
        if (alpha <= 0) return collapsed;
        var subtreeRisk = new double[Count];
        var leaves = new int[Count];
        var reachable = new bool[Count];
        double total = _weight[0];
        while (true)
        {
            for (int t = Count - 1; t >= 0; t--)
            {
                if (IsLeaf(t) || collapsed[t])
                {
                    subtreeRisk[t] = _weight[t] / total * _impurity[t];
                    leaves[t] = 1;
                }
                else
                {
                    int l = _left[t];
                    subtreeRisk[t] = subtreeRisk[l] + subtreeRisk[l + 1];
                    leaves[t] = leaves[l] + leaves[l + 1];
                }
            }
            Array.Clear(reachable);
            reachable[0] = true;
            int weakest = -1;
            double weakestG = double.PositiveInfinity;
            for (int t = 0; t < Count; t++)
            {
                if (!reachable[t] || IsLeaf(t) || collapsed[t]) continue;
                reachable[_left[t]] = reachable[_left[t] + 1] = true;
                double g = (_weight[t] / total * _impurity[t] - subtreeRisk[t]) / (leaves[t] - 1);
                if (g < weakestG) { weakestG = g; weakest = t; }
            }
            if (weakest < 0 || weakestG > alpha) return collapsed;
            collapsed[weakest] = true;
        }
    }

    /// <summary>
    /// Adds each split's weighted impurity decrease to its feature, divided by the root's weight,
    /// then scales the result to sum to 1 (all zero for a tree without splits). Collapsed nodes count as leaves.
    /// </summary>
    public void FeatureImportances(ReadOnlySpan<bool> collapsed, Span<double> importances)
    {
        importances.Clear();
        var reachable = new bool[Count];
        reachable[0] = true;
        for (int t = 0; t < Count; t++)
        {
            if (!reachable[t] || IsLeaf(t) || (!collapsed.IsEmpty && collapsed[t])) continue;
            int l = _left[t];
            reachable[l] = reachable[l + 1] = true;
            importances[_feature[t]] += _weight[t] * _impurity[t] - _weight[l] * _impurity[l] - _weight[l + 1] * _impurity[l + 1];
        }
        double sum = 0;
        foreach (double value in importances) sum += value;
        if (sum > 0) foreach (ref double value in importances) value /= sum;
    }

    /// <summary>Packs the tree, treating <paramref name="collapsed"/> nodes as leaves, breadth-first.</summary>
    public FlatTree Compile(ReadOnlySpan<bool> collapsed = default)
    {
        var nodes = new List<FlatTree.Node>();
        var posteriors = new List<float>();
        var leafClasses = new List<int>();
        var queue = new Queue<(int Source, int Depth)>();
        queue.Enqueue((0, 0));
        nodes.Add(default);
        int target = 0, maxDepth = 0;
        while (queue.Count > 0)
        {
            var (source, depth) = queue.Dequeue();
            maxDepth = Math.Max(maxDepth, depth);
            bool leaf = IsLeaf(source) || (!collapsed.IsEmpty && collapsed[source]);
            if (leaf)
            {
                ReadOnlySpan<double> weights = _classWeights.AsSpan(source * Classes, Classes);
                double sum = 0;
                foreach (double w in weights) sum += w;
                foreach (double w in weights) posteriors.Add((float)(w / sum));
                leafClasses.Add(ClassifierArguments.ArgMax(weights));
                nodes[target] = new FlatTree.Node { Feature = -1, Next = leafClasses.Count - 1 };
            }
            else
            {
                nodes[target] = new FlatTree.Node { Feature = _feature[source], Threshold = _threshold[source], Next = nodes.Count };
                nodes.Add(default);
                nodes.Add(default);
                queue.Enqueue((_left[source], depth + 1));
                queue.Enqueue((_left[source] + 1, depth + 1));
            }
            target++;
        }
        return new FlatTree([.. nodes], [.. posteriors], [.. leafClasses], Classes, maxDepth);
    }
}
