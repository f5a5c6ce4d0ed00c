using System.Diagnostics;
using System.Numerics.Tensors;

namespace Specialized.Distributed.Mpi;

/// <summary>
/// Synchronous data-parallel training of a generated model over MPI: every rank holds the whole model, takes its
/// share of each global minibatch, and the ranks average their gradients with one allreduce per step before every
/// rank applies the same optimizer step, so the weights stay bit-identical everywhere.
/// </summary>
/// <remarks>
/// <para>
/// The global batches are those of <see cref="Trainer{TModel}"/> with the same <see cref="TrainerOptions"/>: each
/// rank shuffles the row order with the same seed, gathers the whole global batch (and augments it with the same
/// random stream) and trains on its contiguous slice, rows [⌊B·r/n⌋, ⌊B·(r+1)/n⌋). Its mean-loss gradient is scaled
/// by its share of the rows, so the sum over ranks is the global batch's mean gradient, also for a short last batch.
/// A segmentation model (<c>LabelsPerSample</c> &gt; 1, a set built with <c>Dataset.FromLabelMaps</c>) is sharded the
/// same way with each row's whole class map: its loss is the mean over rows and pixels, and every row has the same
/// number of pixels, so the same row share makes the sum the global mean; rank 0 validates with per-pixel figures.
/// Up to floating-point summation order this is the single-process training: with n = 1 it is bit-identical.
/// </para>
/// <para>
/// Parameters, buffers and integer buffers are broadcast from rank 0 before the first step. Buffers are made equal
/// at each epoch's end by <see cref="BufferSynchronization"/>; integer buffers are taken from rank 0. Rank 0 alone
/// validates and writes the checkpoint, then broadcasts the validation figures, so the schedule and early stopping
/// decide the same on every rank. A non-finite loss on any rank poisons the gradient allreduce, so every rank throws
/// <see cref="TrainingDivergedException"/> at the same step instead of one rank leaving the others waiting.
/// </para>
/// <para>
/// There is no overlap of communication with the backward pass: <see cref="IModel"/> hands over the gradient only
/// when the whole backward pass is done, so the one allreduce per step runs after it (see docs/distributed.md for
/// what that costs for the bundled models). Every rank must call <see cref="Fit"/> with the same data and options.
/// </para>
/// </remarks>
public sealed class DistributedTrainer<TModel> where TModel : class, IModel
{
    private readonly TModel _model;
    private readonly IOptimizer _optimizer;
    private readonly MpiWorld _world;
    private readonly TrainerOptions _options;
    private readonly BufferSynchronization _buffers;

