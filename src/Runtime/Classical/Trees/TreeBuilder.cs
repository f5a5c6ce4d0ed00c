using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Specialized.Classical;

/// <summary>
/// CART growth over presorted samples. For every feature the builder keeps the node's samples in
/// sorted order as one contiguous segment (the same segment bounds in every feature's block), so a
/// split search is one linear scan per candidate feature with running class weights, and a split
/// is a stable partition of each segment. Nothing is sorted and nothing is allocated per node.
/// Sample weights carry bootstrap counts (forests) and boosting weights; a weight of 0 drops the sample.
/// One builder serves one thread; it can build many trees in turn.
/// </summary>
internal sealed class TreeBuilder
{
    // Values closer than this count as equal, as in scikit-learn (FEATURE_THRESHOLD).
    private const float FeatureThreshold = 1e-7f;

    private readonly PresortedSamples _data;
    private readonly TreeSettings _settings;
    private readonly int[] _order;
    private readonly int[] _scratch;
    private readonly bool[] _goesLeft;
    private readonly double[] _weights;
    private readonly int[] _features;
    private readonly double[] _node, _left, _right;
    private readonly Stack<(int Node, int Start, int End, int Depth, int Partitioned)> _pending = new();

    public TreeBuilder(PresortedSamples data, TreeSettings settings)
    {
        _data = data;
        _settings = settings;
        _order = new int[data.Features * data.Rows];
        _scratch = new int[data.Rows];
        _goesLeft = new bool[data.Rows];
        _weights = new double[data.Rows];
        _features = new int[data.Features];
        _node = new double[data.Classes];
        _left = new double[data.Classes];
        _right = new double[data.Classes];
    }

    /// <summary>Grows one tree; <paramref name="sampleWeights"/> has one non-negative weight per sample, not all zero.</summary>
    public GrownTree Build(ReadOnlySpan<double> sampleWeights, ref TreeRandom random)
    {
        int n = _data.Rows, featureCount = _data.Features;
        sampleWeights.CopyTo(_weights);
        int active = 0;
        for (int f = 0; f < featureCount; f++)
        {
            int kept = 0;
            ReadOnlySpan<int> sorted = _data.Order.AsSpan(f * n, n);
            Span<int> order = _order.AsSpan(f * n, n);
            // Branch-free: a bootstrap keeps ~63% of the samples in no predictable pattern.
            foreach (int s in sorted)
            {
                order[kept] = s;
                kept += _weights[s] > 0 ? 1 : 0;
            }
            active = kept;
        }

        var tree = new GrownTree(_data.Classes);
        double totalWeight = 0;
        for (int p = 0; p < active; p++) totalWeight += _weights[_order[p]];
        _pending.Clear();
        _pending.Push((tree.AddNode(), 0, active, 0, 0));
        while (_pending.Count > 0)
        {
            var (node, start, end, depth, partitioned) = _pending.Pop();
            double weight = ClassWeights(partitioned, start, end, _node);
            double impurity = Impurity(_node, weight);
            tree.SetStatistics(node, weight, impurity, _node);

            if (IsLeaf(end - start, impurity, depth)) continue;
            if (!FindSplit(start, end, weight, ref random, out int feature, out int last, out float threshold))
                continue;

            // The children's statistics, summed exactly as the children will sum them when popped.
            double leftWeight = ClassWeights(feature, start, last + 1, _left);
            double rightWeight = ClassWeights(feature, last + 1, end, _right);
            double leftImpurity = Impurity(_left, leftWeight), rightImpurity = Impurity(_right, rightWeight);
            double decrease = weight / totalWeight *
                (impurity - leftWeight / weight * leftImpurity - rightWeight / weight * rightImpurity);
            if (decrease + 1e-12 < _settings.MinImpurityDecrease) continue;

            // Children that will stay leaves only read the split feature's block, which is already in order.
            if (!IsLeaf(last + 1 - start, leftImpurity, depth + 1) || !IsLeaf(end - last - 1, rightImpurity, depth + 1))
                Partition(feature, start, last, end);
            int left = tree.AddNode();
            tree.AddNode();
            tree.SetSplit(node, feature, threshold, left);
            _pending.Push((left + 1, last + 1, end, depth + 1, feature));
            _pending.Push((left, start, last + 1, depth + 1, feature));
        }
        return tree;
    }

