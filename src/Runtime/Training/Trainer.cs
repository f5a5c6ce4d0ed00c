using System.Diagnostics;
using Specialized.Kernels;

namespace Specialized;

/// <summary>
/// Trains a generated model with minibatch gradient descent: shuffled batches, an optimizer step per
/// batch, an optional schedule, clipping, validation and early stopping with a best-weights checkpoint.
/// Generic over the model so the per-batch calls bind to the concrete generated type.
/// </summary>
/// <remarks>
/// One trainer trains one model on one thread: a second <see cref="Fit"/> on the same trainer while
/// one is running throws <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed class Trainer<TModel> where TModel : class, IModel
{
    private readonly TModel _model;
    private readonly IOptimizer _optimizer;
    private readonly TrainerOptions _options;
    private readonly ExclusiveUse _exclusive = new();

    /// <summary>Prepares to train <paramref name="model"/> with <paramref name="optimizer"/>.</summary>
    public Trainer(TModel model, IOptimizer optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new TrainerOptions();
        if (options.Epochs <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "options.Epochs must be at least 1.");
        if (options.BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "options.BatchSize must be at least 1.");
        if (options.ClipGradientNorm is { } norm && !(norm > 0)) throw new ArgumentOutOfRangeException(nameof(options), norm, "options.ClipGradientNorm must be greater than 0.");
        if (options.ClipGradientValue is { } value && !(value > 0)) throw new ArgumentOutOfRangeException(nameof(options), value, "options.ClipGradientValue must be greater than 0.");
        if (options.EarlyStoppingPatience is { } patience && patience < 1) throw new ArgumentOutOfRangeException(nameof(options), patience, "options.EarlyStoppingPatience must be at least 1.");
        if (!(optimizer.LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer.LearningRate, "The optimizer's learning rate must be greater than 0.");
        _model = model;
        _optimizer = optimizer;
        _options = options;
    }

    /// <summary>
    /// Trains on <paramref name="training"/>; reports each epoch; validates on <paramref name="validation"/> when given.
    /// Every argument is checked before the first step.
    /// </summary>
    /// <exception cref="TrainingDivergedException">A loss or gradient became NaN or infinite; the last good weights are kept.</exception>
    public TrainingSummary Fit(Dataset training, Dataset? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        CheckData(training, nameof(training));
        if (validation is not null) CheckData(validation, nameof(validation));
        if (_options.EarlyStoppingPatience is not null && validation is null)
            throw new ArgumentException("Early stopping needs a validation set: pass one to Fit or set EarlyStoppingPatience to null.", nameof(validation));

        // A batch larger than the set is one short batch, as in PyTorch; with DropLast nothing is left to train on.
        var sampler = new MinibatchSampler(training, _options.BatchSize, _options.Seed, _options.DropLast);
        if (sampler.BatchCount == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(training), _options.BatchSize,
                $"options.DropLast is set and options.BatchSize ({_options.BatchSize}) is larger than the training set ({training.Count} samples), so every epoch would drop its only batch.");
        }
        if (_options.EarlyStoppingPatience is not null && _options.CheckpointPath is { } checkpoint) CheckCheckpointPath(checkpoint);
        // At most the whole set per batch, so these sizes are bounded by the dataset's own arrays.
        int rowsPerBatch = sampler.LargestBatch;
        var inputs = new float[rowsPerBatch * TModel.InputSize];
        var labels = new int[training.HasLabels ? rowsPerBatch * TModel.LabelsPerSample : 0];
        var targets = new float[training.HasLabels ? 0 : rowsPerBatch * TModel.OutputSize];
        float baseLearningRate = _optimizer.LearningRate;
        var reports = new List<EpochReport>();
        // The best epoch's state: parameters and buffers (BatchNorm's running statistics belong to the weights they were measured with).
        float[]? bestWeights = null, bestBuffers = null;
        long[]? bestCounters = null;
        double bestValidationLoss = double.PositiveInfinity;
        int bestEpoch = 0, epochsWithoutImprovement = 0;
        bool stoppedEarly = false;
        var clock = Stopwatch.StartNew();
        long samples = 0;
        // Its own stream, derived from the seed, so turning augmentation on does not change the shuffle.
        var augmentationRandom = new Random(unchecked(_options.Seed * 7919 + 17));
        float? clipNorm = _options.ClipGradientNorm ?? (TModel.HasRecurrentLayers ? TrainerOptions.RecurrentClipGradientNorm : null);
        double? lastValidationLoss = null;

        try
        {
            for (int epoch = 1; epoch <= _options.Epochs; epoch++)
            {
                if (_options.Schedule is not null) _optimizer.LearningRate = _options.Schedule.LearningRateFor(epoch - 1, baseLearningRate, lastValidationLoss);
                sampler.Shuffle();
                double lossSum = 0;
                long epochSamples = 0;
                for (int batch = 0; batch < sampler.BatchCount; batch++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int rows = training.HasLabels
                        ? sampler.FillBatch(batch, inputs, labels)
                        : sampler.FillBatch(batch, inputs, targets);
                    _options.Augmentation?.Apply(inputs, rows, TModel.InputSize, augmentationRandom);
                    ReadOnlySpan<float> x = inputs.AsSpan(0, rows * TModel.InputSize);
                    float loss = training.HasLabels
                        ? _model.ComputeGradients(x, labels.AsSpan(0, rows * TModel.LabelsPerSample))
                        : _model.ComputeGradients(x, targets.AsSpan(0, rows * TModel.OutputSize));
                    CheckFinite(loss, epoch, batch + 1);
                    Span<float> gradients = _model.Gradients;
                    if (_options.ClipGradientValue is { } clipValue) GradientClipping.ClipByValue(gradients, clipValue);
                    if (clipNorm is { } norm && float.IsFinite(norm)) GradientClipping.ClipByNorm(gradients, norm);
                    _optimizer.Step(_model.Parameters, gradients);
                    lossSum += loss * rows;
                    epochSamples += rows;
                }

                double? validationLoss = null, validationAccuracy = null;
                if (validation is not null)
                {
                    var evaluation = ModelEvaluation.Evaluate(_model, validation);
                    validationLoss = evaluation.Loss;
                    validationAccuracy = evaluation.Accuracy;
                    lastValidationLoss = validationLoss;
                }
                samples += epochSamples;
                var report = new EpochReport(epoch, _optimizer.LearningRate, lossSum / epochSamples, validationLoss, validationAccuracy, clock.Elapsed);
                reports.Add(report);
                progress?.Report(report);

                if (_options.EarlyStoppingPatience is not { } patience) continue;
                if (validationLoss < bestValidationLoss)
                {
                    bestValidationLoss = validationLoss.Value;
                    bestEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    bestWeights = _model.Parameters.ToArray();
                    bestBuffers = _model.Buffers.ToArray();
                    bestCounters = _model.IntegerBuffers.ToArray();
                    if (_options.CheckpointPath is not null) _model.SaveWeights(_options.CheckpointPath);
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
            // A schedule changes the optimizer's rate epoch by epoch; leave it as the caller set it.
            _optimizer.LearningRate = baseLearningRate;
        }

        if (bestWeights is not null)
        {
            // The in-memory copy and the checkpoint file hold the same weights; restoring from memory cannot fail half-way.
            bestWeights.CopyTo(_model.Parameters);
            bestBuffers!.CopyTo(_model.Buffers);
            bestCounters!.CopyTo(_model.IntegerBuffers);
        }
        else
        {
            bestEpoch = reports.Count;
        }
        clock.Stop();
        return new TrainingSummary(reports, bestEpoch, stoppedEarly, clock.Elapsed, samples / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
    }

    // The checkpoint is first written after an epoch; a path that cannot be written must fail now,
    // not after the first epoch's work.
    private static void CheckCheckpointPath(string path)
    {
        const string name = "options";
        if (string.IsNullOrWhiteSpace(path) || Path.EndsInDirectorySeparator(path))
            throw new ArgumentException($"options.CheckpointPath '{path}' is not a file path.", name);
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (directory is null || Directory.Exists(full))
            throw new ArgumentException($"options.CheckpointPath '{path}' is a directory; expected a file path such as best.safetensors.", name);
        if (!Directory.Exists(directory))
            throw new ArgumentException($"options.CheckpointPath '{path}' is in a directory that does not exist ('{directory}'); create it before training.", name);
        var existing = new FileInfo(full);
        if (existing.Exists && existing.IsReadOnly)
            throw new ArgumentException($"options.CheckpointPath '{path}' is a read-only file; the checkpoint could not replace it.", name);
    }

    private void CheckFinite(float loss, int epoch, int step)
    {
        ReadOnlySpan<float> gradients = _model.Gradients;
        // One vectorized pass: squares of floats summed in double cannot overflow, so the norm is finite
        // exactly when every element is. Only a failing step pays for the search by tensor.
        if (float.IsFinite(loss) && double.IsFinite(GradientClipping.L2Norm(gradients))) return;
        foreach (ModelTensor tensor in TModel.ParameterTensors)
        {
            ReadOnlySpan<float> values = gradients.Slice(tensor.Offset, tensor.Length);
            int bad = IndexOfNonFinite(values);
            if (bad >= 0)
            {
                throw new TrainingDivergedException(
                    $"Training diverged at epoch {epoch}, step {step}: the gradient of '{tensor.Name}' holds {values[bad]} (loss {loss}). " +
                    "The step was not applied; the model keeps the last good weights. Lower the learning rate, clip gradients or normalize the inputs.",
                    epoch, step, tensor.Name);
            }
        }
        if (!float.IsFinite(loss))
        {
            throw new TrainingDivergedException(
                $"Training diverged at epoch {epoch}, step {step}: the loss is {loss}. The step was not applied; the model keeps the last good weights. " +
                "Check the inputs and targets for NaN or infinity and lower the learning rate.",
                epoch, step, null);
        }
    }

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++) if (!float.IsFinite(values[i])) return i;
        return -1;
    }

    private static void CheckData(Dataset data, string paramName)
    {
        ArgumentNullException.ThrowIfNull(data, paramName);
        if (data.FeatureCount != TModel.InputSize)
            throw new ArgumentException($"{paramName} has {data.FeatureCount} features per sample; the model expects InputSize = {TModel.InputSize}.", paramName);
        if (data.Count == 0)
            throw new ArgumentException($"{paramName} has no samples; training and validation sets need at least one.", paramName);
        // A per-pixel model takes a class map per sample, a classifier one label: the set must carry what the model takes.
        if (data.HasLabels && data.LabelsPerSample != TModel.LabelsPerSample)
        {
            string expected = TModel.LabelsPerSample > 1
                ? $"the model's outputs are per-pixel class scores that take {TModel.LabelsPerSample} labels (one class map) per sample; build the set with Dataset.FromLabelMaps(features, {TModel.InputSize}, labels, labelsPerSample: {TModel.LabelsPerSample})"
                : "the model takes 1 label per sample; build the set with Dataset.FromLabels";
            throw new ArgumentException($"{paramName} has {data.LabelsPerSample} labels per sample, but {expected}.", paramName);
        }
        // The losses that take class labels, exactly as LossFunctions.Evaluate(labels) accepts them.
        bool takesLabels = TModel.Loss is Loss.SoftmaxCrossEntropy
            || (TModel.Loss is Loss.Hinge && TModel.OutputSize > 1)
            || (TModel.Loss is Loss.BinaryCrossEntropy && TModel.OutputSize == 1);
        bool needsLabels = TModel.Loss is Loss.SoftmaxCrossEntropy || (TModel.Loss is Loss.Hinge && TModel.OutputSize > 1);
        if (needsLabels && !data.HasLabels)
            throw new ArgumentException($"{paramName} has float targets, but {TModel.Loss} with {TModel.OutputSize} outputs trains on class labels.", paramName);
        if (data.HasLabels && !takesLabels)
            throw new ArgumentException($"{paramName} has class labels, but {TModel.Loss} with {TModel.OutputSize} outputs trains on float targets (rows × {TModel.OutputSize}); load it with Dataset.LoadRegression or build it with Dataset.FromTargets.", paramName);
        if (data.HasLabels)
        {
            int perSample = TModel.LabelsPerSample;
            int limit = TModel.OutputSize == 1 ? 2 : TModel.OutputSize / perSample;
            int[] labels = data.Labels;
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] < limit) continue;
                if (perSample == 1)
                    throw new ArgumentException($"{paramName} row {i} has label {labels[i]}; the model's {TModel.OutputSize} outputs allow labels in [0, {limit}).", paramName);
                throw new ArgumentException($"{paramName} row {i / perSample}, pixel {i % perSample} has label {labels[i]}; the model's {limit} classes per pixel allow labels in [0, {limit}).", paramName);
            }
        }
        else if (data.TargetCount != TModel.OutputSize)
        {
            throw new ArgumentException($"{paramName} has {data.TargetCount} targets per sample; the model has OutputSize = {TModel.OutputSize}.", paramName);
        }
    }
}
