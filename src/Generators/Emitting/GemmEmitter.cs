using System;
using System.Globalization;
using Specialized.Generators.Parsing;

namespace Specialized.Generators.Emitting;

/// <summary>How the left operand A of a product is stored.</summary>
internal enum LeftOperandOrder
{
    /// <summary><c>A[row, k] = a[row·depth + k]</c>.</summary>
    RowMajor,
    /// <summary><c>A[row, k] = a[k·leading + row]</c> (A is read as the transpose of what is stored).</summary>
    Transposed,
}

/// <summary>
/// The body of <c>Y = activation(A·B + bias)</c> with <c>B</c> row-major [depth, columns] and a
/// compile-time column count.
/// </summary>
/// <param name="Columns">N, known at compile time: the column blocking and the tail are decided here.</param>
/// <param name="Depth">K: a constant ("64") or the name of a parameter ("depth").</param>
/// <param name="Order">How A is stored.</param>
/// <param name="Leading">For <see cref="LeftOperandOrder.Transposed"/>: the stored row length of A.</param>
/// <param name="HasBias">Start the accumulators from the bias vector instead of zero.</param>
/// <param name="Activation">Applied in registers before the store.</param>
internal sealed record GemmSpec(int Columns, string Depth, LeftOperandOrder Order, int Leading, bool HasBias, ActivationKind Activation);

/// <summary>
/// Writes a register-blocked matrix product: blocks of 4 rows × up to 3 vectors of columns (12
/// accumulators) or 1 row × up to 8 vectors, a column block loop whose bounds and tail are
/// constants, and the last partial vector stored lane by lane. Loads past the last column read the
/// buffers' slack (see ModelPlan.Slack); those lanes are never stored.
/// </summary>
internal static class GemmEmitter
{
    /// <summary>Emits the body; the enclosing method provides <c>ref float a, b, bias, y</c> and <c>int rows</c>.</summary>
    public static void EmitBody(CodeWriter w, VectorFlavor f, GemmSpec spec)
    {
        w.Line("int r = 0;");
        using (w.Block("for (; r + 4 <= rows; r += 4)"))
            EmitRowBlock(w, f, spec, rowsInBlock: 4);
        using (w.Block("for (; r < rows; r++)"))
            EmitRowBlock(w, f, spec, rowsInBlock: 1);
    }

    private static void EmitRowBlock(CodeWriter w, VectorFlavor f, GemmSpec spec, int rowsInBlock)
    {
        int vectors = (spec.Columns + f.Count - 1) / f.Count;
        int tailLanes = spec.Columns % f.Count;
        int fullVectors = tailLanes == 0 ? vectors : vectors - 1;
        int perBlock = Math.Max(1, Math.Min(rowsInBlock == 1 ? 8 : f.RegisterBudget / rowsInBlock, vectors));
        int loopBlocks = fullVectors / perBlock;
        int remainder = vectors - loopBlocks * perBlock;
        int step = perBlock * f.Count;

        if (loopBlocks == 1)
        {
            EmitBlock(w, f, spec, rowsInBlock, "0", perBlock, partialLanes: 0);
        }
        else if (loopBlocks > 1)
        {
            using (w.Block($"for (int c = 0; c < {loopBlocks * step}; c += {step})"))
                EmitBlock(w, f, spec, rowsInBlock, "c", perBlock, partialLanes: 0);
        }
        if (remainder > 0)
            EmitBlock(w, f, spec, rowsInBlock, Int(loopBlocks * step), remainder, tailLanes);
    }

