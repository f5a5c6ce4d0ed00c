using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Specialized.Distributed.Orleans;

/// <summary>
/// Trains one model on the silo it was placed on. Training runs on the thread pool, not on the grain scheduler's
/// turn, so a silo keeps answering (membership probes, other grains) while it computes; the activation goes away
/// once it has answered, since every attempt uses a fresh key. When the silo's host begins to stop, the training is
/// cancelled and the call fails with <see cref="TrainingAbandonedException"/>, so the client retries it on a silo that
/// stays, instead of the shutdown waiting for the member to finish.
/// </summary>
[SpreadPlacement]
public sealed class TrainingGrain(TrainingCatalog catalog, IServiceProvider services) : Grain, ITrainingGrain
{
    /// <inheritdoc/>
    public async Task<TrainingResult> Train(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ITrainingJob job = catalog.Get(request.Job);
        var clock = Stopwatch.StartNew();
        using var stoppingSource = CancellationTokenSource.CreateLinkedTokenSource(
            services.GetService<SiloStopping>()?.Token ?? CancellationToken.None,
            services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None);
        CancellationToken stopping = stoppingSource.Token;
        try
        {
            TrainingResult result = await Task.Run(() => job.Train(request, stopping), CancellationToken.None);
            return result with { Silo = RuntimeIdentity, Elapsed = clock.Elapsed };
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new TrainingAbandonedException($"Silo {RuntimeIdentity} stopped while training seed {request.Seed} of '{request.Job}' ({clock.Elapsed.TotalSeconds:F1} s in); retry it on another silo.");
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
