using System;
using Specialized.Generators.Planning;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>The one place that maps a node kind to its emitter; the model emitter never names a layer kind.</summary>
internal static class NodeEmitters
{
    public static INodeEmitter For(NodePlan node) => node switch
    {
        DenseNodePlan => DenseNodeEmitter.Instance,
        BatchNormNodePlan => BatchNormNodeEmitter.Instance,
        DropoutNodePlan => DropoutNodeEmitter.Instance,
        AddNodePlan => AddNodeEmitter.Instance,
        Conv2DNodePlan => Conv2DNodeEmitter.Instance,
        PoolNodePlan => PoolNodeEmitter.Instance,
        GlobalAvgPoolNodePlan => GlobalAvgPoolNodeEmitter.Instance,
        RecurrentNodePlan => RecurrentNodeEmitter.Instance,
        ConcatNodePlan => ConcatNodeEmitter.Instance,
        ConvTranspose2DNodePlan => ConvTranspose2DNodeEmitter.Instance,
        UpsampleNodePlan => UpsampleNodeEmitter.Instance,
        _ => throw new InvalidOperationException("No emitter for " + node.GetType().Name),
    };
}
