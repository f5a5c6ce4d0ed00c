using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized;

/// <summary>
/// LIBSVM's SMO solver for the C-SVC dual (Fan, Chen and Lin 2005; <c>class Solver</c> in svm.cpp):
/// minimize ½αᵀQα − eᵀα subject to 0 ≤ αᵢ ≤ C and yᵀα = 0, where Qᵢⱼ = yᵢyⱼK(xᵢ, xⱼ).
/// Second-order working set selection (WSS2), Q rows in float from a size-limited LRU cache,
/// gradients in double, shrinking with one unshrink near the end, stopping when the maximal
/// violation m(α) − M(α) falls below the tolerance, and the bias from the free support vectors.
/// The method names and steps follow svm.cpp so the two can be read side by side.
/// </summary>
internal sealed class SmoSolver<TKernel> where TKernel : struct, ISvmKernel
{
    private const double Tau = 1e-12;
    private const byte LowerBound = 0, UpperBound = 1, Free = 2;

    private readonly TKernel _kernel;
    private readonly int _stride;
    private readonly double _c;
    private readonly double _eps;
    private readonly bool _shrinking;
    private readonly double _cacheMegabytes;

    // Per problem, sized for the largest one and reused.
    private float[] _x = [];
    private sbyte[] _y = [];
    private double[] _qd = [];
    private double[] _g = [];
    private double[] _gBar = [];
    private double[] _alpha = [];
    private byte[] _status = [];
    private double[] _sign = [];     // yᵢ as ±1.0, for the vector working set selection
    private double[] _inUp = [];     // all bits set when i ∈ I_up (α can move in the direction of yᵢ), else 0
    private double[] _inLow = [];    // all bits set when i ∈ I_low
    private int[] _activeSet = [];
    private KernelRowCache? _cache;
    private int _cacheLength;
    private int _l;
    private int _activeSize;
    private bool _unshrink;

    public SmoSolver(TKernel kernel, double c, double tolerance, double cacheMegabytes, bool shrinking)
    {
        _kernel = kernel;
        _stride = kernel.Stride;
        _c = c;
        _eps = tolerance;
        _cacheMegabytes = cacheMegabytes;
        _shrinking = shrinking;
    }

    /// <summary>SMO iterations of the last <see cref="Solve"/>.</summary>
    public int Iterations { get; private set; }

    /// <summary>Kernel rows computed (wholly or partly) by the last <see cref="Solve"/>.</summary>
    public long RowsComputed { get; private set; }

    /// <summary>
    /// Solves one two-class problem. <paramref name="vectors"/> holds the <paramref name="l"/> samples
    /// (stride <c>TKernel.Stride</c>, padding zero) and is reordered in place while shrinking;
    /// <paramref name="positive"/> says which are class +1. On return <paramref name="coefficients"/>
    /// holds yᵢαᵢ in the original order; the result is ρ, so f(x) = Σ yᵢαᵢK(xᵢ, x) − ρ.
    /// </summary>
    public double Solve(float[] vectors, ReadOnlySpan<bool> positive, int l, Span<double> coefficients)
    {
        Prepare(vectors, positive, l);

        // Gradient of the dual at α = 0 is −e; Ḡ (the part due to α at the upper bound) is 0.
        Array.Fill(_g, -1.0, 0, l);
        Array.Clear(_gBar, 0, l);

        int maxIterations = Math.Max(10_000_000, l > int.MaxValue / 100 ? int.MaxValue : 100 * l);
        int counter = Math.Min(l, 1000) + 1;
        int iterations = 0;
        while (iterations < maxIterations)
        {
            if (--counter == 0)
            {
                counter = Math.Min(l, 1000);
                if (_shrinking) DoShrinking();
            }

            if (SelectWorkingSet(out int i, out int j))
            {
                ReconstructGradient();
                _activeSize = l;
                if (SelectWorkingSet(out i, out j)) break;
                counter = 1; // shrink again at the next iteration
            }
            iterations++;
            TakeStep(i, j);
        }
        if (iterations >= maxIterations && _activeSize < l)
        {
            ReconstructGradient();
            _activeSize = l;
        }

        double rho = CalculateRho();
        for (int t = 0; t < l; t++) coefficients[_activeSet[t]] = _alpha[t] * _y[t];
        Iterations = iterations;
        RowsComputed = _cache!.Misses;
        return rho;
    }

