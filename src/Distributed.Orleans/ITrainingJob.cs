namespace Specialized.Distributed.Orleans;

/// <summary>A kind of model a silo knows how to train: a declared network (<see cref="NetworkTrainingJob{TModel}"/>) or a classical classifier (<see cref="ClassifierTrainingJob"/>).</summary>
public interface ITrainingJob
{
    /// <summary>Trains one model for <paramref name="request"/>; the result's silo, time and attempts are filled in by the caller.</summary>
    TrainingResult Train(TrainingRequest request, CancellationToken cancellationToken);
}
