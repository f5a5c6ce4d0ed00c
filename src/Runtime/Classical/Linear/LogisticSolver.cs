namespace Specialized.Classical;

/// <summary>How <see cref="LogisticRegression"/> minimizes its penalized log-loss.</summary>
public enum LogisticSolver
{
    /// <summary>Newton–Raphson, i.e. iteratively reweighted least squares: a handful of exact steps.</summary>
    Newton,

    /// <summary>Full-batch gradient descent with step 1/L, L a bound on the Hessian's largest eigenvalue.</summary>
    GradientDescent,
}
