using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Specialized.Generators.Diagnostics;
using Specialized.Generators.Infrastructure;
using Specialized.Generators.Parsing;

namespace Specialized.Generators.Planning;

/// <summary>
/// Walks a declaration's shapes before any plan exists, in 64-bit arithmetic so an absurd declaration
/// is reported, not overflowed: the output shape, the parameter count, the activation on the outputs,
/// and every layer that does not fit its input, named by its spec (the parser turns it into a location).
/// </summary>
internal static class ShapeCheck
{
    /// <summary>A layer that does not fit: the argument to point at (null: the attribute), the descriptor and its message arguments.</summary>
    public sealed record Problem(LayerSpec Layer, string? Argument, int Position, DiagnosticDescriptor Descriptor, object[] Arguments);

    public sealed record Result(EquatableArray<int> OutputShape, long Parameters, ActivationKind LastActivation, List<Problem> Problems)
    {
        public long OutputSize => Shapes.LongSize(OutputShape);
    }

    public static Result Run(EquatableArray<int> input, IReadOnlyList<LayerSpec> layers)
    {
        var walk = new Walker();
        var (shape, activation) = walk.List(input, layers, ActivationKind.Identity);
        return new Result(shape, walk.Parameters, activation, walk.Problems);
    }

    private sealed class Walker
    {
        public long Parameters;
        public List<Problem> Problems { get; } = [];
        private LayerSpec? _flattenedBy;

        public (EquatableArray<int> Shape, ActivationKind Activation) List(EquatableArray<int> shape, IReadOnlyList<LayerSpec> layers, ActivationKind activation)
        {
            // Every layer's output, for a [ConcatFrom] that names an earlier one (the parser checked it is earlier).
            var outputs = new List<(EquatableArray<int> Shape, ActivationKind Activation)>();
            foreach (LayerSpec layer in layers)
            {
                if (Problems.Count > 0) break; // later shapes would only repeat the first mistake
                (shape, activation) = layer is ConcatFromSpec concat ? ConcatFrom(concat, shape, activation, outputs[concat.Source]) : Layer(shape, layer, activation);
                outputs.Add((shape, activation));
            }
            return (shape, activation);
        }

        private (EquatableArray<int>, ActivationKind) ConcatFrom(ConcatFromSpec concat, EquatableArray<int> shape, ActivationKind activation, (EquatableArray<int> Shape, ActivationKind Activation) source)
        {
            if (Shapes.Concat(shape, source.Shape) is { } joined) return (joined, activation != ActivationKind.Identity ? activation : source.Activation);
            bool sameKind = shape.Count == source.Shape.Count && !Shapes.IsSequence(shape);
            Problems.Add(sameKind
                ? new Problem(concat, "layer", 0, DiagnosticDescriptors.ConcatSizesDiffer, [concat.Name, Shapes.Text(shape), concat.Source, Shapes.Text(source.Shape)])
                : new Problem(concat, "layer", 0, DiagnosticDescriptors.ConcatNeedsImages,
                    [$"ConcatFrom layer {concat.Name}", $"the current value {Shapes.Text(shape)}", $"layer {concat.Source}'s output {Shapes.Text(source.Shape)}", "concatenate from a layer before the first Dense, and not from a sequence"]));
            return (shape, activation);
        }

        private (EquatableArray<int>, ActivationKind) Branches(EquatableArray<int> shape, BranchesSpec block, ActivationKind activation)
        {
            if (Shapes.IsSequence(shape))
            {
                Problems.Add(new Problem(block, null, -1, DiagnosticDescriptors.ConcatNeedsImages,
                    [$"Branches block {block.Name}", $"a sequence {Shapes.Text(shape)}", "itself", "put it where the value is an image or a vector"]));
                return (shape, activation);
            }
            var ends = new List<EquatableArray<int>>();
            ActivationKind joined = ActivationKind.Identity;
            foreach (BranchSpec branch in block.Branches)
            {
                var (end, last) = List(shape, branch.Layers, activation);
                if (Problems.Count > 0) return (shape, activation);
                if (joined == ActivationKind.Identity) joined = last;
                ends.Add(end);
            }
            EquatableArray<int> result = ends[0];
            for (int b = 1; b < ends.Count; b++)
            {
                if (Shapes.Concat(result, ends[b]) is { } next)
                {
                    result = next;
                    continue;
                }
                Problems.Add(ends[b].Count == ends[0].Count && !Shapes.IsSequence(ends[b])
                    ? new Problem(block, "layers", 0, DiagnosticDescriptors.BranchShapesDiffer, [block.Name, b, Shapes.Text(ends[b]), Shapes.Text(ends[0])])
                    : new Problem(block, "layers", 0, DiagnosticDescriptors.ConcatNeedsImages,
                        [$"Branches block {block.Name}", $"branch {b}'s {Shapes.Text(ends[b])}", $"branch 0's {Shapes.Text(ends[0])}", "every branch must end in an image (or every branch in a vector)"]));
                return (shape, activation);
            }
            return (result, joined);
        }

