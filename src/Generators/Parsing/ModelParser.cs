using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Specialized.Generators.Diagnostics;
using Specialized.Generators.Infrastructure;
using static Specialized.Generators.Parsing.DeclarationReader;

namespace Specialized.Generators.Parsing;

/// <summary>
/// Reads a [Model] type into a <see cref="ModelSpec"/>, checking every argument. All validation
/// happens here, where the attribute syntax is at hand, so every diagnostic points at the offending
/// argument and the later stages cannot fail.
/// </summary>
internal static class ModelParser
{
    public const string ModelAttributeName = "Specialized.ModelAttribute";
    public const string LayerAttributeName = "Specialized.LayerAttribute";
    private const string DenseName = "Specialized.DenseAttribute";
    private const string BatchNormName = "Specialized.BatchNormAttribute";
    private const string DropoutName = "Specialized.DropoutAttribute";
    private const string ResidualName = "Specialized.ResidualAttribute";
    private const string Conv2DName = "Specialized.Conv2DAttribute";
    private const string MaxPoolName = "Specialized.MaxPoolAttribute";
    private const string AvgPoolName = "Specialized.AvgPoolAttribute";
    private const string GlobalAvgPoolName = "Specialized.GlobalAvgPoolAttribute";
    private const string RnnName = "Specialized.RnnAttribute";
    private const string LstmName = "Specialized.LstmAttribute";
    private const string GruName = "Specialized.GruAttribute";
    private const string BranchesName = "Specialized.BranchesAttribute";
    private const string ConcatFromName = "Specialized.ConcatFromAttribute";
    private const string ConvTranspose2DName = "Specialized.ConvTranspose2DAttribute";
    private const string UpsampleName = "Specialized.UpsampleAttribute";
    private const long MaxParameters = int.MaxValue - 1024;

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        try
        {
            return Parse(type, declaration, context.Attributes.First(), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The generator never throws: an unexpected failure becomes a diagnostic and no source.
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.From(declaration.Identifier.GetLocation()),
                type.Name, exception.GetType().Name + ": " + exception.Message);
            return new ParseResult(null, new[] { diagnostic }.ToEquatableArray());
        }
    }

    private static ParseResult Parse(INamedTypeSymbol type, TypeDeclarationSyntax declaration, AttributeData model, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        var attributes = type.GetAttributes();
        var layers = attributes.Where(a => DerivesFrom(a, LayerAttributeName)).ToList();

        // The compiler already reports a malformed attribute or a declaration without a name; guesses of our own would only confuse.
        if (declaration.Identifier.IsMissing || IsBroken(model) || layers.Any(IsBroken)) return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);

        CheckType(type, declaration, diagnostics);
        var allModels = attributes.Where(a => Is(a, ModelAttributeName)).ToList();
        if (allModels.Count > 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateModel, Locate(allModels[1]) ?? classLocation, type.Name));

        EquatableArray<int> input = ReadInputShape(model, classLocation, diagnostics);
        int lossValue = Named(model, "Loss", 0);
        CheckEnum<LossKind>(lossValue, "Model Loss", "Loss", Argument(model, "Loss", -1), diagnostics);
        int seed = Named(model, "Seed", 42);
        if (seed < 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeSeed, Argument(model, "Seed", -1), seed));
        int naming = Named(model, "Naming", 0);
        CheckEnum<TensorNamingKind>(naming, "Model Naming", "TensorNaming", Argument(model, "Naming", -1), diagnostics);

        var reader = new LayerReader(layers, (TensorNamingKind)naming, diagnostics, cancellationToken);
        var specs = reader.ReadList(layers.Count, prefix: "", new HashSet<string>(StringComparer.Ordinal));

        if (specs.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, classLocation, type.Name));
        }
        else if (diagnostics.Count == 0)
        {
            var shape = Planning.ShapeCheck.Run(input, specs);
            foreach (var problem in shape.Problems)
            {
                AttributeData attribute = reader.AttributeOf(problem.Layer);
                var location = problem.Argument is null ? Locate(attribute) : Argument(attribute, problem.Argument, problem.Position);
                diagnostics.Add(DiagnosticInfo.Create(problem.Descriptor, location ?? classLocation, problem.Arguments));
            }
            if (shape.Parameters > MaxParameters)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelTooLarge, classLocation, type.Name, shape.Parameters));
            CheckLossFitsOutput((LossKind)lossValue, shape, Argument(model, "Loss", -1) ?? classLocation, diagnostics);
            CheckStreaming(model, type.Name, input, specs, classLocation, diagnostics);
        }

        if (diagnostics.Count > 0) return new ParseResult(null, diagnostics.ToEquatableArray());
        var spec = new ModelSpec(Namespace(type), type.Name, Accessibility(type), Keyword(declaration), input, (LossKind)lossValue, seed, specs.ToEquatableArray());
        return new ParseResult(spec, EquatableArray<DiagnosticInfo>.Empty);
    }

    // Streaming = true asks for the step API: a model that cannot have it is an error, not a model without Step.
    private static void CheckStreaming(AttributeData model, string name, EquatableArray<int> input, IReadOnlyList<LayerSpec> layers, LocationInfo? classLocation, List<DiagnosticInfo> diagnostics)
    {
        if (!Named(model, "Streaming", false)) return;
        if (Planning.StreamingCheck.WhyNot(input, layers) is { } why)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CannotStream, Argument(model, "Streaming", -1) ?? classLocation, name, why.Reason, why.Fix));
    }

    // One input shape: Input (a vector), all of Channels, Height and Width (an image), or Sequence and Features (a sequence); each size at least 1.
    private static EquatableArray<int> ReadInputShape(AttributeData model, LocationInfo? classLocation, List<DiagnosticInfo> diagnostics)
    {
        string[][] groups = [["Input"], ["Channels", "Height", "Width"], ["Sequence", "Features"]];
        bool Given(string name) => model.NamedArguments.Any(a => a.Key == name);
        var used = groups.Where(g => g.Any(Given)).ToList();
        if (used.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, Locate(model) ?? classLocation, "Model Input", 0));
            return new[] { 0 }.ToEquatableArray();
        }
        if (used.Count > 1)
        {
            var names = used.SelectMany(g => g.Where(Given)).ToList();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputShape, Argument(model, names[0], -1) ?? classLocation, "gives " + string.Join(", ", names) + " together"));
            return new[] { 0 }.ToEquatableArray();
        }
        string[] group = used[0];
        if (!group.All(Given))
        {
            var given = group.Where(Given).ToList();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputShape, Argument(model, given[0], -1) ?? classLocation,
                $"gives {string.Join(" and ", given)} but not {string.Join(" and ", group.Except(given))}"));
            return new[] { 0 }.ToEquatableArray();
        }
        int[] sizes = group.Select(n => Named(model, n, 0)).ToArray();
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] <= 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, Argument(model, group[i], -1) ?? classLocation, "Model " + group[i], sizes[i]));
        }
        return sizes.ToEquatableArray();
    }

    private static void CheckLossFitsOutput(LossKind loss, Planning.ShapeCheck.Result shape, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        bool needsLogits = loss is LossKind.SoftmaxCrossEntropy or LossKind.BinaryCrossEntropy or LossKind.Hinge;
        if (needsLogits && shape.LastActivation != ActivationKind.Identity)
        {
            string own = loss switch
            {
                LossKind.SoftmaxCrossEntropy => "softmax",
                LossKind.BinaryCrossEntropy => "sigmoid",
                _ => "margin on raw scores",
            };
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossAfterActivation, location, $"Loss.{loss}", own, shape.LastActivation));
        }
        if (loss == LossKind.SoftmaxCrossEntropy && shape.OutputSize == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNeedsTwoOutputs, location, shape.OutputSize));
        // An image output is classified per pixel over its channels.
        else if (loss == LossKind.SoftmaxCrossEntropy && Planning.Shapes.IsImage(shape.OutputShape) && shape.OutputShape[0] == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNeedsTwoOutputs, location, shape.OutputShape[0]));
    }

    /// <summary>Reads layer attributes in order, a block taking the layers that follow it as its body.</summary>
    private sealed class LayerReader(List<AttributeData> attributes, TensorNamingKind naming, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        private int _next;
        private readonly List<(LayerSpec Spec, AttributeData Attribute)> _origins = [];

        /// <summary>The attribute a spec was read from (by reference: two equal specs are still two layers).</summary>
        public AttributeData AttributeOf(LayerSpec spec) => _origins.First(o => ReferenceEquals(o.Spec, spec)).Attribute;

        /// <summary>Reads up to <paramref name="count"/> layers into one list whose names start with <paramref name="prefix"/>.</summary>
        public List<LayerSpec> ReadList(int count, string prefix, HashSet<string> names)
        {
            var list = new List<LayerSpec>();
            int position = 0;
            while (list.Count < count && _next < attributes.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                AttributeData attribute = attributes[_next++];
                string name = prefix + position.ToString(CultureInfo.InvariantCulture);
                LayerSpec? layer = Read(attribute, name, names, list.Count);
                if (layer is null) continue;
                _origins.Add((layer, attribute));
                list.Add(layer);
                position += naming == TensorNamingKind.Sequential && HasActivationModule(layer) ? 2 : 1;
            }
            return list;
        }

        // In an nn.Sequential a fused activation is a module of its own; a residual block applies its activation inside.
        private static bool HasActivationModule(LayerSpec layer) => layer switch
        {
            DenseSpec d => d.Activation != ActivationKind.Identity,
            BatchNormSpec b => b.Activation != ActivationKind.Identity,
            Conv2DSpec c => c.Activation != ActivationKind.Identity,
            ConvTranspose2DSpec t => t.Activation != ActivationKind.Identity,
            _ => false,
        };

        // index: the layer's place in its list, which a [ConcatFrom] names.
        private LayerSpec? Read(AttributeData attribute, string defaultName, HashSet<string> names, int index)
        {
            string what = $"{Kind(attribute)} layer {defaultName}";
            string name = CheckName(attribute, defaultName, what, names);
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case DenseName:
                {
                    int units = Positional(attribute, 0, 0);
                    if (units <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, Argument(attribute, "units", 0), $"{what} units", units));
                    int activation = Positional(attribute, 1, 0);
                    CheckEnum<ActivationKind>(activation, $"{what} activation", "Activation", Argument(attribute, "activation", 1), diagnostics);
                    int initializer = Named(attribute, "Init", 0);
                    CheckEnum<InitializerKind>(initializer, $"{what} Init", "Initializer", Argument(attribute, "Init", -1), diagnostics);
                    return new DenseSpec(name, units, (ActivationKind)activation, (InitializerKind)initializer, Named(attribute, "Bias", true));
                }
                case BatchNormName:
                {
                    int activation = Positional(attribute, 0, 0);
                    CheckEnum<ActivationKind>(activation, $"{what} activation", "Activation", Argument(attribute, "activation", 0), diagnostics);
                    double momentum = Named(attribute, "Momentum", 0.1), epsilon = Named(attribute, "Epsilon", 1e-5);
                    if (!(momentum > 0 && momentum <= 1))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionOutOfRange, Argument(attribute, "Momentum", -1), $"{what} Momentum", R(momentum), "in (0, 1] (PyTorch's default is 0.1)"));
                    if (!(epsilon > 0 && epsilon < 1))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionOutOfRange, Argument(attribute, "Epsilon", -1), $"{what} Epsilon", R(epsilon), "in (0, 1) (PyTorch's default is 1e-5)"));
                    return new BatchNormSpec(name, (ActivationKind)activation, momentum, epsilon);
                }
                case DropoutName:
                {
                    double p = Positional(attribute, 0, double.NaN);
                    if (!(p >= 0 && p < 1))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionOutOfRange, Argument(attribute, "probability", 0), $"{what} probability", R(p), "in [0, 1): the probability of dropping a value (1 would drop everything)"));
                    return new DropoutSpec(name, p);
                }
                case Conv2DName:
                {
                    int filters = Positional(attribute, 0, 0), kernel = Positional(attribute, 1, 0);
                    if (filters <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, Argument(attribute, "filters", 0), $"{what} filters", filters));
                    if (kernel <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, Argument(attribute, "kernel", 1), $"{what} kernel", kernel));
                    int activation = Positional(attribute, 2, 0);
                    CheckEnum<ActivationKind>(activation, $"{what} activation", "Activation", Argument(attribute, "activation", 2), diagnostics);
                    int initializer = Named(attribute, "Init", 0);
                    CheckEnum<InitializerKind>(initializer, $"{what} Init", "Initializer", Argument(attribute, "Init", -1), diagnostics);
                    var (stride, padding) = StrideAndPadding(attribute, what, isPool: false, kernel);
                    return new Conv2DSpec(name, filters, kernel, stride, padding, (ActivationKind)activation, (InitializerKind)initializer, Named(attribute, "Bias", true));
                }
                case MaxPoolName or AvgPoolName:
                {
                    int kernel = Positional(attribute, 0, 0);
                    if (kernel <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, Argument(attribute, "kernel", 0), $"{what} kernel", kernel));
                    var (stride, padding) = StrideAndPadding(attribute, what, isPool: true, kernel);
                    return new PoolSpec(name, attribute.AttributeClass?.ToDisplayString() == MaxPoolName, kernel, stride, padding);
                }
                case GlobalAvgPoolName:
                    return new GlobalAvgPoolSpec(name);
                case RnnName or LstmName or GruName:
                {
                    var kind = attribute.AttributeClass?.ToDisplayString() switch { RnnName => RecurrentKind.Rnn, LstmName => RecurrentKind.Lstm, _ => RecurrentKind.Gru };
                    int hidden = Positional(attribute, 0, 0);
                    if (hidden <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, Argument(attribute, "hidden", 0), $"{what} hidden", hidden));
                    var activation = ActivationKind.Identity;
                    if (kind == RecurrentKind.Rnn)
                    {
                        int value = Positional(attribute, 1, (int)ActivationKind.Tanh);
                        CheckEnum<ActivationKind>(value, $"{what} activation", "Activation", Argument(attribute, "activation", 1), diagnostics);
                        activation = (ActivationKind)value;
                        if (activation is not (ActivationKind.Tanh or ActivationKind.Relu) && Enum.IsDefined(typeof(ActivationKind), value))
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionOutOfRange, Argument(attribute, "activation", 1), $"{what} activation", activation, "Activation.Tanh or Activation.Relu, as PyTorch's RNN nonlinearity"));
                    }
                    return new RecurrentSpec(name, kind, hidden, Named(attribute, "ReturnSequences", false), activation);
                }
                case ResidualName:
                {
                    int count = Named(attribute, "Layers", 0);
                    int activation = Named(attribute, "Activation", 0);
                    CheckEnum<ActivationKind>(activation, $"{what} Activation", "Activation", Argument(attribute, "Activation", -1), diagnostics);
                    if (count <= 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, Argument(attribute, "Layers", -1), $"{what} Layers", count));
                        return null;
                    }
                    int available = attributes.Count - _next;
                    var body = ReadList(count, name + ".body.", names);
                    if (body.Count < count)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockPastEnd, Argument(attribute, "Layers", -1), what, count, available));
                    return new ResidualSpec(name, (ActivationKind)activation, body.ToEquatableArray());
                }
                case BranchesName or ConcatFromName or ConvTranspose2DName or UpsampleName:
                    return ReadGraphLayer(attribute, name, what, names, index);
                default:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownLayer, Locate(attribute), attribute.AttributeClass?.Name ?? "?"));
                    return null;
            }
        }

        // The layers beyond a chain: Inception branches, skip concatenation and the decoder's upsampling.
        private LayerSpec? ReadGraphLayer(AttributeData attribute, string name, string what, HashSet<string> names, int index)
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case BranchesName:
                {
                    var counts = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
                        ? attribute.ConstructorArguments[0].Values.Select(v => v.Value is int count ? count : -1).ToList()
                        : [];
                    var location = Argument(attribute, "layers", 0);
                    string? problem = counts.Count < 2 ? $"declares {counts.Count} branch(es)"
                        : counts.FirstOrDefault(c => c < 0) is int negative && negative < 0 ? $"gives a branch {negative} layers"
                        : null;
                    if (problem is not null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BranchCounts, location, what, problem));
                        return null;
                    }
                    int total = counts.Sum(), available = attributes.Count - _next;
                    var branches = new List<BranchSpec>();
                    for (int b = 0; b < counts.Count; b++)
                        branches.Add(new BranchSpec(ReadList(counts[b], name + ".branches." + b.ToString(CultureInfo.InvariantCulture) + ".", names).ToEquatableArray()));
                    if (branches.Where((branch, b) => branch.Layers.Count < counts[b]).Any())
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BranchesPastEnd, location, what, total, available));
                    return new BranchesSpec(name, branches.ToEquatableArray());
                }
                case ConcatFromName:
                {
                    int source = Positional(attribute, 0, -1);
                    if (source < 0 || source >= index)
                    {
                        string cause = source < 0 ? "positions start at 0" : source == index ? "that is this layer itself" : $"layer {source} comes after it";
                        string range = index == 0 ? "none: it is the first layer of its list" : $"0 to {index - 1}";
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConcatFromNotEarlier, Argument(attribute, "layer", 0), name, source, cause, range));
                        return null;
                    }
                    return new ConcatFromSpec(name, source);
                }
                case ConvTranspose2DName:
                {
                    int filters = Positional(attribute, 0, 0), kernel = Positional(attribute, 1, 0);
                    if (filters <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, Argument(attribute, "filters", 0), $"{what} filters", filters));
                    if (kernel <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, Argument(attribute, "kernel", 1), $"{what} kernel", kernel));
                    int activation = Positional(attribute, 2, 0);
                    CheckEnum<ActivationKind>(activation, $"{what} activation", "Activation", Argument(attribute, "activation", 2), diagnostics);
                    int initializer = Named(attribute, "Init", 0);
                    CheckEnum<InitializerKind>(initializer, $"{what} Init", "Initializer", Argument(attribute, "Init", -1), diagnostics);
                    int stride = Named(attribute, "Stride", 1), padding = Named(attribute, "Padding", 0), outputPadding = Named(attribute, "OutputPadding", 0);
                    if (stride <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TransposedConvArgument, Argument(attribute, "Stride", -1), what, $"has Stride {stride}", "the stride must be at least 1"));
                    if (padding < 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TransposedConvArgument, Argument(attribute, "Padding", -1), what, $"has Padding {padding}", "the padding must be 0 or more"));
                    if (outputPadding < 0 || (stride > 0 && outputPadding >= stride))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TransposedConvArgument, Argument(attribute, "OutputPadding", -1), what, $"has OutputPadding {outputPadding}",
                            $"it must be 0 or more and less than the Stride ({stride}), as PyTorch requires"));
                    return new ConvTranspose2DSpec(name, filters, kernel, Math.Max(stride, 1), Math.Max(padding, 0), Math.Max(outputPadding, 0),
                        (ActivationKind)activation, (InitializerKind)initializer, Named(attribute, "Bias", true));
                }
                default:
                {
                    int factor = Positional(attribute, 0, 0);
                    if (factor < 2)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UpsampleArgument, Argument(attribute, "factor", 0), what, factor));
                    return new UpsampleSpec(name, factor);
                }
            }
        }

        // Stride at least 1 (a pool's 0 or unset means its kernel, as PyTorch's stride=None), padding 0 or more.
        private (int Stride, int Padding) StrideAndPadding(AttributeData attribute, string what, bool isPool, int kernel)
        {
            int stride = Named(attribute, "Stride", isPool ? 0 : 1), padding = Named(attribute, "Padding", 0);
            if (isPool && stride == 0) stride = kernel;
            if (stride <= 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionOutOfRange, Argument(attribute, "Stride", -1), $"{what} Stride", stride, "at least 1"));
            if (padding < 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OptionOutOfRange, Argument(attribute, "Padding", -1), $"{what} Padding", padding, "0 or more"));
            return (Math.Max(stride, 1), Math.Max(padding, 0));
        }

        private string CheckName(AttributeData attribute, string defaultName, string what, HashSet<string> names)
        {
            string? given = Named<string?>(attribute, "Name", null);
            string name = given?.Trim() ?? defaultName;
            string? problem = name.Length == 0 ? "is empty"
                : !IsStateDictName(name) ? "is not a module path: use letters, digits, '_' and '-' in segments joined by single dots"
                : !names.Add(name) ? "is used by another layer"
                : null;
            if (problem is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTensorName, Argument(attribute, "Name", -1), what, name, problem));
            return name;
        }

        private static string Kind(AttributeData attribute)
        {
            string name = attribute.AttributeClass?.Name ?? "Layer";
            return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }
    }

    // PyTorch state_dict keys are dotted module paths: non-empty segments of letters, digits, '_' and '-'.
    // Anything else could not round-trip and would need escaping in the generated literals and XML docs.
    private static bool IsStateDictName(string name)
    {
        foreach (string segment in name.Split('.'))
        {
            if (segment.Length == 0) return false;
            foreach (char c in segment)
            {
                if (!(char.IsLetterOrDigit(c) && c < 128) && c != '_' && c != '-') return false;
            }
        }
        return true;
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
