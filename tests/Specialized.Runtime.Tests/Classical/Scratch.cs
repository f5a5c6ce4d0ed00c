using Specialized.Classical;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;
namespace Specialized.Tests.Classical;
public class Scratch
{
    [Fact]
    public void Explore()
    {
        foreach (var set in new[] { "iris", "wine", "breast_cancer", "digits" })
        {
            var (train, test) = Load(set);
            var accs = Enumerable.Range(0, 10).Select(s => { var f = new RandomForest(100, seed: s); f.Fit(train.Features, train.FeatureCount, train.Labels); return (Accuracy(f, test.Features, test.Labels), f.OutOfBagScore); }).ToArray();
            Console.WriteLine($"{set} RF acc {string.Join(" ", accs.Select(a => a.Item1.ToString("F4")))} mean {accs.Average(a => a.Item1):F4}; oob mean {accs.Average(a => a.Item2):F4} sk {Value(set, "random_forest100")}");
            var d3 = Enumerable.Range(0, 10).Select(s => { var f = new DecisionTree(maxDepth: 3, seed: s); f.Fit(train.Features, train.FeatureCount, train.Labels); return Accuracy(f, test.Features, test.Labels); }).ToArray();
            Console.WriteLine($"{set} d3 {string.Join(" ", d3.Select(a => a.ToString("F4")))} sk {Number(set, "dtree_gini_max_depth3")}");
            var ent = Enumerable.Range(0, 30).Select(s => { var f = new DecisionTree(SplitCriterion.Entropy, seed: s); f.Fit(train.Features, train.FeatureCount, train.Labels); return Accuracy(f, test.Features, test.Labels); }).ToArray();
            Console.WriteLine($"{set} ent min {ent.Min():F4} max {ent.Max():F4} mean {ent.Average():F4} sk {Number(set, "dtree_entropy")}");
            var ada = new AdaBoost(50); ada.Fit(train.Features, train.FeatureCount, train.Labels);
            Console.WriteLine($"{set} ada {Accuracy(ada, test.Features, test.Labels):F4} rounds {ada.StumpWeights.Count} sk {Number(set, "adaboost")}");
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var lda = new FisherDiscriminant(); lda.Fit(train.Features, train.FeatureCount, train.Labels);
            Console.WriteLine($"{set} lda {Accuracy(lda, test.Features, test.Labels):F4} sk {Number(set, "lda")}");
            var (xs, ts) = Standardize(train, test);
            var per = new Perceptron(); per.Fit(xs, train.FeatureCount, train.Labels);
            Console.WriteLine($"{set} perceptron {Accuracy(per, ts, test.Labels):F4} epochs {per.EpochsRun} sk {Number(set, "perceptron")}");
            sw.Restart();
            var sm = new SoftmaxRegression(); sm.Fit(xs, train.FeatureCount, train.Labels);
            Console.WriteLine($"{set} softmax std {Accuracy(sm, ts, test.Labels):F4} it {sm.Iterations} conv {sm.Converged} {sw.ElapsedMilliseconds} ms sk {Number(set, "logreg_C1_acc")}");
            var ls = new LeastSquaresClassifier(ridge: 1); ls.Fit(train.Features, train.FeatureCount, train.Labels);
            Console.WriteLine($"{set} ls {Accuracy(ls, test.Features, test.Labels):F4}");
            var gb = new GentleBoost(100); gb.Fit(train.Features, train.FeatureCount, train.Labels);
            Console.WriteLine($"{set} gentle {Accuracy(gb, test.Features, test.Labels):F4}");
        }
        {
            var (train, test) = Load("digits");
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var sm = new SoftmaxRegression(maxIterations: 1000); sm.Fit(train.Features, train.FeatureCount, train.Labels);
            Console.WriteLine($"digits raw softmax {Accuracy(sm, test.Features, test.Labels):F4} it {sm.Iterations} conv {sm.Converged} {sw.ElapsedMilliseconds} ms");
            var ada = new AdaBoost(200); sw.Restart(); ada.Fit(train.Features, train.FeatureCount, train.Labels);
            Console.WriteLine($"digits ada200 {Accuracy(ada, test.Features, test.Labels):F4} {sw.ElapsedMilliseconds} ms");
        }
        {
            var (train, test) = Load("breast_cancer");
            var (xs, ts) = Standardize(train, test);
            var lr = new LogisticRegression(); lr.Fit(xs, train.FeatureCount, train.Labels);
            var coef = Value("breast_cancer", "logreg_C1_binary_coef");
            var sk = coef[0].EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Console.WriteLine($"bc newton it {lr.Iterations} maxdiff {sk.Zip(lr.Coefficients).Max(p => Math.Abs(p.First - p.Second)):E3} intercept {lr.Intercept} vs {coef[1].GetDouble()}");
            var gd = new LogisticRegression(solver: LogisticSolver.GradientDescent, tolerance: 1e-5); var sw = System.Diagnostics.Stopwatch.StartNew(); gd.Fit(xs, train.FeatureCount, train.Labels);
            Console.WriteLine($"bc gd it {gd.Iterations} conv {gd.Converged} maxdiff {sk.Zip(gd.Coefficients).Max(p => Math.Abs(p.First - p.Second)):E3} {sw.ElapsedMilliseconds} ms");
        }
    }
}
