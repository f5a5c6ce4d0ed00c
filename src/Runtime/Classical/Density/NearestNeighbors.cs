using System.Runtime.CompilerServices;

namespace Specialized.Classical;

/// <summary>Selection of the k nearest training rows from a row of squared distances.</summary>
internal static class NearestNeighbors
{
    /// <summary>
    /// Writes the k smallest of <paramref name="distances"/> (the first <paramref name="count"/>) in ascending
    /// order, with their indices. Equal distances keep the lower index first, and a row ties its way into
    /// the set only if its index is lower: the same neighbours as scikit-learn's brute force, whose heap
    /// scans rows in index order and admits a row only when strictly closer than the current k-th.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-query hot loop: no tier-0 phase
    public static void SmallestK(ReadOnlySpan<float> distances, int count, Span<float> bestDistances, Span<int> bestIndices)
    {
        int k = bestIndices.Length, filled = 0;
        for (int i = 0; i < count; i++)
        {
            float d = distances[i];
            if (filled == k && !(d < bestDistances[k - 1])) continue;
            int p = filled == k ? k - 1 : filled++;
            while (p > 0 && bestDistances[p - 1] > d)
            {
                bestDistances[p] = bestDistances[p - 1];
                bestIndices[p] = bestIndices[p - 1];
                p--;
            }
            bestDistances[p] = d;
            bestIndices[p] = i;
        }
    }
}