    private void Prepare(float[] vectors, ReadOnlySpan<bool> positive, int l)
    {
        if (_y.Length < l)
        {
            _y = new sbyte[l];
            _qd = new double[l];
            _g = new double[l];
            _gBar = new double[l];
            _alpha = new double[l];
            _status = new byte[l];
            _sign = new double[l];
            _inUp = new double[l];
            _inLow = new double[l];
            _activeSet = new int[l];
        }
        _x = vectors;
        _l = l;
        _activeSize = l;
        _unshrink = false;
        if (_cache is null || _x.Length / _stride > _cacheLength)
        {
            _cacheLength = _x.Length / _stride;
            _cache = new KernelRowCache(_cacheLength, _cacheMegabytes);
        }
        _cache.Reset(l);
        for (int t = 0; t < l; t++)
        {
            _y[t] = positive[t] ? (sbyte)1 : (sbyte)-1;
            ReadOnlySpan<float> row = Row(t);
            _qd[t] = _kernel.Evaluate(row, row);
            _alpha[t] = 0;
            _status[t] = LowerBound;
            _sign[t] = _y[t];
            SetSets(t);
            _activeSet[t] = t;
        }
    }

    private ReadOnlySpan<float> Row(int t) => _x.AsSpan(t * _stride, _stride);

    /// <summary>Row <paramref name="i"/> of Q, valid over its first <paramref name="length"/> entries (SVC_Q::get_Q).</summary>
    private Span<float> GetQ(int i, int length)
    {
        Span<float> row = _cache!.GetRow(i, length, out int start);
        if (start < length)
        {
            Span<float> fresh = row[start..length];
            _kernel.EvaluateRow(Row(i), _x.AsSpan(start * _stride), length - start, fresh);
            if (_y[i] > 0)
            {
                for (int k = 0; k < fresh.Length; k++) if (_y[start + k] < 0) fresh[k] = -fresh[k];
            }
            else
            {
                for (int k = 0; k < fresh.Length; k++) if (_y[start + k] > 0) fresh[k] = -fresh[k];
            }
        }
        return row;
    }

    private void TakeStep(int i, int j)
    {
        int active = _activeSize;
        Span<float> qi = GetQ(i, active);
        Span<float> qj = GetQ(j, active);
        double c = _c;
        double oldAi = _alpha[i], oldAj = _alpha[j];
        double ai = oldAi, aj = oldAj;

        // Minimize the dual along the feasible direction of the pair, then clip to the box (svm.cpp verbatim).
        if (_y[i] != _y[j])
        {
            double quad = _qd[i] + _qd[j] + 2 * qi[j];
            if (quad <= 0) quad = Tau;
            double delta = (-_g[i] - _g[j]) / quad;
            double diff = ai - aj;
            ai += delta;
            aj += delta;
            if (diff > 0) { if (aj < 0) { aj = 0; ai = diff; } }
            else if (ai < 0) { ai = 0; aj = -diff; }
            if (diff > 0) { if (ai > c) { ai = c; aj = c - diff; } }
            else if (aj > c) { aj = c; ai = c + diff; }
        }
        else
        {
            double quad = _qd[i] + _qd[j] - 2 * qi[j];
            if (quad <= 0) quad = Tau;
            double delta = (_g[i] - _g[j]) / quad;
            double sum = ai + aj;
            ai -= delta;
            aj += delta;
            if (sum > c) { if (ai > c) { ai = c; aj = sum - c; } }
            else if (aj < 0) { aj = 0; ai = sum; }
            if (sum > c) { if (aj > c) { aj = c; ai = sum - c; } }
            else if (ai < 0) { ai = 0; aj = sum; }
        }
        _alpha[i] = ai;
        _alpha[j] = aj;

        SvmSimd.AddTwoRows(_g, qi, ai - oldAi, qj, aj - oldAj, active);

        // Keep Ḡ = Σ over upper-bounded α of C·Q_k current, over all l samples.
        bool wasUpperI = _status[i] == UpperBound, wasUpperJ = _status[j] == UpperBound;
        UpdateStatus(i);
        UpdateStatus(j);
        if (wasUpperI != (_status[i] == UpperBound))
            SvmSimd.AddRow(_gBar, GetQ(i, _l), wasUpperI ? -c : c, _l);
        if (wasUpperJ != (_status[j] == UpperBound))
            SvmSimd.AddRow(_gBar, GetQ(j, _l), wasUpperJ ? -c : c, _l);
    }

