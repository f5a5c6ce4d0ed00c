namespace Specialized.Classical;

/// <summary>Which covariance a Gaussian model estimates.</summary>
public enum CovarianceKind
{
    /// <summary>A full covariance matrix (per component or class).</summary>
    Full,

    /// <summary>Only the variances: features independent given the component or class (naive Bayes).</summary>
    Diagonal,

    /// <summary>
    /// One full covariance pooled over all classes (linear discriminant analysis). Only
    /// <see cref="GaussianClassifier"/> supports it.
    /// </summary>
    Shared,
}
