using Specialized.Tests.Training;

namespace Specialized.Tests.Data;

/// <summary>Shifts and flips move pixels exactly, fill with zeros, repeat per seed, allocate nothing, and only touch training batches.</summary>
public class ImageAugmentationTests
{
    // Two 1×3×4 images holding 1..12 and 13..24.
    private static float[] Images() => Enumerable.Range(1, 24).Select(v => (float)v).ToArray();

    private sealed class FixedRandom(params int[] values) : Random
    {
        private int _next;
        public override int Next(int minValue, int maxValue) => values[_next++ % values.Length];
        public override int Next(int maxValue) => values[_next++ % values.Length];
    }

    [Fact]
    public void A_shift_moves_every_pixel_and_fills_with_zeros()
    {
        var augmentation = new ImageAugmentation(channels: 1, height: 3, width: 4, maxShift: 1);
        float[] batch = Images();
        augmentation.Apply(batch, rows: 1, sampleSize: 12, new FixedRandom(1, -1)); // dx = +1 (right), dy = −1 (up)
        Assert.Equal([0, 5, 6, 7, 0, 9, 10, 11, 0, 0, 0, 0], batch[..12]);
        Assert.Equal(Enumerable.Range(13, 12).Select(v => (float)v), batch[12..]); // rows beyond `rows` untouched
    }

    [Fact]
    public void A_flip_mirrors_each_row()
    {
        var augmentation = new ImageAugmentation(channels: 2, height: 3, width: 2, maxShift: 0, flipHorizontally: true);
        float[] batch = Enumerable.Range(1, 12).Select(v => (float)v).ToArray();
        augmentation.Apply(batch, rows: 1, sampleSize: 12, new FixedRandom(0, 0, 1));
        Assert.Equal([2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11], batch);
    }

    [Fact]
    public void The_same_seed_gives_the_same_batch_and_nothing_is_allocated()
    {
        var augmentation = new ImageAugmentation(channels: 1, height: 8, width: 8, maxShift: 2, flipHorizontally: true);
        float[] a = Enumerable.Range(0, 5 * 64).Select(v => (float)v).ToArray(), b = (float[])a.Clone();
        augmentation.Apply(a, 5, 64, new Random(3));
        augmentation.Apply(b, 5, 64, new Random(3));
        Assert.Equal(a, b);
        var random = new Random(4);
        augmentation.Apply(a, 5, 64, random);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) augmentation.Apply(a, 5, 64, random);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        // Shifts keep the pixel multiset minus what falls off: sums never grow.
        Assert.All(Enumerable.Range(0, 5), r => Assert.True(a.AsSpan(r * 64, 64).ToArray().All(v => v >= 0)));
    }

    [Fact]
    public void Bad_arguments_name_the_problem()
    {
        Assert.Equal("maxShift", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(1, 4, 4, maxShift: 4)).ParamName);
        var augmentation = new ImageAugmentation(1, 4, 4);
        Assert.Equal("sampleSize", Assert.Throws<ArgumentException>(() => augmentation.Apply(new float[32], 2, 15, new Random(1))).ParamName);
        Assert.Equal("batch", Assert.Throws<ArgumentException>(() => augmentation.Apply(new float[31], 2, 16, new Random(1))).ParamName);
    }

    private sealed class Counting : IBatchAugmentation
    {
        public long Rows { get; private set; }

        public void Apply(Span<float> batch, int rows, int sampleSize, Random random)
        {
            Rows += rows;
            batch.Slice(0, rows * sampleSize).Fill(0.5f); // visible if it ever leaked into the data set
        }
    }

    [Fact]
    public void The_trainer_augments_training_batches_only_and_leaves_the_data_set_alone()
    {
        var features = Enumerable.Range(0, 40).Select(v => v / 40f).ToArray();
        var targets = Enumerable.Range(0, 20).Select(v => v / 20f).ToArray();
        var train = Dataset.FromTargets(features, 2, targets, 1);
        var validation = Dataset.FromTargets(features[..10], 2, targets[..5], 1);
        float[] copy = (float[])features.Clone();
        var counting = new Counting();
        new Trainer<LinearMaeModel>(new LinearMaeModel(), new Sgd(0.01f), new TrainerOptions { Epochs = 3, BatchSize = 8, Augmentation = counting }).Fit(train, validation);
        Assert.Equal(3 * 20, counting.Rows);
        Assert.Equal(copy, train.Features);
    }
}