    /// <summary>Prepares to train <paramref name="model"/> with <paramref name="optimizer"/> on the ranks of <paramref name="world"/>.</summary>
    public DistributedTrainer(TModel model, IOptimizer optimizer, MpiWorld world, TrainerOptions? options = null, BufferSynchronization buffers = BufferSynchronization.Average)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(world);
        options ??= new TrainerOptions();
        if (options.Epochs <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "options.Epochs must be at least 1.");
        if (options.BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "options.BatchSize must be at least 1.");
        if (options.EarlyStoppingPatience is { } patience && patience < 1) throw new ArgumentOutOfRangeException(nameof(options), patience, "options.EarlyStoppingPatience must be at least 1.");
        if (!Enum.IsDefined(buffers)) throw new ArgumentOutOfRangeException(nameof(buffers), buffers, "buffers must be Average or RootBroadcast.");
        _model = model;
        _optimizer = optimizer;
        _world = world;
        _options = options;
        _buffers = buffers;
    }

    /// <summary>
    /// Trains on <paramref name="training"/> (the same set on every rank); rank 0 validates on <paramref name="validation"/>
    /// when given. Progress is reported on every rank with the same figures.
    /// </summary>
    /// <exception cref="ArgumentException">The data do not fit the model, or the ranks were given different data or options (checked collectively).</exception>
    /// <exception cref="TrainingDivergedException">A loss or gradient became NaN or infinite on some rank; the last good weights are kept.</exception>
    public DistributedTrainingSummary Fit(Dataset training, Dataset? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        CheckData(training, nameof(training));
        if (validation is not null) CheckData(validation, nameof(validation));
        if (_options.EarlyStoppingPatience is not null && validation is null)
            throw new ArgumentException("Early stopping needs a validation set: pass one to Fit or set EarlyStoppingPatience to null.", nameof(validation));
        var sampler = new MinibatchSampler(training, _options.BatchSize, _options.Seed, _options.DropLast);
        if (sampler.BatchCount == 0)
            throw new ArgumentOutOfRangeException(nameof(training), _options.BatchSize, $"options.DropLast is set and options.BatchSize ({_options.BatchSize}) is larger than the training set ({training.Count} samples).");
        CheckSameEverywhere(training, validation, sampler.BatchCount);
        if (_options.EarlyStoppingPatience is not null && _options.CheckpointPath is { } checkpoint) CheckCheckpointOnRoot(checkpoint);
        StartFromRootState();

        int rowsPerBatch = sampler.LargestBatch;
        var inputs = new float[rowsPerBatch * TModel.InputSize];
        // A segmentation model takes one class map (LabelsPerSample labels) per row; a batch's maps lie row after row.
        var labels = new int[training.HasLabels ? rowsPerBatch * TModel.LabelsPerSample : 0];
        var targets = new float[training.HasLabels ? 0 : rowsPerBatch * TModel.OutputSize];
        float baseLearningRate = _optimizer.LearningRate;
        var reports = new List<EpochReport>();
        float[]? bestWeights = null, bestBuffers = null;
        long[]? bestCounters = null;
        double bestValidationLoss = double.PositiveInfinity;
        int bestEpoch = 0, epochsWithoutImprovement = 0;
        bool stoppedEarly = false;
        var clock = Stopwatch.StartNew();
        long computeTicks = 0, communicationTicks = 0, steps = 0, samples = 0;
        // The same stream as Trainer's, applied to the whole global batch on every rank, so augmented runs match too.
        var augmentationRandom = new Random(unchecked(_options.Seed * 7919 + 17));
        float? clipNorm = _options.ClipGradientNorm ?? (TModel.HasRecurrentLayers ? TrainerOptions.RecurrentClipGradientNorm : null);
        double? lastValidationLoss = null;
        Span<double> epochTotals = stackalloc double[2];
        Span<double> validationFigures = stackalloc double[3];

        try
        {
            for (int epoch = 1; epoch <= _options.Epochs; epoch++)
            {
                if (_options.Schedule is not null) _optimizer.LearningRate = _options.Schedule.LearningRateFor(epoch - 1, baseLearningRate, lastValidationLoss);
                sampler.Shuffle();
                double localLossSum = 0;
                long epochSamples = 0;
                for (int batch = 0; batch < sampler.BatchCount; batch++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int rows = training.HasLabels ? sampler.FillBatch(batch, inputs, labels) : sampler.FillBatch(batch, inputs, targets);
                    _options.Augmentation?.Apply(inputs, rows, TModel.InputSize, augmentationRandom);
                    (int first, int count) = Shard(rows, _world.Rank, _world.Size);
                    long started = Stopwatch.GetTimestamp();
                    float loss = ComputeShardGradient(training.HasLabels, inputs, labels, targets, first, count, rows);
                    long computed = Stopwatch.GetTimestamp();
                    _world.AllReduce(_model.Gradients);
                    communicationTicks += Stopwatch.GetTimestamp() - computed;
                    computeTicks += computed - started;
                    CheckFinite(epoch, batch + 1);
                    Span<float> gradients = _model.Gradients;
                    if (_options.ClipGradientValue is { } clipValue) GradientClipping.ClipByValue(gradients, clipValue);
                    if (clipNorm is { } norm && float.IsFinite(norm)) GradientClipping.ClipByNorm(gradients, norm);
                    _optimizer.Step(_model.Parameters, gradients);
                    localLossSum += (double)loss * count;
                    epochSamples += rows;
                    steps++;
                }

                SynchronizeBuffers();
                epochTotals[0] = localLossSum;
                epochTotals[1] = 0;
                _world.AllReduce(epochTotals);
                double? validationLoss = null, validationAccuracy = null;
                if (validation is not null)
                {
                    if (_world.IsRoot)
                    {
                        var evaluation = ModelEvaluation.Evaluate(_model, validation);
                        validationFigures[0] = evaluation.Loss;
                        validationFigures[1] = evaluation.Accuracy ?? double.NaN;
                        validationFigures[2] = evaluation.Accuracy.HasValue ? 1 : 0;
                    }
                    _world.Broadcast(validationFigures);
                    validationLoss = validationFigures[0];
                    validationAccuracy = validationFigures[2] != 0 ? validationFigures[1] : null;
                    lastValidationLoss = validationLoss;
                }
                samples += epochSamples;
                var report = new EpochReport(epoch, _optimizer.LearningRate, epochTotals[0] / epochSamples, validationLoss, validationAccuracy, clock.Elapsed);
                reports.Add(report);
                progress?.Report(report);

                if (_options.EarlyStoppingPatience is not { } patience) continue;
                // Every rank holds the same broadcast validation loss, so each takes the same branch.
                if (validationLoss < bestValidationLoss)
                {
                    bestValidationLoss = validationLoss.Value;
                    bestEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    bestWeights = _model.Parameters.ToArray();
                    bestBuffers = _model.Buffers.ToArray();
                    bestCounters = _model.IntegerBuffers.ToArray();
                    if (_options.CheckpointPath is not null) SaveCheckpointOnRoot(_options.CheckpointPath);
                }
                else if (++epochsWithoutImprovement >= patience)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }
        finally
        {
            _optimizer.LearningRate = baseLearningRate;
        }

        if (bestWeights is not null)
        {
            bestWeights.CopyTo(_model.Parameters);
            bestBuffers!.CopyTo(_model.Buffers);
            bestCounters!.CopyTo(_model.IntegerBuffers);
        }
        else
        {
            bestEpoch = reports.Count;
        }
        clock.Stop();
        var summary = new TrainingSummary(reports, bestEpoch, stoppedEarly, clock.Elapsed, samples / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
        return new DistributedTrainingSummary(summary, _world.Size, steps, Stopwatch.GetElapsedTime(0, computeTicks), Stopwatch.GetElapsedTime(0, communicationTicks));
    }

    /// <summary>The contiguous rows [first, first + count) of a global batch of <paramref name="rows"/> that rank <paramref name="rank"/> of <paramref name="size"/> trains on.</summary>
    public static (int First, int Count) Shard(int rows, int rank, int size)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must be at least 0.");
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "size must be at least 1.");
        if ((uint)rank >= (uint)size) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be in [0, {size}).");
        int first = (int)((long)rows * rank / size);
        int end = (int)((long)rows * (rank + 1) / size);
        return (first, end - first);
    }

    // Only rank 0 writes the checkpoint; its failure must stop every rank, not leave the others waiting in the next collective.
    private void SaveCheckpointOnRoot(string path)
    {
        Exception? failure = null;
        if (_world.IsRoot)
        {
            try
            {
                _model.SaveWeights(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failure = e;
            }
        }
        Span<int> failed = [failure is null ? 0 : 1];
        _world.Broadcast(failed);
        if (failure is not null) throw new IOException($"Rank 0 could not write the checkpoint '{path}': {failure.Message}", failure);
        if (failed[0] != 0) throw new IOException($"Rank 0 could not write the checkpoint '{path}'; see rank 0's error. Every rank stops here.");
    }

    // The checkpoint is first written after an epoch; a path rank 0 cannot write must fail on every rank now.
    private void CheckCheckpointOnRoot(string path)
    {
        string? problem = null;
        if (_world.IsRoot)
        {
            string full = Path.GetFullPath(path);
            string? directory = Path.GetDirectoryName(full);
            if (string.IsNullOrWhiteSpace(path) || Path.EndsInDirectorySeparator(path) || Directory.Exists(full)) problem = "is not a file path (expected e.g. best.safetensors)";
            else if (directory is null || !Directory.Exists(directory)) problem = $"is in a directory that does not exist on rank 0 ('{directory}')";
        }
        Span<int> bad = [problem is null ? 0 : 1];
        _world.Broadcast(bad);
        if (bad[0] != 0) throw new ArgumentException($"options.CheckpointPath '{path}' {problem ?? "cannot be written by rank 0 (see rank 0's error)"}.", "options");
    }

    // This rank's share of the global batch's mean gradient: its own mean gradient × count / rows (0 when it has no rows).
    private float ComputeShardGradient(bool hasLabels, float[] inputs, int[] labels, float[] targets, int first, int count, int rows)
    {
        if (count == 0)
        {
            _model.Gradients.Clear();
            return 0;
        }
        ReadOnlySpan<float> x = inputs.AsSpan(first * TModel.InputSize, count * TModel.InputSize);
        float loss = hasLabels
            ? _model.ComputeGradients(x, labels.AsSpan(first * TModel.LabelsPerSample, count * TModel.LabelsPerSample))
            : _model.ComputeGradients(x, targets.AsSpan(first * TModel.OutputSize, count * TModel.OutputSize));
        Span<float> gradients = _model.Gradients;
        // count / rows is exact for equal shards of a power-of-two number of ranks, so such runs add no rounding here.
        if (count != rows) TensorPrimitives.Multiply(gradients, (float)count / rows, gradients);
        // A bad loss on this rank alone must stop every rank at the same step: NaN survives the allreduce's sum.
        if (!float.IsFinite(loss)) gradients[0] = float.NaN;
        return loss;
    }

    private void CheckFinite(int epoch, int step)
    {
        ReadOnlySpan<float> gradients = _model.Gradients;
        if (double.IsFinite(GradientClipping.L2Norm(gradients))) return;
        foreach (ModelTensor tensor in TModel.ParameterTensors)
        {
            ReadOnlySpan<float> values = gradients.Slice(tensor.Offset, tensor.Length);
            for (int i = 0; i < values.Length; i++)
            {
                if (float.IsFinite(values[i])) continue;
                throw new TrainingDivergedException(
                    $"Training diverged at epoch {epoch}, step {step}: the averaged gradient of '{tensor.Name}' holds {values[i]} (a non-finite loss or gradient on at least one of {_world.Size} ranks). " +
                    "The step was not applied on any rank; the model keeps the last good weights. Lower the learning rate, clip gradients or normalize the inputs.",
                    epoch, step, tensor.Name);
            }
        }
    }

    private void StartFromRootState()
    {
        _world.Broadcast(_model.Parameters);
        _world.Broadcast(_model.Buffers);
        _world.Broadcast(_model.IntegerBuffers);
    }

    private void SynchronizeBuffers()
    {
        Span<float> buffers = _model.Buffers;
        if (_buffers == BufferSynchronization.Average)
        {
            _world.AllReduce(buffers);
            TensorPrimitives.Multiply(buffers, 1f / _world.Size, buffers);
        }
        else
        {
            _world.Broadcast(buffers);
        }
        _world.Broadcast(_model.IntegerBuffers);
    }

    // Every rank must walk the same batches: compare what decides them with rank 0's, and fail on every rank together.
    private void CheckSameEverywhere(Dataset training, Dataset? validation, int batchCount)
    {
        Span<long> mine = [training.Count, training.FeatureCount, _options.BatchSize, _options.Seed, _options.Epochs, batchCount, validation?.Count ?? -1, TModel.ParameterCount];
        Span<long> root = stackalloc long[mine.Length];
        mine.CopyTo(root);
        _world.Broadcast(root);
        Span<int> mismatch = [mine.SequenceEqual(root) ? 0 : 1];
        _world.AllReduce(mismatch);
        if (mismatch[0] != 0)
        {
            throw new ArgumentException(
                $"{mismatch[0]} of {_world.Size} ranks were given a different training set, validation set or options than rank 0 " +
                $"(rank {_world.Rank}: rows {mine[0]}, features {mine[1]}, batch {mine[2]}, seed {mine[3]}, epochs {mine[4]}, validation rows {mine[6]}; " +
                $"rank 0: rows {root[0]}, features {root[1]}, batch {root[2]}, seed {root[3]}, epochs {root[4]}, validation rows {root[6]}). Give every rank the same data and options.",
                nameof(training));
        }
    }

    internal static void CheckData(Dataset data, string paramName)
    {
        if (data.FeatureCount != TModel.InputSize)
            throw new ArgumentException($"{paramName} has {data.FeatureCount} features per sample; the model expects InputSize = {TModel.InputSize}.", paramName);
        if (data.Count == 0)
            throw new ArgumentException($"{paramName} has no samples; training and validation sets need at least one.", paramName);
        if (data.HasLabels && data.LabelsPerSample != TModel.LabelsPerSample)
        {
            string expected = TModel.LabelsPerSample > 1
                ? $"the model's outputs are per-pixel class scores that take {TModel.LabelsPerSample} labels (one class map) per sample; build the set with Dataset.FromLabelMaps(features, {TModel.InputSize}, labels, labelsPerSample: {TModel.LabelsPerSample})"
                : "the model takes one label per sample";
            throw new ArgumentException($"{paramName} has {data.LabelsPerSample} labels per sample, but {expected}.", paramName);
        }
        if (!data.HasLabels && data.TargetCount != TModel.OutputSize)
            throw new ArgumentException($"{paramName} has {data.TargetCount} targets per sample; the model has OutputSize = {TModel.OutputSize}.", paramName);
    }
}
