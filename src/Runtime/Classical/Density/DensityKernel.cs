namespace Specialized.Classical;

/// <summary>The smoothing kernel of a <see cref="KernelDensity"/>.</summary>
public enum DensityKernel
{
    /// <summary><c>K(u) ∝ exp(−‖u‖²/2h²)</c>.</summary>
    Gaussian,

    /// <summary>The box (top-hat): uniform on the ball of radius h (strictly inside), zero outside.</summary>
    Tophat,
}