    private bool IsLeaf(int count, double impurity, int depth) =>
        depth >= _settings.MaxDepth || count < _settings.MinSamplesSplit || count < 2 * _settings.MinSamplesLeaf || impurity <= 1e-12;

    // Sums the class weights of the samples in [start, end) of one feature's segment.
    private double ClassWeights(int feature, int start, int end, double[] classWeights)
    {
        Array.Clear(classWeights);
        double total = 0;
        int n = _data.Rows;
        int[] labels = _data.Labels;
        for (int p = start; p < end; p++)
        {
            int s = _order[feature * n + p];
            classWeights[labels[s]] += _weights[s];
            total += _weights[s];
        }
        return total;
    }

    private double Impurity(double[] classWeights, double total)
    {
        if (total <= 0) return 0;
        double sum = 0;
        if (_settings.Criterion == SplitCriterion.Gini)
        {
            foreach (double w in classWeights) sum += w * w;
            return 1 - sum / (total * total);
        }
        foreach (double w in classWeights)
        {
            if (w > 0) sum -= w / total * Math.Log2(w / total);
        }
        return sum;
    }

    // Visits features in a random order and scans the first MaxFeatures that are not constant in
    // the node (constants do not count, as in scikit-learn). Returns the best split as the feature,
    // the last position that goes left and the threshold (midpoint of the two values around it).
    private bool FindSplit(int start, int end, double weight, ref TreeRandom random, out int bestFeature, out int bestLast, out float threshold)
    {
        int n = _data.Rows, featureCount = _data.Features;
        for (int i = 0; i < featureCount; i++) _features[i] = i;
        double best = double.NegativeInfinity;
        bestFeature = -1;
        bestLast = -1;
        int scanned = 0;
        for (int i = 0; i < featureCount && scanned < _settings.MaxFeatures; i++)
        {
            int j = i + random.Next(featureCount - i);
            (_features[i], _features[j]) = (_features[j], _features[i]);
            int f = _features[i];
            float[] columns = _data.Columns;
            if (columns[f * n + _order[f * n + end - 1]] <= columns[f * n + _order[f * n + start]] + FeatureThreshold) continue;
            scanned++;
            var (score, last) = _settings.Criterion == SplitCriterion.Gini ? ScanGini(f, start, end, weight) : ScanEntropy(f, start, end);
            if (last >= 0 && score > best)
            {
                best = score;
                bestFeature = f;
                bestLast = last;
            }
        }
        threshold = 0;
        if (bestFeature < 0) return false;
        float below = _data.Columns[bestFeature * n + _order[bestFeature * n + bestLast]];
        float above = _data.Columns[bestFeature * n + _order[bestFeature * n + bestLast + 1]];
        threshold = below / 2 + above / 2;
        if (threshold >= above || float.IsInfinity(threshold)) threshold = below;
        return true;
    }

