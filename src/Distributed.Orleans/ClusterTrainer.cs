using Orleans.Runtime;
using Specialized.Classical;

namespace Specialized.Distributed.Orleans;

/// <summary>
/// The client side: trains many models at once across the silos of a cluster — the members of a committee, the
/// points of a grid search, the trials of a random search — one <see cref="ITrainingGrain"/> call per model, all in
/// flight together. When a silo fails under a member (the call is rejected, its silo leaves the cluster, or it does
/// not answer in <see cref="AttemptTimeout"/>), that member is retried under a fresh grain key, which places it on
/// a silo still alive; seeds make the retried member's weights the same as the lost ones would have been. The attempt
/// given up is cancelled on its silo (the call's <see cref="CancellationToken"/>), so it stops training there and its
/// late result is never taken.
/// </summary>
public sealed class ClusterTrainer
{
    private readonly IGrainFactory _grains;

    /// <summary>A trainer that calls grains through <paramref name="grains"/> (an <c>IClusterClient</c> or a grain's factory).</summary>
    public ClusterTrainer(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
    }

    /// <summary>Calls per model before giving up (default 4).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>How long one call may take before it counts as lost to a failed silo (default 10 minutes).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Pause before a retry, so the cluster can notice a dead silo (default 1 s).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Trains every request in parallel across the cluster; results in request order.</summary>
    public async Task<IReadOnlyList<TrainingResult>> TrainAllAsync(IReadOnlyList<TrainingRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        string run = Guid.NewGuid().ToString("N");
        return await Task.WhenAll(requests.Select((request, index) => TrainOneAsync(run, index, request, cancellationToken)));
    }

    /// <summary>
    /// Trains the <paramref name="members"/> of a committee: the same job and hyper-parameters, seeds
    /// <paramref name="firstSeed"/>, <paramref name="firstSeed"/> + 1, … (as a local committee loop would).
    /// </summary>
    public Task<IReadOnlyList<TrainingResult>> TrainCommitteeAsync(string job, int members, int firstSeed, IReadOnlyDictionary<string, double>? hyperParameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        if (members < 1) throw new ArgumentOutOfRangeException(nameof(members), members, "members must be at least 1.");
        var settings = hyperParameters ?? new Dictionary<string, double>();
        return TrainAllAsync([.. Enumerable.Range(0, members).Select(i => new TrainingRequest { Job = job, Seed = firstSeed + i, HyperParameters = settings })], cancellationToken);
    }

    /// <summary>Trains one model per point of the grid (every combination of the listed values), all with <paramref name="seed"/>.</summary>
    public async Task<SearchResult> GridSearchAsync(string job, IReadOnlyDictionary<string, double[]> grid, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentNullException.ThrowIfNull(grid);
        IEnumerable<Dictionary<string, double>> points = [new Dictionary<string, double>()];
        foreach (var (name, values) in grid.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (values is null || values.Length == 0) throw new ArgumentException($"grid['{name}'] has no values; give at least one.", nameof(grid));
            points = points.SelectMany(point => values.Select(value => new Dictionary<string, double>(point) { [name] = value }));
        }
        var requests = points.Select(point => new TrainingRequest { Job = job, Seed = seed, HyperParameters = point }).ToArray();
        return new SearchResult(await TrainAllAsync(requests, cancellationToken));
    }

