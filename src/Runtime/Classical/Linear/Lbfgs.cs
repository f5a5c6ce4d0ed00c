namespace Specialized.Classical;

/// <summary>
/// Limited-memory BFGS: keeps the last m steps s and gradient changes y and applies the implied
/// inverse-Hessian approximation with the two-loop recursion; steps are found by backtracking
/// until the Armijo condition holds. Pairs with sᵀy ≤ 0 are skipped so the approximation stays
/// positive definite. Stops when the largest gradient component is below the tolerance, or when the
/// objective stops decreasing relative to its size (SciPy's ftol criterion, as scikit-learn uses it).
/// </summary>
internal static class Lbfgs
{
    // 2⁻⁵², the spacing of doubles at 1 (double.Epsilon is the smallest subnormal, not this).
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Computes f(x) and writes ∇f(x) into the second argument.</summary>
    public delegate double Objective(double[] x, double[] gradient);

    public static (int Iterations, bool Converged) Minimize(Objective objective, double[] x, int maxIterations, double tolerance, int history)
    {
        int n = x.Length;
        var gradient = new double[n];
        var nextGradient = new double[n];
        var nextX = new double[n];
        var direction = new double[n];
        var s = new double[history * n];
        var y = new double[history * n];
        var rho = new double[history];
        var alpha = new double[history];
        int stored = 0, newest = -1;

        double f = objective(x, gradient);
        if (MaxAbs(gradient) < tolerance) return (0, true);
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            // Two-loop recursion: direction = −H·g.
            for (int j = 0; j < n; j++) direction[j] = -gradient[j];
            for (int m = 0; m < stored; m++)
            {
                int slot = (newest - m + history) % history;
                alpha[slot] = rho[slot] * Dot(s.AsSpan(slot * n, n), direction);
                Axpy(-alpha[slot], y.AsSpan(slot * n, n), direction);
            }
            if (stored > 0)
            {
                ReadOnlySpan<double> ys = y.AsSpan(newest * n, n);
                double gamma = Dot(s.AsSpan(newest * n, n), ys) / Dot(ys, ys);
                for (int j = 0; j < n; j++) direction[j] *= gamma;
            }
            else
            {
                double norm = Math.Sqrt(Dot(direction, direction));
                for (int j = 0; j < n; j++) direction[j] /= norm;
            }
            for (int m = stored - 1; m >= 0; m--)
            {
                int slot = (newest - m + history) % history;
                double beta = rho[slot] * Dot(y.AsSpan(slot * n, n), direction);
                Axpy(alpha[slot] - beta, s.AsSpan(slot * n, n), direction);
            }
            double slope = Dot(direction, gradient);
            if (slope >= 0)
            {
                stored = 0;
                for (int j = 0; j < n; j++) direction[j] = -gradient[j];
                slope = Dot(direction, gradient);
            }

            double step = 1, nextF = 0;
            for (int trial = 0; trial < 60; trial++)
            {
                for (int j = 0; j < n; j++) nextX[j] = x[j] + step * direction[j];
                nextF = objective(nextX, nextGradient);
                if (nextF <= f + 1e-4 * step * slope) break;
                step /= 2;
            }
            if (!(nextF <= f)) return (iteration, false);

            int next = (newest + 1) % history;
            double sy = 0, yy = 0;
            for (int j = 0; j < n; j++)
            {
                double sj = nextX[j] - x[j], yj = nextGradient[j] - gradient[j];
                s[next * n + j] = sj;
                y[next * n + j] = yj;
                sy += sj * yj;
                yy += yj * yj;
            }
            if (sy > 1e-10 * yy)
            {
                rho[next] = 1 / sy;
                newest = next;
                stored = Math.Min(stored + 1, history);
            }
            double decrease = (f - nextF) / Math.Max(Math.Max(Math.Abs(f), Math.Abs(nextF)), 1);
            Array.Copy(nextX, x, n);
            Array.Copy(nextGradient, gradient, n);
            f = nextF;
            if (MaxAbs(gradient) < tolerance || decrease <= 64 * MachineEpsilon) return (iteration, true);
        }
        return (maxIterations, false);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => DoubleKernels.Dot(a, b);

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y) => DoubleKernels.Axpy(a, x, y);

    private static double MaxAbs(double[] values)
    {
        double max = 0;
        foreach (double v in values) max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