        private (EquatableArray<int>, ActivationKind) Layer(EquatableArray<int> shape, LayerSpec layer, ActivationKind activation)
        {
            long size = Shapes.LongSize(shape);
            switch (layer)
            {
                case DenseSpec dense:
                    if (Shapes.IsSequence(shape))
                    {
                        Problems.Add(new Problem(layer, null, -1, DiagnosticDescriptors.SequenceMismatch,
                            [$"Dense layer {layer.Name}", $"gets every time step {Shapes.Text(shape)}", "a Dense layer reads one vector per sample: set ReturnSequences = false on the recurrent layer before it to pass on its last hidden state"]));
                        return (shape, activation);
                    }
                    Parameters += size * dense.Units + (dense.Bias ? dense.Units : 0);
                    if (Shapes.IsImage(shape)) _flattenedBy ??= layer;
                    return (Shapes.Output(layer, shape), dense.Activation);
                case BatchNormSpec when Shapes.IsSequence(shape):
                    Problems.Add(new Problem(layer, null, -1, DiagnosticDescriptors.SequenceMismatch,
                        [$"BatchNorm layer {layer.Name}", $"gets a sequence {Shapes.Text(shape)}", "normalize vectors or images; for sequences put it after a recurrent layer that passes on its last hidden state"]));
                    return (shape, activation);
                case RecurrentSpec recurrent:
                {
                    if (!Shapes.IsSequence(shape))
                    {
                        string cause = Shapes.IsImage(shape) ? "an image" : "a vector";
                        Problems.Add(new Problem(layer, null, -1, DiagnosticDescriptors.SequenceMismatch,
                            [$"{recurrent.Kind} layer {layer.Name}", $"needs a sequence [T, F] but gets {cause} {Shapes.Text(shape)}",
                             "declare the model with Sequence and Features, or set ReturnSequences = true on the recurrent layer before it"]));
                        return (shape, activation);
                    }
                    int gates = Shapes.Gates(recurrent.Kind);
                    Parameters += (long)gates * recurrent.Hidden * (shape[1] + recurrent.Hidden + 2);
                    return (Shapes.Output(layer, shape), ActivationKind.Identity);
                }
                case BatchNormSpec norm:
                    Parameters += 2L * (Shapes.IsImage(shape) ? shape[0] : size);
                    return (shape, norm.Activation);
                case Conv2DSpec conv:
                    if (!NeedsImage(shape, layer)) return (shape, activation);
                    if (!Fits(shape, layer, conv.Kernel, conv.Padding, "kernel", 1)) return (shape, activation);
                    Parameters += (long)conv.Filters * shape[0] * conv.Kernel * conv.Kernel + (conv.Bias ? conv.Filters : 0);
                    return (Shapes.Output(layer, shape), conv.Activation);
                case PoolSpec pool:
                    if (!NeedsImage(shape, layer)) return (shape, activation);
                    if (2 * pool.Padding > pool.Kernel)
                    {
                        Problems.Add(new Problem(layer, "Padding", -1, DiagnosticDescriptors.OptionOutOfRange,
                            [$"{Kind(layer)} layer {layer.Name} Padding", pool.Padding, $"at most half the kernel ({pool.Kernel / 2}), as PyTorch requires"]));
                        return (shape, activation);
                    }
                    if (!Fits(shape, layer, pool.Kernel, pool.Padding, "kernel", 0)) return (shape, activation);
                    return (Shapes.Output(layer, shape), activation);
                case GlobalAvgPoolSpec:
                    if (!NeedsImage(shape, layer)) return (shape, activation);
                    return (Shapes.Output(layer, shape), activation);
                case BranchesSpec branches:
                    return Branches(shape, branches, activation);
                case ConvTranspose2DSpec transposed:
                {
                    if (!NeedsImage(shape, layer)) return (shape, activation);
                    var output = Shapes.Output(layer, shape);
                    if (output[1] < 1 || output[2] < 1)
                    {
                        Problems.Add(new Problem(layer, "Padding", -1, DiagnosticDescriptors.TransposedConvArgument,
                            [$"ConvTranspose2D layer {layer.Name}", $"turns {Shapes.Text(shape)} into {output[1]}×{output[2]}",
                             "the output side (in − 1)·Stride − 2·Padding + kernel + OutputPadding must be at least 1: lower the Padding"]));
                        return (shape, activation);
                    }
                    Parameters += (long)shape[0] * transposed.Filters * transposed.Kernel * transposed.Kernel + (transposed.Bias ? transposed.Filters : 0);
                    return (output, transposed.Activation);
                }
                case UpsampleSpec:
                    if (!NeedsImage(shape, layer)) return (shape, activation);
                    return (Shapes.Output(layer, shape), activation);
                case ResidualSpec block:
                {
                    var (body, _) = List(shape, block.Body, activation);
                    if (Problems.Count > 0) return (body, activation);
                    if (!body.Equals(shape))
                    {
                        if (Shapes.IsSequence(shape) || Shapes.IsSequence(body))
                        {
                            Problems.Add(new Problem(layer, "Layers", -1, DiagnosticDescriptors.SequenceMismatch,
                                [$"Residual block {layer.Name}", $"turns a sequence {Shapes.Text(shape)} into {Shapes.Text(body)}", "a sequence body must keep its shape; there is no projection for time steps"]));
                            return (body, activation);
                        }
                        if (Shapes.IsImage(shape) && Shapes.IsImage(body))
                        {
                            // torchvision's projection: a 1×1 convolution with the body's stride, then BatchNorm.
                            int stride = Shapes.Stride(block.Body);
                            int height = Shapes.Side(shape[1], 1, stride, 0), width = Shapes.Side(shape[2], 1, stride, 0);
                            if (height != body[1] || width != body[2])
                            {
                                Problems.Add(new Problem(layer, "Layers", -1, DiagnosticDescriptors.UnmatchedShortcut,
                                    [layer.Name, Shapes.Text(body), Shapes.Text(shape), stride, Shapes.Text(Shapes.Image(body[0], height, width))]));
                                return (body, activation);
                            }
                            Parameters += (long)body[0] * shape[0] + 2L * body[0];
                        }
                        else
                        {
                            Parameters += size * Shapes.LongSize(body);
                        }
                    }
                    return (body, block.Activation);
                }
                default:
                    return (shape, activation);
            }
        }

