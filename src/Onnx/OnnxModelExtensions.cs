namespace Specialized.Onnx;

/// <summary><c>model.ExportOnnx(path)</c> and <c>model.LoadWeightsFromOnnx(path)</c> on every generated model.</summary>
public static class OnnxModelExtensions
{
    /// <summary>Writes the model as an ONNX file, atomically; see <see cref="OnnxExporter"/>.</summary>
    /// <exception cref="NotSupportedException">A node cannot be exported (the message names it).</exception>
    public static void ExportOnnx<TModel>(this TModel model, string path) where TModel : IModel => OnnxExporter.Export(model, path);

    /// <summary>Replaces the model's tensors with an ONNX file's initializers; on any error nothing changes. See <see cref="OnnxWeights.Load"/>.</summary>
    /// <exception cref="InvalidDataException">An initializer is missing, misshapen or of another type, or the file is not ONNX.</exception>
    public static void LoadWeightsFromOnnx<TModel>(this TModel model, string path, IReadOnlyDictionary<string, string>? nameMap = null) where TModel : IModel =>
        OnnxWeights.Load(model, path, nameMap);
}
