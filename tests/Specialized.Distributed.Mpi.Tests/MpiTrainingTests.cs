using Specialized.Distributed.Mpi.Host;
using Specialized.Models;
using Xunit.Abstractions;

namespace Specialized.Distributed.Mpi.Tests;

/// <summary>
/// The proof of the data-parallel trainer: the host program trains DigitsMlp under <c>mpiexec -n N</c>, every rank writes
/// its final weights, and the test compares them with each other and with <see cref="Trainer{TModel}"/> run here on the
/// same global batches in the same order.
/// </summary>
public sealed class MpiTrainingTests(ITestOutputHelper output)
{
    private const int Epochs = 2, BatchSize = 64, Seed = 7;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [MpiFact]
    public void One_rank_is_bit_identical_to_the_single_process_trainer()
    {
        float[][] ranks = TrainUnderMpi(1, out _);
        float[] reference = TrainInProcess();
        // One rank scales nothing and its allreduce of one is a copy: nothing may differ by even one bit.
        Assert.Equal(reference, ranks[0]);
    }

    [MpiFact]
    public void Two_ranks_end_with_bit_identical_weights_that_match_the_single_process_run() => CheckRanks(2);

    [MpiFact]
    public void Four_ranks_end_with_bit_identical_weights_that_match_the_single_process_run() => CheckRanks(4);

    [MpiFact]
    public void Early_stopping_is_decided_by_all_ranks_together_from_rank_0s_validation()
    {
        float[][] ranks = TrainUnderMpi(2, out var summary, ["--validate", "1"], epochs: 6, checkCheckpoint: true);
        Assert.Equal(ranks[0], ranks[1]);
        var reference = new DigitsMlp();
        TrainingSummary local = TrainInProcess(reference, 1, 6);
        // Summation order differs, so the validation losses differ in the last digits; the best epoch must not.
        Assert.Equal(local.BestEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture), summary["best_epoch"]);
        Assert.Equal(local.Epochs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), summary["epochs_run"]);
        AssertClose(reference.Parameters.ToArray(), ranks[0]);
    }

    [MpiFact]
    public void A_segmentation_model_shards_whole_class_maps_and_matches_the_single_process_run()
    {
        // ShapesSegmenter takes 256 labels (one 16x16 class map) per image: each rank must train on its rows' whole maps
        // and rank 0 validate with per-pixel figures; 96 images in batches of 32 on 2 ranks, early stopping on.
        const int SegEpochs = 4, SegBatch = 32;
        float[][] ranks = TrainUnderMpi<ShapesSegmenter>(2, out var summary, "seg", ["--validate", "2"], epochs: SegEpochs, batch: SegBatch, checkCheckpoint: true);
        Assert.Equal(ranks[0], ranks[1]);
        var (train, validation) = HostData.Shapes();
        var reference = new ShapesSegmenter();
        reference.ResetParameters(Seed);
        var options = new TrainerOptions { Epochs = SegEpochs, BatchSize = SegBatch, Seed = Seed, EarlyStoppingPatience = 2 };
        TrainingSummary local = new Trainer<ShapesSegmenter>(reference, new Sgd(0.05f, momentum: 0.9f), options).Fit(train, validation);
        Assert.Equal(local.BestEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture), summary["best_epoch"]);
        Assert.Equal(local.Epochs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), summary["epochs_run"]);
        AssertClose(reference.Parameters.ToArray(), ranks[0]);
    }

    [Fact]
    public void A_missing_mpi_library_fails_with_what_to_install()
    {
        var (exitCode, text) = MpiLauncher.Run(null, ["probe"], Limit, new Dictionary<string, string> { ["SPECIALIZED_MPI_LIBRARY"] = "/nonexistent/libmpi.so.12" });
        Assert.Equal(3, exitCode);
        Assert.Contains("No MPI library could be loaded (tried /nonexistent/libmpi.so.12)", text);
        Assert.Contains("apt-get install mpich libmpich-dev", text);
    }

    private void CheckRanks(int count)
    {
        float[][] ranks = TrainUnderMpi(count, out _);
        for (int r = 1; r < count; r++) Assert.Equal(ranks[0], ranks[r]);
        AssertClose(TrainInProcess(), ranks[0]);
    }

    private void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        output.WriteLine($"largest |difference| {worst:E3} against largest |weight| {scale:F3}");
        // The shards' gradients are summed in another order than one process sums the whole batch, which moves each
        // step's gradient by a few ulps; after 46 to 138 momentum steps the weights differ by at most ~2.4e-7 here (MPICH
        // 4.0, 2 and 4 ranks). 1e-5 leaves room for other reduction algorithms and is ~1000x below what one wrong or
        // missing step changes (~1e-2).
        Assert.True(worst < 1e-5, $"largest |difference| {worst:E3} from the single-process weights; expected < 1e-5");
    }

    private float[][] TrainUnderMpi(int count, out Dictionary<string, string> summary, string[]? extra = null, int epochs = Epochs, bool checkCheckpoint = false) =>
        TrainUnderMpi<DigitsMlp>(count, out summary, "mlp", extra, epochs, BatchSize, checkCheckpoint);

    private float[][] TrainUnderMpi<TModel>(int count, out Dictionary<string, string> summary, string model, string[]? extra, int epochs, int batch, bool checkCheckpoint)
        where TModel : class, IModel, new()
    {
        string directory = Directory.CreateTempSubdirectory("specialized-mpi-").FullName;
        try
        {
            string[] arguments = ["train", model, $"{epochs}", $"{batch}", $"{Seed}", directory, .. extra ?? []];
            var (exitCode, text) = MpiLauncher.Run(count, arguments, Limit);
            output.WriteLine(text);
            Assert.True(exitCode == 0, $"mpiexec -n {count} exited with {exitCode}:\n{text}");
            summary = MpiLauncher.ReadSummary(directory);
            Assert.Equal($"{count}", summary["ranks"]);
            output.WriteLine(string.Join(Environment.NewLine, summary.Select(pair => $"{pair.Key} {pair.Value}")));
            float[][] ranks = Enumerable.Range(0, count).Select(rank => MpiLauncher.ReadRank(directory, rank)).ToArray();
            if (checkCheckpoint)
            {
                // Rank 0 wrote the best epoch's weights, and every rank ended with them restored.
                var checkpoint = new TModel();
                checkpoint.LoadWeights(Path.Combine(directory, "best.safetensors"));
                Assert.Equal(ranks[0], checkpoint.Parameters.ToArray());
            }
            return ranks;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static float[] TrainInProcess()
    {
        var model = new DigitsMlp();
        TrainInProcess(model, null, Epochs);
        return model.Parameters.ToArray();
    }

    private static TrainingSummary TrainInProcess(DigitsMlp model, int? patience, int epochs)
    {
        var (train, validation) = HostData.Digits();
        model.ResetParameters(Seed);
        var options = new TrainerOptions { Epochs = epochs, BatchSize = BatchSize, Seed = Seed, EarlyStoppingPatience = patience };
        return new Trainer<DigitsMlp>(model, new Sgd(0.05f, momentum: 0.9f), options).Fit(train, patience is null ? null : validation);
    }
}
