namespace Specialized.Tests.Training;

/// <summary>Issue 18: the trainer trains per-pixel models on sets of class maps (<see cref="Dataset.FromLabelMaps"/>).</summary>
public sealed class TrainerPerPixelTests
{
    private const int Pixels = 9;

    // Random pixel values in [0, 1); the true class of a pixel is 1 where it is brighter than 0.5.
    private static Dataset Maps(int samples, int seed)
    {
        var random = new Random(seed);
        var features = new float[samples * Pixels];
        var labels = new int[samples * Pixels];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = (float)random.NextDouble();
            labels[i] = features[i] > 0.5f ? 1 : 0;
        }
        return Dataset.FromLabelMaps(features, Pixels, labels, Pixels);
    }

    private static TrainingSummary Train(PixelThresholdModel model, int seed, Dataset? validation = null, int? patience = null) =>
        new Trainer<PixelThresholdModel>(model, new Sgd(2f), new TrainerOptions { Epochs = 30, BatchSize = 8, Seed = seed, EarlyStoppingPatience = patience })
            .Fit(Maps(60, seed: 1), validation);

    [Fact]
    public void A_per_pixel_model_trains_through_the_trainer_and_its_loss_falls()
    {
        var model = new PixelThresholdModel();
        var validation = Maps(30, seed: 2);
        double before = ModelEvaluation.Evaluate(model, validation).Loss;

        var summary = Train(model, seed: 5, validation);

        Assert.True(summary.Epochs[^1].TrainingLoss < 0.6 * summary.Epochs[0].TrainingLoss,
            $"training loss {summary.Epochs[0].TrainingLoss} → {summary.Epochs[^1].TrainingLoss}");
        var (loss, accuracy) = ModelEvaluation.Evaluate(model, validation);
        Assert.True(loss < before, $"validation loss {before} → {loss}");
        Assert.True(accuracy > 0.9, $"pixel accuracy {accuracy}");
        // The reported validation accuracy is per pixel: the fraction of 30 × 9 pixels right, as SegmentationMetrics counts it.
        int[] predicted = SegmentationMetrics.PredictPixels(model, validation.Features);
        Assert.Equal(SegmentationMetrics.PixelAccuracy(predicted, validation.Labels), accuracy!.Value, 12);
    }

    [Fact]
    public void Early_stopping_restores_the_best_epochs_weights_of_a_per_pixel_model()
    {
        var model = new PixelThresholdModel();
        var validation = Maps(30, seed: 2);

        var summary = Train(model, seed: 5, validation, patience: 3);

        double best = summary.Epochs.Min(e => e.ValidationLoss!.Value);
        Assert.Equal(best, ModelEvaluation.Evaluate(model, validation).Loss, 6);
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_other_weights()
    {
        var first = new PixelThresholdModel();
        var second = new PixelThresholdModel();
        var third = new PixelThresholdModel();

        Train(first, seed: 5);
        Train(second, seed: 5);
        Train(third, seed: 6);

        Assert.Equal(first.Parameters.ToArray(), second.Parameters.ToArray());
        Assert.NotEqual(first.Parameters.ToArray(), third.Parameters.ToArray());
    }

    [Fact]
    public void A_set_of_one_label_per_sample_is_refused_naming_the_labels_per_sample_the_model_takes()
    {
        var maps = Maps(4, seed: 1);
        var oneEach = Dataset.FromLabels(maps.Features, Pixels, [0, 1, 0, 1]);
        var trainer = new Trainer<PixelThresholdModel>(new PixelThresholdModel(), new Sgd(0.1f));

        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(oneEach));

        Assert.Equal("training", e.ParamName);
        Assert.Contains("1 labels per sample", e.Message);
        Assert.Contains("9 labels (one class map) per sample", e.Message);
        Assert.Contains("FromLabelMaps", e.Message);
    }

    [Fact]
    public void Label_maps_of_the_wrong_size_are_refused_naming_the_expected_count()
    {
        var features = new float[4 * Pixels];

        var e = Assert.Throws<ArgumentException>(() => Dataset.FromLabelMaps(features, Pixels, new int[4 * Pixels - 1], Pixels));

        Assert.Equal("labels", e.ParamName);
        Assert.Contains($"expected 4 samples × 9 labels per sample = {4 * Pixels}", e.Message);
    }

    [Fact]
    public void A_class_map_label_outside_the_models_classes_is_refused_naming_the_sample_and_pixel()
    {
        var labels = new int[3 * Pixels];
        labels[Pixels + 4] = 2;
        var data = Dataset.FromLabelMaps(new float[3 * Pixels], Pixels, labels, Pixels);
        var trainer = new Trainer<PixelThresholdModel>(new PixelThresholdModel(), new Sgd(0.1f));

        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(data));

        Assert.Contains("row 1, pixel 4 has label 2", e.Message);
        Assert.Contains("[0, 2)", e.Message);
    }

    [Fact]
    public void Subsets_and_splits_keep_each_samples_whole_class_map()
    {
        var data = Maps(10, seed: 3);

        var (train, test) = data.SplitByRowIndex(5, 4);

        Assert.Equal(Pixels, test.LabelsPerSample);
        Assert.Equal(2 * Pixels, test.Labels.Length);
        Assert.Equal(data.Labels.AsSpan(4 * Pixels, Pixels).ToArray(), test.Labels.AsSpan(0, Pixels).ToArray());
        Assert.Equal(data.Labels.AsSpan(9 * Pixels, Pixels).ToArray(), test.Labels.AsSpan(Pixels, Pixels).ToArray());
        Assert.Equal(8 * Pixels, train.Labels.Length);
    }
}
