using Specialized.Kernels;
using Specialized.Nodes;

namespace Specialized.Tests.Nodes;

/// <summary>An int as a type, so tests can build layer-shape structs for many sizes without writing each one out.</summary>
public interface IConstant
{
    static abstract int Value { get; }
}

public readonly struct N0 : IConstant { public static int Value => 0; }
public readonly struct N1 : IConstant { public static int Value => 1; }
public readonly struct N2 : IConstant { public static int Value => 2; }
public readonly struct N3 : IConstant { public static int Value => 3; }
public readonly struct N4 : IConstant { public static int Value => 4; }
public readonly struct N5 : IConstant { public static int Value => 5; }
public readonly struct N7 : IConstant { public static int Value => 7; }
public readonly struct N8 : IConstant { public static int Value => 8; }
public readonly struct N9 : IConstant { public static int Value => 9; }
public readonly struct N6 : IConstant { public static int Value => 6; }
public readonly struct N10 : IConstant { public static int Value => 10; }
public readonly struct N11 : IConstant { public static int Value => 11; }
public readonly struct N12 : IConstant { public static int Value => 12; }
public readonly struct N13 : IConstant { public static int Value => 13; }
public readonly struct N28 : IConstant { public static int Value => 28; }
public readonly struct N15 : IConstant { public static int Value => 15; }
public readonly struct N31 : IConstant { public static int Value => 31; }
public readonly struct N47 : IConstant { public static int Value => 47; }
public readonly struct N16 : IConstant { public static int Value => 16; }
public readonly struct N17 : IConstant { public static int Value => 17; }
public readonly struct N20 : IConstant { public static int Value => 20; }
public readonly struct N33 : IConstant { public static int Value => 33; }
public readonly struct N50 : IConstant { public static int Value => 50; }
public readonly struct N90 : IConstant { public static int Value => 90; }
public readonly struct N63 : IConstant { public static int Value => 63; }
public readonly struct N64 : IConstant { public static int Value => 64; }
public readonly struct N128 : IConstant { public static int Value => 128; }
public readonly struct N100 : IConstant { public static int Value => 100; }
public readonly struct N1000 : IConstant { public static int Value => 1000; }

/// <summary>Activations as types, by their enum value.</summary>
public readonly struct A0 : IConstant { public static int Value => (int)Activation.Identity; }
public readonly struct A1 : IConstant { public static int Value => (int)Activation.Relu; }
public readonly struct A2 : IConstant { public static int Value => (int)Activation.LeakyRelu; }
public readonly struct A3 : IConstant { public static int Value => (int)Activation.Elu; }
public readonly struct A4 : IConstant { public static int Value => (int)Activation.Sigmoid; }
public readonly struct A5 : IConstant { public static int Value => (int)Activation.Tanh; }

/// <summary>Builds the constant types from ints at run time (test code only).</summary>
public static class Constants
{
    private static readonly Dictionary<int, Type> Sizes = new()
    {
        [0] = typeof(N0), [1] = typeof(N1), [2] = typeof(N2), [20] = typeof(N20), [50] = typeof(N50), [90] = typeof(N90), [3] = typeof(N3), [4] = typeof(N4), [5] = typeof(N5), [7] = typeof(N7), [8] = typeof(N8), [9] = typeof(N9), [15] = typeof(N15), [16] = typeof(N16), [31] = typeof(N31), [47] = typeof(N47),
        [6] = typeof(N6), [10] = typeof(N10), [11] = typeof(N11), [12] = typeof(N12), [13] = typeof(N13), [28] = typeof(N28),
        [17] = typeof(N17), [33] = typeof(N33), [63] = typeof(N63), [64] = typeof(N64), [128] = typeof(N128), [100] = typeof(N100), [1000] = typeof(N1000),
    };

    private static readonly Type[] Activations = [typeof(A0), typeof(A1), typeof(A2), typeof(A3), typeof(A4), typeof(A5)];

    public static Type Size(int value) => Sizes[value];

    public static Type Of(Activation activation) => Activations[(int)activation];
}

/// <summary>PyTorch's defaults: eps 1e-5, momentum 0.1.</summary>
public readonly struct BatchNormShape<TChannels, TSpatial, TActivation> : IBatchNormLayer
    where TChannels : struct, IConstant
    where TSpatial : struct, IConstant
    where TActivation : struct, IConstant
{
    public static int Channels => TChannels.Value;
    public static int Spatial => TSpatial.Value;
    public static float Epsilon => 1e-5f;
    public static float Momentum => 0.1f;
    public static Activation Activation => (Activation)TActivation.Value;
}

/// <summary>Non-default eps and momentum, to prove both are read from the shape.</summary>
public readonly struct BatchNormCustomShape<TChannels, TSpatial> : IBatchNormLayer
    where TChannels : struct, IConstant
    where TSpatial : struct, IConstant
{
    public static int Channels => TChannels.Value;
    public static int Spatial => TSpatial.Value;
    public static float Epsilon => 1e-3f;
    public static float Momentum => 0.3f;
    public static Activation Activation => Activation.Identity;
}

