namespace Specialized.Classical;

/// <summary>The impurity a decision tree minimizes when it chooses a split.</summary>
public enum SplitCriterion
{
    /// <summary>Gini impurity <c>1 − Σ p_k²</c> (scikit-learn's "gini").</summary>
    Gini,

    /// <summary>Entropy <c>−Σ p_k log₂ p_k</c> (scikit-learn's "entropy").</summary>
    Entropy,
}
