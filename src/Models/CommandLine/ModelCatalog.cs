using Specialized.Classical;
using Specialized.Text;

namespace Specialized.Models.CommandLine;

/// <summary>
/// The models the command line knows by name, each with the main job's recipe for it, and the classical
/// algorithms <c>list</c> shows. Adding a declared model to the command line is one line here.
/// </summary>
internal static class ModelCatalog
{
    /// <summary>Every trainable model, in the order <c>list</c> shows them.</summary>
    public static IReadOnlyList<CatalogModel> Models { get; } =
    [
        new NeuralCatalogModel<DigitsMlp>(nameof(DigitsMlp), "64 → Dense 128 ReLU → Dense 64 ReLU → Dense 10", "digits.csv",
            DataPreparation.PixelsOver16, () => new Adam(learningRate: 1e-3f), "Adam 1e-3", epochs: 20, batchSize: 32, cosine: false),
        new NeuralCatalogModel<DigitsCnn>(nameof(DigitsCnn), "1×8×8 → Conv 8@3×3 ReLU → MaxPool 2 → Conv 16@3×3 ReLU → MaxPool 2 → Dense 10", "digits.csv",
            DataPreparation.PixelsOver16, () => new Sgd(learningRate: 0.05f, momentum: 0.9f, weightDecay: 5e-4f), "SGD 0.05, momentum 0.9, weight decay 5e-4",
            epochs: 100, batchSize: 16, cosine: true, new ImageAugmentation(channels: 1, height: 8, width: 8, maxShift: 1)),
        new NeuralCatalogModel<DigitsRowLstm>(nameof(DigitsRowLstm), "8 rows × 8 pixels → LSTM 32 → Dense 10", "digits.csv",
            DataPreparation.PixelsOver16, () => new Adam(learningRate: 3e-3f), "Adam 3e-3", epochs: 40, batchSize: 32, cosine: true),
        new NeuralCatalogModel<DigitsRowGru>(nameof(DigitsRowGru), "8 rows × 8 pixels → GRU 32 → Dense 10", "digits.csv",
            DataPreparation.PixelsOver16, () => new Adam(learningRate: 1e-2f), "Adam 1e-2", epochs: 30, batchSize: 32, cosine: true),
        new NeuralCatalogModel<BreastCancerResNet>(nameof(BreastCancerResNet), "30 → Dense 32 → BatchNorm ReLU → Residual[Dense 32 ReLU, Dense 32] ReLU → Dropout 0.2 → Dense 2",
            "breast_cancer.csv", DataPreparation.Standardize, () => new AdamW(learningRate: 3e-3f, weightDecay: 1e-2f), "AdamW 3e-3, weight decay 1e-2",
            epochs: 60, batchSize: 16, cosine: true),
        new NeuralCatalogModel<WineResNet>(nameof(WineResNet), "13 → Dense 32 → BatchNorm ReLU → Residual[Dense 32 ReLU, Dense 32] ReLU → Dropout 0.2 → Dense 3",
            "wine.csv", DataPreparation.Standardize, () => new AdamW(learningRate: 3e-3f, weightDecay: 1e-2f), "AdamW 3e-3, weight decay 1e-2",
            epochs: 60, batchSize: 16, cosine: true),
        new SvmCatalogModel<DigitsSvm.Kernel>(nameof(DigitsSvm), "kernel SVM, RBF, γ = 0.001, C = 10, 64 features", "digits.csv", () => new DigitsSvm()),
        new SvmCatalogModel<DigitsPolySvm.Kernel>(nameof(DigitsPolySvm), "kernel SVM, (0.001·u·v)³, C = 10, 64 features", "digits.csv", () => new DigitsPolySvm()),
    ];

    /// <summary>The model named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static CatalogModel? Find(string? name) =>
        Models.FirstOrDefault(model => string.Equals(model.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names, for messages.</summary>
    public static string Names => string.Join(", ", Models.Select(model => model.Name));

    /// <summary>The runtime's classical algorithms by family: the type to use and what it does.</summary>
    public static IReadOnlyList<(string Family, string Type, string What)> ClassicalAlgorithms { get; } =
    [
        ("Bayes decisions", nameof(GaussianClassifier), "Gaussian class densities: naive Bayes (diagonal), LDA (shared), QDA (full)"),
        ("Bayes decisions", nameof(BayesClassifier), "Bayes rule over any class densities, with a reject option"),
        ("Densities", nameof(GaussianDensity), "one Gaussian, full / diagonal / shared covariance"),
        ("Densities", nameof(KernelDensity), "Parzen windows, Gaussian kernel"),
        ("Densities", nameof(KnnDensity), "k-nearest-neighbour density"),
        ("Densities", nameof(HistogramDensity), "histogram on a grid of bins"),
        ("Neighbours", nameof(KNearestNeighbors), "k-NN classifier, brute force, vectorized distances"),
        ("Mixtures and clustering", nameof(GaussianMixture), "EM for Gaussian mixtures, k-means++ start, restarts"),
        ("Mixtures and clustering", nameof(KMeans), "Lloyd's k-means, k-means++ seeding"),
        ("Decomposition", nameof(Pca), "PCA, optional whitening"),
        ("Linear", nameof(LeastSquaresClassifier), "least squares on 1-of-K targets (QR, ridge)"),
        ("Linear", nameof(FisherDiscriminant), "Fisher's discriminant, then a shared-covariance Gaussian"),
        ("Linear", nameof(Perceptron), "perceptron, one-vs-rest, pocket"),
        ("Linear", nameof(LogisticRegression), "logistic regression by IRLS (Newton)"),
        ("Linear", nameof(SoftmaxRegression), "softmax regression by L-BFGS"),
        ("Kernel machines", nameof(SupportVectorClassifier), "SVM with a run-time kernel (linear, poly, RBF, sigmoid), LIBSVM's SMO"),
        ("Kernel machines", "[KernelSvm] class", "SVM whose kernel the generator writes for its feature count"),
        ("Trees and ensembles", nameof(DecisionTree), "CART, gini or entropy"),
        ("Trees and ensembles", nameof(RandomForest), "bagged trees on √d features, out-of-bag score"),
        ("Trees and ensembles", nameof(AdaBoost), "AdaBoost SAMME on stumps"),
        ("Trees and ensembles", nameof(GentleBoost), "GentleBoost on regression stumps, one-vs-rest"),
        ("Trees and ensembles", nameof(Committee), "averages classifiers' posteriors"),
        ("Text", nameof(Word2Vec), "word2vec: CBOW or skip-gram, hierarchical softmax or negative sampling"),
    ];
}