/// <summary>A dropout shape: <c>Probability = TPercent / 100</c>.</summary>
public readonly struct DropoutShape<TFeatures, TPercent, TStream> : IDropoutLayer
    where TFeatures : struct, IConstant
    where TPercent : struct, IConstant
    where TStream : struct, IConstant
{
    public static int Features => TFeatures.Value;
    public static float Probability => TPercent.Value / 100f;
    public static int Stream => TStream.Value;
}

/// <summary>A dense layer of any size, activation and bias choice.</summary>
public readonly struct DenseShape<TInputs, TUnits, TActivation, TBias> : IDenseLayer
    where TInputs : struct, IConstant
    where TUnits : struct, IConstant
    where TActivation : struct, IConstant
    where TBias : struct, IConstant
{
    public static int Inputs => TInputs.Value;
    public static int Units => TUnits.Value;
    public static bool HasBias => TBias.Value != 0;
    public static Activation Activation => (Activation)TActivation.Value;
}

/// <summary>A 2-D convolution of any shape; the output size is PyTorch's floor mode, as the generator computes it.</summary>
public readonly struct Conv2DShape<TIn, THeight, TWidth, TOut, TKernelHeight, TKernelWidth, TStride, TPadding, TActivation, TBias> : IConv2DLayer
    where TIn : struct, IConstant
    where THeight : struct, IConstant
    where TWidth : struct, IConstant
    where TOut : struct, IConstant
    where TKernelHeight : struct, IConstant
    where TKernelWidth : struct, IConstant
    where TStride : struct, IConstant
    where TPadding : struct, IConstant
    where TActivation : struct, IConstant
    where TBias : struct, IConstant
{
    public static int InChannels => TIn.Value;
    public static int InHeight => THeight.Value;
    public static int InWidth => TWidth.Value;
    public static int OutChannels => TOut.Value;
    public static int KernelHeight => TKernelHeight.Value;
    public static int KernelWidth => TKernelWidth.Value;
    public static int Stride => TStride.Value;
    public static int Padding => TPadding.Value;
    public static int OutHeight => (InHeight + 2 * Padding - KernelHeight) / Stride + 1;
    public static int OutWidth => (InWidth + 2 * Padding - KernelWidth) / Stride + 1;
    public static bool HasBias => TBias.Value != 0;
    public static Activation Activation => (Activation)TActivation.Value;
}

/// <summary>A convolution whose declared output size is wrong, to prove the node refuses it.</summary>
public readonly struct InconsistentConv2DShape : IConv2DLayer
{
    public static int InChannels => 1;
    public static int InHeight => 8;
    public static int InWidth => 8;
    public static int OutChannels => 2;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static int Stride => 1;
    public static int Padding => 0;
    public static int OutHeight => 7;
    public static int OutWidth => 6;
    public static bool HasBias => true;
    public static Activation Activation => Activation.Identity;
}
/// <summary>A max or average pool of any shape, output size in floor mode.</summary>
public readonly struct PoolShape<TChannels, THeight, TWidth, TKernel, TStride, TPadding> : IPoolLayer
    where TChannels : struct, IConstant
    where THeight : struct, IConstant
    where TWidth : struct, IConstant
    where TKernel : struct, IConstant
    where TStride : struct, IConstant
    where TPadding : struct, IConstant
{
    public static int Channels => TChannels.Value;
    public static int InHeight => THeight.Value;
    public static int InWidth => TWidth.Value;
    public static int Kernel => TKernel.Value;
    public static int Stride => TStride.Value;
    public static int Padding => TPadding.Value;
    public static int OutHeight => (InHeight + 2 * Padding - Kernel) / Stride + 1;
    public static int OutWidth => (InWidth + 2 * Padding - Kernel) / Stride + 1;
}

/// <summary>A global average pool over <c>TSpatial</c> positions per channel.</summary>
public readonly struct GlobalPoolShape<TChannels, TSpatial> : IGlobalPoolLayer
    where TChannels : struct, IConstant
    where TSpatial : struct, IConstant
{
    public static int Channels => TChannels.Value;
    public static int Spatial => TSpatial.Value;
}

/// <summary>A recurrent layer of any size; <c>TSequences</c> ≠ 0 passes every step on.</summary>
public readonly struct RecurrentShape<TSequence, TFeatures, THidden, TSequences, TActivation> : IRecurrentLayer
    where TSequence : struct, IConstant
    where TFeatures : struct, IConstant
    where THidden : struct, IConstant
    where TSequences : struct, IConstant
    where TActivation : struct, IConstant
{
    public static int Sequence => TSequence.Value;
    public static int Features => TFeatures.Value;
    public static int Hidden => THidden.Value;
    public static bool ReturnSequences => TSequences.Value != 0;
    public static Activation Activation => (Activation)TActivation.Value;
}
