namespace Specialized.Classical;

/// <summary>
/// One Lloyd run of <see cref="KMeans"/>: its centres (k × d), the label of every row, the inertia and the iterations
/// taken. A class of this assembly rather than a value tuple, whose generic instantiation over these element types
/// would be JIT-compiled at the first fit in a fresh process instead of coming precompiled (docs/classical.md).
/// </summary>
internal sealed record KMeansRun(double[] Centers, int[] Labels, double Inertia, int Iterations);
