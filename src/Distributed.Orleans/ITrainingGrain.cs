namespace Specialized.Distributed.Orleans;

/// <summary>A grain that trains one model for one request and returns it; one activation per attempt key.</summary>
public interface ITrainingGrain : IGrainWithStringKey
{
    /// <summary>Trains what <paramref name="request"/> asks for on this silo and returns the weights and validation figures.</summary>
    Task<TrainingResult> Train(TrainingRequest request);
}
