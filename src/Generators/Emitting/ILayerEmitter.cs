using Specialized.Generators.Planning;

namespace Specialized.Generators.Emitting;

/// <summary>What every layer kind's emitter provides; the model emitter strings the calls together.</summary>
internal interface ILayerEmitter
{
    string ForwardMethod(DenseLayerPlan layer, VectorFlavor f);

    string WeightGradientMethod(DenseLayerPlan layer, VectorFlavor f);

    string InputGradientMethod(DenseLayerPlan layer, VectorFlavor f);

    void Emit(CodeWriter w, DenseLayerPlan layer, VectorFlavor f, bool needsInputGradient);
}
