namespace Specialized;

/// <summary>
/// The kernel of a support vector machine, with LIBSVM's formulas (<c>-t 0..3</c>), where
/// <c>u·v</c> is the dot product and <c>|u−v|²</c> the squared Euclidean distance.
/// </summary>
public enum SvmKernel
{
    /// <summary><c>K(u, v) = u·v</c>. Uses no hyper-parameter.</summary>
    Linear,

    /// <summary><c>K(u, v) = (Gamma·u·v + Coef0)^Degree</c>.</summary>
    Polynomial,

    /// <summary><c>K(u, v) = exp(−Gamma·|u−v|²)</c>, the Gaussian radial basis function.</summary>
    Rbf,

    /// <summary><c>K(u, v) = tanh(Gamma·u·v + Coef0)</c>.</summary>
    Sigmoid,
}