    private void UpdateStatus(int t)
    {
        double a = _alpha[t];
        _status[t] = a >= _c ? UpperBound : a <= 0 ? LowerBound : Free;
        SetSets(t);
    }

    private static readonly double AllBits = BitConverter.Int64BitsToDouble(-1);

    private void SetSets(int t)
    {
        bool up = _y[t] > 0 ? _status[t] != UpperBound : _status[t] != LowerBound;
        bool low = _y[t] > 0 ? _status[t] != LowerBound : _status[t] != UpperBound;
        _inUp[t] = up ? AllBits : 0;
        _inLow[t] = low ? AllBits : 0;
    }

    /// <summary>
    /// WSS2: i maximizes −yᵢ∇ᵢ over I_up; j, among the violating partners in I_low, gives the largest
    /// second-order decrease of the objective. Returns true when the maximal violation is below ε (optimal).
    /// </summary>
    private bool SelectWorkingSet(out int outI, out int outJ)
    {
        if (Vector256.IsHardwareAccelerated && _activeSize >= 8) return SelectWorkingSetVector(out outI, out outJ);
        double gMax = double.NegativeInfinity, gMax2 = double.NegativeInfinity;
        int gMaxIndex = -1, gMinIndex = -1;
        double objDiffMin = double.PositiveInfinity;
        int active = _activeSize;
        double[] g = _g;
        sbyte[] y = _y;
        byte[] status = _status;

        for (int t = 0; t < active; t++)
        {
            if (y[t] > 0)
            {
                if (status[t] != UpperBound && -g[t] >= gMax) { gMax = -g[t]; gMaxIndex = t; }
            }
            else if (status[t] != LowerBound && g[t] >= gMax) { gMax = g[t]; gMaxIndex = t; }
        }

        int i = gMaxIndex;
        ReadOnlySpan<float> qi = i != -1 ? GetQ(i, active) : default;
        double qdI = i != -1 ? _qd[i] : 0;
        double yI = i != -1 ? y[i] : 0;
        for (int t = 0; t < active; t++)
        {
            if (y[t] > 0)
            {
                if (status[t] == LowerBound) continue;
                double gradDiff = gMax + g[t];
                if (g[t] >= gMax2) gMax2 = g[t];
                if (gradDiff > 0)
                {
                    double quad = qdI + _qd[t] - 2.0 * yI * qi[t];
                    double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                    if (objDiff <= objDiffMin) { gMinIndex = t; objDiffMin = objDiff; }
                }
            }
            else
            {
                if (status[t] == UpperBound) continue;
                double gradDiff = gMax - g[t];
                if (-g[t] >= gMax2) gMax2 = -g[t];
                if (gradDiff > 0)
                {
                    double quad = qdI + _qd[t] + 2.0 * yI * qi[t];
                    double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                    if (objDiff <= objDiffMin) { gMinIndex = t; objDiffMin = objDiff; }
                }
            }
        }

        outI = gMaxIndex;
        outJ = gMinIndex;
        return gMax + gMax2 < _eps || gMinIndex == -1;
    }

