using System.Collections.Concurrent;
using System.Diagnostics;
using Specialized.Distributed.Orleans;

namespace Specialized.Distributed.Orleans.Tests;

/// <summary>
/// A member whose first attempt hangs, as a silo too slow to answer within the attempt timeout would, and whose retry
/// answers at once. The first attempt works until its token is cancelled (or <see cref="Limit"/> passes), records when,
/// and then returns a result anyway, marked <see cref="Stale"/>, as a job whose last cancellation check had just passed
/// would: the grain must not hand that result back.
/// </summary>
internal sealed class StallingJob : ITrainingJob
{
    /// <summary>The validation accuracy of the result an abandoned first attempt finishes with.</summary>
    public const double Stale = 0.25;

    /// <summary>The validation accuracy of the retry's result.</summary>
    public const double Fresh = 0.75;

    /// <summary>How long a first attempt waits for its cancellation before giving up on it.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static readonly ConcurrentDictionary<int, TaskCompletionSource<TimeSpan?>> s_firstAttempts = new();
    private static readonly ConcurrentDictionary<int, bool> s_started = new();

    /// <summary>
    /// Completes when the first attempt of <paramref name="seed"/> stops working: with the time from its start to the
    /// cancellation it observed, or null when it ran to <see cref="Limit"/> uncancelled.
    /// </summary>
    public static Task<TimeSpan?> FirstAttemptStopped(int seed) => s_firstAttempts.GetOrAdd(seed, _ => NewSource()).Task;

    public TrainingResult Train(TrainingRequest request, CancellationToken cancellationToken)
    {
        if (!s_started.TryAdd(request.Seed, true)) return new TrainingResult { Request = request, ValidationAccuracy = Fresh };
        var clock = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested && clock.Elapsed < Limit) Thread.Sleep(5);
        s_firstAttempts.GetOrAdd(request.Seed, _ => NewSource()).TrySetResult(cancellationToken.IsCancellationRequested ? clock.Elapsed : null);
        return new TrainingResult { Request = request, ValidationAccuracy = Stale };
    }

    private static TaskCompletionSource<TimeSpan?> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
