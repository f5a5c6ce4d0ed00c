using System.Collections.Generic;
using Specialized.Generators.Parsing;

namespace Specialized.Generators.Planning;

/// <summary>
/// The shape facts the parser checks before any plan exists (output size, parameter count, the
/// activation on the outputs), in 64-bit arithmetic so an absurd declaration is reported, not overflowed.
/// </summary>
internal static class ShapeCheck
{
    public sealed record Result(long OutputSize, long Parameters, ActivationKind LastActivation);

    public static Result Run(int input, IReadOnlyList<LayerSpec> layers)
    {
        long parameters = 0;
        var (size, activation) = Walk(input, layers, ref parameters, ActivationKind.Identity);
        return new Result(size, parameters, activation);
    }

    private static (long Size, ActivationKind Activation) Walk(long size, IReadOnlyList<LayerSpec> layers, ref long parameters, ActivationKind activation)
    {
        foreach (LayerSpec layer in layers)
        {
            switch (layer)
            {
                case DenseSpec dense:
                    parameters += size * dense.Units + (dense.Bias ? dense.Units : 0);
                    (size, activation) = (dense.Units, dense.Activation);
                    break;
                case BatchNormSpec norm:
                    parameters += 2 * size;
                    activation = norm.Activation;
                    break;
                case ResidualSpec block:
                    var (bodySize, _) = Walk(size, block.Body, ref parameters, activation);
                    if (bodySize != size) parameters += size * bodySize;
                    (size, activation) = (bodySize, block.Activation);
                    break;
            }
        }
        return (size, activation);
    }
}