    // Gini: minimizing Σ_side w_side · gini_side = W − Σ_side (Σ_k w_k²) / w_side, so the scan
    // maximizes Σ_side (Σ_k w_k²) / w_side, keeping both sums of squares up to date in O(1) per sample.
    private (double Score, int Last) ScanGini(int f, int start, int end, double weight)
    {
        int n = _data.Rows, minLeaf = _settings.MinSamplesLeaf;
        ref int order = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_order), f * n);
        ref float column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data.Columns), f * n);
        ref int labels = ref MemoryMarshal.GetArrayDataReference(_data.Labels);
        ref double weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref double left = ref MemoryMarshal.GetArrayDataReference(_left);
        ref double right = ref MemoryMarshal.GetArrayDataReference(_right);
        double squaresRight = 0;
        for (int k = 0; k < _node.Length; k++)
        {
            Unsafe.Add(ref left, k) = 0;
            Unsafe.Add(ref right, k) = _node[k];
            squaresRight += _node[k] * _node[k];
        }
        double squaresLeft = 0, weightLeft = 0, best = double.NegativeInfinity;
        int bestLast = -1;
        int s = Unsafe.Add(ref order, start);
        float value = Unsafe.Add(ref column, s);
        for (int p = start; p < end - 1; p++)
        {
            double w = Unsafe.Add(ref weights, s);
            int c = Unsafe.Add(ref labels, s);
            ref double l = ref Unsafe.Add(ref left, c);
            ref double r = ref Unsafe.Add(ref right, c);
            squaresLeft += w * (2 * l + w);
            squaresRight += w * (w - 2 * r);
            l += w;
            r -= w;
            weightLeft += w;
            int next = Unsafe.Add(ref order, p + 1);
            float nextValue = Unsafe.Add(ref column, next);
            bool distinct = nextValue > value + FeatureThreshold;
            s = next;
            value = nextValue;
            if (!distinct) continue;
            int leftCount = p - start + 1;
            if (leftCount < minLeaf || end - start - leftCount < minLeaf) continue;
            double score = squaresLeft / weightLeft + squaresRight / (weight - weightLeft);
            if (score > best)
            {
                best = score;
                bestLast = p;
            }
        }
        return (best, bestLast);
    }

    // Entropy: minimizing Σ_side w_side · H_side = Σ_side (w_side ln w_side − Σ_k w_k ln w_k) (up to
    // the factor 1/ln 2). Each candidate's score is computed afresh from its two class-weight vectors,
    // O(classes) per distinct threshold, rather than from running sums of w ln w: those drifted by the
    // order of their updates, so two equally good splits differed in the last bits and rounding, not
    // the seeded feature order, chose between them. Now the score is a function of the counts alone
    // (exact for unit and integer weights), and a tie is a tie.
    private (double Score, int Last) ScanEntropy(int f, int start, int end)
    {
        int n = _data.Rows, minLeaf = _settings.MinSamplesLeaf;
        int[] labels = _data.Labels;
        float[] columns = _data.Columns;
        Array.Clear(_left);
        double best = double.NegativeInfinity;
        int bestLast = -1;
        for (int p = start; p < end - 1; p++)
        {
            int s = _order[f * n + p];
            _left[labels[s]] += _weights[s];
            if (columns[f * n + _order[f * n + p + 1]] <= columns[f * n + s] + FeatureThreshold) continue;
            int leftCount = p - start + 1;
            if (leftCount < minLeaf || end - start - leftCount < minLeaf) continue;
            for (int k = 0; k < _node.Length; k++) _right[k] = _node[k] - _left[k];
            // Each side's term is computed the same way, so mirrored splits also score the same.
            double score = SideScore(_left) + SideScore(_right);
            if (score > best)
            {
                best = score;
                bestLast = p;
            }
        }
        return (best, bestLast);
    }

    // Σ_k w_k ln w_k − w ln w for one side, w = Σ_k w_k summed in class order.
    private static double SideScore(double[] classWeights)
    {
        double sum = 0, total = 0;
        foreach (double w in classWeights)
        {
            sum += XLogX(w);
            total += w;
        }
        return sum - XLogX(total);
    }

    private static double XLogX(double x) => x > 0 ? x * Math.Log(x) : 0;

    // Moves the samples at positions [start, last] of the split feature to the front of the segment
    // in every feature's block, keeping each block's sorted order (stable partition). A feature that
    // is constant over the node is left alone: it stays constant in every descendant, so its segment
    // only ever answers "constant", and any of the node's samples give that answer. (That is why
    // node statistics are read from the parent's split feature, which is always partitioned.)
    private void Partition(int feature, int start, int last, int end)
    {
        int n = _data.Rows;
        for (int p = start; p < end; p++) _goesLeft[_order[feature * n + p]] = p <= last;
        ref bool goesLeft = ref MemoryMarshal.GetArrayDataReference(_goesLeft);
        ref int scratch = ref MemoryMarshal.GetArrayDataReference(_scratch);
        for (int f = 0; f < _data.Features; f++)
        {
            if (f == feature) continue;
            ref int order = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_order), f * n);
            ref float column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data.Columns), f * n);
            if (Unsafe.Add(ref column, Unsafe.Add(ref order, end - 1)) <= Unsafe.Add(ref column, Unsafe.Add(ref order, start)) + FeatureThreshold) continue;
            int toLeft = start, toRight = 0;
            // Branch-free (the side is a coin flip to the predictor): write both places, advance one.
            for (int p = start; p < end; p++)
            {
                int s = Unsafe.Add(ref order, p);
                int left = Unsafe.Add(ref goesLeft, s) ? 1 : 0;
                Unsafe.Add(ref order, toLeft) = s;
                Unsafe.Add(ref scratch, toRight) = s;
                toLeft += left;
                toRight += 1 - left;
            }
            _scratch.AsSpan(0, toRight).CopyTo(_order.AsSpan(f * n + toLeft, toRight));
        }
    }
}
