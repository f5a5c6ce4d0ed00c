using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Specialized.Distributed.Orleans;

/// <summary>
/// Trains one model on the silo it was placed on. Training runs on a dedicated thread, neither on the grain scheduler's
/// turn nor on the thread pool, so a silo keeps answering (membership probes, other grains) while it computes; the activation goes away
/// once it has answered, since every attempt uses a fresh key. A result is returned only from a silo that was active
/// from the start of the training to its end: a silo that has begun to stop (or that its own membership no longer
/// lists as active) refuses the call, cancels a training under way, and discards one that finished meanwhile, each
/// with <see cref="TrainingAbandonedException"/> naming the silo, so the client retries the member on a silo that
/// stays instead of trusting (or waiting for) one that is going away. An attempt its caller has given up (the call's
/// token cancelled: its timeout passed and the member is being retried elsewhere) stops at the job's next cancellation
/// check, so it no longer burns the silo's cores, and its result, even one that finished meanwhile, is never returned.
/// </summary>
[SpreadPlacement]
public sealed class TrainingGrain(TrainingCatalog catalog, IServiceProvider services) : Grain, ITrainingGrain
{
    /// <inheritdoc/>
    public async Task<TrainingResult> Train(TrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ITrainingJob job = catalog.Get(request.Job);
        var clock = Stopwatch.StartNew();
        using var stoppingSource = CancellationTokenSource.CreateLinkedTokenSource(
            services.GetService<SiloStopping>()?.Token ?? CancellationToken.None,
            services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None);
        CancellationToken stopping = stoppingSource.Token;
        // The job stops for either reason: this silo leaving, or the caller giving the attempt up.
        using var trainingSource = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
        ISiloStatusOracle? membership = services.GetService<ISiloStatusOracle>();
        bool Leaving() => stopping.IsCancellationRequested || (membership is not null && membership.CurrentStatus != SiloStatus.Active);
        try
        {
            if (Leaving()) throw Abandoned(request, clock, "was already stopping when the member arrived");
            cancellationToken.ThrowIfCancellationRequested();
            // A thread of its own, not a thread-pool one: a few members busy on a 2-core silo would otherwise hold every
            // pool thread for seconds, and the silo's own work (messages, membership probes, the lifecycle stages of a
            // stop) would queue behind them; a silo killed mid-run then finished and returned members before its stop
            // reached the stage that tells them to abandon.
            TrainingResult result = await Task.Factory.StartNew(
                () => job.Train(request, trainingSource.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            // Finished, but the caller gave the attempt up meanwhile (after the job's last cancellation check): its retry
            // may be training elsewhere already, so this late result is stale and is not returned.
            cancellationToken.ThrowIfCancellationRequested();
            // Finished, but the silo began to stop meanwhile: not trusted.
            if (Leaving()) throw Abandoned(request, clock, "began to stop before the member could be returned");
            return result with { Silo = RuntimeIdentity, Elapsed = clock.Elapsed };
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Abandoned(request, clock, "stopped while training");
        }
        finally
        {
            DeactivateOnIdle();
        }
    }

    private TrainingAbandonedException Abandoned(TrainingRequest request, Stopwatch clock, string what) =>
        new($"Silo {RuntimeIdentity} {what} seed {request.Seed} of '{request.Job}' ({clock.Elapsed.TotalSeconds:F1} s in); retry it on another silo.", RuntimeIdentity);
}
