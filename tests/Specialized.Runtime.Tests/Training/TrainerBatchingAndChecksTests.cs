namespace Specialized.Tests.Training;

/// <summary>Issue 16: batch sizes as PyTorch's DataLoader, MAE divergence, and checkpoint paths checked before training.</summary>
public sealed class TrainerBatchingAndChecksTests
{
    private static Dataset Data(int rows, float nanAt = -1)
    {
        var features = new float[rows * 2];
        var targets = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            features[2 * r] = r;
            features[2 * r + 1] = 1 - r;
            targets[r] = r == nanAt ? float.NaN : 0.5f * r;
        }
        return Dataset.FromTargets(features, 2, targets, 1);
    }

    private static (LinearMaeModel Model, Trainer<LinearMaeModel> Trainer) Create(TrainerOptions options)
    {
        var model = new LinearMaeModel();
        return (model, new Trainer<LinearMaeModel>(model, new Sgd(0.01f), options));
    }

    [Fact]
    public void A_nan_target_with_the_mae_loss_stops_training_with_TrainingDivergedException_not_ArithmeticException()
    {
        var (model, trainer) = Create(new TrainerOptions { Epochs = 2, BatchSize = 10 });
        float[] before = model.Parameters.ToArray();

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Data(10, nanAt: 3)));

        Assert.Equal(1, e.Epoch);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void A_batch_size_larger_than_the_data_trains_on_one_short_batch_per_epoch()
    {
        var (model, trainer) = Create(new TrainerOptions { Epochs = 3, BatchSize = 64 });

        var summary = trainer.Fit(Data(10));

        Assert.Equal([10, 10, 10], model.BatchRows);
        Assert.Equal(3, summary.Epochs.Count);
    }

    [Fact]
    public void The_last_short_batch_is_kept_by_default_and_left_out_with_DropLast()
    {
        var (kept, keeping) = Create(new TrainerOptions { Epochs = 1, BatchSize = 4 });
        keeping.Fit(Data(10));
        Assert.Equal([4, 4, 2], kept.BatchRows);

        var (dropped, dropping) = Create(new TrainerOptions { Epochs = 1, BatchSize = 4, DropLast = true });
        var summary = dropping.Fit(Data(10));
        Assert.Equal([4, 4], dropped.BatchRows);
        Assert.True(double.IsFinite(summary.Epochs[0].TrainingLoss));
    }

    [Fact]
    public void DropLast_with_a_batch_size_larger_than_the_data_is_refused_before_any_work()
    {
        var (model, trainer) = Create(new TrainerOptions { BatchSize = 64, DropLast = true });

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(Data(10)));

        Assert.Contains("DropLast", e.Message);
        Assert.Empty(model.BatchRows);
    }

    [Fact]
    public void A_checkpoint_path_in_a_missing_directory_fails_before_the_first_step()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "best.safetensors");
        var (model, trainer) = Create(new TrainerOptions { Epochs = 2, BatchSize = 4, EarlyStoppingPatience = 1, CheckpointPath = path });

        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(Data(10), Data(4)));

        Assert.Contains("does not exist", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Empty(model.BatchRows);
    }

    [Fact]
    public void A_checkpoint_path_that_is_a_directory_fails_before_the_first_step()
    {
        var (model, trainer) = Create(new TrainerOptions { Epochs = 2, BatchSize = 4, EarlyStoppingPatience = 1, CheckpointPath = Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar) });

        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(Data(10), Data(4)));

        Assert.Contains("is a directory", e.Message);
        Assert.Empty(model.BatchRows);
    }

    [Fact]
    public void MinibatchSampler_follows_the_dataloader_batch_counts()
    {
        Assert.Equal(1, new MinibatchSampler(Data(10), 64, seed: 1).BatchCount);
        Assert.Equal(0, new MinibatchSampler(Data(10), 64, seed: 1, dropLast: true).BatchCount);
        Assert.Equal(3, new MinibatchSampler(Data(10), 4, seed: 1).BatchCount);
        Assert.Equal(2, new MinibatchSampler(Data(10), 4, seed: 1, dropLast: true).BatchCount);
        Assert.Equal(1, new MinibatchSampler(Data(10), int.MaxValue, seed: 1).BatchCount);
    }
}
