namespace Specialized.Distributed.Orleans;

/// <summary>What one training grain returns: the trained weights, validation figures, and where and how long it ran.</summary>
[GenerateSerializer, Immutable]
public sealed record TrainingResult
{
    /// <summary>The request this answers.</summary>
    [Id(0)] public required TrainingRequest Request { get; init; }

    /// <summary>A network's trained tensors as a safetensors file (PyTorch names); empty for a classical classifier.</summary>
    [Id(1)] public byte[] Weights { get; init; } = [];

    /// <summary>Mean validation loss; NaN when the job has no loss (classical classifiers).</summary>
    [Id(2)] public double ValidationLoss { get; init; } = double.NaN;

    /// <summary>Validation accuracy in [0, 1].</summary>
    [Id(3)] public double ValidationAccuracy { get; init; }

    /// <summary>Class probabilities of every validation row (rows × classes), for averaging members into a committee.</summary>
    [Id(4)] public float[] ValidationProbabilities { get; init; } = [];

    /// <summary>The silo that trained it (its runtime identity).</summary>
    [Id(5)] public string Silo { get; init; } = "";

    /// <summary>Training and evaluation time on that silo.</summary>
    [Id(6)] public TimeSpan Elapsed { get; init; }

    /// <summary>Calls it took: 1, or more when a silo failed and the member was retried elsewhere (set by the client).</summary>
    [Id(7)] public int Attempts { get; init; } = 1;
}