    /// <summary>
    /// <see cref="SelectWorkingSet"/> four lanes at a time, with the same choices: writing sᵢ = −yᵢ∇ᵢ,
    /// i is the last index of the largest s over I_up; over I_low the gradient difference is
    /// gMax − s and the curvature Q_ii + Q_tt − 2yᵢy_tQ_it; j is the last index of the smallest
    /// −diff²/curvature. Each lane keeps its own best and index (indices rise within a lane), and the
    /// lanes are merged preferring the larger index on equal values, as the scalar scan's ≥ and ≤ do.
    /// </summary>
    private bool SelectWorkingSetVector(out int outI, out int outJ)
    {
        int active = _activeSize;
        ref double g = ref MemoryMarshal.GetArrayDataReference(_g);
        ref double sign = ref MemoryMarshal.GetArrayDataReference(_sign);
        ref double inUp = ref MemoryMarshal.GetArrayDataReference(_inUp);
        ref double inLow = ref MemoryMarshal.GetArrayDataReference(_inLow);
        ref double qd = ref MemoryMarshal.GetArrayDataReference(_qd);
        var four = Vector256.Create(4L);
        int vectorEnd = active - active % 4;

        var best = Vector256.Create(double.NegativeInfinity);
        var bestIndex = Vector256.Create(-1L);
        var index = Vector256.Create(0L, 1, 2, 3);
        for (int t = 0; t < vectorEnd; t += 4)
        {
            var sv = -(Vector256.LoadUnsafe(ref sign, (nuint)t) * Vector256.LoadUnsafe(ref g, (nuint)t));
            var take = Vector256.GreaterThanOrEqual(sv, best) & Vector256.LoadUnsafe(ref inUp, (nuint)t);
            best = Vector256.ConditionalSelect(take, sv, best);
            bestIndex = Vector256.ConditionalSelect(take.AsInt64(), index, bestIndex);
            index += four;
        }
        var (gMax, gMaxIndex) = LastBest(best, bestIndex, largest: true);
        for (int t = vectorEnd; t < active; t++)
        {
            double st = -_sign[t] * _g[t];
            if (_inUp[t] != 0 && st >= gMax) { gMax = st; gMaxIndex = t; }
        }
        outI = (int)gMaxIndex;
        outJ = -1;
        if (gMaxIndex < 0) return true;

        int i = outI;
        ReadOnlySpan<float> qiSpan = GetQ(i, active);
        // The loops below read every buffer up to the active size through unchecked refs.
        if (qiSpan.Length < active || _qd.Length < active || _g.Length < active || _sign.Length < active || _inLow.Length < active)
            throw new InvalidOperationException($"SMO buffers are shorter than the active set ({active}).");
        ref float qi = ref MemoryMarshal.GetReference(qiSpan);
        double qdI = _qd[i], twoYi = 2.0 * _y[i];
        var gMaxV = Vector256.Create(gMax);
        var qdIV = Vector256.Create(qdI);
        var twoYiV = Vector256.Create(twoYi);
        var tau = Vector256.Create(Tau);
        var zero = Vector256<double>.Zero;
        var gMax2V = Vector256.Create(double.NegativeInfinity);
        var bestObj = Vector256.Create(double.PositiveInfinity);
        bestIndex = Vector256.Create(-1L);
        index = Vector256.Create(0L, 1, 2, 3);
        for (int t = 0; t < vectorEnd; t += 4)
        {
            var minusS = Vector256.LoadUnsafe(ref sign, (nuint)t) * Vector256.LoadUnsafe(ref g, (nuint)t);
            var low = Vector256.LoadUnsafe(ref inLow, (nuint)t);
            gMax2V = Vector256.Max(gMax2V, Vector256.ConditionalSelect(low, minusS, Vector256.Create(double.NegativeInfinity)));
            var gradDiff = gMaxV + minusS;
            var q = Vector256.Create(Vector128.WidenLower(Vector128.LoadUnsafe(ref qi, (nuint)t)), Vector128.WidenUpper(Vector128.LoadUnsafe(ref qi, (nuint)t)));
            var quad = qdIV + Vector256.LoadUnsafe(ref qd, (nuint)t) - twoYiV * Vector256.LoadUnsafe(ref sign, (nuint)t) * q;
            quad = Vector256.ConditionalSelect(Vector256.GreaterThan(quad, zero), quad, tau);
            var obj = -(gradDiff * gradDiff) / quad;
            var take = low & Vector256.GreaterThan(gradDiff, zero) & Vector256.LessThanOrEqual(obj, bestObj);
            bestObj = Vector256.ConditionalSelect(take, obj, bestObj);
            bestIndex = Vector256.ConditionalSelect(take.AsInt64(), index, bestIndex);
            index += four;
        }
        double gMax2 = Math.Max(Math.Max(gMax2V[0], gMax2V[1]), Math.Max(gMax2V[2], gMax2V[3]));
        var (objDiffMin, gMinIndex) = LastBest(bestObj, bestIndex, largest: false);
        for (int t = vectorEnd; t < active; t++)
        {
            if (_inLow[t] == 0) continue;
            double minusS = _sign[t] * _g[t];
            if (minusS >= gMax2) gMax2 = minusS;
            double gradDiff = gMax + minusS;
            if (gradDiff > 0)
            {
                double quad = qdI + _qd[t] - twoYi * _sign[t] * Unsafe.Add(ref qi, t);
                double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : Tau);
                if (objDiff <= objDiffMin) { gMinIndex = t; objDiffMin = objDiff; }
            }
        }
        outJ = (int)gMinIndex;
        return gMax + gMax2 < _eps || gMinIndex == -1;
    }

    // The lane holding the largest (smallest) value, the larger index on ties; (±∞, −1) when no lane took a value.
    private static (double Value, long Index) LastBest(Vector256<double> values, Vector256<long> indices, bool largest)
    {
        double value = largest ? double.NegativeInfinity : double.PositiveInfinity;
        long index = -1;
        for (int lane = 0; lane < 4; lane++)
        {
            long candidate = indices[lane];
            if (candidate < 0) continue;
            double v = values[lane];
            bool better = largest ? v > value : v < value;
            if (better || (v == value && candidate > index)) { value = v; index = candidate; }
        }
        return (value, index);
    }

    /// <summary>Recomputes the gradient of the shrunk (inactive) samples from Ḡ and the free α (svm.cpp reconstruct_gradient).</summary>
    private void ReconstructGradient()
    {
        int l = _l, active = _activeSize;
        if (active == l) return;
        for (int t = active; t < l; t++) _g[t] = _gBar[t] - 1.0;

        int freeCount = 0;
        for (int t = 0; t < active; t++) if (_status[t] == Free) freeCount++;

        // Pick the cheaper order: rows of the inactive samples over the active part, or rows of the free ones over the rest.
        if ((long)freeCount * l > 2L * active * (l - active))
        {
            for (int i = active; i < l; i++)
            {
                ReadOnlySpan<float> qi = GetQ(i, active);
                double sum = 0;
                for (int t = 0; t < active; t++) if (_status[t] == Free) sum += _alpha[t] * qi[t];
                _g[i] += sum;
            }
        }
        else
        {
            for (int i = 0; i < active; i++)
            {
                if (_status[i] != Free) continue;
                ReadOnlySpan<float> qi = GetQ(i, l);
                double ai = _alpha[i];
                for (int t = active; t < l; t++) _g[t] += ai * qi[t];
            }
        }
    }

    private bool BeShrunk(int t, double gMax1, double gMax2)
    {
        if (_status[t] == UpperBound) return _y[t] > 0 ? -_g[t] > gMax1 : -_g[t] > gMax2;
        if (_status[t] == LowerBound) return _y[t] > 0 ? _g[t] > gMax2 : _g[t] > gMax1;
        return false;
    }

    /// <summary>Moves bounded samples that cannot join a violating pair to the inactive tail (svm.cpp do_shrinking).</summary>
    private void DoShrinking()
    {
        double gMax1 = double.NegativeInfinity, gMax2 = double.NegativeInfinity;
        for (int t = 0; t < _activeSize; t++)
        {
            if (_y[t] > 0)
            {
                if (_status[t] != UpperBound && -_g[t] >= gMax1) gMax1 = -_g[t];
                if (_status[t] != LowerBound && _g[t] >= gMax2) gMax2 = _g[t];
            }
            else
            {
                if (_status[t] != UpperBound && -_g[t] >= gMax2) gMax2 = -_g[t];
                if (_status[t] != LowerBound && _g[t] >= gMax1) gMax1 = _g[t];
            }
        }

        // Close to the end, bring every sample back once so a wrongly shrunk one can still move.
        if (!_unshrink && gMax1 + gMax2 <= _eps * 10)
        {
            _unshrink = true;
            ReconstructGradient();
            _activeSize = _l;
        }

        for (int t = 0; t < _activeSize; t++)
        {
            if (!BeShrunk(t, gMax1, gMax2)) continue;
            _activeSize--;
            while (_activeSize > t)
            {
                if (!BeShrunk(_activeSize, gMax1, gMax2))
                {
                    SwapIndex(t, _activeSize);
                    break;
                }
                _activeSize--;
            }
        }
    }

    private void SwapIndex(int i, int j)
    {
        _cache!.SwapIndex(i, j);
        Span<float> a = _x.AsSpan(i * _stride, _stride), b = _x.AsSpan(j * _stride, _stride);
        Span<float> temp = stackalloc float[_stride];
        a.CopyTo(temp);
        b.CopyTo(a);
        temp.CopyTo(b);
        (_y[i], _y[j]) = (_y[j], _y[i]);
        (_qd[i], _qd[j]) = (_qd[j], _qd[i]);
        (_g[i], _g[j]) = (_g[j], _g[i]);
        (_gBar[i], _gBar[j]) = (_gBar[j], _gBar[i]);
        (_alpha[i], _alpha[j]) = (_alpha[j], _alpha[i]);
        (_status[i], _status[j]) = (_status[j], _status[i]);
        (_sign[i], _sign[j]) = (_sign[j], _sign[i]);
        (_inUp[i], _inUp[j]) = (_inUp[j], _inUp[i]);
        (_inLow[i], _inLow[j]) = (_inLow[j], _inLow[i]);
        (_activeSet[i], _activeSet[j]) = (_activeSet[j], _activeSet[i]);
    }

    /// <summary>ρ as LIBSVM: the mean of yᵢ∇ᵢ over free α, else the midpoint of the feasible interval.</summary>
    private double CalculateRho()
    {
        int freeCount = 0;
        double upper = double.PositiveInfinity, lower = double.NegativeInfinity, sumFree = 0;
        for (int t = 0; t < _activeSize; t++)
        {
            double yg = _y[t] * _g[t];
            if (_status[t] == UpperBound)
            {
                if (_y[t] < 0) upper = Math.Min(upper, yg);
                else lower = Math.Max(lower, yg);
            }
            else if (_status[t] == LowerBound)
            {
                if (_y[t] > 0) upper = Math.Min(upper, yg);
                else lower = Math.Max(lower, yg);
            }
            else
            {
                freeCount++;
                sumFree += yg;
            }
        }
        return freeCount > 0 ? sumFree / freeCount : (upper + lower) / 2;
    }
}
