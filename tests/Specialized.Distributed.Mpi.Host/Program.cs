// Launched by mpiexec: trains a digits model data-parallel and writes what each rank ends with, so the tests
// can compare ranks with each other and with a single-process Trainer run in the test process.
//   train <mlp|cnn|wide|seg> <epochs> <batch> <seed> <outDir> [--validate <patience>]
//       every rank writes rank<r>.f32 (its final parameters, raw little-endian floats); rank 0 writes summary.txt
//       (and, with --validate, best.safetensors, the checkpoint of the best epoch). seg trains ShapesSegmenter on
//       generated 16x16 shape images with one class map per image (per-pixel labels; HostData.Shapes).
//   bench <mlp|cnn|wide> <epochs> <batch>
//       one warm-up epoch, then <epochs> timed epochs of DistributedTrainer, then 200 allreduces of the gradient alone
//       (each after a barrier, so it is the transfer, not waiting for a slower rank); rank 0 prints the figures.
//   phases <mlp|cnn|wide> <ranks> <batch>
//       no MPI: the time per step of a rank's shard spent gathering the batch, in forward+backward and in the
//       optimizer step (what a non-blocking allreduce could overlap with; StepPhases).
//   probe   starts MPI and prints rank/size/library, or the MpiUnavailableException message (exit 3).
using System.Globalization;
using System.Runtime.InteropServices;
using Specialized;
using Specialized.Distributed.Mpi;
using Specialized.Distributed.Mpi.Host;
using Specialized.Models;

if (args.Length == 1 && args[0] == "probe")
{
    try
    {
        using MpiWorld world = MpiWorld.Initialize();
        Console.WriteLine($"rank {world.Rank} of {world.Size}; {MpiWorld.LibraryVersion}");
        return 0;
    }
    catch (MpiUnavailableException e)
    {
        Console.Error.WriteLine(e.Message);
        return 3;
    }
}
if (args.Length == 4 && args[0] == "phases")
{
    int phaseRanks = int.Parse(args[2], CultureInfo.InvariantCulture), phaseBatch = int.Parse(args[3], CultureInfo.InvariantCulture);
    return args[1] switch
    {
        "mlp" => StepPhases.Run(new DigitsMlp(), phaseRanks, phaseBatch, 300),
        "cnn" => StepPhases.Run(new DigitsCnn(), phaseRanks, phaseBatch, 300),
        "wide" => StepPhases.Run(new WideDigitsMlp(), phaseRanks, phaseBatch, 300),
        _ => 2,
    };
}
if (args.Length == 4 && args[0] == "bench")
{
    using MpiWorld world = MpiWorld.Initialize();
    int benchEpochs = int.Parse(args[2], CultureInfo.InvariantCulture), benchBatch = int.Parse(args[3], CultureInfo.InvariantCulture);
    return args[1] switch
    {
        "mlp" => Bench.Run(new DigitsMlp(), world, benchEpochs, benchBatch),
        "cnn" => Bench.Run(new DigitsCnn(), world, benchEpochs, benchBatch),
        "wide" => Bench.Run(new WideDigitsMlp(), world, benchEpochs, benchBatch),
        _ => 2,
    };
}
if (args.Length is not (6 or 8) || args[0] != "train")
{
    Console.Error.WriteLine("Usage: train <mlp|cnn|wide|seg> <epochs> <batch> <seed> <outDir> [--validate <patience>] | probe");
    return 2;
}
int epochs = int.Parse(args[2], CultureInfo.InvariantCulture);
int batch = int.Parse(args[3], CultureInfo.InvariantCulture);
int seed = int.Parse(args[4], CultureInfo.InvariantCulture);
string outDirectory = args[5];
int? patience = args.Length == 8 ? int.Parse(args[7], CultureInfo.InvariantCulture) : null;
using (MpiWorld world = MpiWorld.Initialize())
{
    // With validation, rank 0 also checkpoints the best epoch's weights next to the rank files.
    var options = new TrainerOptions
    {
        Epochs = epochs, BatchSize = batch, Seed = seed, EarlyStoppingPatience = patience,
        CheckpointPath = patience is null ? null : Path.Combine(outDirectory, "best.safetensors"),
    };
    return args[1] switch
    {
        "mlp" => Run(new DigitsMlp(), world, options, outDirectory, HostData.Digits()),
        "cnn" => Run(new DigitsCnn(), world, options, outDirectory, HostData.Digits()),
        "wide" => Run(new WideDigitsMlp(), world, options, outDirectory, HostData.Digits()),
        "seg" => Run(new ShapesSegmenter(), world, options, outDirectory, HostData.Shapes()),
        _ => 2,
    };
}

static int Run<TModel>(TModel model, MpiWorld world, TrainerOptions options, string outDirectory, (Dataset Train, Dataset Validation) data) where TModel : class, IModel
{
    var (train, validation) = data;
    // Rank 0's initial weights reach every rank through the trainer's broadcast: start the others elsewhere to prove it.
    model.ResetParameters(world.IsRoot ? options.Seed : options.Seed + 1000 + world.Rank);
    var trainer = new DistributedTrainer<TModel>(model, new Sgd(0.05f, momentum: 0.9f), world, options);
    DistributedTrainingSummary summary = trainer.Fit(train, options.EarlyStoppingPatience is null ? null : validation);
    File.WriteAllBytes(Path.Combine(outDirectory, $"rank{world.Rank}.f32"), MemoryMarshal.AsBytes(model.Parameters).ToArray());
    if (world.IsRoot)
    {
        var lines = new List<string>
        {
            $"ranks {summary.Ranks}",
            $"steps {summary.Steps}",
            $"parameters {TModel.ParameterCount}",
            $"best_epoch {summary.Training.BestEpoch}",
            $"epochs_run {summary.Training.Epochs.Count}",
            $"elapsed_ms {summary.Training.Elapsed.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture)}",
            $"compute_ms {summary.ComputeTime.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture)}",
            $"allreduce_ms {summary.CommunicationTime.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture)}",
            $"library {MpiWorld.LibraryVersion}",
        };
        lines.AddRange(summary.Training.Epochs.Select(e => $"epoch {e.Epoch} {e.TrainingLoss.ToString("R", CultureInfo.InvariantCulture)}"));
        File.WriteAllLines(Path.Combine(outDirectory, "summary.txt"), lines);
    }
    return 0;
}
