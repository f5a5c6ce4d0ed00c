using Orleans;
using Orleans.Runtime;

namespace Specialized.Distributed.Orleans;

/// <summary>
/// Signals the first moment a silo begins to stop, so a training grain abandons its run (and the client retries it on
/// a live silo) instead of finishing on a silo that is going away. The host's <c>ApplicationStopping</c> is too late:
/// an in-process silo's shutdown first waits for running calls, so short members used to finish on the dying silo.
/// </summary>
internal sealed class SiloStopping : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the silo leaves its active stage, the first stage to stop.</summary>
    public CancellationToken Token => _stopping.Token;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloStopping), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            _stopping.Cancel();
            return Task.CompletedTask;
        });

    public void Dispose() => _stopping.Dispose();
}
