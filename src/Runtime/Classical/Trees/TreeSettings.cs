namespace Specialized.Classical;

/// <summary>The growth limits one tree is built with (shared by trees, forests and boosting).</summary>
internal readonly record struct TreeSettings(
    SplitCriterion Criterion,
    int MaxDepth,
    int MinSamplesSplit,
    int MinSamplesLeaf,
    double MinImpurityDecrease,
    int MaxFeatures);