    // One block: rowsInBlock × vectorCount accumulators, a k loop of broadcasts and multiply-adds, then the stores.
    // A narrow single-row block would wait on the multiply-add latency of a few long chains, so it keeps
    // `chains` independent sets of accumulators over interleaved k and adds them at the end.
    private static void EmitBlock(CodeWriter w, VectorFlavor f, GemmSpec spec, int rowsInBlock, string column, int vectorCount, int partialLanes)
    {
        int n = spec.Columns;
        string header = column == "c"
            ? $"// {rowsInBlock} row(s) × columns c..c+{Int(vectorCount * f.Count)}"
            : $"// {rowsInBlock} row(s) × columns {column}..{Int(Math.Min(int.Parse(column, CultureInfo.InvariantCulture) + vectorCount * f.Count, n))}";
        int chains = rowsInBlock == 1 ? Math.Max(1, Math.Min(4, 8 / vectorCount)) : 1;
        using var _ = w.Block(header);
        for (int v = 0; v < vectorCount; v++)
        {
            string init = spec.HasBias ? f.Load("bias", Offset(column, v * f.Count)) : f.Zero;
            for (int row = 0; row < rowsInBlock; row++) w.Line($"{f.Type} acc{row}_{v} = {init};");
            for (int chain = 1; chain < chains; chain++) w.Line($"{f.Type} acc0_{v}_{chain} = {f.Zero};");
        }
        w.Line("int k = 0;");
        if (chains > 1)
        {
            using (w.Block($"for (; k + {Int(chains)} <= {spec.Depth}; k += {Int(chains)})"))
            {
                for (int chain = 0; chain < chains; chain++)
                    EmitStep(w, f, spec, rowsInBlock: 1, column, vectorCount, kOffset: chain, suffix: chain == 0 ? "" : "_" + Int(chain));
            }
        }
        using (w.Block($"for (; k < {spec.Depth}; k++)"))
            EmitStep(w, f, spec, rowsInBlock, column, vectorCount, kOffset: 0, suffix: "");
        for (int chain = 1; chain < chains; chain++)
        {
            for (int v = 0; v < vectorCount; v++) w.Line($"acc0_{v} += acc0_{v}_{Int(chain)};");
        }

        for (int row = 0; row < rowsInBlock; row++)
        {
            for (int v = 0; v < vectorCount; v++)
            {
                string value = spec.Activation == ActivationKind.Identity ? $"acc{row}_{v}" : $"global::Specialized.Kernels.Activations.{spec.Activation}(acc{row}_{v})";
                string offset = $"(r + {row}) * {Int(n)} + " + Offset(column, v * f.Count);
                bool partial = partialLanes > 0 && v == vectorCount - 1;
                if (!partial)
                {
                    w.Line(f.Store(value, "y", offset));
                    continue;
                }
                w.Line($"{f.Type} out{row}_{v} = {value};");
                for (int lane = 0; lane < partialLanes; lane++)
                    w.Line($"global::System.Runtime.CompilerServices.Unsafe.Add(ref y, {offset} + {lane}) = {f.Element($"out{row}_{v}", lane)};");
            }
        }
    }

    // One k step: a row of B, a broadcast of A per row, one multiply-add per accumulator. With several rows
    // each B vector is loaded once into a register and reused; with one row the load is folded into the
    // multiply-add, so a block of 8 accumulators never runs out of the 16 AVX2 registers.
    private static void EmitStep(CodeWriter w, VectorFlavor f, GemmSpec spec, int rowsInBlock, string column, int vectorCount, int kOffset, string suffix)
    {
        string k = kOffset == 0 ? "k" : $"(k + {Int(kOffset)})";
        string bRow = "bRow" + suffix;
        w.Line($"ref float {bRow} = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref b, {k} * {Int(spec.Columns)} + {column});");
        bool shareLoads = rowsInBlock > 1;
        if (shareLoads)
        {
            for (int v = 0; v < vectorCount; v++) w.Line($"{f.Type} b{v} = {f.Load(bRow, Int(v * f.Count))};");
        }
        for (int row = 0; row < rowsInBlock; row++)
        {
            string element = spec.Order == LeftOperandOrder.RowMajor
                ? $"(r + {row}) * {spec.Depth} + {k}"
                : $"{k} * {Int(spec.Leading)} + r + {row}";
            string a = $"a{row}{suffix}";
            w.Line($"{f.Type} {a} = {f.Broadcast($"global::System.Runtime.CompilerServices.Unsafe.Add(ref a, {element})")};");
            for (int v = 0; v < vectorCount; v++)
            {
                string accumulator = $"acc{row}_{v}{suffix}";
                string operand = shareLoads ? $"b{v}" : f.Load(bRow, Int(v * f.Count));
                w.Line($"{accumulator} = {f.MultiplyAdd(a, operand, accumulator)};");
            }
        }
    }

    private static string Offset(string column, int add) => column == "0" ? Int(add) : add == 0 ? column : $"{column} + {Int(add)}";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
