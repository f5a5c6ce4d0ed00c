using Specialized.Classical;
using Specialized.Models.Plots;

namespace Specialized.Models.Sections;

/// <summary>
/// The main job's pictures: the digits MLP's loss and accuracy per epoch, a confusion matrix, and the
/// course's 2-D figures — a kernel SVM's regions, boundary, margins and support vectors on the breast-cancer
/// set, a Gaussian mixture's ellipses and k-means regions on iris — each set standardized and projected
/// onto its first two principal components. About a second.
/// </summary>
public static class FiguresSection
{
    /// <summary>Draws every figure into <paramref name="outputDirectory"/> and returns the files written.</summary>
    /// <param name="dataDirectory">The folder holding digits.csv, breast_cancer.csv and iris.csv.</param>
    /// <param name="outputDirectory">Where the PNGs go; created when missing.</param>
    /// <param name="confusion">The confusion matrix to draw, with its title; null draws the plotted MLP's own.</param>
    /// <param name="segmentation">A trained segmenter's held-out result to draw as input, truth and prediction; null draws none.</param>
    public static IReadOnlyList<string> Run(string dataDirectory, string outputDirectory, (ConfusionMatrix Matrix, string Title)? confusion = null,
        SegmentationSection.Result? segmentation = null)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        string Path(string name)
        {
            string path = System.IO.Path.Combine(outputDirectory, name);
            written.Add(path);
            return path;
        }

        // The foundation recipe (Adam 1e-3, batch 32, 20 epochs), held-out split scored after every epoch.
        var (train, test) = Dataset.LoadClassification(System.IO.Path.Combine(dataDirectory, "digits.csv")).Scale(1f / 16).SplitByRowIndex(5, 4);
        var mlp = new DigitsMlp();
        TrainingSummary summary = new Trainer<DigitsMlp>(mlp, new Adam(learningRate: 1e-3f), new TrainerOptions { Epochs = 20, BatchSize = 32, Seed = 1 })
            .Fit(train, validation: test);
        TrainingCurvesPlot.SaveLoss(summary.Epochs, Path("mlp_loss.png"), "DigitsMlp on the digits");
        TrainingCurvesPlot.SaveAccuracy(summary.Epochs, Path("mlp_accuracy.png"), "DigitsMlp on the digits");
        var (matrix, title) = confusion ?? (new ConfusionMatrix(test.Labels, ModelEvaluation.PredictClasses(mlp, test.Features), DigitsMlp.OutputSize),
            "DigitsMlp, digits test split");
        ConfusionMatrixPlot.Save(matrix, Path("confusion_matrix.png"), title);

        // A soft-margin RBF machine on two principal components of the standardized breast-cancer features, training rows only.
        PlanePoints cancer = PlanePoints.Project(Dataset.LoadClassification(System.IO.Path.Combine(dataDirectory, "breast_cancer.csv")));
        PlanePoints cancerTrain = cancer.Subset(Enumerable.Range(0, cancer.Count).Where(i => i % 5 != 4).ToArray());
        var svm = new SupportVectorClassifier(SvmKernel.Rbf, c: 1, gamma: 0.1);
        svm.Fit(cancerTrain.Coordinates, 2, cancerTrain.Labels);
        SupportVectorPlot.Save(svm, cancerTrain, Path("svm_breast_cancer.png"),
            "RBF SVM (C = 1, γ = 0.1) on the breast-cancer training rows", ["malignant", "benign"]);

        // Three full-covariance components and three clusters on iris's first two principal components.
        PlanePoints iris = PlanePoints.Project(Dataset.LoadClassification(System.IO.Path.Combine(dataDirectory, "iris.csv")));
        var mixture = new GaussianMixture(componentCount: 3, CovarianceKind.Full, regularization: 1e-6, maxIterations: 200, seed: 0);
        mixture.Fit(iris.Coordinates, 2);
        MixturePlot.Save(mixture, iris, Path("gmm_iris.png"), "Gaussian mixture, 3 full components (1σ solid, 2σ dashed), on iris");
        var kmeans = new KMeans(clusterCount: 3, seed: 0);
        kmeans.Fit(iris.Coordinates, 2);
        KMeansPlot.Save(kmeans, iris, Path("kmeans_iris.png"), "k-means, k = 3, on iris: regions nearest each centre");

        if (segmentation is not null) SegmentationSection.SaveFigure(segmentation, Path("segmentation_shapes.png"));
        return written;
    }
}
