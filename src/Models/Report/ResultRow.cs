namespace Specialized.Models.Report;

/// <summary>
/// One line of the main job's table: what ran, on which data, how well, how fast, and the
/// reference figure (PyTorch, scikit-learn, LIBSVM on this machine) it is meant to match or beat.
/// </summary>
/// <param name="Algorithm">The model or algorithm with its key settings, e.g. "k-means (k = 10, k-means++)".</param>
/// <param name="Data">The data set and split, e.g. "digits test".</param>
/// <param name="Quality">The quality figure with its unit, e.g. "98.6% accuracy".</param>
/// <param name="Time">Fit and/or predict time with units, e.g. "fit 12.1 ms".</param>
/// <param name="Reference">The reference figure from docs/REFERENCE.md, e.g. "sklearn 98.61%, 35.3 µs/row".</param>
public sealed record ResultRow(string Algorithm, string Data, string Quality, string Time, string Reference);
