using System.Collections.Concurrent;
using Specialized.Distributed.Orleans;

namespace Specialized.Distributed.Orleans.Tests;

/// <summary>
/// What each silo's <see cref="ITrainingGrain.Train"/> calls answered, seen from inside the silo (the client drops an
/// abandoned attempt's answer, so only the silo can tell whether a stale result went out): by seed and attempt.
/// </summary>
internal sealed class TrainCallOutcomes : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(int Seed, int Attempt), TaskCompletionSource<Exception?>> s_outcomes = new();

    /// <summary>Completes when attempt <paramref name="attempt"/> of <paramref name="seed"/> has answered: null for a result, else the exception it threw.</summary>
    public static Task<Exception?> Of(int seed, int attempt) => Source(seed, attempt).Task;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName != nameof(ITrainingGrain.Train)
            || context.Request.GetArgument(0) is not TrainingRequest request
            || !AttemptKey.TryParse(context.TargetId.Key.ToString()!, out AttemptKey key))
        {
            await context.Invoke();
            return;
        }
        try
        {
            await context.Invoke();
            Source(request.Seed, key.Attempt).TrySetResult(null);
        }
        catch (Exception e)
        {
            Source(request.Seed, key.Attempt).TrySetResult(e);
            throw;
        }
    }

    private static TaskCompletionSource<Exception?> Source(int seed, int attempt) =>
        s_outcomes.GetOrAdd((seed, attempt), _ => new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously));
}