    /// <summary>
    /// Trains <paramref name="trials"/> models with hyper-parameters drawn from <paramref name="space"/> by a generator
    /// seeded with <paramref name="seed"/> (so the same call draws the same trials), each trained with <paramref name="seed"/>.
    /// </summary>
    public async Task<SearchResult> RandomSearchAsync(string job, IReadOnlyDictionary<string, SearchRange> space, int trials, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentNullException.ThrowIfNull(space);
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), trials, "trials must be at least 1.");
        var random = new Random(seed);
        var names = space.Keys.Order(StringComparer.Ordinal).ToArray();
        var requests = new TrainingRequest[trials];
        for (int t = 0; t < trials; t++)
        {
            var point = new Dictionary<string, double>();
            foreach (string name in names) point[name] = space[name].Draw(random);
            requests[t] = new TrainingRequest { Job = job, Seed = seed, HyperParameters = point };
        }
        return new SearchResult(await TrainAllAsync(requests, cancellationToken));
    }

    /// <summary>
    /// Fits <paramref name="forest"/> across the cluster: its trees are split into <paramref name="parts"/> consecutive
    /// ranges of near-equal size, each grown by the <see cref="ForestPartTrainingJob"/> registered as <paramref name="job"/>
    /// on whichever silo the member lands on (a range lost with its silo is retried elsewhere, like any member), and the
    /// returned parts are assembled into <paramref name="forest"/>. Tree t draws from the stream (seed, t) wherever it
    /// grows, so the forest equals a local <see cref="RandomForest.Fit"/> on the silos' training set bit for bit.
    /// </summary>
    /// <param name="job">The name a <see cref="ForestPartTrainingJob"/> is registered under on every silo.</param>
    /// <param name="forest">The forest to fit: its settings and seed decide every tree.</param>
    /// <param name="parts">Ranges to split the trees into, at least 1 (at most one per tree); a few per silo balances the load.</param>
    /// <param name="cancellationToken">Cancels the calls not yet answered.</param>
    /// <returns>One result per part, in tree order (which silo grew it, how long it took, its attempts).</returns>
    /// <exception cref="ArgumentException">A silo returned a part that does not fit the forest (other settings or data: the silos' jobs disagree).</exception>
    public async Task<IReadOnlyList<TrainingResult>> FitForestAsync(string job, RandomForest forest, int parts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentNullException.ThrowIfNull(forest);
        if (parts < 1) throw new ArgumentOutOfRangeException(nameof(parts), parts, "parts must be at least 1.");
        parts = Math.Min(parts, forest.TreeCount);
        var requests = new TrainingRequest[parts];
        for (int p = 0; p < parts; p++)
        {
            // Part p takes trees [p·T/parts, (p+1)·T/parts): sizes differ by at most one.
            int first = (int)((long)p * forest.TreeCount / parts), end = (int)((long)(p + 1) * forest.TreeCount / parts);
            requests[p] = ForestPartTrainingJob.Request(job, forest, first, end - first);
        }
        IReadOnlyList<TrainingResult> results = await TrainAllAsync(requests, cancellationToken);
        forest.Assemble(results.Select(r => RandomForestPart.FromBytes(r.Weights, $"forest part from silo {r.Silo}")));
        return results;
    }

    private async Task<TrainingResult> TrainOneAsync(string run, int index, TrainingRequest request, CancellationToken cancellationToken)
    {
        var failedSilos = new List<string>();
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A fresh key per attempt (the old key's directory entry may still name the dead silo), listing the silos
            // that failed this member so the placement on whichever gateway receives it deals the retry elsewhere.
            var grain = _grains.GetGrain<ITrainingGrain>(new AttemptKey(run, index, attempt, failedSilos).ToString());
            try
            {
                TrainingResult result = await CallAsync(grain, request, cancellationToken);
                return result with { Attempts = attempt };
            }
            catch (Exception e) when (attempt < MaxAttempts && IsSiloFailure(e))
            {
                if (FailedSilo(e) is string silo && !failedSilos.Contains(silo)) failedSilos.Add(silo);
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    // One attempt. When it is given up unanswered (no answer within AttemptTimeout, a failure, the caller's cancellation)
    // the call's token is cancelled, and Orleans tells the grain: the abandoned attempt stops training instead of keeping
    // a silo's cores busy beside its retry, and never returns its result. Its call is not awaited again: a late answer is
    // dropped here, whatever it holds.
    private async Task<TrainingResult> CallAsync(ITrainingGrain grain, TrainingRequest request, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<TrainingResult> call = grain.Train(request, attempt.Token);
        try
        {
            return await call.WaitAsync(AttemptTimeout, cancellationToken);
        }
        finally
        {
            if (!call.IsCompleted)
            {
                // A cancellation callback's failure must not replace this attempt's own error (which decides the retry).
                try { await attempt.CancelAsync(); }
                catch (AggregateException) { }
            }
            // Observe the call's fault (its cancellation, or the lost silo) even when it ended between the timeout and here,
            // so it is never reported as unobserved; an awaited fault is observed already and this does nothing.
            _ = call.ContinueWith(static abandoned => _ = abandoned.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    // The silo a failure names: the one that gave the member up, or the one Orleans reports unavailable ("Silo 'S…' is …").
    private static string? FailedSilo(Exception e)
    {
        if (e is TrainingAbandonedException { Silo.Length: > 0 } abandoned) return abandoned.Silo;
        if (e is not SiloUnavailableException) return null;
        System.Text.RegularExpressions.Match quoted = System.Text.RegularExpressions.Regex.Match(e.Message, @"Silo '(S[^'/,\s]+)'");
        return quoted.Success ? quoted.Groups[1].Value : null;
    }

    // Failures of the cluster, not of the job: a job's own error (bad hyper-parameter, divergence) would fail again anywhere.
    private static bool IsSiloFailure(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
            or ClientNotAvailableException or System.IO.IOException
        || (e is OrleansException && e is not OrleansLifecycleCanceledException);
}