        private bool NeedsImage(EquatableArray<int> shape, LayerSpec layer)
        {
            if (Shapes.IsImage(shape)) return true;
            string cause = Shapes.IsSequence(shape) ? "it is a sequence; image layers need Channels, Height and Width"
                : _flattenedBy is null ? "the model's input is a vector (Input = ...); declare Channels, Height and Width"
                : $"layer {_flattenedBy.Name} (Dense) flattened the image before it; put image layers before the first Dense";
            Problems.Add(new Problem(layer, null, -1, DiagnosticDescriptors.ImageLayerOnVector, [$"{Kind(layer)} layer {layer.Name}", Shapes.Text(shape), cause]));
            return false;
        }

        private bool Fits(EquatableArray<int> shape, LayerSpec layer, int kernel, int padding, string argument, int position)
        {
            int height = shape[1] + 2 * padding, width = shape[2] + 2 * padding;
            if (kernel <= height && kernel <= width) return true;
            Problems.Add(new Problem(layer, argument, position, DiagnosticDescriptors.KernelLargerThanInput,
                [$"{Kind(layer)} layer {layer.Name}", kernel, height, width, Shapes.Text(shape), padding]));
            return false;
        }

        private static string Kind(LayerSpec layer) => layer switch
        {
            Conv2DSpec => "Conv2D",
            PoolSpec { IsMax: true } => "MaxPool",
            PoolSpec => "AvgPool",
            RecurrentSpec recurrent => recurrent.Kind.ToString(),
            GlobalAvgPoolSpec => "GlobalAvgPool",
            ConvTranspose2DSpec => "ConvTranspose2D",
            UpsampleSpec => "Upsample",
            _ => "Layer",
        };
    }
}
