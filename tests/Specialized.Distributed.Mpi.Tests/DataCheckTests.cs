using Specialized.Models;

namespace Specialized.Distributed.Mpi.Tests;

/// <summary>The data checks every rank runs before any MPI call, so they need no <c>mpiexec</c>.</summary>
public sealed class DataCheckTests
{
    [Fact]
    public void Class_maps_given_to_a_one_label_model_are_refused_naming_the_counts()
    {
        var maps = Dataset.FromLabelMaps(new float[2 * 64], 64, [0, 1, 1, 0], labelsPerSample: 2);

        var error = Assert.Throws<ArgumentException>(() => DistributedTrainer<DigitsMlp>.CheckData(maps, "training"));

        Assert.Equal("training", error.ParamName);
        Assert.StartsWith("training has 2 labels per sample, but the model takes one label per sample.", error.Message);
    }

    [Fact]
    public void A_set_with_the_wrong_feature_count_is_refused_naming_the_input_size()
    {
        var data = Dataset.FromLabels(new float[3 * 5], 5, [0, 1, 2]);

        var error = Assert.Throws<ArgumentException>(() => DistributedTrainer<DigitsMlp>.CheckData(data, "validation"));

        Assert.StartsWith("validation has 5 features per sample; the model expects InputSize = 64.", error.Message);
    }
}
